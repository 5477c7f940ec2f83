// Visible text, matching a text against a locator's accepted forms, visibility, and the scope
// a lookup belongs to (the top-most open dialog, else the open panel, else the page).

const TEXTUAL = 'input:not([type=hidden]):not([type=submit]):not([type=button])' +
  ':not([type=reset]):not([type=image]):not([type=file]):not([type=checkbox])' +
  ':not([type=radio]), textarea, [contenteditable=""], [contenteditable=true], [role=textbox]';
// A drop-down as component libraries render it: a button that opens a listbox.
const POPUP = 'button[aria-haspopup=listbox], [role=button][aria-haspopup=listbox], ' +
  '[role=combobox]:not(input)';
const CONTROL = TEXTUAL + ', select, input[role=combobox], [role=listbox], ' + POPUP;
const CHECKBOX = 'input[type=checkbox], [role=checkbox], [role=switch]';
const FILE = 'input[type=file]';
const ANY_CONTROL = CONTROL + ', ' + FILE + ', ' + CHECKBOX;
const PRESS = 'button, input[type=submit], input[type=button], input[type=reset], ' +
  'input[type=image], a, [role=button], [role=link], [role=tab], [role=menuitem], ' +
  '[role=treeitem], summary, li';
const NAV = 'nav, [role=navigation], [role=menubar], [role=menu], header, [role=banner]';
const FOOTER = 'footer, [role=contentinfo]';
const DIALOG = '[role=dialog], [role=alertdialog], dialog[open]';
const PANEL = '[role=complementary], aside';
const CAPTION = 'dt, th, td, span, div, p, strong, b, em, small, legend, label, ' +
  'h1, h2, h3, h4, h5, h6, [role=columnheader]';
const SKIP = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'SELECT', 'TEXTAREA',
  'OPTION', 'INPUT']);
const BLOCK = new Set(['DIV', 'P', 'LI', 'BR', 'TD', 'TH', 'DT', 'DD', 'TR', 'H1', 'H2', 'H3',
  'H4', 'H5', 'H6', 'SECTION', 'UL', 'OL', 'TABLE']);
const ERROR_CLASS =
  /(^|[\s_-])(error|errors|errorlist|invalid|invalid-feedback|fehler|danger)([\s_-]|$)/i;

const spaces = s => (s || '').normalize('NFC').replace(/[\s\u00a0\u200b]+/g, ' ').trim();
// Without a trailing required marker ("*", "•") or colon, without drop-down and sort arrows.
const norm = s => spaces(spaces(s).replace(/[▾▼⌄∨˅▲△▴▵]/g, '')).replace(/[\s*:•]+$/, '');
const lower = s => s.toLocaleLowerCase('de');
const bare = s => norm(spaces(s).replace(/\s*\([^()]*\)[\s*:•]*$/, ''));
const forms = labels => (Array.isArray(labels) ? labels : [labels]).filter(Boolean);

// How well `text` matches one of `labels`: 3 exact, 2 any case, 1 without a "(…)" note.
function level(text, labels) {
  const t = norm(text);
  if (!t) return 0;
  let best = 0;
  for (const label of forms(labels)) {
    const l = norm(label);
    if (!l) continue;
    if (t === l) return 3;
    if (lower(t) === lower(l)) best = Math.max(best, 2);
    else if (lower(bare(t)) === lower(l)) best = Math.max(best, 1);
  }
  return best;
}

// The form of `labels` that `text` matches best (for the report of what was found).
function matchedForm(text, labels) {
  let hit = null, lv = 0;
  for (const label of forms(labels)) {
    const l = level(text, [label]);
    if (l > lv) { hit = label; lv = l; }
  }
  return hit;
}

// Visible text of an element, without scripts, templates, the values of nested controls and
// what is hidden from a screen reader (an icon font's ligature such as "file" beside "Bild").
function text(el) {
  let out = '';
  for (const node of el.childNodes) {
    if (node.nodeType === 3) out += node.data;
    else if (node.nodeType === 1 && !SKIP.has(node.tagName) && !node.hidden &&
        node.getAttribute('aria-hidden') !== 'true') {
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
const byId = id => (id ? document.getElementById(id) : null);

function zIndex(el) {
  for (let e = el; e && e !== document.body; e = e.parentElement) {
    const z = parseInt(getComputedStyle(e).zIndex, 10);
    if (!Number.isNaN(z)) return z;
  }
  return 0;
}

// The open dialog on top (highest stacking, then the last in the document), or null.
function topDialog() {
  const open = [...document.querySelectorAll(DIALOG)].filter(visible)
    .filter(d => !d.querySelector(DIALOG) || ![...d.querySelectorAll(DIALOG)].some(visible));
  if (!open.length) return null;
  open.sort((a, b) => zIndex(a) - zIndex(b) ||
    (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  return open[open.length - 1];
}

// A dialog that blocks the rest of the page.
const modal = d => !!d && (d.getAttribute('aria-modal') === 'true' ||
  (d.tagName === 'DIALOG' && d.matches(':modal')));

function openPanel() {
  const panels = [...document.querySelectorAll(PANEL)].filter(p =>
    visible(p) && !within(p, NAV) && !p.querySelector(NAV) && p.querySelector(ANY_CONTROL +
      ', ' + PRESS));
  return panels.length ? panels[panels.length - 1] : null;
}

// Where lookups happen now: {dialog, panel, blocking}. Within a blocking dialog only.
function scopes() {
  const dialog = topDialog();
  return {dialog, panel: openPanel(), blocking: modal(dialog)};
}

// 0 inside the top dialog, 1 inside the open panel, 2 elsewhere; null when a blocking dialog
// hides the element.
function scopeOf(el, sc) {
  if (sc.dialog && sc.dialog.contains(el)) return 0;
  if (sc.blocking) return null;
  if (sc.panel && sc.panel.contains(el)) return 1;
  return 2;
}

// How many characters of visible text the page shows: 0 while it is still blank (loading).
function pageText() {
  return spaces(document.body ? document.body.innerText : '').length;
}
