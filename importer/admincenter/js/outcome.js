// The page's answer after a press, page problems, and readiness (quiet, not busy).
// Before pressing a button we remember which messages are already shown; only messages that
// appear (or are re-shown, or rewritten) afterwards count. A new page forgets it all.

function state() { return window.__amt24 || null; }
const fresh = el => !state() || !state().old.has(el);

function errorElements() {
  const out = [];
  for (const el of document.querySelectorAll('[class], [role=alert], [aria-live]')) {
    const cls = typeof el.className === 'string' ? el.className : '';
    if (!ERROR_CLASS.test(cls) && el.getAttribute('role') !== 'alert') continue;
    if (el.querySelector(ANY_CONTROL) || el.matches(ANY_CONTROL)) continue;
    if (!norm(text(el)) || !visible(el)) continue;
    out.push(el);
  }
  for (const c of document.querySelectorAll('[aria-invalid=true]')) {
    const ids = (c.getAttribute('aria-errormessage') || c.getAttribute('aria-describedby') || '');
    for (const id of ids.split(/\s+/)) {
      const el = byId(id);
      if (el && visible(el) && norm(text(el))) out.push(el);
    }
  }
  return out.filter(e => !out.some(o => o !== e && e.contains(o)));
}

function controlName(c) {
  if (c.labels && c.labels.length) return norm(text(c.labels[0]));
  return norm(c.getAttribute('aria-label') || labelledBy(c) || c.getAttribute('placeholder') ||
    '');
}

// The field an error text belongs to: the control pointing at it, else the only control
// of the small box around it.
function fieldOf(el) {
  if (el.id) {
    for (const c of document.querySelectorAll('[aria-describedby], [aria-errormessage]')) {
      const ids = ((c.getAttribute('aria-describedby') || '') + ' ' +
        (c.getAttribute('aria-errormessage') || '')).split(/\s+/);
      if (ids.includes(el.id)) return c;
    }
  }
  const before = el.previousElementSibling;
  if (before && before.matches(ANY_CONTROL)) return before;
  for (let box = el.parentElement, up = 0; box && up < 3; box = box.parentElement, up++) {
    const controls = box.querySelectorAll(ANY_CONTROL);
    if (controls.length === 1) return controls[0];
    if (controls.length > 1) return null;
  }
  return null;
}

// Field errors as "Label: text"; a general message only when no field says anything.
function messagesOf(els) {
  const field = [], general = [];
  for (const el of els) {
    const msg = spaces(text(el));
    const control = fieldOf(el);
    const name = control ? controlName(control) : '';
    if (control) field.push(name ? name + ': ' + msg : msg);
    else general.push(msg);
  }
  return [...new Set(field.length ? field : general)];
}

function arm(spec) {
  const old = state();
  if (old && old.observer) old.observer.disconnect();
  const net = window.__amt24net || {failedWrites: 0, okWrites: 0};
  const dialog = topDialog();
  const st = window.__amt24 = {old: new Set(), form: null, failedWrites: net.failedWrites,
    okWrites: net.okWrites, dialog};
  for (const l of spec.texts) for (const el of texts(l)) st.old.add(el);
  for (const el of errorElements()) st.old.add(el);
  const button = spec.button ? find(spec.button) : null;
  const submits = button && /^(submit|image)$/.test(button.type || '') && button.form;
  st.form = submits ? button.form : null;
  st.observer = new MutationObserver(records => {
    for (const o of [...st.old]) {
      const touched = records.some(r => o === r.target || o.contains(r.target));
      if (touched || !visible(o)) st.old.delete(o);
    }
  });
  st.observer.observe(document.documentElement,
    {subtree: true, childList: true, characterData: true, attributes: true});
  return true;
}

function loginShown(spec) {
  return [...document.querySelectorAll('input[type=password]')].some(visible) &&
    !!find(spec.loginButton);
}

// Page-level problems: {kind, text} or null. `spec` holds the labels per kind; a page that
// arrived with HTTP 5xx or 429 is a server error whatever it says.
function problems(spec) {
  if (location.protocol === 'chrome-error:') return {kind: 'server', text: 'no connection'};
  const nav = performance.getEntriesByType('navigation')[0];
  const status = nav ? nav.responseStatus : 0;  // 429: too many requests, try again later
  if (status >= 500 || status === 429) return {kind: 'server', text: String(status)};
  for (const kind of ['session', 'permission', 'server']) {
    const labels = spec[kind];
    if (labels.length && texts(labels).some(fresh)) return {kind, text: labels[0]};
  }
  if (spec.loginButton && loginShown(spec)) return {kind: 'session', text: ''};
  return null;
}

function invalidMessages(st) {
  if (!st || !st.form || !st.form.isConnected || st.form.noValidate) return [];
  return [...st.form.elements].filter(e => e.willValidate && !e.validity.valid).map(e => {
    const name = e.labels && e.labels.length ? norm(text(e.labels[0])) : '';
    return (name ? name + ': ' : '') + e.validationMessage;
  });
}

const passwordShown = () => [...document.querySelectorAll('input[type=password]')].some(visible);

// A shown value that looks like a unit's Id (digits) — the sign that a new unit is shown.
function idShown(spec) {
  const value = read(spec);
  return !!value && /^\D{0,3}\d{4,}\b/.test(value.trim());
}

// What the page answered after a press: {kind: 'ok' | 'failed' | 'refused' | problem kind}.
// `confirm`: texts meaning success; `arrive`: elements meaning success (outside a login page);
// `passwordStep`: a login's second step (its password field) shown; `arriveId`: a shown Id;
// `written`: a script's save answered 2xx and nothing else happening;
// `closed`: the dialog that was open at the press went away; `fail`: texts of a refusal.
function outcome(spec) {
  const problem = problems(spec);
  if (problem) return problem;
  for (const label of spec.fail || []) {
    if (texts(label).some(fresh)) return {kind: 'failed', text: label};
  }
  for (const label of spec.confirm || []) if (texts(label).some(fresh)) return {kind: 'ok'};
  if ((spec.arrive || []).some(s => find(s)) && !passwordShown()) return {kind: 'ok'};
  if (spec.passwordStep && passwordShown()) return {kind: 'ok'};
  const net = window.__amt24net, st = state();
  if (net && st && net.failedWrites > st.failedWrites)
    return {kind: 'server', text: 'Speichern ohne Antwort des Servers (HTTP 5xx)'};
  const skip = new Set((spec.confirm || []).flat().map(l => lower(spaces(l))));
  const errors = errorElements().filter(fresh).filter(e => !skip.has(lower(spaces(text(e)))));
  const messages = messagesOf(errors);
  if (messages.length) return {kind: 'refused', messages};
  if (spec.arriveId && idShown(spec.arriveId) && quietNow()) return {kind: 'ok'};
  const settled = net && st && net.pending === 0 && !busy();
  if (spec.written && settled && net.okWrites > st.okWrites && quietNow())
    return {kind: 'ok'};
  if (spec.closed && st && st.dialog && !visible(st.dialog) && settled) return {kind: 'ok'};
  const invalid = invalidMessages(st);
  return invalid.length ? {kind: 'refused', messages: invalid} : null;
}

// Something on the page says it is working (a busy overlay, a spinner region).
function busy() {
  return [...document.querySelectorAll('[aria-busy=true]')].some(visible);
}

function quietNow() {
  const q = window.__amt24quiet;
  return !q || performance.now() - q.last >= 100;
}

// True once the document is loaded, no request is in flight, nothing says it is busy and no
// node was added or changed for `ms` milliseconds.
function quiet(ms) {
  let q = window.__amt24quiet;
  if (!q) {
    q = window.__amt24quiet = {last: performance.now()};
    new MutationObserver(() => { q.last = performance.now(); }).observe(
      document.documentElement, {subtree: true, childList: true, characterData: true});
  }
  const net = window.__amt24net;
  return document.readyState === 'complete' && (!net || net.pending === 0) && !busy() &&
    performance.now() - q.last >= ms;
}

// The element of `spec.find` once it is there (and the page not busy), or the page's
// problem, or null (not yet).
function seek(spec) {
  const problem = problems(spec.problems);
  if (problem) return {problem};
  if (busy()) return null;
  const el = find(spec.find);
  if (!el || !(spec.also || []).every(s => find(s))) return null;
  return pressable(el);
}

const enabled = el => !el.disabled && el.getAttribute('aria-disabled') !== 'true' &&
  !el.closest('.disabled, [disabled], [aria-disabled=true]');

const pressable = el => ({el, visible: visible(el), enabled: enabled(el),
  href: el.getAttribute && el.getAttribute('href') ? el.href : null});
