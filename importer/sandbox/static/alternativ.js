/* Behaviour of the "alternativ" markup (another vendor's AdminCenter): sidebar menu, clickable
   table rows, table filter, the unit table loaded from the server, the Anlegen dialog, tabs
   by address fragment, and the Kommunikation form saved by fetch with a passing toast. */
"use strict";

const TOAST_MS = 3000;
const FAILED = "Es ist ein Fehler aufgetreten";

function initMenuToggle(button) {
  const menu = document.getElementById(button.getAttribute("aria-controls"));
  button.addEventListener("click", () => {
    const open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    menu.hidden = !open;
  });
}

function initRowLinks(table) {
  const follow = (row) => row && row.dataset.href && window.location.assign(row.dataset.href);
  table.addEventListener("click", (event) => follow(event.target.closest("tr[data-href]")));
  table.addEventListener("keydown", (event) => {
    if (event.key === "Enter") follow(event.target.closest("tr[data-href]"));
  });
}

function initTableFilter(input) {
  const table = input.closest(".liste").querySelector("table");
  input.addEventListener("input", () => {
    const needle = input.value.trim().toLocaleLowerCase("de");
    for (const row of table.tBodies[0].rows) {
      row.hidden = needle !== "" && !row.textContent.toLocaleLowerCase("de").includes(needle);
    }
  });
}

function cell(content) {
  const td = document.createElement("td");
  td.append(content);
  return td;
}

function unitRow(unit) {
  const link = document.createElement("a");
  link.href = unit.url;
  link.textContent = unit.name;
  const status = document.createElement("span");
  status.className = unit.published ? "status status--ok" : "status";
  status.textContent = unit.version;
  const row = document.createElement("tr");
  row.append(cell(link), cell(unit.url.split("/").pop()), cell(status));
  return row;
}

function noteRow(text) {
  const row = document.createElement("tr");
  const td = cell(text);
  td.colSpan = 3;
  row.append(td);
  return row;
}

function fillChoices(units) {
  for (const select of document.querySelectorAll("select.js-unit-choices")) {
    for (const unit of units) select.add(new Option(unit.name, unit.url.split("/").pop()));
  }
}

async function loadUnitTable(table) {
  const response = await fetch(table.dataset.source, { headers: { Accept: "application/json" } });
  const body = await response.json();
  if (response.status === 401 && body.redirect) {
    window.location.assign(body.redirect);
    return;
  }
  const rows = table.tBodies[0];
  rows.replaceChildren();
  if (!response.ok) rows.append(noteRow(body.message));
  else if (body.units.length === 0) rows.append(noteRow("Keine Organisationseinheiten vorhanden."));
  else rows.append(...body.units.map(unitRow));
  if (response.ok) fillChoices(body.units);
  if (body.more) rows.append(noteRow(`${body.more} weitere – bitte „Suchen“ verwenden.`));
  const filter = table.closest(".liste").querySelector(".js-table-filter");
  if (filter && filter.value) filter.dispatchEvent(new Event("input"));
}

function initDialog(button) {
  const dialog = document.getElementById(button.getAttribute("aria-controls"));
  button.addEventListener("click", () => dialog.showModal());
  for (const close of dialog.querySelectorAll(".js-close-dialog")) {
    close.addEventListener("click", () => dialog.close());
  }
}

function showPanel(tabs) {
  const links = [...tabs.querySelectorAll('a[href^="#"]')];
  const chosen = links.find((a) => a.hash === window.location.hash) || links[0];
  for (const link of links) {
    const selected = link === chosen;
    link.classList.toggle("aktiv", selected);
    document.getElementById(link.hash.slice(1)).hidden = !selected;
  }
}

function initTabs(tabs) {
  window.addEventListener("hashchange", () => showPanel(tabs));
  showPanel(tabs);
}

function toast(text, ok) {
  const note = document.createElement("div");
  note.className = ok ? "toast" : "toast toast--fehler";
  note.setAttribute("role", "status");
  note.textContent = text;
  document.body.append(note);
  window.setTimeout(() => note.remove(), TOAST_MS);
}

function clearAlerts(form) {
  for (const alert of form.querySelectorAll('[role="alert"]')) alert.remove();
  for (const input of form.querySelectorAll("input[aria-invalid]")) {
    input.removeAttribute("aria-invalid");
    input.removeAttribute("aria-describedby");
  }
}

function showAlerts(form, errors) {
  for (const [name, text] of Object.entries(errors)) {
    const input = form.elements.namedItem(name);
    const alert = document.createElement("div");
    alert.className = "hinweis";
    alert.setAttribute("role", "alert");
    alert.id = `hinweis-${name}`;
    alert.textContent = text;
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", alert.id);
    input.closest("label").after(alert);
  }
}

function showVersion(version, published) {
  const status = document.querySelector(".kopf .status");
  status.textContent = `Version ${version}`;
  status.classList.toggle("status--ok", published);
}

async function sendForm(form) {
  const token = document.querySelector('meta[name="csrf-token"]').content;
  const response = await fetch(form.action, {
    method: "POST",
    body: new FormData(form),
    headers: { Accept: "application/json", "X-CSRF-Token": token },
  });
  const body = await response.json().catch(() => ({ message: FAILED }));
  if (response.status === 401 && body.redirect) {
    window.location.assign(body.redirect);
    return;
  }
  toast(body.message || FAILED, response.ok);
  if (body.errors) showAlerts(form, body.errors);
  if (response.ok) showVersion(body.version, body.published);
}

function initFetchForm(form) {
  const button = form.querySelector('button[type="submit"]');
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearAlerts(form);
    button.disabled = true;
    try {
      await sendForm(form);
    } catch (error) {
      toast(FAILED, false);
    } finally {
      button.disabled = false;
    }
  });
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("button[aria-controls][aria-expanded]").forEach(initMenuToggle);
  document.querySelectorAll("table.raster").forEach(initRowLinks);
  document.querySelectorAll(".js-table-filter").forEach(initTableFilter);
  document.querySelectorAll("table[data-source]").forEach((table) =>
    loadUnitTable(table).catch(() => table.tBodies[0].replaceChildren(noteRow(FAILED))));
  document.querySelectorAll(".js-open-dialog").forEach(initDialog);
  document.querySelectorAll("ul.reiter").forEach(initTabs);
  document.querySelectorAll("form.js-fetch-form").forEach(initFetchForm);
  document.querySelectorAll("select.js-autosubmit").forEach((select) =>
    select.addEventListener("change", () => select.form.submit()));
});
