// A table found by its column headers (the Kommunikation list: "Kanal", "Kennung",
// "Kennungszusatz"), read row by row, in the top-most dialog, else the panel, else the page.

const TABLE = 'table, [role=grid], [role=table], [role=treegrid]';

function headerCells(table) {
  const heads = [...table.querySelectorAll('th, [role=columnheader]')]
    .filter(h => h.closest(TABLE) === table);
  return heads;
}

// Column index per key of `spec.columns` ({key: labels}); null unless every key is there.
function columnsOf(table, spec) {
  const heads = headerCells(table);
  const out = {};
  for (const [key, labels] of Object.entries(spec.columns)) {
    const i = heads.findIndex(h => level(text(h), labels) >= 2);
    if (i < 0 && (spec.required || []).includes(key)) return null;
    out[key] = i;
  }
  return out;
}

function dataRows(table) {
  const rows = [...table.querySelectorAll('tr, [role=row]')]
    .filter(r => r.closest(TABLE) === table && !isHeaderRow(r));
  return rows.filter(r => cellsOf(r).length && !r.hidden);
}

// The table of `spec` in the nearest scope, with its column indexes.
function tableOf(spec) {
  const sc = scopes();
  const tables = [...document.querySelectorAll(TABLE)].filter(visible)
    .map(t => ({t, cols: columnsOf(t, spec), scope: scopeOf(t, sc)}))
    .filter(x => x.cols && x.scope !== null);
  tables.sort((a, b) => a.scope - b.scope);
  return tables[0] || null;
}

const selectedRow = r => r.getAttribute('aria-selected') === 'true' ||
  /(^|\s)(selected|active|current|is-selected)(\s|$)/i.test(r.className || '');

// {rows: [{cells: {key: text}, selected}]} or null when there is no such table.
function tableRows(spec) {
  const found = tableOf(spec);
  if (!found) return null;
  const width = Math.min(2, headerCells(found.t).length);
  // an empty table may show one cell across all columns ("Keine Einträge")
  const rows = dataRows(found.t).filter(r => cellsOf(r).length >= width).map(r => {
    const cells = cellsOf(r);
    const out = {};
    for (const [key, i] of Object.entries(found.cols))
      out[key] = i >= 0 && cells[i] ? norm(text(cells[i])) : '';
    return {cells: out, selected: selectedRow(r)};
  });
  return {rows};
}

// The cell to click to select row `spec.index` (its first cell with words, never its check
// box), or null.
function tableRow(spec) {
  const found = tableOf(spec);
  if (!found) return null;
  const width = Math.min(2, headerCells(found.t).length);
  const row = dataRows(found.t).filter(r => cellsOf(r).length >= width)[spec.index];
  return row ? pressable(clickTarget(row)) : null;
}
