/* The components of the pages, as component libraries build them: listbox drop-downs,
   drawn check boxes, a search field offering choices (combobox), drop-down menus, folding
   sidebar groups and tabs. All by event delegation, so re-rendered parts work at once. */

import { fragment, request } from "./net.js";

const SUGGEST_DELAY_MS = 150;

function changed(element) {
  element.dispatchEvent(new Event("input", { bubbles: true }));
  element.dispatchEvent(new Event("change", { bubbles: true }));
}

/* ---- listbox drop-down ---- */

function openDropdown(dropdown) {
  closeAll(dropdown);
  const listbox = dropdown.querySelector('[role="listbox"]');
  dropdown.querySelector(".dropdown-button").setAttribute("aria-expanded", "true");
  listbox.hidden = false;
  const options = [...listbox.querySelectorAll('[role="option"]')];
  for (const option of options) option.tabIndex = -1;
  const current = options.find((o) => o.getAttribute("aria-selected") === "true") || options[0];
  if (current) current.focus();
}

function closeDropdown(dropdown, focusButton = false) {
  const button = dropdown.querySelector(".dropdown-button");
  dropdown.querySelector('[role="listbox"]').hidden = true;
  button.setAttribute("aria-expanded", "false");
  if (focusButton) button.focus();
}

/* Show `value` as the choice, without the events of a user's pick. */
export function setDropdownValue(dropdown, value) {
  let text = "";
  for (const option of dropdown.querySelectorAll('[role="option"]')) {
    const chosen = option.dataset.value === value;
    option.setAttribute("aria-selected", String(chosen));
    if (chosen) text = option.textContent;
  }
  dropdown.querySelector(".dropdown-value").textContent = text;
  dropdown.querySelector('input[type="hidden"]').value = value;
}

function pick(option) {
  const dropdown = option.closest("[data-dropdown]");
  setDropdownValue(dropdown, option.dataset.value);
  closeDropdown(dropdown, true);
  changed(dropdown.querySelector('input[type="hidden"]'));
}

function dropdownKeys(event, option) {
  const options = [...option.parentElement.querySelectorAll('[role="option"]')];
  const index = options.indexOf(option);
  if (event.key === "ArrowDown" || event.key === "ArrowUp") {
    const next = options[index + (event.key === "ArrowDown" ? 1 : -1)];
    if (next) next.focus();
  } else if (event.key === "Enter" || event.key === " ") {
    pick(option);
  } else if (event.key === "Escape" || event.key === "Tab") {
    closeDropdown(option.closest("[data-dropdown]"), event.key === "Escape");
  } else {
    return;
  }
  event.preventDefault();
}

/* ---- drawn check box ---- */

function toggleCheckbox(box) {
  if (box.getAttribute("aria-disabled") === "true" || box.closest("fieldset:disabled")) return;
  box.setAttribute("aria-checked", String(box.getAttribute("aria-checked") !== "true"));
  changed(box);
}

/* ---- combobox (search field with suggestions) ---- */

const suggestTimers = new WeakMap();

async function suggest(input) {
  const box = input.closest("[data-combobox]");
  const listbox = box.querySelector('[role="listbox"]');
  const url = new URL(box.dataset.source, window.location.href);
  url.searchParams.set("q", input.value.trim());
  const result = await request(url.pathname + url.search);
  if (!result || !result.ok || document.activeElement !== input) return;
  listbox.replaceChildren(fragment(result.data));
  listbox.hidden = false;
  input.setAttribute("aria-expanded", "true");
}

function scheduleSuggest(input) {
  clearTimeout(suggestTimers.get(input));
  suggestTimers.set(input, setTimeout(() => suggest(input), SUGGEST_DELAY_MS));
}

function closeCombobox(box) {
  box.querySelector('[role="listbox"]').hidden = true;
  box.querySelector('[role="combobox"]').setAttribute("aria-expanded", "false");
}

function chooseSuggestion(option) {
  if (option.getAttribute("aria-disabled") === "true") return;
  const box = option.closest("[data-combobox]");
  const input = box.querySelector('[role="combobox"]');
  const value = box.closest("form").querySelector("[data-combobox-value]");
  input.value = option.textContent;
  value.value = option.dataset.value;
  closeCombobox(box);
  input.focus();
  changed(value);
}

/* ---- menus, sidebar groups, tabs ---- */

function toggleMenu(button) {
  const list = document.getElementById(button.getAttribute("aria-controls"));
  const open = button.getAttribute("aria-expanded") !== "true";
  closeAll();
  button.setAttribute("aria-expanded", String(open));
  list.hidden = !open;
  if (open) list.querySelector('[role="menuitem"]')?.focus();
}

function toggleGroup(button) {
  const open = button.getAttribute("aria-expanded") !== "true";
  button.setAttribute("aria-expanded", String(open));
  document.getElementById(button.getAttribute("aria-controls")).hidden = !open;
}

function showTab(tab) {
  for (const other of tab.closest('[role="tablist"]').querySelectorAll('[role="tab"]')) {
    const selected = other === tab;
    other.setAttribute("aria-selected", String(selected));
    other.tabIndex = selected ? 0 : -1;
    document.getElementById(other.getAttribute("aria-controls")).hidden = !selected;
  }
}

/* Close open drop-downs, menus and suggestion lists (except the one inside `keep`). */
export function closeAll(keep = null) {
  for (const dropdown of document.querySelectorAll("[data-dropdown]")) {
    if (dropdown !== keep && !dropdown.querySelector('[role="listbox"]').hidden) closeDropdown(dropdown);
  }
  for (const button of document.querySelectorAll('[aria-haspopup="menu"][aria-expanded="true"]')) {
    if (keep && keep.contains(button)) continue;
    button.setAttribute("aria-expanded", "false");
    document.getElementById(button.getAttribute("aria-controls")).hidden = true;
  }
  for (const box of document.querySelectorAll("[data-combobox]")) {
    if (box !== keep) closeCombobox(box);
  }
}

/* Whether `anything open` was closed by Escape (so the dialog stays open this time). */
export function closeOnEscape() {
  const open = document.querySelector(
    '[data-dropdown] [role="listbox"]:not([hidden]), [role="menu"]:not([hidden]), [data-combobox] [role="listbox"]:not([hidden])',
  );
  if (!open) return false;
  closeAll();
  return true;
}

function onClick(event) {
  const target = event.target;
  const button = target.closest(".dropdown-button");
  if (button) {
    const dropdown = button.closest("[data-dropdown]");
    if (button.getAttribute("aria-expanded") === "true") closeDropdown(dropdown);
    else openDropdown(dropdown);
    return;
  }
  const option = target.closest('[role="option"]');
  if (option && option.closest("[data-dropdown]")) return pick(option);
  if (option && option.closest("[data-combobox]")) return chooseSuggestion(option);
  const box = target.closest("[data-checkbox]") || target.closest("[data-checkbox-text]")?.previousElementSibling;
  if (box && box.matches("[data-checkbox]")) return toggleCheckbox(box);
  const menuButton = target.closest('[aria-haspopup="menu"]');
  if (menuButton) return toggleMenu(menuButton);
  const group = target.closest(".nav-toggle");
  if (group) return toggleGroup(group);
  const tab = target.closest('[role="tab"]');
  if (tab) return showTab(tab);
  if (!target.closest("[data-dropdown], [data-combobox], [role='menu']")) closeAll();
}

function onKeydown(event) {
  const target = event.target;
  if (target.matches('[data-dropdown] [role="option"]')) return dropdownKeys(event, target);
  if (target.matches("[data-checkbox]") && event.key === " ") {
    event.preventDefault();
    return toggleCheckbox(target);
  }
  if (target.matches('[role="combobox"]') && event.key === "ArrowDown") {
    event.preventDefault();
    target.closest("[data-combobox]").querySelector('[role="option"]')?.focus();
  }
  if (target.matches('[data-combobox] [role="option"]') && event.key === "Enter") {
    event.preventDefault();
    chooseSuggestion(target);
  }
}

function onInput(event) {
  const input = event.target;
  if (!input.matches('[data-combobox] [role="combobox"]')) return;
  input.closest("form").querySelector("[data-combobox-value]").value = "";
  scheduleSuggest(input);
}

function onFocusIn(event) {
  if (event.target.matches('[data-combobox] [role="combobox"]')) scheduleSuggest(event.target);
}

export function initWidgets() {
  document.addEventListener("click", onClick);
  document.addEventListener("keydown", onKeydown);
  document.addEventListener("input", onInput);
  document.addEventListener("focusin", onFocusIn);
}
