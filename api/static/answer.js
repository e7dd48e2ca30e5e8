// One answer on screen: the direct answer with [n] buttons, then one source card per document and page, and the
// passage dialog that marks the supporting sentences (the citation's `highlights`) and scrolls to them.

import { $, ApiError, api, el, kindName, showStatus, t } from "/static/core.js";

function fileUrl(c, download = false) {
  const base = `/api/v1/documents/${encodeURIComponent(c.doc_id || c.source)}/file`;
  if (download) return `${base}?download=true`;
  return c.page ? `${base}#page=${c.page}` : base;
}
export function where(c) { return c.page ? `${t("page")} ${c.page}` : t("noPage"); }

// The passage text with each highlight span wrapped in <mark>; everything else stays plain text (never HTML).
function marked(text, spans) {
  const frag = document.createDocumentFragment();
  let last = 0;
  for (const [start, end] of [...(spans || [])].sort((a, b) => a[0] - b[0])) {
    if (start < last || end <= start) continue;
    frag.append(text.slice(last, start), el("mark", {}, text.slice(start, end)));
    last = end;
  }
  frag.append(text.slice(last));
  return frag;
}

export function openCitation(c, opener) {
  $("#cite-title").textContent = `[${c.n}] ${c.title}`;
  $("#cite-meta").textContent = `${kindName(c.kind)} · ${c.source} · ${where(c)}`;
  const quote = $("#cite-text");
  quote.replaceChildren(marked(c.text, c.highlights));
  const link = $("#cite-link");
  link.href = fileUrl(c);
  link.textContent = c.page ? t("openOriginal", { p: c.page }) : t("openWhole");
  link.onclick = openWithKey;
  const save = $("#cite-download");
  save.href = fileUrl(c, true);
  save.textContent = t("downloadFile");
  save.onclick = openWithKey;
  const dialog = $("#cite-dialog");
  dialog.addEventListener("close", () => opener && opener.focus(), { once: true });
  dialog.showModal();
  const first = quote.querySelector("mark");
  quote.scrollTop = 0;
  if (first) quote.scrollTop = Math.max(0, first.offsetTop - quote.offsetTop - quote.clientHeight / 3);
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

// Turn each [n] of the text into a button that opens citation n, with a hover/focus preview of the sentence.
export function withCitationButtons(text, citations) {
  const byN = new Map(citations.map((c) => [c.n, c]));
  const frag = document.createDocumentFragment();
  let last = 0;
  for (const m of text.matchAll(/\[(\d+)\]/g)) {
    const c = byN.get(Number(m[1]));
    if (!c) continue;
    frag.append(text.slice(last, m.index));
    const preview = `${c.title}, ${where(c)}: ${snippetText(c)}`;
    const button = el("button", { type: "button", class: "cite-btn", "aria-label": `${t("sources")} ${c.n}: ${c.title}, ${where(c)}`,
      "data-preview": preview.length > 220 ? `${preview.slice(0, 219)}…` : preview }, `[${c.n}]`);
    button.addEventListener("click", () => openCitation(c, button));
    frag.append(button);
    last = m.index + m[0].length;
  }
  frag.append(text.slice(last));
  return frag;
}
function snippetText(c) {
  const h = (c.highlights || [])[0];
  return (h ? c.text.slice(h[0], h[1]) : c.text).replace(/\s+/g, " ").trim();
}

// Citations grouped by document and page, in the order first cited: one card each.
export function sourceGroups(citations) {
  const groups = new Map();
  for (const c of citations) {
    const key = `${c.doc_id || c.source}#${c.page ?? ""}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(c);
  }
  return [...groups.values()];
}
function snippet(c) {
  const h = (c.highlights || [])[0];
  const start = h ? h[0] : 0;  // the supporting sentence opens the snippet, so the two lines show it
  const shown = c.text.slice(start, start + 600);
  const spans = (c.highlights || []).map(([a, b]) => [a - start, Math.min(b - start, shown.length)]).filter(([a, b]) => a >= 0 && b > a);
  return el("p", { class: "snippet" }, start > 0 ? "…" : "", marked(shown, spans));
}
export function sourceCards(citations, heading) {
  const list = el("ul", { class: "cards", "aria-label": heading });
  for (const group of sourceGroups(citations)) {
    const c = group.find((x) => (x.highlights || []).length) || group[0];
    const numbers = group.map((x) => `[${x.n}]`).join("");
    const card = el("button", { type: "button", class: "card" },
      el("span", { class: "card-head" }, el("span", { class: `badge kind-${c.kind}` }, kindName(c.kind)),
        el("span", { class: "card-n" }, numbers), el("span", { class: "card-title" }, c.title),
        el("span", { class: "card-page" }, where(c))),
      snippet(c));
    card.addEventListener("click", () => openCitation(c, card));
    list.append(el("li", {}, card));
  }
  return list;
}

export function answerAsText(question, answer) {
  const lines = [`${t("question")}: ${question}`, "", answer.answer, ""];
  const cited = answer.found ? answer.citations || [] : answer.related || [];
  if (cited.length) lines.push(`${t("sources")}:`);
  for (const group of sourceGroups(cited)) {
    const c = group[0];
    lines.push(`${group.map((x) => `[${x.n}]`).join("")} ${c.title} (${c.source}), ${where(c)}`);
  }
  return lines.join("\n");
}

// The body of an assistant message: direct answer first, "Searched for" under a rewritten follow-up, then cards.
export function renderAnswer(box, question, answer) {
  box.replaceChildren();
  if (answer.question && answer.question.trim() !== question.trim()) {
    box.append(el("p", { class: "searched" }, t("searchedFor", { q: answer.question })));
  }
  if (!answer.found) {
    box.classList.add("notfound");
    const extra = answer.answer && answer.answer !== t("notFound") ? answer.answer : "";
    box.append(el("p", { class: "text" }, el("strong", {}, t("notFound")), " ", extra));
    if (answer.related && answer.related.length) box.append(el("p", { class: "who" }, t("related")), sourceCards(answer.related, t("related")));
    return;
  }
  box.append(el("p", { class: "text direct" }, withCitationButtons(answer.answer, answer.citations || [])));
  if (answer.citations && answer.citations.length) box.append(sourceCards(answer.citations, t("sources")));
}
