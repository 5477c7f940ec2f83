// Setting values the way typing would, choices of drop-downs, and check boxes.

function pickOption(select, value) {
  const opts = [...select.options];
  if (!value) return opts.find(o => o.value === '') || null;
  let hit = null, lv = 0;
  const indent = t => (t || '').replace(/^[\s\u00a0\-–—·•»>|]+/, '');
  for (const o of opts) {
    const l = Math.max(level(indent(o.textContent), value), level(indent(o.label), value));
    if (l > lv) { hit = o; lv = l; }
  }
  return lv >= 2 ? hit : null;
}

const SETTERS = {
  INPUT: Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set,
  TEXTAREA: Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set,
};

function announce(el) {
  el.dispatchEvent(new Event('input', {bubbles: true}));
  el.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true, key: 'Unidentified'}));
  el.dispatchEvent(new Event('change', {bubbles: true}));
}

// Set a value the way typing would: native setter (frameworks see it), then the events.
// Answers null (set), 'option' (no such choice), 'control', 'mismatch' (type it instead),
// 'choose' (type, then click an offered option), 'pick' (open the drop-down, click the
// option), 'click' (a check box to be clicked).
function setValue(el, value) {
  if (el.matches(CHECKBOX)) return checked(el) === (value === 'true') ? null : 'click';
  if (el.matches(POPUP)) return level(readControl(el), value) >= 2 ? null : 'pick';
  // A search-as-you-type choice wants typing and then a click on one of its options.
  if (value && (el.getAttribute('role') === 'combobox' || el.hasAttribute('aria-autocomplete')))
    return 'choose';
  if (el.readOnly || el.disabled) return 'control';
  if (el.focus) el.focus();
  if (el.tagName === 'SELECT') {
    const opt = pickOption(el, value);
    if (!opt) return 'option';
    if (el.value === opt.value) return null;
    el.value = opt.value;
  } else if (SETTERS[el.tagName]) {
    if (el.value === value) return null;
    SETTERS[el.tagName].call(el, value);
  } else if (el.isContentEditable) el.textContent = value;
  else return 'control';
  announce(el);
  if (el.blur) el.blur();
  if (el.tagName === 'SELECT') return null;
  return spaces(readControl(el)) === spaces(value) ? null : 'mismatch';
}

// Fill many fields in one call; the answer per key (see setValue) or 'missing'.
function fill(specs) {
  const out = {};
  for (const s of specs) {
    const el = find(s);
    out[s.key] = el ? setValue(el, s.value) : 'missing';
  }
  return out;
}

// The open list of choices that belongs to `control` (aria-controls / aria-owns), else the
// visible listbox nearest to it.
function listboxOf(control) {
  const ids = ((control && (control.getAttribute('aria-controls') ||
    control.getAttribute('aria-owns'))) || '').split(/\s+/);
  for (const id of ids) {
    const box = byId(id);
    if (box && visible(box)) return box;
  }
  const boxes = [...document.querySelectorAll('[role=listbox], datalist')].filter(visible);
  boxes.sort((a, b) => distance(a, control) - distance(b, control));
  return boxes[0] || null;
}

function optionsIn(box) {
  if (!box) return [];
  return [...box.querySelectorAll('[role=option], li, option')].filter(visible)
    .filter(o => !o.querySelector('[role=option]'));
}

// The visible option named `spec.value` of the drop-down `spec` names, or null.
function option(spec) {
  const control = find(spec);
  let opts = optionsIn(listboxOf(control));
  if (!opts.length) opts = [...document.querySelectorAll('[role=option]')].filter(visible);
  const cands = opts.map(el => ({el, level: level(text(el), spec.value), rank: 0}));
  const top = cands.filter(c => c.level >= 2).sort((a, b) => b.level - a.level)[0];
  return top ? top.el : null;
}

// The texts a choice offers all at once (a <select>'s options, an <input>'s datalist, an open
// listbox); {popup: true} for a closed drop-down; null where choices appear only while typing.
function choices(spec) {
  const el = find(spec);
  if (!el) return null;
  if (el.tagName === 'SELECT') return [...el.options].filter(o => o.value !== '')
    .map(o => norm(o.label || o.textContent));
  if (el.list) return [...el.list.options].map(o => norm(o.label || o.value));
  if (el.matches(POPUP)) {
    const box = el.getAttribute('aria-expanded') === 'true' ? listboxOf(el) : null;
    return box ? optionsIn(box).map(o => norm(text(o))) : {popup: true};
  }
  return null;
}

const expanded = spec => {
  const el = find(spec);
  return !!el && el.getAttribute('aria-expanded') === 'true';
};
