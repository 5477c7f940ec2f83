// Finding elements by their visible caption: fields, check boxes, buttons, texts, shown values.

// Steps from `el` up to the nearest ancestor that also contains `anchor`.
function distance(el, anchor) {
  if (!anchor) return 0;
  let steps = 0;
  for (let box = el; box; box = box.parentElement, steps++) {
    if (box.contains(anchor)) return steps;
  }
  return 999;
}

// Best candidate: visible, in the nearest scope, best match, best rank, nearest to the
// anchor, innermost, first. A blocking dialog hides everything outside it.
// The earlier of a locator's accepted forms is the more specific one.
function best(cands, anchor, kind, labels) {
  const sc = scopes();
  cands = cands.filter(c => c.el && c.level > 0);
  const all = forms(labels || []);
  for (const c of cands) {
    c.visible = visible(c.el);
    c.scope = scopeOf(c.el, sc);
    c.distance = distance(c.el, anchor);
    c.footer = within(c.el, FOOTER) ? 1 : 0;
    const form = all.indexOf(matchedForm(c.src || '', all));
    c.form = form < 0 ? all.length : form;
  }
  cands = cands.filter(c => c.scope !== null);
  if (!cands.length) return null;
  // A navigation entry stays the navigation entry even while its menu is folded away.
  const keys = kind === 'link' ? ['level', 'form', 'rank', 'visible', 'scope', 'footer',
    'distance'] : ['visible', 'scope', 'level', 'form', 'rank', 'footer', 'distance'];
  const sign = {visible: -1, level: -1, form: 1, rank: 1, scope: 1, footer: 1, distance: 1};
  const top = cands.filter(c => !cands.some(o => o.el !== c.el && c.el.contains(o.el) &&
    o.visible === c.visible && o.level >= c.level));
  top.sort((a, b) => {
    for (const k of keys) if (a[k] !== b[k]) return sign[k] * (a[k] - b[k]);
    return 0;
  });
  return top[0] || null;
}

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

function captions(labels, root) {
  const max = Math.max(...forms(labels).map(l => norm(l).length)) + 20;
  return [...root.querySelectorAll(CAPTION)].filter(e =>
    e.textContent.length <= max && !e.querySelector(ANY_CONTROL) && !within(e, 'thead'));
}

function labelledBy(c) {
  const ids = (c.getAttribute('aria-labelledby') || '').split(/\s+/);
  return ids.map(i => byId(i) && byId(i) !== c ? text(byId(i)) : '').join(' ');
}

// The text right after a check box (a "☐ Öffentlich" written beside it): up to the first
// element with words, never into the next control or button.
function textAfter(c) {
  let out = '';
  for (let n = c.nextSibling; n; n = n.nextSibling) {
    if (n.nodeType === 3) out += n.data;
    else if (n.nodeType !== 1 || n.matches(ANY_CONTROL + ', ' + PRESS) ||
      n.querySelector(ANY_CONTROL + ', ' + PRESS)) break;
    else out += ' ' + text(n);
    if (n.nodeType === 1 && norm(out)) break;
  }
  return out;
}

function fieldCands(kind, labels, root) {
  const sel = kind === 'file' ? FILE : kind === 'check' ? CHECKBOX : CONTROL;
  const controls = [...root.querySelectorAll(sel)];
  const cands = [];
  const add = (el, src, rank) => cands.push({el, level: level(src, labels), rank, src});
  for (const l of root.querySelectorAll('label')) add(controlOf(l, sel), text(l), 0);
  for (const c of controls) {
    add(c, c.getAttribute('aria-label'), 1);
    add(c, labelledBy(c), 2);
    add(c, c.getAttribute('placeholder'), 3);
    add(c, c.getAttribute('title'), 3);
    if (kind === 'check') add(c, textAfter(c), 2);
  }
  for (const cap of captions(labels, root)) add(controlAfter(cap, sel), text(cap), 4);
  if (kind === 'file' && controls.length === 1)
    cands.push({el: controls[0], level: 1, rank: 9});
  if (kind === 'select')
    for (const c of cands) if (c.el && !isChoice(c.el)) c.rank += 5;
  return cands;
}

const isChoice = el => el.tagName === 'SELECT' || el.matches(POPUP) ||
  el.getAttribute('role') === 'combobox' || el.getAttribute('role') === 'listbox';

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
  // a link with an address is an entry; a button of the same caption opens its group
  const entry = (tag === 'A' && el.getAttribute('href')) || role === 'menuitem' ? 0 : 1;
  return (inNav ? 0 : 3) + entry;
}

function pressCands(kind, labels, root) {
  return [...root.querySelectorAll(PRESS)].map(el => {
    const own = el.tagName === 'INPUT' ? (el.value || el.getAttribute('alt')) : text(el);
    const names = [own, el.getAttribute('aria-label'), el.getAttribute('title')];
    const levels = names.map(n => level(n, labels));
    const lv = Math.max(...levels);
    return {el, level: lv, rank: pressRank(kind, el), src: names[levels.indexOf(lv)]};
  });
}

// Innermost visible elements whose visible text contains one of `labels`: as written, then in
// any case, then (for several words) its words in order with a few words between them, so
// that "Das Impressum wurde gespeichert" answers "Impressum gespeichert".
function texts(labels, root) {
  return textsWithForm(labels, root)[0];
}

function textsWithForm(labels, root) {
  root = root || document.body;
  for (const label of forms(labels)) {
    const found = textsOf(label, root);
    if (found.length) return [found, label];
  }
  return [[], null];
}

function textsOf(label, root) {
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
    if (root && has(root)) walk(root);
    const shown = out.filter(visible);
    if (shown.length) return shown;
  }
  return [];
}

// A text shown on its own (a chip "Offline", a heading): exactly the caption, not a button.
function stateCands(labels, root) {
  return [...root.querySelectorAll(CAPTION + ', li')].filter(e =>
    !within(e, PRESS.replace(', li', '')) && !e.querySelector(ANY_CONTROL))
    .map(el => ({el, level: level(text(el), labels) >= 2 ? 3 : 0, rank: 0, src: text(el)}));
}

// A shown value next to its caption: <dt>Id</dt><dd>600709</dd>, <th>/<td>, "Id: 600709".
// A table's column header names the cells below it, not the cell beside it.
const columnHeader = el => (el.tagName === 'TH' || el.getAttribute('role') === 'columnheader') &&
  (within(el, 'thead') || [...el.parentElement.children].every(c => c.tagName === 'TH'));

function valueCands(labels, root) {
  const cands = [];
  for (const cap of captions(labels, root)) {
    if (columnHeader(cap)) continue;
    const lv = level(text(cap), labels);
    // a form's <label> names what someone types (e.g. in a closed dialog), not what is shown
    const rank = cap.tagName === 'DT' ? 0 : cap.tagName === 'LABEL' ? 3 : 1;
    if (lv) cands.push({el: cap, level: lv, rank, src: text(cap)});
  }
  for (const label of forms(labels)) {
    const l = lower(norm(label));
    for (const el of root.querySelectorAll('dd, td, span, div, p, li, strong')) {
      const t = lower(spaces(text(el)));
      if (t.startsWith(l + ':') && el.textContent.length < l.length + 80)
        cands.push({el, level: 1, rank: 2, inline: l.length, src: label});
    }
  }
  return cands;
}

function valueOf(cand) {
  if (cand.inline) return spaces(spaces(text(cand.el)).slice(cand.inline + 1));
  const sib = cand.el.nextElementSibling;
  if (sib) {
    const c = sib.matches(ANY_CONTROL) ? sib : sib.querySelector(ANY_CONTROL);
    return spaces(c && !spaces(text(sib).replace(text(c), '')) ? readControl(c) : text(sib));
  }
  const all = spaces(text(cand.el.parentElement));
  return spaces(all.slice(all.indexOf(spaces(text(cand.el))) + spaces(text(cand.el)).length));
}

function candidates(spec) {
  const root = document.body;
  const kind = spec.kind;
  if (kind === 'field' || kind === 'select' || kind === 'file' || kind === 'check')
    return fieldCands(kind, spec.labels, root);
  if (kind === 'value') return valueCands(spec.labels, root);
  if (kind === 'state') return stateCands(spec.labels, root);
  if (kind === 'header') return [...root.querySelectorAll('th, [role=columnheader]')]
    .map(el => ({el, level: level(text(el), spec.labels), rank: 0, src: text(el)}));
  return pressCands(kind, spec.labels, root);
}

function hit(spec) {
  if (!document.body) return null;
  const anchor = spec.near ? find(spec.near) : null;
  if (spec.kind === 'text') {
    const sc = scopes();
    const [found, label] = textsWithForm(spec.labels, document.body);
    const els = found.filter(e => scopeOf(e, sc) !== null);
    return els.length ? {el: els[0], src: label} : null;
  }
  return best(candidates(spec), anchor, spec.kind, spec.labels);
}

function find(spec) {
  const h = hit(spec);
  return h ? h.el : null;
}

function readControl(el) {
  if (el.tagName === 'SELECT') {
    const opt = el.selectedOptions[0];
    return opt && opt.value !== '' ? spaces(opt.textContent) : '';
  }
  if (el.matches(CHECKBOX)) return String(checked(el));
  if (el.matches(POPUP)) return norm(text(el));
  if (el.isContentEditable) return spaces(el.innerText);
  return el.value == null ? spaces(el.textContent) : el.value;
}

const checked = el => (el.tagName === 'INPUT' ? el.checked :
  el.getAttribute('aria-checked') === 'true');

function read(spec) {
  const h = hit(spec);
  if (!h) return null;
  return spec.kind === 'value' ? valueOf(h) : spec.kind === 'state' ? 'true' : readControl(h.el);
}

function probe(specs) {
  const out = {};
  for (const s of specs) {
    const h = hit(s);
    out[s.key] = h ? (matchedForm(h.src || '', s.labels) || forms(s.labels)[0]) : null;
  }
  return out;
}

function readAll(specs) {
  const out = {};
  for (const s of specs) out[s.key] = read(s);
  return out;
}

// Whether the element of `spec` is inside the top-most open dialog.
function inDialog(spec) {
  const dialog = topDialog(), el = find(spec);
  return !!dialog && !!el && dialog.contains(el);
}
