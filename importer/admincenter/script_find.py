"""In-page JavaScript, part 1: normalizing text and finding, filling and reading elements
by their visible labels (see script.py)."""

FIND = r"""
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
  // A table's column header names the cells below it, not the cell beside it.
  const columnHeader = el => el.tagName === 'TH' &&
    (within(el, 'thead') || [...el.parentElement.children].every(c => c.tagName === 'TH'));

  function valueCands(label, root) {
    const cands = [];
    for (const cap of captions(label, root)) {
      if (columnHeader(cap)) continue;
      const lv = level(text(cap), label);
      // a form's <label> names what someone types (e.g. in a closed dialog), not what is shown
      const rank = cap.tagName === 'DT' ? 0 : cap.tagName === 'LABEL' ? 3 : 1;
      if (lv) cands.push({el: cap, level: lv, rank});
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
    // A search-as-you-type choice wants typing and then a click on one of its options.
    if (value && (el.getAttribute('role') === 'combobox' || el.hasAttribute('aria-autocomplete')))
      return 'choose';
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

  // The visible option of an open choice list that is named `spec.value`, or null.
  function option(spec) {
    const cands = [...document.querySelectorAll('[role=option], [role=listbox] li')]
      .filter(visible).map(el => ({el, level: level(text(el), spec.value), rank: 0}));
    const hit = best(cands.filter(c => c.level >= 2), null);
    return hit ? hit.el : null;
  }

  // Fill many fields in one call. Answer per key: null (set), 'missing', 'option',
  // 'control', 'mismatch' (the page changed or refused the value: type it instead),
  // 'choose' (type, then click the offered option).
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

"""
