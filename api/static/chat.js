// The conversation: turns kept in the browser's localStorage (a reload keeps them, "New chat" starts another),
// streamed over fetch + SSE with Stop, errors shown under their question with Retry, Copy and Regenerate.

import { $, ApiError, api, el, state, t } from "/static/core.js";
import { answerAsText, renderAnswer } from "/static/answer.js";

const STORE = "bma-chats";
const KEEP = 30;  // conversations kept in the history list
const chat = { current: null, busy: null };  // busy: the AbortController of the question being answered

function loadAll() {
  try { return JSON.parse(localStorage.getItem(STORE) || "[]"); } catch (_) { return []; }
}
function saveAll(list) {
  try { localStorage.setItem(STORE, JSON.stringify(list.slice(0, KEEP))); } catch (_) { /* storage full: keep going */ }
}
// Only answered turns are stored: an error or a stopped question is not part of the record.
function persist() {
  const conv = chat.current;
  const turns = conv.turns.filter((x) => x.answer);
  const others = loadAll().filter((c) => c.id !== conv.id);
  if (turns.length) others.unshift({ id: conv.id, title: turns[0].question.slice(0, 80), updated: Date.now(), turns });
  saveAll(others);
  renderHistory();
}
function newConversation() {
  return { id: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`, turns: [] };
}

export function renderHistory() {
  const list = $("#history-list");
  list.replaceChildren();
  const all = loadAll();
  if (!all.length) list.append(el("li", { class: "muted" }, t("noHistory")));
  for (const conv of all) {
    const open = el("button", { type: "button", class: "link", "aria-current": String(chat.current && conv.id === chat.current.id) },
      conv.title || t("untitled"));
    open.addEventListener("click", () => { stop(); chat.current = conv; $("#history").open = false; renderLog(); });
    const del = el("button", { type: "button", class: "link muted", "aria-label": `${t("deleteChat")}: ${conv.title}` }, "×");
    del.addEventListener("click", () => {
      saveAll(loadAll().filter((c) => c.id !== conv.id));
      if (chat.current && chat.current.id === conv.id) startNewChat(); else renderHistory();
    });
    list.append(el("li", {}, open, del));
  }
}

export function startNewChat() {
  stop();
  chat.current = newConversation();
  renderLog();
  $("#question").focus();
}

function turnView(turn, index, last) {
  const user = el("div", { class: "msg user" }, el("p", { class: "who" }, t("you")), el("p", { class: "text" }, turn.question));
  const items = [user];
  if (turn.error) {
    const retry = el("button", { type: "button", class: "retry" }, t("retry"));
    retry.addEventListener("click", () => retryTurn(index));
    items.push(el("div", { class: "msg error", role: "alert" }, el("p", { class: "text" }, turn.error), retry));
    return items;
  }
  const body = el("div", { class: "body" });
  const msg = el("div", { class: "msg assistant" }, el("p", { class: "who" }, t("assistant")), body);
  if (turn.answer) {
    renderAnswer(body, turn.question, turn.answer);
    if (!turn.answer.found) msg.classList.add("notfound");
    const copy = el("button", { type: "button", class: "small" }, t("copy"));
    copy.addEventListener("click", () => copyText(answerAsText(turn.question, turn.answer), copy));
    const actions = el("div", { class: "actions" }, copy);
    if (last) {
      const again = el("button", { type: "button", class: "small regenerate" }, t("regenerate"));
      again.addEventListener("click", () => retryTurn(index));
      actions.append(again);
    }
    msg.append(actions);
  } else {
    body.append(el("p", { class: "text" }, turn.streamed || t("thinking")));
  }
  items.push(msg);
  return items;
}

// Everything is drawn from the turns, so a language switch relabels earlier messages too.
export function renderLog() {
  const log = $("#log");
  const turns = chat.current ? chat.current.turns : [];
  log.replaceChildren(...turns.flatMap((turn, i) => turnView(turn, i, i === turns.length - 1)));
  $("#start").hidden = turns.length > 0;
  renderHistory();
}

async function copyText(text, button) {
  try {
    await navigator.clipboard.writeText(text);
  } catch (_) {  // no clipboard permission: fall back to a selected text area
    const area = el("textarea", { class: "sr-only" });
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
  button.textContent = t("copied");
  setTimeout(() => { button.textContent = t("copy"); }, 1500);
}

function retryTurn(index) {
  const turn = chat.current.turns[index];
  chat.current.turns.splice(index);  // this turn and anything after it
  persist();
  ask(turn.question, turn.filters);
}

export function stop() {
  if (chat.busy) chat.busy.abort();
}
function setBusy(controller) {
  chat.busy = controller;
  $("#send").hidden = Boolean(controller);
  $("#stop").hidden = !controller;
}

function* sseEvents(buffer) {
  let idx;
  while ((idx = buffer.text.search(/\r?\n\r?\n/)) >= 0) {
    const block = buffer.text.slice(0, idx);
    buffer.text = buffer.text.slice(idx).replace(/^\r?\n\r?\n/, "");
    let event = "message";
    const data = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith("event:")) event = line.slice(6).trim();
      else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
    }
    yield { event, data: data.join("\n") };
  }
}
function parse(data) { try { return JSON.parse(data); } catch (_) { return data; } }

function history(conv) {
  const msgs = [];
  for (const x of conv.turns) if (x.answer) msgs.push({ role: "user", content: x.question }, { role: "assistant", content: x.answer.answer });
  return msgs.slice(-9);
}

function scrollToLast() {
  const last = $("#log").lastElementChild;
  if (last) last.scrollIntoView({ block: "start", behavior: "instant" });
}

export async function ask(question, filters) {
  if (chat.busy) return;
  if (!chat.current) chat.current = newConversation();
  const conv = chat.current;
  const turn = filters ? { question, filters } : { question };
  const body = { messages: [...history(conv), { role: "user", content: question }], stream: true };
  if (filters) body.filters = filters;
  conv.turns.push(turn);
  renderLog();
  scrollToLast();
  const controller = new AbortController();
  setBusy(controller);
  try {
    const res = await api("/api/v1/chat", { method: "POST", body: JSON.stringify(body), headers: { Accept: "text/event-stream" }, signal: controller.signal });
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    const buffer = { text: "" };
    let streamed = "";
    const live = () => $("#log").lastElementChild.querySelector(".body .text");
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer.text += decoder.decode(value, { stream: true });
      for (const { event, data } of sseEvents(buffer)) {
        const payload = parse(data);
        if (event === "token") {
          streamed += typeof payload === "string" ? payload : payload.text ?? "";
          turn.streamed = streamed;
          if (chat.current === conv && live()) live().textContent = streamed;
        } else if (event === "answer") {
          turn.answer = payload;
        } else if (event === "error") {
          throw new ApiError(payload.detail || payload.message || t("serverError"));
        }
      }
    }
    if (!turn.answer) throw new ApiError(t("serverError"));
    delete turn.streamed;
  } catch (err) {
    delete turn.streamed;
    turn.error = err && err.name === "AbortError" ? t("stopped") : err instanceof ApiError ? err.message : t("down");
    if (chat.current === conv) $("#question").value = question;  // the question is back in the box to edit or resend
  } finally {
    setBusy(null);
  }
  persist();
  if (chat.current !== conv) return;
  renderLog();
  const views = $("#log").children;
  const answerView = views[views.length - 1];
  if (answerView) answerView.scrollIntoView({ block: "start", behavior: "instant" });
}

export function initChat() {
  const all = loadAll();
  chat.current = all.length ? all[0] : newConversation();  // a reload returns to the latest conversation
  renderLog();
  $("#new-chat").addEventListener("click", startNewChat);
  $("#stop").addEventListener("click", stop);
}
