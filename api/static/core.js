// Shared by the page's modules: interface language, labels, element building, API calls with the key, plain errors.

import { T } from "/static/i18n.js";

export const $ = (sel) => document.querySelector(sel);
export const state = { lang: localStorage.getItem("lang") || "en", keysRequired: false };

export function t(key, vars = {}) {
  let s = T[state.lang][key] ?? T.en[key] ?? key;
  for (const [k, v] of Object.entries(vars)) s = s.replace(`{${k}}`, v);
  return s;
}
export function kindName(kind) { return T[state.lang].kinds[kind] || kind; }
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v; else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

export class ApiError extends Error {}
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
// The key button shows only once the service has asked for a key (a keyless loopback service never does).
export function showKeyButton() { state.keysRequired = true; $("#key-button").hidden = false; }
export async function api(path, options = {}, retried = false) {
  let res;
  try {
    res = await fetch(path, { ...options, headers: { ...headers(options.body !== undefined), ...(options.headers || {}) } });
  } catch (err) {
    if (err && err.name === "AbortError") throw err;
    throw new ApiError(t("down"));
  }
  if (res.status === 401) showKeyButton();
  if (res.status === 401 && !retried && (await askForKey())) return api(path, options, true);
  if (!res.ok) throw new ApiError(await problemText(res));
  return res;
}
export function showStatus(message) {
  const box = $("#status");
  box.textContent = message || "";
  box.hidden = !message;
}
export function askForKey() {
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
