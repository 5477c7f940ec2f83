"""In-page JavaScript, part 2: the page's answer after a press, page problems, readiness,
lists, the version badge and the shown image (see script.py). Uses the helpers of part 1."""

PAGE = r"""
  // --- Outcome of a save -------------------------------------------------------------
  // Before pressing a button we remember which messages are already shown; only messages
  // that appear (or are re-shown, or rewritten) afterwards count. A new page forgets it all.

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
    return norm(c.getAttribute('aria-label') || c.getAttribute('placeholder') || '');
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
    const failedWrites = window.__amt24net ? window.__amt24net.failedWrites : 0;
    const st = window.__amt24 = {old: new Set(), form: null, failedWrites};
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
      for (const label of spec[kind]) {
        if (texts(label).some(fresh)) return {kind, text: label};
      }
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

  // What the page answered after a press: {kind: 'ok' | 'failed' | 'refused' | problem kind}.
  // `confirm`: texts meaning success; `arrive`: elements meaning success (outside a login
  // page); `fail`: texts meaning a refusal (e.g. wrong password).
  function outcome(spec) {
    const problem = problems(spec);
    if (problem) return problem;
    for (const label of spec.fail || []) {
      if (texts(label).some(fresh)) return {kind: 'failed', text: label};
    }
    for (const label of spec.confirm || []) if (texts(label).some(fresh)) return {kind: 'ok'};
    if ((spec.arrive || []).some(s => find(s)) && !passwordShown()) return {kind: 'ok'};
    const net = window.__amt24net, st = state();
    if (net && st && net.failedWrites > st.failedWrites)
      return {kind: 'server', text: 'Speichern ohne Antwort des Servers (HTTP 5xx)'};
    const skip = new Set((spec.confirm || []).map(l => lower(spaces(l))));
    const errors = errorElements().filter(fresh).filter(e => !skip.has(lower(spaces(text(e)))));
    const messages = messagesOf(errors);
    if (messages.length) return {kind: 'refused', messages};
    const invalid = invalidMessages(state());
    return invalid.length ? {kind: 'refused', messages: invalid} : null;
  }

  // --- Page readiness, lists, badge, image ---------------------------------------------

  // True once the document is loaded and no node was added or changed for `ms` milliseconds.
  function quiet(ms) {
    let q = window.__amt24quiet;
    if (!q) {
      q = window.__amt24quiet = {last: performance.now()};
      new MutationObserver(() => { q.last = performance.now(); }).observe(
        document.documentElement, {subtree: true, childList: true, characterData: true});
    }
    const net = window.__amt24net;
    return document.readyState === 'complete' && (!net || net.pending === 0) &&
      performance.now() - q.last >= ms;
  }

  // The entries of the list next to a search field: {items: [{name, href}], next}, where
  // `next` is the list's own enabled "next page" control (spec.next), if any.
  function listItems(spec) {
    const search = spec.search ? find(spec.search) : null;
    const skip = new Set(spec.exclude.map(l => lower(norm(l))));
    const start = search || document.querySelector('main, [role=main]') || document.body;
    for (let box = start.parentElement || start; box; box = box.parentElement) {
      const items = entriesIn(box, skip);
      if (items.length || box === document.body || box.matches('main, [role=main]') ||
          box.querySelector(NAV) || hasList(box)) {
        return {items, next: spec.next && items.length ? nextPage(box, spec.next) : null};
      }
    }
    return {items: [], next: null};
  }

  const enabled = el => !el.disabled && el.getAttribute('aria-disabled') !== 'true' &&
    !el.closest('.disabled, [disabled]');

  function nextPage(box, spec) {
    for (let near = box, up = 0; near && up < 3; near = near.parentElement, up++) {
      const hit = best(pressCands('button', spec.label, near), null, 'button');
      if (hit) return hit.visible && enabled(hit.el) ? pressable(hit.el) : null;
    }
    return null;
  }

  const LIST = 'ul, ol, table, [role=list], [role=tree], [role=listbox], [role=grid]';
  const hasList = box => [...box.querySelectorAll(LIST)].some(l => !within(l, NAV));

  const clickable = el => el.hasAttribute('onclick') || el.hasAttribute('tabindex') ||
    el.hasAttribute('data-href') || getComputedStyle(el).cursor === 'pointer';

  // A table row is named by its first cell with words (a leading number column is an ID),
  // anything else by its whole text.
  function entryName(el) {
    if (el.tagName !== 'TR') return norm(text(el));
    const cells = [...el.cells].map(c => norm(text(c))).filter(Boolean);
    return cells.find(c => /\p{L}/u.test(c)) || cells[0] || '';
  }

  function entriesIn(box, skip) {
    const usable = el => !within(el, NAV) && !within(el, FOOTER) && norm(text(el)) &&
      !skip.has(lower(norm(text(el)))) && !/^[\d\s«»<>‹›…]+$/.test(text(el));
    let els = [...box.querySelectorAll('a[href], [role=treeitem], [role=option]')].filter(usable);
    if (!els.length) {
      els = [...box.querySelectorAll('li, tbody tr')].filter(usable).filter(clickable);
    }
    els = els.filter(e => !els.some(o => o !== e && e.contains(o)));
    return els.map(e => ({name: entryName(e), href: e.href || null}));
  }

  function listItem(spec) {
    const skip = new Set(spec.exclude.map(l => lower(norm(l))));
    const search = spec.search ? find(spec.search) : null;
    const start = search || document.body;
    for (let box = start.parentElement || start; box; box = box.parentElement) {
      const els = [...box.querySelectorAll('a[href], [role=treeitem], [role=option], li, tbody tr')]
        .filter(e => !within(e, NAV) && level(entryName(e), spec.name) >= 2 &&
          !skip.has(lower(entryName(e))));
      const hit = best(els.map(el => ({el, level: level(entryName(el), spec.name), rank: 0})),
        null);
      if (hit) return pressable(hit.el);
      if (box === document.body) return null;
    }
    return null;
  }

  // The texts a choice field offers all at once (a <select>'s options, an <input>'s
  // datalist); null where choices only appear while typing, or without the field.
  function choices(spec) {
    const el = find(spec);
    const opts = !el ? null : el.tagName === 'SELECT' ? el.options : el.list && el.list.options;
    return opts ? [...opts].map(o => norm(o.label || o.textContent || o.value)) : null;
  }

  // What the versions list says about `spec.version`: 'published', 'draft' or null.
  function versionState(spec) {
    const token = new RegExp('(^|[^\\d.])' + spec.version.replace('.', '\\.') + '($|[^\\d.])');
    for (const row of document.querySelectorAll('tr, li, [role=row]')) {
      const t = lower(spaces(text(row)));
      if (!token.test(t)) continue;
      if (t.includes(lower(spec.draft)) || /nicht\s+ver/.test(t)) return 'draft';
      if (t.includes(lower(spec.published))) return 'published';
    }
    return null;
  }

  const VERSION = /^(?:v|version)?\s*(\d+)[.,](\d+)$/i;

  function paint(el) {
    for (let e = el, up = 0; e && up < 3; e = e.parentElement, up++) {
      const bg = getComputedStyle(e).backgroundColor;
      if (bg && !/rgba\(\d+, \d+, \d+, 0\)|transparent/.test(bg)) return bg;
      if (norm(text(e.parentElement || e)) !== norm(text(el))) break;
    }
    return '';
  }

  // The version badge: a short "1.0" text outside lists and tables, preferably painted.
  function badge() {
    const cands = [];
    for (const el of document.body.querySelectorAll('*')) {
      if (SKIP.has(el.tagName) || el.children.length > 2) continue;
      const m = VERSION.exec(norm(text(el)));
      if (!m || !visible(el)) continue;
      const bg = paint(el);
      // Entries of the unit list and rows of the versions table carry versions too.
      const rank = (within(el, 'table, ul, ol, [role=list], [role=tree]') ? 2 : 0) + (bg ? 0 : 1);
      cands.push({el, rank, text: norm(text(el)), major: +m[1], minor: +m[2], bg,
        color: getComputedStyle(el).color});
    }
    cands.sort((a, b) => a.rank - b.rank);
    const top = cands.filter(c => !cands.some(o => o !== c && c.el.contains(o.el)))[0];
    if (!top) return null;
    const {text: t, major, minor, bg, color} = top;
    return {text: t, major, minor, background: bg, color};
  }

  // The image shown on a page: the one nearest to the upload field, else the largest.
  function image(spec) {
    const field = spec.field ? find(spec.field) : null;
    const imgs = [...document.querySelectorAll('img')].filter(i =>
      visible(i) && !within(i, NAV) && !within(i, FOOTER) && i.getAttribute('src'));
    if (!imgs.length) return null;
    const size = i => i.naturalWidth * i.naturalHeight;
    imgs.sort((a, b) => distance(a, field) - distance(b, field) || size(b) - size(a));
    return imgs[0].currentSrc || imgs[0].src;
  }

  // The element of `spec.find` once it is there, or the page's problem, or null (not yet).
  function seek(spec) {
    const problem = problems(spec.problems);
    if (problem) return {problem};
    const el = find(spec.find);
    if (!el || !(spec.also || []).every(s => find(s))) return null;
    return pressable(el);
  }

  const pressable = el =>
    ({el, visible: visible(el), href: el.getAttribute('href') ? el.href : null});

"""
