// Staff chat and briefings. Plain JS, no build step, no external assets: it must work offline on the intranet.

import { T } from "/static/i18n.js";

const KINDS = ["plan", "mou", "asean", "law", "guide", "other"];
const $ = (sel) => document.querySelector(sel);
const state = { lang: sessionStorage.getItem("lang") || "en", history: [], briefing: null, docs: [] };

function t(key, vars = {}) {
  let s = T[state.lang][key] ?? T.en[key] ?? key;
  for (const [k, v] of Object.entries(vars)) s = s.replace(`{${k}}`, v);
  return s;
}
function kindName(kind) { return T[state.lang].kinds[kind] || kind; }
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v; else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

// --- language ------------------------------------------------------------------------------------------------------
function applyLanguage() {
  document.documentElement.lang = state.lang;
  document.querySelectorAll("[data-i18n]").forEach((n) => { n.textContent = t(n.dataset.i18n); });
  document.querySelectorAll("[data-i18n-placeholder]").forEach((n) => { n.placeholder = t(n.dataset.i18nPlaceholder); });
  $("#lang").textContent = state.lang === "en" ? "ไทย" : "English";
  for (const sel of ["#f-kind", "#b-kind"]) {
    for (const opt of $(sel).options) if (opt.value) opt.textContent = kindName(opt.value);
  }
}

// --- API calls: key, errors in plain words --------------------------------------------------------------------------
class ApiError extends Error {}
function headers(json = true) {
  const h = json ? { "Content-Type": "application/json" } : {};
  const key = sessionStorage.getItem("apiKey");
  if (key) h.Authorization = `Bearer ${key}`;
  return h;
}
async function problemText(res) {
  let detail = "";
  try { const body = await res.json(); detail = body.detail || body.title || ""; } catch (_) { /* not JSON */ }
  if (res.status === 401) return t("unauthorized");
  if (res.status === 403) return t("forbidden");
  if (res.status === 429) return t("rateLimited", { s: res.headers.get("Retry-After") || "60" });
  if (res.status === 408 || res.status === 504) return t("timeout");
  if (res.status >= 500) return t("serverError");
  return t("badRequest", { d: detail || res.statusText });
}
async function api(path, options = {}, retried = false) {
  let res;
  try {
    res = await fetch(path, { ...options, headers: { ...headers(options.body !== undefined), ...(options.headers || {}) } });
  } catch (_) {
    throw new ApiError(t("down"));
  }
  if (res.status === 401 && !retried && (await askForKey())) return api(path, options, true);
  if (!res.ok) throw new ApiError(await problemText(res));
  return res;
}
function showStatus(message) {
  const box = $("#status");
  box.textContent = message || "";
  box.hidden = !message;
}
function askForKey() {
  return new Promise((resolve) => {
    const dialog = $("#key-dialog");
    $("#key-input").value = "";
    dialog.addEventListener("close", () => {
      const key = $("#key-input").value.trim();
      if (dialog.returnValue === "ok" && key) { sessionStorage.setItem("apiKey", key); resolve(true); } else resolve(false);
    }, { once: true });
    dialog.showModal();
  });
}

// --- citations -----------------------------------------------------------------------------------------------------
function fileUrl(c) {
  const id = c.doc_id || c.source;
  const base = `/api/v1/documents/${encodeURIComponent(id)}/file`;
  return c.page ? `${base}#page=${c.page}` : base;
}
function where(c) { return c.page ? `${t("page")} ${c.page}` : t("noPage"); }
function openCitation(c, opener) {
  $("#cite-title").textContent = `[${c.n}] ${c.title}`;
  $("#cite-meta").textContent = `${kindName(c.kind)} · ${c.source} · ${where(c)}`;
  $("#cite-text").textContent = c.text;
  const link = $("#cite-link");
  link.href = fileUrl(c);
  link.textContent = t("openFile");
  link.onclick = openWithKey;
  const dialog = $("#cite-dialog");
  dialog.addEventListener("close", () => opener && opener.focus(), { once: true });
  dialog.showModal();
}
// A plain link cannot send the API key: with a key, fetch the file and open it from memory at the same page.
async function openWithKey(event) {
  if (!sessionStorage.getItem("apiKey")) return;
  event.preventDefault();
  const [path, hash] = event.currentTarget.getAttribute("href").split("#");
  const tab = window.open("", "_blank");
  try {
    const blob = await (await api(path)).blob();
    const url = URL.createObjectURL(blob) + (hash ? `#${hash}` : "");
    if (tab) tab.location.href = url; else window.location.href = url;
  } catch (err) {
    if (tab) tab.close();
    showStatus(err instanceof ApiError ? err.message : t("down"));
  }
}
// Turn each [n] of the text into a button that opens citation n; other text stays plain text (never HTML).
function withCitationButtons(text, citations) {
  const byN = new Map(citations.map((c) => [c.n, c]));
  const frag = document.createDocumentFragment();
  let last = 0;
  for (const m of text.matchAll(/\[(\d+)\]/g)) {
    const c = byN.get(Number(m[1]));
    if (!c) continue;
    frag.append(text.slice(last, m.index));
    const button = el("button", { type: "button", class: "cite-btn", "aria-label": `${t("sources")} ${c.n}: ${c.title}, ${where(c)}` }, `[${c.n}]`);
    button.addEventListener("click", () => openCitation(c, button));
    frag.append(button);
    last = m.index + m[0].length;
  }
  frag.append(text.slice(last));
  return frag;
}
function sourceList(citations, heading) {
  const list = el("ol", { class: "sources", "aria-label": heading });
  for (const c of citations) {
    const b = el("button", { type: "button" }, `${c.title} — ${where(c)}`);
    b.addEventListener("click", () => openCitation(c, b));
    list.append(el("li", { value: String(c.n) }, b));
  }
  return list;
}

// --- chat (SSE over fetch + ReadableStream) -------------------------------------------------------------------------
function filters() {
  const kind = $("#f-kind").value, doc = $("#f-doc").value;
  if (!kind && !doc) return null;
  const f = {};
  if (kind) f.kinds = [kind];
  if (doc) f.doc_ids = [doc];
  return f;
}
function addMessage(role) {
  const hint = $("#hint");
  if (hint) hint.remove();
  const text = el("p", { class: "text" });
  const msg = el("div", { class: `msg ${role}` }, el("p", { class: "who" }, t(role === "user" ? "you" : "assistant")), text);
  $("#log").append(msg);
  return { msg, text };
}
function* sseEvents(buffer) {
  let idx;
  while ((idx = buffer.text.search(/\r?\n\r?\n/)) >= 0) {
    const block = buffer.text.slice(0, idx);
    buffer.text = buffer.text.slice(idx).replace(/^\r?\n\r?\n/, "");
    let event = "message", data = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith("event:")) event = line.slice(6).trim();
      else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
    }
    yield { event, data: data.join("\n") };
  }
}
function parse(data) { try { return JSON.parse(data); } catch (_) { return data; } }
function renderAnswer(view, answer) {
  view.text.replaceChildren();
  if (!answer.found) {
    view.msg.classList.add("notfound");
    view.text.append(el("strong", {}, t("notFound")), " ", answer.answer && answer.answer !== t("notFound") ? answer.answer : "");
    if (answer.related && answer.related.length) {
      view.msg.append(el("p", { class: "who" }, t("related")), sourceList(answer.related, t("related")));
    }
    return;
  }
  view.text.append(withCitationButtons(answer.answer, answer.citations || []));
  if (answer.citations && answer.citations.length) view.msg.append(sourceList(answer.citations, t("sources")));
}
async function ask(question) {
  showStatus("");
  addMessage("user").text.textContent = question;
  const view = addMessage("assistant");
  view.text.textContent = t("thinking");
  state.history.push({ role: "user", content: question });
  const body = { messages: state.history.slice(-10), stream: true };
  const f = filters();
  if (f) body.filters = f;
  let answer = null, streamed = "";
  try {
    const res = await api("/api/v1/chat", { method: "POST", body: JSON.stringify(body), headers: { Accept: "text/event-stream" } });
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    const buffer = { text: "" };
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer.text += decoder.decode(value, { stream: true });
      for (const { event, data } of sseEvents(buffer)) {
        const payload = parse(data);
        if (event === "token") {
          streamed += typeof payload === "string" ? payload : payload.text ?? payload.token ?? payload.delta ?? "";
          view.text.textContent = streamed;
        } else if (event === "answer") {
          answer = payload.answer !== undefined && typeof payload.answer === "object" ? payload.answer : payload;
        } else if (event === "error") {
          throw new ApiError(payload.detail || payload.message || t("serverError"));
        }
      }
    }
    if (!answer) throw new ApiError(t("serverError"));
    renderAnswer(view, answer);
    state.history.push({ role: "assistant", content: answer.answer });
  } catch (err) {
    view.msg.remove();
    state.history.pop();
    showStatus(err instanceof ApiError ? err.message : t("down"));
  }
}

// --- briefings -----------------------------------------------------------------------------------------------------
function briefBody(format) {
  const body = { topic: $("#topic").value.trim(), length: $("#b-length").value };
  const kind = $("#b-kind").value;
  if (kind) body.kinds = [kind];
  if (format) body.format = format;
  return body;
}
function bulletList(bullets, citations) {
  const list = el("ul");
  for (const b of bullets) {
    const text = b.citations.length ? `${b.text} ${b.citations.map((n) => `[${n}]`).join("")}` : b.text;
    list.append(el("li", {}, withCitationButtons(text, citations)));
  }
  return list;
}
function renderBriefing(b) {
  const out = $("#brief-out");
  out.replaceChildren(el("h2", {}, b.title), el("p", { class: "cite-meta" }, `${b.date} · ${t("modeNote", { m: b.mode })}`));
  if (b.fallback_reason) out.append(el("p", { class: "cite-meta" }, b.fallback_reason));
  if (!b.summary.length) { out.append(el("p", {}, el("strong", {}, t("noBrief")))); return; }
  out.append(el("h3", {}, t("summary")), bulletList(b.summary, b.citations));
  for (const s of b.sections) out.append(el("h3", {}, s.heading), bulletList(s.bullets, b.citations));
  out.append(el("h3", {}, t("sources")), sourceList(b.citations, t("sources")));
}
async function makeBriefing() {
  showStatus("");
  $("#brief-go").disabled = true;
  $("#brief-busy").textContent = t("making");
  try {
    const res = await api("/api/v1/briefings", { method: "POST", body: JSON.stringify(briefBody()) });
    state.briefing = await res.json();
    renderBriefing(state.briefing);
    $("#brief-dl").hidden = !state.briefing.summary.length;
  } catch (err) {
    showStatus(err instanceof ApiError ? err.message : t("down"));
  } finally {
    $("#brief-go").disabled = false;
    $("#brief-busy").textContent = "";
  }
}
async function download(format) {
  showStatus("");
  try {
    const res = await api(`/api/v1/briefings/download?format=${format}`, { method: "POST", body: JSON.stringify(briefBody()) });
    const blob = await res.blob();
    const name = (res.headers.get("Content-Disposition") || "").match(/filename="?([^";]+)"?/);
    const a = el("a", { href: URL.createObjectURL(blob), download: name ? name[1] : `briefing.${format}` });
    document.body.append(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  } catch (err) {
    showStatus(err instanceof ApiError ? err.message : t("down"));
  }
}

// --- documents -----------------------------------------------------------------------------------------------------
async function loadDocuments() {
  try {
    const res = await api("/api/v1/documents");
    const body = await res.json();
    state.docs = body.documents || body;
  } catch (err) {
    showStatus(err.message);
    return;
  }
  renderDocuments();
}
function renderDocuments() {
  const rows = $("#docs tbody");
  rows.replaceChildren();
  const docSelect = $("#f-doc");
  const chosen = docSelect.value;
  for (const opt of [...docSelect.options]) if (opt.value) opt.remove();
  for (const d of state.docs) {
    const ingested = d.ingested_at || d.ingested || "";
    rows.append(el("tr", {}, el("td", {}, d.title), el("td", {}, kindName(d.kind)), el("td", {}, d.date || ""),
      el("td", {}, d.language), el("td", {}, d.pages || ""), el("td", {}, ingested ? new Date(ingested).toLocaleString() : "")));
    docSelect.append(el("option", { value: d.doc_id }, d.title));
  }
  docSelect.value = chosen;
}

// --- tabs and wiring -----------------------------------------------------------------------------------------------
function selectTab(tab) {
  for (const t2 of document.querySelectorAll("[role=tab]")) {
    const on = t2 === tab;
    t2.setAttribute("aria-selected", String(on));
    t2.tabIndex = on ? 0 : -1;
    $(`#${t2.getAttribute("aria-controls")}`).hidden = !on;
  }
  tab.focus();
}
function init() {
  for (const sel of ["#f-kind", "#b-kind"]) for (const k of KINDS) $(sel).append(el("option", { value: k }, k));
  applyLanguage();
  const tabs = [...document.querySelectorAll("[role=tab]")];
  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => selectTab(tab));
    tab.addEventListener("keydown", (e) => {
      const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
      if (step) selectTab(tabs[(i + step + tabs.length) % tabs.length]);
    });
  });
  $("#lang").addEventListener("click", () => {
    state.lang = state.lang === "en" ? "th" : "en";
    sessionStorage.setItem("lang", state.lang);
    applyLanguage();
    if (state.briefing) renderBriefing(state.briefing);
    renderDocuments();
  });
  $("#key-button").addEventListener("click", () => askForKey().then((ok) => ok && loadDocuments()));
  $("#ask-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const q = $("#question").value.trim();
    if (!q) return;
    $("#question").value = "";
    ask(q);
  });
  $("#question").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); $("#ask-form").requestSubmit(); }
  });
  $("#brief-form").addEventListener("submit", (e) => { e.preventDefault(); makeBriefing(); });
  for (const b of document.querySelectorAll("#brief-dl button")) b.addEventListener("click", () => download(b.dataset.format));
  loadDocuments();
}
init();  // modules run after the document is parsed
