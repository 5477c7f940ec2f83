"""The JavaScript run inside the page: finds elements by visible text in one round trip.

One `execute_script` that searches the whole page is far faster than many `find_elements`
calls (each is a round trip to the driver). Called as `amt24[op](arg)`; see `dom.py`.
Matching is on normalized visible text: whitespace collapsed, a trailing "*" or ":" ignored,
exact case first, then any case, then without a trailing "(…)" note.
"""

LIBRARY = r"""
const amt24 = (() => {
  const TEXTUAL = 'input:not([type=hidden]):not([type=submit]):not([type=button])' +
    ':not([type=reset]):not([type=image]):not([type=file]):not([type=checkbox])' +
    ':not([type=radio]), textarea, [contenteditable=""], [contenteditable=true], [role=textbox]';
  const CONTROL = TEXTUAL + ', select, [role=combobox], [role=listbox]';
  const FILE = 'input[type=file]';
  const ANY_CONTROL = CONTROL + ', ' + FILE;
  const PRESS = 'button, input[type=submit], input[type=button], input[type=reset], ' +
    'input[type=image], a, [role=button], [role=link], [role=tab], [role=menuitem], ' +
    '[role=treeitem], summary, li';
  const NAV = 'nav, [role=navigation], [role=menubar], [role=menu], header, [role=banner]';
  const FOOTER = 'footer, [role=contentinfo]';
  const CAPTION = 'dt, th, td, span, div, p, strong, b, em, small, legend, label, ' +
    'h1, h2, h3, h4, h5, h6';
  const SKIP = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'SELECT', 'TEXTAREA',
    'OPTION', 'INPUT']);
  const BLOCK = new Set(['DIV', 'P', 'LI', 'BR', 'TD', 'TH', 'DT', 'DD', 'TR', 'H1', 'H2', 'H3',
    'H4', 'H5', 'H6', 'SECTION', 'UL', 'OL', 'TABLE']);
  const ERROR_CLASS =
    /(^|[\s_-])(error|errors|errorlist|invalid|invalid-feedback|fehler|danger)([\s_-]|$)/i;

  const spaces = s => (s || '').normalize('NFC').replace(/[\s\u00a0\u200b]+/g, ' ').trim();
  const norm = s => spaces(s).replace(/[\s*:]+$/, '');
  const lower = s => s.toLocaleLowerCase('de');
  const bare = s => norm(spaces(s).replace(/\s*\([^()]*\)[\s*:]*$/, ''));

  function level(text, label) {
    const t = norm(text), l = norm(label);
    if (!t || !l) return 0;
    if (t === l) return 3;
    if (lower(t) === lower(l)) return 2;
    return lower(bare(t)) === lower(l) ? 1 : 0;
  }

  // Visible text of an element, without scripts, templates and the values of nested controls.
  function text(el) {
    let out = '';
    for (const node of el.childNodes) {
      if (node.nodeType === 3) out += node.data;
      else if (node.nodeType === 1 && !SKIP.has(node.tagName) && !node.hidden) {
        const inner = text(node);
        out += BLOCK.has(node.tagName) ? ' ' + inner + ' ' : inner;
      }
    }
    return out;
  }

  function visible(el) {
    if (!el || !el.isConnected) return false;
    if (el.checkVisibility && !el.checkVisibility({visibilityProperty: true})) return false;
    const box = el.getBoundingClientRect();
    return box.width > 0 || box.height > 0;
  }

  const within = (el, sel) => !!(el.closest && el.closest(sel));

  // Steps from `el` up to the nearest ancestor that also contains `anchor`.
  function distance(el, anchor) {
    if (!anchor) return 0;
    let steps = 0;
    for (let box = el; box; box = box.parentElement, steps++) {
      if (box.contains(anchor)) return steps;
    }
    return 999;
  }

  // Best candidate: visible, best match, best rank, nearest to the anchor, innermost, first.
  function best(cands, anchor, kind) {
    cands = cands.filter(c => c.el && c.level > 0);
    if (!cands.length) return null;
    for (const c of cands) {
      c.visible = visible(c.el);
      c.distance = distance(c.el, anchor);
      c.footer = within(c.el, FOOTER) ? 1 : 0;
    }
    // A navigation entry stays the navigation entry even while its menu is folded away.
    const keys = kind === 'link' ? ['level', 'rank', 'visible', 'footer', 'distance']
      : ['visible', 'level', 'rank', 'footer', 'distance'];
    const sign = {visible: -1, level: -1, rank: 1, footer: 1, distance: 1};
    const top = cands.filter(c => !cands.some(o => o.el !== c.el && c.el.contains(o.el) &&
      o.visible === c.visible && o.level >= c.level));
    top.sort((a, b) => {
      for (const k of keys) if (a[k] !== b[k]) return sign[k] * (a[k] - b[k]);
      return 0;
    });
    return top[0];
  }

  function byId(id) { return id ? document.getElementById(id) : null; }

  function controlOf(label, sel) {
    const target = byId(label.getAttribute('for'));
    if (target) return target.matches(sel) ? target : target.querySelector(sel);
    return label.querySelector(sel);
  }

  function labelled(control) {
    return control.labels && [...control.labels].some(l => norm(text(l)));
  }

  // The first control after a caption: in its next siblings, then in its parent's.
  function controlAfter(caption, sel) {
    let node = caption;
    for (let up = 0; up < 3 && node; up++, node = node.parentElement) {
      let sib = node.nextElementSibling;
      for (let i = 0; sib && i < 3; i++, sib = sib.nextElementSibling) {
        const c = sib.matches(sel) ? sib : sib.querySelector(sel);
        if (c) return labelled(c) ? null : c;
      }
    }
    return null;
  }

  function captions(label, root) {
    const max = norm(label).length + 20;
    return [...root.querySelectorAll(CAPTION)].filter(e =>
      e.textContent.length <= max && !e.querySelector(ANY_CONTROL));
  }

  function fieldCands(kind, label, root) {
    const sel = kind === 'file' ? FILE : CONTROL;
    const controls = [...root.querySelectorAll(sel)];
    const cands = [];
    for (const l of root.querySelectorAll('label'))
      cands.push({el: controlOf(l, sel), level: level(text(l), label), rank: 0});
    for (const c of controls) {
      cands.push({el: c, level: level(c.getAttribute('aria-label'), label), rank: 1});
      const ids = (c.getAttribute('aria-labelledby') || '').split(/\s+/);
      cands.push({el: c, level: level(ids.map(i => byId(i) ? text(byId(i)) : '').join(' '),
        label), rank: 2});
      cands.push({el: c, level: Math.max(level(c.getAttribute('placeholder'), label),
        level(c.getAttribute('title'), label)), rank: 3});
    }
    for (const cap of captions(label, root))
      cands.push({el: controlAfter(cap, sel), level: level(text(cap), label), rank: 4});
    if (kind === 'file' && controls.length === 1)
      cands.push({el: controls[0], level: 1, rank: 9});
    if (kind === 'select')
      for (const c of cands) if (c.el && c.el.tagName !== 'SELECT') c.rank += 5;
    return cands;
  }

  function pressRank(kind, el) {
    const tag = el.tagName, role = el.getAttribute('role') || '';
    const inNav = within(el, NAV);
    if (kind === 'button') {
      if (tag === 'BUTTON' || tag === 'INPUT') return 0;
      if (role === 'button') return 1;
      return tag === 'A' ? 2 : 3;
    }
    if (kind === 'tab') {
      if (role === 'tab' || within(el, '[role=tablist]')) return 0;
      return tag === 'LI' ? 3 : (tag === 'A' || tag === 'BUTTON' ? 1 : 2);
    }
    if (tag === 'LI') return 6;
    return (inNav ? 0 : 3) + (tag === 'A' || role === 'menuitem' || role === 'link' ? 0 : 1);
  }

  function pressCands(kind, label, root) {
    return [...root.querySelectorAll(PRESS)].map(el => {
      const own = el.tagName === 'INPUT' ? (el.value || el.getAttribute('alt')) : text(el);
      const lv = Math.max(level(own, label), level(el.getAttribute('aria-label'), label),
        level(el.getAttribute('title'), label));
      return {el, level: lv, rank: pressRank(kind, el)};
    });
  }

  // Innermost visible elements whose visible text contains `label`: as written, then in any
  // case, then (for several words) its words in order with a few words between them, so that
  // "Das Impressum wurde gespeichert" answers "Impressum gespeichert".
  function texts(label, root) {
    root = root || document.body;
    const want = spaces(label);
    const words = want.split(' ').map(w => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const loose = new RegExp(words.join('(?:\\s+\\S+){0,4}?\\s+'), 'i');
    const tests = [t => t.includes(want), t => lower(t).includes(lower(want))];
    if (words.length > 1) tests.push(t => loose.test(t));
    for (const test of tests) {
      const has = el => test(spaces(text(el)));
      const out = [];
      const walk = el => {
        let deeper = false;
        for (const child of el.children) {
          if (!SKIP.has(child.tagName) && has(child)) { deeper = true; walk(child); }
        }
        if (!deeper) out.push(el);
      };
      if (has(root)) walk(root);
      const shown = out.filter(visible);
      if (shown.length) return shown;
    }
    return [];
  }

  // A shown value next to its caption: <dt>ID</dt><dd>600709</dd>, <th>/<td>, "ID: 600709".
  function valueCands(label, root) {
    const cands = [];
    for (const cap of captions(label, root)) {
      const lv = level(text(cap), label);
      if (lv) cands.push({el: cap, level: lv, rank: cap.tagName === 'DT' ? 0 : 1});
    }
    const l = lower(norm(label));
    for (const el of root.querySelectorAll('dd, td, span, div, p, li, strong')) {
      const t = lower(spaces(text(el)));
      if (t.startsWith(l + ':') && el.textContent.length < l.length + 80)
        cands.push({el, level: 1, rank: 2, inline: true});
    }
    return cands;
  }

  function valueOf(cand, label) {
    if (cand.inline) return spaces(spaces(text(cand.el)).slice(norm(label).length + 1));
    const sib = cand.el.nextElementSibling;
    if (sib) {
      const c = sib.matches(ANY_CONTROL) ? sib : null;
      return spaces(c ? readControl(c) : text(sib));
    }
    const all = spaces(text(cand.el.parentElement));
    return spaces(all.slice(all.indexOf(spaces(text(cand.el))) + spaces(text(cand.el)).length));
  }

  function find(spec) {
    const root = document.body;
    if (!root) return null;
    const anchor = spec.near ? find(spec.near) : null;
    const kind = spec.kind;
    if (kind === 'text') return texts(spec.label, root)[0] || null;
    let cands;
    if (kind === 'field' || kind === 'select' || kind === 'file')
      cands = fieldCands(kind, spec.label, root);
    else if (kind === 'value') cands = valueCands(spec.label, root);
    else cands = pressCands(kind, spec.label, root);
    const hit = best(cands, anchor, kind);
    return hit ? hit.el : null;
  }

  function readControl(el) {
    if (el.tagName === 'SELECT') {
      const opt = el.selectedOptions[0];
      return opt && opt.value !== '' ? spaces(opt.textContent) : '';
    }
    if (el.isContentEditable) return spaces(el.innerText);
    return el.value == null ? spaces(el.textContent) : el.value;
  }

  function read(spec) {
    if (spec.kind === 'value') {
      const hit = best(valueCands(spec.label, document.body), spec.near ? find(spec.near) : null);
      return hit ? valueOf(hit, spec.label) : null;
    }
    const el = find(spec);
    return el ? readControl(el) : null;
  }

  function pickOption(select, value) {
    const opts = [...select.options];
    if (!value) return opts.find(o => o.value === '') || null;
    let hit = null, lv = 0;
    const indent = t => (t || '').replace(/^[\s\u00a0\-–—·•»>|]+/, '');
    for (const o of opts) {
      const l = Math.max(level(indent(o.textContent), value), level(indent(o.label), value));
      if (l > lv) { hit = o; lv = l; }
    }
    return hit;
  }

  const SETTERS = {
    INPUT: Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set,
    TEXTAREA: Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set,
  };

  // Set a value the way typing would: native setter (frameworks see it), then the events.
  function setValue(el, value) {
    if (el.focus) el.focus();
    if (el.tagName === 'SELECT') {
      const opt = pickOption(el, value);
      if (!opt) return 'option';
      el.value = opt.value;
    } else if (SETTERS[el.tagName]) SETTERS[el.tagName].call(el, value);
    else if (el.isContentEditable) el.textContent = value;
    else return 'control';
    el.dispatchEvent(new Event('input', {bubbles: true}));
    el.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true, key: 'Unidentified'}));
    el.dispatchEvent(new Event('change', {bubbles: true}));
    if (el.blur) el.blur();
    if (el.tagName === 'SELECT') return null;
    return spaces(readControl(el)) === spaces(value) ? null : 'mismatch';
  }

  // Fill many fields in one call. Answer per key: null (set), 'missing', 'option',
  // 'control', 'mismatch' (the page changed or refused the value: type it instead).
  function fill(specs) {
    const out = {};
    for (const s of specs) {
      const el = find(s);
      out[s.key] = el ? setValue(el, s.value) : 'missing';
    }
    return out;
  }

  function probe(specs) {
    const out = {};
    for (const s of specs) out[s.key] = !!find(s);
    return out;
  }

  function readAll(specs) {
    const out = {};
    for (const s of specs) out[s.key] = read(s);
    return out;
  }

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
    const st = window.__amt24 = {old: new Set(), form: null};
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
  // arrived with HTTP 5xx is a server error whatever it says.
  function problems(spec) {
    if (location.protocol === 'chrome-error:') return {kind: 'server', text: 'no connection'};
    const nav = performance.getEntriesByType('navigation')[0];
    if (nav && nav.responseStatus >= 500) return {kind: 'server', text: String(nav.responseStatus)};
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

  // The entries of the list next to a search field: [{name, href}] in page order.
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

  // A table row is named by its first filled cell, anything else by its whole text.
  function entryName(el) {
    if (el.tagName !== 'TR') return norm(text(el));
    const cell = [...el.cells].find(c => norm(text(c)));
    return cell ? norm(text(cell)) : '';
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
        .filter(e => !within(e, NAV) && level(text(e), spec.name) >= 2 &&
          !skip.has(lower(norm(text(e)))));
      const hit = best(els.map(el => ({el, level: level(text(el), spec.name), rank: 0})), null);
      if (hit) return pressable(hit.el);
      if (box === document.body) return null;
    }
    return null;
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

  // The version badge: a short "1.0" text, preferably painted and outside tables and lists.
  function badge() {
    const cands = [];
    for (const el of document.body.querySelectorAll('*')) {
      if (SKIP.has(el.tagName) || el.children.length > 2) continue;
      const m = VERSION.exec(norm(text(el)));
      if (!m || !visible(el)) continue;
      const bg = paint(el);
      const rank = (bg ? 0 : 2) + (within(el, 'table, ul, ol') ? 1 : 0);
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

  return {find, seek, probe, read: readAll, fill, arm, problems, outcome, quiet, listItems,
    listItem, badge, image, versionState, texts: spec => texts(spec.label)};
})();
"""

# Installed before any page script runs (where the driver allows it): counts requests in
# flight, so "the list has loaded" does not depend on guessing the server's speed.
NETWORK_COUNTER = r"""
(() => {
  if (window.__amt24net) return;
  const net = window.__amt24net = {pending: 0};
  const fetch = window.fetch;
  if (fetch) window.fetch = function (...args) {
    net.pending++;
    return fetch.apply(this, args).finally(() => { net.pending--; });
  };
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (...args) {
    net.pending++;
    this.addEventListener('loadend', () => { net.pending--; }, {once: true});
    return send.apply(this, args);
  };
})();
"""

CALL = LIBRARY + "\nreturn amt24[arguments[0]](arguments[1]);"

# Fetches a URL inside the browser session (cookies included) and answers base64 or an error.
FETCH_BASE64 = r"""
const [url, done] = [arguments[0], arguments[arguments.length - 1]];
fetch(url, {credentials: 'include'}).then(async response => {
  if (!response.ok) return done({error: 'HTTP ' + response.status});
  const bytes = new Uint8Array(await response.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 32768)
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 32768));
  done({data: btoa(binary)});
}).catch(error => done({error: String(error)}));
"""
