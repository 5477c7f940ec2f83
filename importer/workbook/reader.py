"""Read the data sheets of a workbook into `Record`s (WORKBOOK.md rules, docs/workbook.md).

Values come from python-calamine (fast, cached formula results); hidden rows, formulas
without a cached value and merged cells come from a scan of the sheet XML (`sheetxml`).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter
from python_calamine import CalamineError, CalamineWorkbook

from importer.errors import UnusableWorkbook
from importer.model import Record
from importer.workbook.columns import (
    DATA_SHEETS,
    SHEETS_BY_NAME,
    WRITTEN_COLUMNS,
    Sheet,
    normalize_header,
)
from importer.workbook.data import WorkbookData
from importer.workbook.sheetxml import SheetFacts, scan_sheet, sheet_parts
from importer.workbook.sniff import check_workbook_file

WRITTEN_FIELDS = tuple(c.field for c in WRITTEN_COLUMNS)
# calamine holds the sheet from A1 to its last filled cell: ~50 bytes per cell in memory.
MAX_CELLS = 10_000_000


def read_workbook(path: Path) -> WorkbookData:
    """Records of every data sheet present; raises `UnusableWorkbook` with one German sentence."""
    path = Path(path)
    check_workbook_file(path)
    try:
        calamine = CalamineWorkbook.from_path(str(path))
        try:
            matched = match_sheets(path, calamine.sheet_names)
            # Scanned first: calamine's table spans A1 to the last filled cell, so one stray
            # value in cell XFD1048576 would make it allocate billions of cells.
            facts = _sheet_facts(path, matched)
            tables = {
                name: calamine.get_sheet_by_name(actual).to_python(skip_empty_area=False)
                for name, actual in matched.items()
            }
        finally:
            calamine.close()
    except (
        CalamineError, zipfile.BadZipFile, zlib.error, EOFError, ET.ParseError, KeyError,
        OSError, ValueError,
    ) as error:  # fmt: skip
        raise UnusableWorkbook(
            f"Die Arbeitsmappe „{path.name}“ ist beschädigt und kann nicht gelesen werden."
        ) from error
    data = WorkbookData(path=path)
    for name, table in tables.items():
        sheet = SHEETS_BY_NAME[name]
        columns = header_columns(sheet, table[0] if table else [])
        records = _records(sheet, table, columns, facts[name])
        data.columns[name] = columns
        data.sheets[name] = records
        data.merged[name] = facts[name].merged
    return data


def match_sheets(path: Path, sheet_names: Sequence[str]) -> dict[str, str]:
    """Canonical data sheet name → the workbook's own name for it (matched like headers)."""
    wanted = {normalize_header(s.name): s.name for s in DATA_SHEETS}
    matched: dict[str, str] = {}
    for actual in sheet_names:
        canonical = wanted.get(normalize_header(actual))
        if canonical is None:
            continue
        if canonical in matched:
            raise UnusableWorkbook(
                f"Die Arbeitsmappe enthält das Blatt „{canonical}“ zweimal "
                f"(„{matched[canonical]}“ und „{actual}“)."
            )
        matched[canonical] = actual
    if not matched:
        names = ", ".join(f"„{s.name}“" for s in DATA_SHEETS)
        raise UnusableWorkbook(
            f"Die Arbeitsmappe „{path.name}“ enthält keines der Blätter {names}."
        )
    return matched


def header_columns(sheet: Sheet, header: Sequence[object]) -> dict[str, int]:
    """Field → 1-based column of every known user or written column in the header row.

    Raises `UnusableWorkbook` when a known header appears twice.
    """
    by_header = {normalize_header(c.header): c for c in sheet.columns + WRITTEN_COLUMNS}
    columns: dict[str, int] = {}
    for index, text in enumerate(header, start=1):
        column = by_header.get(normalize_header(text))
        if column is None:
            continue
        if column.field in columns:
            raise UnusableWorkbook(
                f"Im Blatt „{sheet.name}“ steht die Spalte „{column.header}“ zweimal."
            )
        columns[column.field] = index
    return columns


def _sheet_facts(path: Path, matched: dict[str, str]) -> dict[str, SheetFacts]:
    with zipfile.ZipFile(path) as archive:
        parts = sheet_parts(archive)
        facts = {name: scan_sheet(archive, parts[actual]) for name, actual in matched.items()}
    for name, found in facts.items():
        _check_extent(path, matched[name], found)
    return facts


def _check_extent(path: Path, sheet: str, facts: SheetFacts) -> None:
    """Refuse a sheet whose content spans more cells than can be held in memory."""
    cells = facts.last_row * facts.last_column
    if cells > MAX_CELLS:
        column = get_column_letter(min(facts.last_column, 16384))
        raise UnusableWorkbook(
            f"Das Blatt „{sheet}“ in „{path.name}“ reicht bis Zeile {_german(facts.last_row)} "
            f"und Spalte {column} ({_german(cells // 10**6)} Millionen Zellen, erlaubt sind "
            f"{MAX_CELLS // 10**6} Millionen); bitte ganz unten oder ganz rechts versehentlich "
            "eingetragene Werte löschen."
        )


def _german(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _records(
    sheet: Sheet, table: list[list[Any]], columns: dict[str, int], facts: SheetFacts
) -> list[Record]:
    user_fields = [f for f in sheet.fields if f in columns]
    records: list[Record] = []
    has_content = False
    for row_number, cells in enumerate(table[1:], start=2):
        values = {f: _cell(cells, columns[f]) for f in user_fields}
        without_value = tuple(
            f for f in user_fields if facts.formulas.get((row_number, columns[f])) is False
        )
        if not without_value and all(_is_blank(v) for v in values.values()):
            has_content = has_content or _any_user_cell(cells, columns)
            continue
        has_content = True
        records.append(
            Record(
                sheet=sheet.name,
                row=row_number,
                values={f: values.get(f) for f in sheet.fields},
                written={
                    f: _cell(cells, columns[f]) if f in columns else None for f in WRITTEN_FIELDS
                },
                hidden=row_number in facts.hidden_rows,
                formula_without_value=without_value,
            )
        )
    if has_content:
        _require_columns(sheet, columns)
    return records


def _require_columns(sheet: Sheet, columns: dict[str, int]) -> None:
    missing = [c.header for c in sheet.columns if c.required and c.field not in columns]
    if len(missing) == 1:
        raise UnusableWorkbook(f"Im Blatt „{sheet.name}“ fehlt die Pflichtspalte „{missing[0]}“.")
    if missing:
        names = ", ".join(f"„{m}“" for m in missing)
        raise UnusableWorkbook(f"Im Blatt „{sheet.name}“ fehlen die Pflichtspalten {names}.")


def _any_user_cell(cells: list[Any], columns: dict[str, int]) -> bool:
    """True if a cell outside the written columns holds something (data under unknown headers)."""
    written = {columns[f] - 1 for f in WRITTEN_FIELDS if f in columns}
    return any(not _is_blank(v) for i, v in enumerate(cells) if i not in written)


def _cell(cells: list[Any], column: int) -> Any:
    value = cells[column - 1] if column <= len(cells) else None
    if value == "":
        return None
    # calamine returns every number as float; a whole number is what the user typed.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
