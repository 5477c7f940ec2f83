/* Behaviour of the sandbox pages: list search, the unit list loaded from the server, tabs,
   the Kommunikation form saved by fetch, the Mandant selector and the navigation menu. */
"use strict";

function csrfToken() {
  return document.querySelector('meta[name="csrf-token"]').content;
}

function initListFilter(input) {
  const list = input.closest(".listpane").querySelector(".entitylist");
  input.addEventListener("input", () => {
    const needle = input.value.trim().toLocaleLowerCase("de");
    for (const item of list.querySelectorAll("li")) {
      const text = item.textContent.toLocaleLowerCase("de");
      item.hidden = needle !== "" && !text.includes(needle);
    }
  });
}

function listItem(unit) {
  const item = document.createElement("li");
  const link = document.createElement("a");
  link.href = unit.url;
  link.textContent = unit.name;
  const badge = document.createElement("span");
  badge.className = unit.published ? "badge small badge-published" : "badge small";
  badge.textContent = unit.version;
  if (unit.url === window.location.pathname) item.className = "selected";
  item.append(link, badge);
  return item;
}

async function loadUnitList(list) {
  const response = await fetch(list.dataset.source, { headers: { Accept: "application/json" } });
  const body = await response.json();
  if (response.status === 401 && body.redirect) {
    window.location.assign(body.redirect);
    return;
  }
  list.replaceChildren();
  if (!response.ok) {
    list.append(messageItem("error", body.message));
  } else if (body.units.length === 0) {
    list.append(messageItem("empty", "Keine Organisationseinheiten vorhanden."));
  } else {
    list.append(...body.units.map(listItem));
  }
  if (body.more) {
    list.append(messageItem("hint", `${body.more} weitere – bitte „Suchen“ verwenden.`));
  }
  const filter = list.closest(".listpane").querySelector(".list-filter");
  if (filter && filter.value) filter.dispatchEvent(new Event("input"));
}

function messageItem(kind, text) {
  const item = document.createElement("li");
  item.className = kind;
  item.textContent = text;
  return item;
}

function showTab(tablist, tab) {
  for (const other of tablist.querySelectorAll('[role="tab"]')) {
    const selected = other === tab;
    other.setAttribute("aria-selected", String(selected));
    document.getElementById(other.getAttribute("aria-controls")).hidden = !selected;
  }
}

function initTabs(tablist) {
  const tabs = [...tablist.querySelectorAll('[role="tab"]')];
  for (const tab of tabs) {
    tab.addEventListener("click", () => {
      showTab(tablist, tab);
      history.replaceState(null, "", "#" + tab.getAttribute("aria-controls"));
    });
  }
  const fromHash = tabs.find((tab) => "#" + tab.getAttribute("aria-controls") === window.location.hash);
  showTab(tablist, fromHash || tabs[0]);
}

function clearFieldErrors(form) {
  for (const error of form.querySelectorAll(".field-error")) error.remove();
  for (const field of form.querySelectorAll(".field")) {
    field.classList.remove("has-error");
    field.querySelector("input").removeAttribute("aria-invalid");
  }
}

function showFieldErrors(form, errors) {
  for (const [name, text] of Object.entries(errors)) {
    const input = form.elements.namedItem(name);
    const error = document.createElement("span");
    error.className = "field-error";
    error.id = input.id + "-fehler";
    error.textContent = text;
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", error.id);
    input.closest(".field").classList.add("has-error");
    input.after(error);
  }
}

function updateBadge(version, published) {
  const badge = document.querySelector(".unit-header .badge");
  badge.textContent = version;
  badge.classList.toggle("badge-published", published);
  badge.title = published ? "veröffentlicht" : "Entwurf, nicht veröffentlicht";
}

async function sendAsyncForm(form, status) {
  const response = await fetch(form.action, {
    method: "POST",
    body: new FormData(form),
    headers: { Accept: "application/json", "X-CSRF-Token": csrfToken() },
  });
  const body = await response.json().catch(() => ({ message: "Es ist ein Fehler aufgetreten" }));
  if (response.status === 401 && body.redirect) {
    window.location.assign(body.redirect);
    return;
  }
  status.className = response.ok ? "message message-success" : "message message-error";
  status.textContent = body.message || "Es ist ein Fehler aufgetreten";
  if (body.errors) showFieldErrors(form, body.errors);
  if (response.ok) updateBadge(body.version, body.published);
}

function initAsyncForm(form) {
  const status = form.querySelector(".status-line");
  const button = form.querySelector('button[type="submit"]');
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    status.textContent = "";
    status.className = "status-line";
    clearFieldErrors(form);
    button.disabled = true;
    try {
      await sendAsyncForm(form, status);
    } catch (error) {
      status.className = "message message-error";
      status.textContent = "Es ist ein Fehler aufgetreten";
    } finally {
      button.disabled = false;
    }
  });
}

function initMenus() {
  document.addEventListener("click", (event) => {
    for (const menu of document.querySelectorAll("details.menu[open]")) {
      if (!menu.contains(event.target)) menu.open = false;
    }
  });
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll(".list-filter").forEach(initListFilter);
  document.querySelectorAll(".entitylist[data-source]").forEach((list) =>
    loadUnitList(list).catch(() =>
      list.replaceChildren(messageItem("error", "Es ist ein Fehler aufgetreten"))));
  document.querySelectorAll('[role="tablist"]').forEach(initTabs);
  document.querySelectorAll("form.async-form").forEach(initAsyncForm);
  document.querySelectorAll("select.autosubmit").forEach((select) =>
    select.addEventListener("change", () => select.form.submit()));
  initMenus();
});
