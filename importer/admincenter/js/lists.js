// The entries of a list beside its search field: links, rows of a table, items of a tree
// (with their parent), and the list's own "next page" control and collapsed tree nodes.

const LIST = 'ul, ol, table, [role=list], [role=tree], [role=listbox], [role=grid], ' +
  '[role=table], [role=treegrid]';
const ENTRY = 'a[href], [role=treeitem], [role=option], [role=row]';
const hasList = box => [...box.querySelectorAll(LIST)].some(l => !within(l, NAV));

const clickable = el => el.hasAttribute('onclick') || el.hasAttribute('tabindex') ||
  el.hasAttribute('data-href') || getComputedStyle(el).cursor === 'pointer';

// The text of a tree item or list item without the items nested in it.
function ownText(el) {
  let out = '';
  for (const node of el.childNodes) {
    if (node.nodeType === 3) out += node.data;
    else if (node.nodeType === 1 && !SKIP.has(node.tagName) && !node.hidden &&
      !node.matches('[role=group], ul, ol, [role=treeitem]')) out += ' ' + text(node) + ' ';
  }
  return norm(out.replace(/[▾▼▸▶►⊞⊟]/g, ''));
}

const isRow = el => el.tagName === 'TR' || el.getAttribute('role') === 'row';
const cellsOf = row => [...row.querySelectorAll('td, th, [role=gridcell], [role=cell]')]
  .filter(c => c.closest('tr, [role=row]') === row);

// A table row is named by its first cell with words (a leading number column is an ID), a
// tree item by its own text, anything else by its whole text.
function entryName(el) {
  if (isRow(el)) {
    const cells = cellsOf(el).map(c => norm(text(c))).filter(Boolean);
    return cells.find(c => /\p{L}/u.test(c)) || cells[0] || '';
  }
  if (el.matches('[role=treeitem], li')) return ownText(el);
  return norm(text(el));
}

// The item this one is nested in (a tree's parent node), by nesting or by aria-level.
function parentItem(el) {
  const up = el.parentElement && el.parentElement.closest('[role=treeitem], li');
  if (up && !within(up, NAV)) return up;
  const lv = parseInt(el.getAttribute('aria-level') || '', 10);
  if (!lv || lv < 2) return null;
  const items = [...document.querySelectorAll('[role=treeitem], [role=row]')];
  for (let i = items.indexOf(el) - 1; i >= 0; i--) {
    if (parseInt(items[i].getAttribute('aria-level') || '', 10) === lv - 1) return items[i];
  }
  return null;
}

function isHeaderRow(el) {
  return isRow(el) && (within(el, 'thead') || cellsOf(el).every(c =>
    c.tagName === 'TH' || c.getAttribute('role') === 'columnheader'));
}

// Inside a panel or dialog that the list itself is not part of.
function aside(el, box, sc) {
  return [sc.dialog, sc.panel].some(p => p && p.contains(el) && !p.contains(box));
}

function entriesIn(box, skip) {
  const sc = scopes();
  const usable = el => !within(el, NAV) && !within(el, FOOTER) && !aside(el, box, sc) &&
    entryName(el) &&
    !skip.has(lower(entryName(el))) && !/^[\d\s«»<>‹›…]+$/.test(entryName(el)) &&
    !isHeaderRow(el);
  let els = [...box.querySelectorAll(ENTRY)].filter(usable);
  if (!els.length) els = [...box.querySelectorAll('li, tbody tr')].filter(usable).filter(clickable);
  // the innermost entry counts, except a tree item's own nested items
  els = els.filter(e => !els.some(o => o !== e && e.contains(o) &&
    !(e.matches('[role=treeitem], li') && o.closest('[role=treeitem], li') !== e)));
  return els.map(e => {
    const parent = e.matches('[role=treeitem], li') || e.hasAttribute('aria-level') ?
      parentItem(e) : null;
    return {name: entryName(e), href: e.href || null, parent: parent ? entryName(parent) : null,
      tree: e.matches('[role=treeitem]') || !!parent};
  });
}

// The box that holds the list next to the search field (or the main part of the page).
function listBox(spec) {
  const search = spec.search ? find(spec.search) : null;
  const main = document.querySelector('main, [role=main]') || document.body;
  const start = search || main;
  const skip = new Set(spec.exclude.map(l => lower(norm(l))));
  for (let box = start.parentElement || start; box; box = box.parentElement) {
    if (entriesIn(box, skip).length || box === document.body || box.matches('main, [role=main]') ||
        box.querySelector(NAV) || hasList(box)) return box;
  }
  return document.body;
}

// The entries: {items: [{name, href, parent, tree}], next}, where `next` is the list's own
// enabled "next page" control (spec.next), if any.
function listItems(spec) {
  const box = listBox(spec);
  const items = entriesIn(box, new Set(spec.exclude.map(l => lower(norm(l)))));
  return {items, next: spec.next && items.length ? nextPage(box, spec.next) : null};
}

function nextPage(box, spec) {
  for (let near = box, up = 0; near && up < 3; near = near.parentElement, up++) {
    const hit = best(pressCands('button', spec.labels, near), null, 'button', spec.labels);
    if (hit) return hit.visible && enabled(hit.el) ? pressable(hit.el) : null;
  }
  return null;
}

// The element to click for the entry named `spec.name` (a row's named cell, not its check
// box), or null.
function listItem(spec) {
  const skip = new Set(spec.exclude.map(l => lower(norm(l))));
  const box = listBox(spec);
  const sc = scopes();
  const els = [...box.querySelectorAll(ENTRY + ', li, tbody tr')]
    .filter(e => !within(e, NAV) && !aside(e, box, sc) && !isHeaderRow(e) &&
      level(entryName(e), spec.name) >= 2 &&
      !skip.has(lower(entryName(e))));
  const found = best(els.map(el => ({el, level: level(entryName(el), spec.name), rank: 0})), null);
  if (!found) return null;
  return pressable(clickTarget(found.el));
}

// Where a person clicks an entry: a row's cell with its name, a tree item's label.
function clickTarget(el) {
  if (isRow(el)) {
    const cell = cellsOf(el).find(c => /\p{L}/u.test(norm(text(c))) &&
      !c.querySelector(CHECKBOX));
    return (cell && (cell.querySelector('a[href], button, [role=button]') || cell)) || el;
  }
  if (el.matches('[role=treeitem], li')) {
    const label = [...el.children].find(c => !c.matches('[role=group], ul, ol') &&
      level(text(c), entryName(el)) >= 2);
    return label || el;
  }
  return el;
}

const TWISTY = /^[▸▶►+⊞]$/;
const EXPAND_WORDS = /aufklappen|ausklappen|erweitern|öffnen|expand/i;

// The control that opens the first collapsed node of the list's tree: {el, key} where key
// means "press ArrowRight on the item" (no visible toggle), or null when all are open.
function collapsedNode(spec) {
  const box = listBox(spec);
  for (const item of box.querySelectorAll('[role=treeitem][aria-expanded=false]')) {
    if (!visible(item)) continue;
    const own = [...item.querySelectorAll('*')].filter(e => {
      const group = e.closest('[role=group]');
      return e.closest('[role=treeitem]') === item && !(group && item.contains(group));
    });
    const toggle = own.find(e => visible(e) && (TWISTY.test(norm(text(e))) ||
      EXPAND_WORDS.test(e.getAttribute('aria-label') || e.getAttribute('title') || '')));
    return toggle ? pressable(toggle) : {...pressable(item), key: true};
  }
  return null;
}
