/* The pages as a single-page application: list rows open the detail panel, its buttons open
   dialogs, saves are script requests, and every change re-renders the affected part (the old
   elements are replaced). The address of the page never changes between list pages. */

import { EntryEditor } from "./entries.js";
import { clearFieldErrors, fragment, request, showFieldError, toast } from "./net.js";
import { closeAll, closeOnEscape, initWidgets } from "./widgets.js";

const SEARCH_DELAY_MS = 250;
const initialForms = new WeakMap();
let panelUrl = null; // what the panel shows now, fetched again after a change
let rowUrl = null; // the list row whose panel is open
let opener = null; // what opened the dialog, focused again when it closes
let searchTimer = null;

const panelSlot = () => document.querySelector(".panel-slot");
const dialogSlot = () => document.querySelector(".dialog-slot");
const listSlot = () => document.querySelector(".list-slot");

/* ---- inserted fragments ---- */

function formState(form) {
  return JSON.stringify(
    [...form.elements]
      .filter((e) => e.name)
      .map((e) => [e.name, e.type === "file" ? e.files.length : e.type === "checkbox" ? e.checked : e.value]),
  );
}

function updateDirty(form) {
  const dirty = formState(form) !== initialForms.get(form);
  for (const button of form.querySelectorAll('button[type="submit"]')) button.disabled = !dirty;
}

function prepare(root) {
  for (const form of root.querySelectorAll("form[data-dirty]")) initialForms.set(form, formState(form));
  for (const editor of root.querySelectorAll("[data-entry-editor]")) new EntryEditor(editor, entriesSaved);
}

function insert(slot, html) {
  slot.replaceChildren(fragment(html));
  prepare(slot);
}

/* ---- panel, dialog, list ---- */

async function openPanel(url, fromRow = null) {
  const slot = panelSlot();
  const result = await request(url, { busy: slot.querySelector(".panel") || slot });
  if (!result || !result.ok) return;
  insert(slot, result.data);
  panelUrl = url;
  if (fromRow) rowUrl = fromRow;
  markRow();
}

function closePanel() {
  panelSlot().replaceChildren();
  panelUrl = rowUrl = null;
  markRow();
}

async function refreshPanel() {
  if (panelUrl) await openPanel(panelUrl);
}

async function openDialog(url, from) {
  const result = await request(url, { busy: panelSlot().querySelector(".panel") });
  if (!result || !result.ok) return;
  opener = from;
  insert(dialogSlot(), result.data);
  dialogSlot().querySelector("input:not([type=hidden]), textarea, select, .dropdown-button, button")?.focus();
}

function closeDialog() {
  dialogSlot().replaceChildren();
  if (opener && opener.isConnected) opener.focus();
  opener = null;
}

function markRow() {
  for (const row of document.querySelectorAll('.list-area [data-action="panel"]')) {
    const target = row.closest('[role="treeitem"]') || row;
    target.setAttribute("aria-selected", String(row.dataset.url === rowUrl));
  }
}

async function refreshList() {
  const slot = listSlot();
  if (!slot) return;
  const expanded = [...slot.querySelectorAll('[role="treeitem"][aria-expanded="true"] > .tree-row .tree-toggle')].map(
    (toggle) => toggle.dataset.url,
  );
  const result = await request(slot.dataset.url, { busy: slot });
  if (!result || !result.ok) return;
  insert(slot, result.data);
  for (const url of expanded) {
    const toggle = [...slot.querySelectorAll(".tree-toggle")].find((t) => t.dataset.url === url);
    if (toggle && toggle.closest('[role="treeitem"]').getAttribute("aria-expanded") === "false") await toggleTree(toggle);
  }
  markRow();
}

function showList(url) {
  listSlot().dataset.url = url;
  return refreshList();
}

function search(input) {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => {
    const url = new URL(listSlot().dataset.url, window.location.href);
    url.searchParams.set(input.dataset.listSearch, input.value.trim());
    url.searchParams.delete("seite");
    showList(url.pathname + url.search);
  }, SEARCH_DELAY_MS);
}

async function toggleTree(toggle) {
  const item = toggle.closest('[role="treeitem"]');
  const expand = item.getAttribute("aria-expanded") !== "true";
  let group = item.querySelector(':scope > [role="group"]');
  if (expand && !group) {
    const result = await request(toggle.dataset.url, { busy: listSlot() });
    if (!result || !result.ok) return;
    group = document.createElement("ul");
    group.setAttribute("role", "group");
    group.append(fragment(result.data));
    item.append(group);
    markRow();
  }
  group.hidden = !expand;
  item.setAttribute("aria-expanded", String(expand));
  toggle.setAttribute("aria-label", expand ? "Zuklappen" : "Aufklappen");
  toggle.textContent = expand ? "▾" : "▸";
}

/* ---- saving ---- */

async function saveForm(form) {
  clearFieldErrors(form);
  const body = new FormData(form);
  const result = await request(form.action, { method: "POST", body, busy: form.closest(".dialog, .panel") });
  if (!result) return;
  if (result.status === 422) {
    for (const [name, message] of Object.entries(result.data.errors || {})) {
      const field = form.elements.namedItem(name);
      if (field) showFieldError(field, message);
    }
    return;
  }
  if (!result.ok) return;
  toast(result.data.message);
  if (form.closest(".dialog")) closeDialog();
  if (result.data.panel) await openPanel(result.data.panel, result.data.panel);
  else await refreshPanel();
  await refreshList();
}

async function entriesSaved(answer, after) {
  toast(answer.message);
  if (after === "close-dialog") closeDialog();
  await refreshPanel();
}

async function post(url) {
  const result = await request(url, { method: "POST", busy: panelSlot().querySelector(".panel") });
  if (!result || !result.ok) return;
  toast(result.data.message);
  await refreshPanel();
  await refreshList();
}

async function chooseMandant(field) {
  const body = new FormData();
  body.set("mandant", field.value);
  const result = await request(field.closest("[data-choose-mandant]").dataset.chooseMandant, { method: "POST", body });
  if (result && result.ok) window.location.reload();
}

function filterTable(input) {
  const needle = input.value.trim().toLocaleLowerCase("de");
  for (const row of document.querySelectorAll(".list-area .data-table tbody tr")) {
    row.hidden = needle !== "" && !row.textContent.toLocaleLowerCase("de").includes(needle);
  }
}

/* ---- events ---- */

const ACTIONS = {
  panel: (el) => openPanel(el.dataset.url, el.closest(".list-area") ? el.dataset.url : null),
  dialog: (el) => openDialog(el.dataset.url, el),
  list: (el) => showList(el.dataset.url),
  post: (el) => post(el.dataset.url),
  notice: (el) => toast(el.dataset.notice),
  "tree-toggle": (el) => toggleTree(el),
  "close-panel": () => closePanel(),
  "close-dialog": () => closeDialog(),
  "toggle-sidebar": () => document.body.classList.toggle("sidebar-hidden"),
};

function onClick(event) {
  const element = event.target.closest("[data-action]");
  if (!element || element.disabled) return;
  event.preventDefault();
  closeAll();
  ACTIONS[element.dataset.action]?.(element);
}

function onKeydown(event) {
  if (event.key === "Escape") {
    if (!closeOnEscape() && dialogSlot().children.length) closeDialog();
    return;
  }
  const element = event.target;
  if ((event.key === "Enter" || event.key === " ") && element.matches("tr[data-action], .tree-row[data-action]")) {
    event.preventDefault();
    ACTIONS[element.dataset.action]?.(element);
  }
}

function onSubmit(event) {
  const form = event.target;
  if (form.matches("form[data-save]")) {
    event.preventDefault();
    saveForm(form);
  } else if (form.matches("form[data-notice]")) {
    event.preventDefault();
    toast(form.dataset.notice);
  }
}

function onEdit(event) {
  const target = event.target;
  const form = target.closest("form[data-dirty]");
  if (form) updateDirty(form);
  if (event.type === "input" && target.matches("[data-list-search]")) search(target);
  if (event.type === "input" && target.matches("[data-table-filter]")) filterTable(target);
  if (event.type === "change" && target.closest("[data-choose-mandant]")) chooseMandant(target);
}

function onReset(event) {
  const form = event.target;
  if (form.matches("form[data-dirty]")) setTimeout(() => updateDirty(form));
}

document.addEventListener("DOMContentLoaded", () => {
  initWidgets();
  document.addEventListener("click", onClick);
  document.addEventListener("keydown", onKeydown);
  document.addEventListener("submit", onSubmit);
  document.addEventListener("input", onEdit);
  document.addEventListener("change", onEdit);
  document.addEventListener("reset", onReset);
  prepare(document);
});
