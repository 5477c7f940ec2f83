/* Script requests of the sandbox pages, and what every part shows about them: a busy
   overlay while a request is in flight, notices that vanish, errors at their fields.
   Data never goes into innerHTML: only fragments the server rendered (escaped), or text. */

const SERVER_ERROR = "Es ist ein Fehler aufgetreten";
const NOTICE_MS = 3000;
const ERROR_MS = 6000;

export function csrfToken() {
  return document.querySelector('meta[name="csrf-token"]').content;
}

/* Parsed HTML of a server fragment, ready to insert. */
export function fragment(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  return template.content;
}

export function toast(message, kind = "notice") {
  const region = document.querySelector(".toasts");
  if (!region || !message) return;
  const item = document.createElement("div");
  item.className = kind === "error" ? "toast toast-error" : "toast";
  item.setAttribute("role", kind === "error" ? "alert" : "status");
  item.textContent = message;
  region.append(item);
  setTimeout(() => item.remove(), kind === "error" ? ERROR_MS : NOTICE_MS);
}

function showBusy(container) {
  const overlay = document.createElement("div");
  overlay.className = "busy-overlay";
  overlay.setAttribute("aria-busy", "true");
  container.append(overlay);
  return overlay;
}

/* A fetch with the CSRF header on writes. Returns {ok, status, data} (data: JSON or HTML),
   or null when the session expired (the page then goes to the login). Errors other than
   field errors (422) are shown as an error notice. */
export async function request(url, { method = "GET", body = null, json, busy = null } = {}) {
  const headers = { Accept: method === "GET" ? "text/html, application/json;q=0.9" : "application/json" };
  if (method !== "GET") headers["X-CSRF-Token"] = csrfToken();
  if (json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(json);
  }
  const overlay = busy ? showBusy(busy) : null;
  try {
    const response = await fetch(url, { method, body, headers, credentials: "same-origin" });
    const isJson = (response.headers.get("Content-Type") || "").includes("application/json");
    const data = isJson ? await response.json() : await response.text();
    if (response.status === 401 && data.redirect) {
      window.location.assign(data.redirect);
      return null;
    }
    if (!response.ok && response.status !== 422) toast((isJson && data.message) || SERVER_ERROR, "error");
    return { ok: response.ok, status: response.status, data };
  } catch {
    toast(SERVER_ERROR, "error");
    return { ok: false, status: 0, data: {} };
  } finally {
    if (overlay) overlay.remove();
  }
}

/* The element a field's message belongs to (a drop-down's button, else the field itself). */
function describedElement(field) {
  const dropdown = field.closest("[data-dropdown]");
  return dropdown ? dropdown.querySelector(".dropdown-button") : field;
}

export function showFieldError(field, message) {
  const target = describedElement(field);
  const error = document.createElement("div");
  error.className = "field-error";
  error.setAttribute("role", "alert");
  error.id = (target.id || target.name || "feld") + "-fehler";
  error.textContent = message;
  target.setAttribute("aria-invalid", "true");
  target.setAttribute("aria-describedby", error.id);
  const box = target.closest(".field") || target.parentElement;
  box.classList.add("has-error");
  box.append(error);
}

export function clearFieldErrors(root) {
  for (const error of root.querySelectorAll(".field-error")) error.remove();
  for (const box of root.querySelectorAll(".has-error")) box.classList.remove("has-error");
  for (const field of root.querySelectorAll("[aria-invalid]")) {
    field.removeAttribute("aria-invalid");
    field.removeAttribute("aria-describedby");
  }
}
