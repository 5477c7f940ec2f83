/* The editor of a unit's entry list (Kommunikation, Internetadressen), alike in both
   generations: selecting a row loads it into the fields, "…anlegen" adds an empty row,
   "Übernehmen" writes the fields into the selected row, nothing is stored until "Speichern",
   which sends the whole ordered list. Rows are drawn from the server's template row, with
   the values set as text. */

import { clearFieldErrors, request, showFieldError } from "./net.js";
import { setDropdownValue } from "./widgets.js";

const PUBLIC = "oeffentlich";

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

export class EntryEditor {
  /* `saved(answer)` is called after a successful save. */
  constructor(root, saved) {
    this.root = root;
    this.saved = saved;
    this.body = root.querySelector(".entry-table tbody");
    this.rowTemplate = root.querySelector("template[data-entry-row]").content.firstElementChild;
    this.fieldset = root.querySelector("[data-entry-fields]");
    this.names = [...this.rowTemplate.querySelectorAll("[data-cell]")].map((cell) => cell.dataset.cell);
    this.stored = [...this.body.rows].map((row) => this.fromRow(row));
    this.entries = structuredClone(this.stored);
    this.selected = null;
    this.marked = new Set();
    root.addEventListener("click", (event) => this.onClick(event));
    root.addEventListener("keydown", (event) => this.onKeydown(event));
    root.addEventListener("change", (event) => this.onChange(event));
    this.fieldset.addEventListener("input", () => this.update());
    if (this.entries.length) this.select(0);
    else this.render();
  }

  fromRow(row) {
    const entry = {};
    for (const name of this.names) entry[name] = row.dataset[name] || "";
    entry[PUBLIC] = row.dataset[PUBLIC] === "true";
    return entry;
  }

  field(name) {
    return this.fieldset.querySelector(`[data-field="${name}"]`);
  }

  read(name) {
    const field = this.field(name);
    if (field.matches('[role="checkbox"]')) return field.getAttribute("aria-checked") === "true";
    if (field.type === "checkbox") return field.checked;
    return field.value;
  }

  write(name, value) {
    const field = this.field(name);
    if (field.matches('[role="checkbox"]')) field.setAttribute("aria-checked", String(value));
    else if (field.type === "checkbox") field.checked = value;
    else if (field.closest("[data-dropdown]")) setDropdownValue(field.closest("[data-dropdown]"), value);
    else field.value = value;
  }

  fields() {
    const entry = {};
    for (const name of [...this.names, PUBLIC]) entry[name] = this.read(name);
    return entry;
  }

  caption(name, value) {
    if (name !== "kanal") return value;
    const field = this.field(name);
    const options = field.closest("[data-dropdown]")
      ? field.closest("[data-dropdown]").querySelectorAll('[role="option"]')
      : field.options;
    const option = [...options].find((o) => (o.dataset.value ?? o.value) === value);
    return option ? option.textContent : value;
  }

  row(entry, index) {
    const row = this.rowTemplate.cloneNode(true);
    for (const name of [...this.names, PUBLIC]) row.dataset[name] = String(entry[name]);
    for (const cell of row.querySelectorAll("[data-cell]")) {
      cell.textContent = this.caption(cell.dataset.cell, entry[cell.dataset.cell]);
    }
    row.setAttribute("aria-selected", String(index === this.selected));
    row.querySelector(".check-col [data-checkbox]")?.setAttribute("aria-checked", String(this.marked.has(index)));
    const up = row.querySelector('[data-entry-action="up"]');
    if (up) up.disabled = index === 0;
    const down = row.querySelector('[data-entry-action="down"]');
    if (down) down.disabled = index === this.entries.length - 1;
    return row;
  }

  render() {
    this.body.replaceChildren(...this.entries.map((entry, index) => this.row(entry, index)));
    const all = this.root.querySelector("thead [data-checkbox]");
    if (all) all.setAttribute("aria-checked", String(this.entries.length > 0 && this.marked.size === this.entries.length));
    this.fieldset.disabled = this.selected === null;
    this.update();
  }

  /* Enable what can be done now. */
  update() {
    const editing = this.selected !== null && !same(this.fields(), this.entries[this.selected]);
    this.button("take").disabled = !editing;
    const reset = this.button("reset");
    if (reset) reset.disabled = !editing;
    const removable = this.root.querySelector("thead [data-checkbox]") ? this.marked.size > 0 : this.selected !== null;
    this.button("remove").disabled = !removable;
    this.button("save").disabled = same(this.entries, this.stored);
  }

  button(action) {
    return this.root.querySelector(`[data-entry-action="${action}"]`);
  }

  select(index) {
    this.selected = index;
    this.marked = new Set(index === null ? [] : [index]);
    clearFieldErrors(this.fieldset);
    const entry = index === null ? null : this.entries[index];
    for (const name of [...this.names, PUBLIC]) this.write(name, entry ? entry[name] : name === PUBLIC ? false : "");
    this.render();
  }

  add() {
    const entry = Object.fromEntries(this.names.map((name) => [name, ""]));
    entry[PUBLIC] = false;
    this.entries.push(entry);
    this.select(this.entries.length - 1);
    this.fieldset.querySelector("input:not([type=hidden]), select, .dropdown-button")?.focus();
  }

  take() {
    if (this.selected === null) return;
    this.entries[this.selected] = this.fields();
    this.render();
  }

  remove() {
    const gone = this.root.querySelector("thead [data-checkbox]") ? this.marked : new Set([this.selected]);
    this.entries = this.entries.filter((_entry, index) => !gone.has(index));
    this.select(null);
  }

  move(index, step) {
    const other = index + step;
    if (other < 0 || other >= this.entries.length) return;
    [this.entries[index], this.entries[other]] = [this.entries[other], this.entries[index]];
    if (this.selected === index) this.selected = other;
    else if (this.selected === other) this.selected = index;
    this.marked = new Set(this.selected === null ? [] : [this.selected]);
    this.render();
  }

  /* The table's "Kanal" header: the list sorted by its captions (stable, so the first entry
     of each Kanal stays first), ascending, then descending. */
  sort(header) {
    const ascending = header.getAttribute("aria-sort") !== "ascending";
    const name = this.names[0];
    const keyed = this.entries.map((entry, index) => ({ entry, index }));
    keyed.sort((a, b) => {
      const order = this.caption(name, a.entry[name]).localeCompare(this.caption(name, b.entry[name]), "de");
      return (ascending ? order : -order) || a.index - b.index;
    });
    const selected = this.selected === null ? null : keyed.findIndex((item) => item.index === this.selected);
    this.entries = keyed.map((item) => item.entry);
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    this.select(selected);
  }

  toggleMark(index) {
    if (this.marked.has(index)) this.marked.delete(index);
    else this.marked.add(index);
    this.render();
  }

  toggleAll() {
    const all = this.marked.size !== this.entries.length;
    this.marked = new Set(all ? this.entries.map((_entry, index) => index) : []);
    this.render();
  }

  async save() {
    clearFieldErrors(this.root);
    const busy = this.root.closest(".dialog, .panel");
    const result = await request(this.root.dataset.saveUrl, { method: "POST", json: { eintraege: this.entries }, busy });
    if (!result) return;
    if (result.status === 422) return this.showErrors(result.data.errors || {});
    if (result.ok) await this.saved(result.data, this.root.dataset.afterSave);
  }

  /* The first rejected entry is selected, its messages shown at its fields. */
  showErrors(errors) {
    const first = Object.keys(errors).map(Number).sort((a, b) => a - b)[0];
    if (first === undefined) return;
    this.select(first);
    for (const [name, message] of Object.entries(errors[first])) showFieldError(this.field(name), message);
    for (const index of Object.keys(errors)) this.body.rows[Number(index)]?.classList.add("row-error");
  }

  onClick(event) {
    const action = event.target.closest("[data-entry-action]");
    const row = event.target.closest("tbody tr");
    const rowCheck = event.target.closest(".check-col");
    if (action && !action.disabled) {
      const index = row ? [...this.body.rows].indexOf(row) : null;
      const name = action.dataset.entryAction;
      if (name === "up" || name === "down") return this.move(index, name === "up" ? -1 : 1);
      if (name === "sort") return this.sort(action.closest("th"));
      return { add: () => this.add(), take: () => this.take(), reset: () => this.select(this.selected),
        remove: () => this.remove(), save: () => this.save() }[name]?.();
    }
    if (rowCheck) return; // the check box itself (its change event marks the row)
    if (row && this.body.contains(row)) this.select([...this.body.rows].indexOf(row));
  }

  onKeydown(event) {
    const row = event.target.closest("tbody tr");
    if (row && event.target === row && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      this.select([...this.body.rows].indexOf(row));
    }
  }

  onChange(event) {
    const check = event.target.closest(".check-col [data-checkbox]");
    if (check) {
      const row = check.closest("tbody tr");
      return row ? this.toggleMark([...this.body.rows].indexOf(row)) : this.toggleAll();
    }
    if (this.fieldset.contains(event.target)) this.update();
  }
}
