// Staff chat and briefings. Plain JS modules, no build step, no external assets: it must work offline on the intranet.

import { $, ApiError, api, askForKey, el, kindName, showKeyButton, showStatus, state, t } from "/static/core.js";
import { sourceCards, withCitationButtons } from "/static/answer.js";
import { ask, initChat, renderLog } from "/static/chat.js";

const KINDS = ["plan", "mou", "asean", "law", "guide", "other"];
const page = { briefing: null, docs: [], overview: null };

// --- language and theme --------------------------------------------------------------------------------------------
function applyLanguage() {
  document.documentElement.lang = state.lang;
  document.querySelectorAll("[data-i18n]").forEach((n) => { n.textContent = t(n.dataset.i18n); });
  document.querySelectorAll("[data-i18n-placeholder]").forEach((n) => { n.placeholder = t(n.dataset.i18nPlaceholder); });
  $("#lang").textContent = state.lang === "en" ? "ไทย" : "English";
  for (const sel of ["#f-kind", "#b-kind"]) {
    for (const opt of $(sel).options) if (opt.value) opt.textContent = kindName(opt.value);
  }
  applyTheme();
  countFilters();
}
function darkNow() {
  const chosen = localStorage.getItem("theme");
  return chosen ? chosen === "dark" : window.matchMedia("(prefers-color-scheme: dark)").matches;
}
function applyTheme() {
  const dark = darkNow();
  document.documentElement.dataset.theme = dark ? "dark" : "light";
  $("#theme").setAttribute("aria-pressed", String(dark));
  $("#theme").setAttribute("aria-label", t("theme"));  // a toggle: pressed = dark
  $("#theme").title = dark ? t("themeLight") : t("theme");
}

// --- filters (folded behind "Filters (n)" on narrow screens) -------------------------------------------------------
function filters() {
  const kind = $("#f-kind").value, doc = $("#f-doc").value;
  if (!kind && !doc) return null;
  const f = {};
  if (kind) f.kinds = [kind];
  if (doc) f.doc_ids = [doc];
  return f;
}
function countFilters() {
  const n = [$("#f-kind").value, $("#f-doc").value].filter(Boolean).length;
  $("#filters-summary").textContent = t("filters", { n });
}

// --- start screen: what is held and example questions from the documents -------------------------------------------
async function loadOverview() {
  try {
    page.overview = await (await api(`/api/v1/overview?lang=${state.lang}`)).json();
  } catch (err) {
    if (err instanceof ApiError) showStatus(err.message);
    return;
  }
  renderOverview();
}
function renderOverview() {
  const o = page.overview;
  if (!o) return;
  const parts = Object.entries(o.kinds).map(([k, n]) => `${n} ${kindName(k)}`).join(", ");
  const list = el("button", { type: "button", class: "link" }, t("seeList"));
  list.addEventListener("click", () => selectTab($("#tab-docs")));
  $("#holds").replaceChildren(`${t("holds", { n: o.documents })} ${parts}. `, list);
  const examples = $("#examples");
  examples.replaceChildren();
  for (const ex of o.examples) {
    const b = el("button", { type: "button", class: "example" }, ex.question);
    b.addEventListener("click", () => ask(ex.question, filters()));
    examples.append(el("li", {}, b));
  }
}

// --- briefings -----------------------------------------------------------------------------------------------------
function briefBody(format) {
  const body = { topic: $("#topic").value.trim(), length: $("#b-length").value, language: state.lang };
  const kind = $("#b-kind").value;
  if (kind) body.kinds = [kind];
  if (format) body.format = format;
  return body;
}
// "Ask about this": the chat, limited to the point's first source document, with the point as the question.
function askAbout(bullet, citations) {
  const c = citations.find((x) => x.n === bullet.citations[0]);
  selectTab($("#tab-chat"));
  if (c && c.doc_id) { $("#f-doc").value = c.doc_id; countFilters(); }
  $("#question").value = bullet.text;
  $("#question").focus();
}
function bulletList(bullets, citations) {
  const list = el("ul");
  for (const b of bullets) {
    const text = b.citations.length ? `${b.text} ${b.citations.map((n) => `[${n}]`).join("")}` : b.text;
    const item = el("li", {}, withCitationButtons(text, citations));
    if (b.citations.length) {
      const more = el("button", { type: "button", class: "link small" }, t("askAbout"));
      more.addEventListener("click", () => askAbout(b, citations));
      item.append(" ", more);
    }
    list.append(item);
  }
  return list;
}
function renderBriefing(b) {
  const out = $("#brief-out");
  out.replaceChildren(el("h2", {}, b.title), el("p", { class: "cite-meta" }, b.date));
  if (!b.summary.length) { out.append(el("p", {}, el("strong", {}, t("noBrief")))); return; }
  out.append(el("h3", {}, t("summary")), bulletList(b.summary, b.citations));
  for (const s of b.sections) out.append(el("h3", {}, s.heading), bulletList(s.bullets, b.citations));
  out.append(el("h3", {}, t("sources")), sourceCards(b.citations, t("sources")));
}
async function makeBriefing() {
  showStatus("");
  $("#brief-go").disabled = true;
  $("#brief-busy").textContent = t("making");
  try {
    const res = await api("/api/v1/briefings", { method: "POST", body: JSON.stringify(briefBody()) });
    page.briefing = await res.json();
    renderBriefing(page.briefing);
    $("#brief-dl").hidden = !page.briefing.summary.length;
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
    const body = await (await api("/api/v1/documents")).json();
    page.docs = body.documents || body;
  } catch (err) {
    showStatus(err.message);
    return false;
  }
  showStatus("");
  renderDocuments();
  return true;
}
function renderDocuments() {
  const rows = $("#docs tbody");
  rows.replaceChildren();
  const docSelect = $("#f-doc");
  const chosen = docSelect.value;
  for (const opt of [...docSelect.options]) if (opt.value) opt.remove();
  for (const d of page.docs) {
    const ingested = d.ingested_at || "";
    rows.append(el("tr", {}, el("td", {}, d.title), el("td", {}, kindName(d.kind)), el("td", {}, d.date || ""),
      el("td", {}, d.language), el("td", {}, d.pages || ""), el("td", {}, ingested ? new Date(ingested).toLocaleString() : "")));
    docSelect.append(el("option", { value: d.doc_id }, d.title));
  }
  docSelect.value = chosen;
}

// --- tabs and wiring -----------------------------------------------------------------------------------------------
function selectTab(tab) {
  for (const other of document.querySelectorAll("[role=tab]")) {
    const on = other === tab;
    other.setAttribute("aria-selected", String(on));
    other.tabIndex = on ? 0 : -1;
    $(`#${other.getAttribute("aria-controls")}`).hidden = !on;
  }
  tab.focus();
}
function init() {
  for (const sel of ["#f-kind", "#b-kind"]) for (const k of KINDS) $(sel).append(el("option", { value: k }, k));
  if (sessionStorage.getItem("apiKey")) showKeyButton();
  $("#filters").open = window.matchMedia("(min-width: 601px)").matches;
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
    localStorage.setItem("lang", state.lang);
    applyLanguage();
    renderLog();
    if (page.briefing) renderBriefing(page.briefing);
    renderDocuments();
    loadOverview();
  });
  $("#theme").addEventListener("click", () => {
    localStorage.setItem("theme", darkNow() ? "light" : "dark");
    applyTheme();
  });
  window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", applyTheme);
  $("#key-button").addEventListener("click", () => askForKey().then((ok) => ok && loadDocuments().then((done) => done && loadOverview())));
  for (const sel of ["#f-kind", "#f-doc"]) $(sel).addEventListener("change", countFilters);
  $("#ask-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const q = $("#question").value.trim();
    if (!q) return;
    $("#question").value = "";
    ask(q, filters());
  });
  $("#question").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); $("#ask-form").requestSubmit(); }
  });
  $("#brief-form").addEventListener("submit", (e) => { e.preventDefault(); makeBriefing(); });
  for (const b of document.querySelectorAll("#brief-dl button")) b.addEventListener("click", () => download(b.dataset.format));
  initChat();
  loadDocuments().then((done) => done && loadOverview());  // one key prompt, not one per request
}
init();  // modules run after the document is parsed
