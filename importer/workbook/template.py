"""The self-explaining empty template, built from the column catalogue.

Header text is exactly the catalogue header (headers are matched, so they must stay stable);
required columns are marked by colour and bold, explained by a legend in `Anleitung`.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from importer.errors import UsageError
from importer.workbook.anleitung import write_anleitung
from importer.workbook.columns import (
    DATA_SHEETS,
    OE_ID,
    PHONE,
    PLZ,
    PRUEFSUMME,
    WRITTEN_COLUMNS,
    Column,
    Sheet,
    normalize_header,
)
from importer.workbook.styles import (
    HEADER_FONT,
    OPTIONAL_FILL,
    REQUIRED_FILL,
    REQUIRED_FONT,
    WRITTEN_FILL,
    WRITTEN_HEADER_FILL,
)

# Rows 2..LAST_INPUT_ROW carry input messages and dropdowns; data may go further.
LAST_INPUT_ROW = 20000
MANDANTEN_NAME = "Mandanten"
TEXT_FORMAT = "@"
TEXT_KINDS = frozenset({PLZ, PHONE, OE_ID})


def build_template() -> Workbook:
    """The complete empty template: `Anleitung` first, then every data sheet of the catalogue."""
    wb = Workbook()
    write_anleitung(wb.active)
    for sheet in DATA_SHEETS:
        _build_data_sheet(wb.create_sheet(sheet.name), sheet)
    wb.defined_names[MANDANTEN_NAME] = DefinedName(MANDANTEN_NAME, attr_text=_mandanten_range())
    wb.active = 0
    return wb


def _mandanten_range() -> str:
    """The filled part of Impressum's Mandant column, so the dropdown shows no blank lines."""
    letter = get_column_letter(DATA_SHEETS[0].fields.index("mandant") + 1)
    sheet = DATA_SHEETS[0].name
    return f"OFFSET({sheet}!${letter}$2,0,0,MAX(1,COUNTA({sheet}!${letter}:${letter})-1),1)"


def write_template(path: Path, overwrite: bool = True) -> Path:
    """Write the empty template to `path` and return it.

    Raises `UsageError` if `path` is a folder, or exists and `overwrite` is false.
    """
    path = Path(path)
    if path.is_dir():
        raise UsageError(f"„{path}“ ist ein Ordner; bitte einen Dateinamen angeben.")
    if path.exists() and not overwrite:
        raise UsageError(f"Die Datei „{path}“ gibt es schon. Mit --ueberschreiben ersetzen.")
    try:
        build_template().save(path)
    except OSError as error:
        raise UsageError(
            f"Die Datei „{path}“ kann nicht geschrieben werden ({error.strerror})."
        ) from error
    return path


def template_columns(sheet: Sheet) -> tuple[Column, ...]:
    """The columns of a data sheet in template order: user columns, then the written ones."""
    return sheet.columns + WRITTEN_COLUMNS


def fill_sheet(wb: Workbook, sheet_name: str, rows: list[dict[str, object]]) -> None:
    """Write `rows` (dicts keyed by catalogue field names) under the header, from row 2 on.

    Columns are found by their header in row 1, so a sheet with reordered or extra columns is
    filled correctly. A field without a column in the header raises KeyError.
    """
    ws = wb[sheet_name]
    positions = header_positions(ws)
    text_fields = {c.field for c in _all_columns() if c.kind in TEXT_KINDS}
    for offset, row in enumerate(rows):
        for field, value in row.items():
            cell = ws.cell(row=2 + offset, column=positions[field], value=value)
            if field in text_fields and isinstance(value, str):
                cell.number_format = TEXT_FORMAT


def header_positions(ws: Worksheet) -> dict[str, int]:
    """Field name → 1-based column index for every known header in row 1 of `ws`."""
    by_header = {normalize_header(c.header): c.field for c in _all_columns()}
    positions: dict[str, int] = {}
    for cell in next(ws.iter_rows(min_row=1, max_row=1), ()):
        field = by_header.get(normalize_header(cell.value))
        if field is not None and field not in positions:
            positions[field] = cell.column
    return positions


def _all_columns() -> list[Column]:
    return [c for s in DATA_SHEETS for c in s.columns] + list(WRITTEN_COLUMNS)


def _build_data_sheet(ws: Worksheet, sheet: Sheet) -> None:
    written = {c.field for c in WRITTEN_COLUMNS}
    for index, column in enumerate(template_columns(sheet), start=1):
        letter = get_column_letter(index)
        cell = ws.cell(row=1, column=index, value=column.header)
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        dimension = ws.column_dimensions[letter]
        dimension.width = column.width
        if column.field in written:
            cell.fill, cell.font = WRITTEN_HEADER_FILL, HEADER_FONT
            dimension.fill = WRITTEN_FILL
        elif column.required:
            cell.fill, cell.font = REQUIRED_FILL, REQUIRED_FONT
        else:
            cell.fill, cell.font = OPTIONAL_FILL, HEADER_FONT
        if column.kind in TEXT_KINDS:
            dimension.number_format = TEXT_FORMAT
        dimension.hidden = column.field == PRUEFSUMME.field
        _add_validation(ws, sheet, column, letter)
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 32
    ws.auto_filter.ref = f"A1:{get_column_letter(len(template_columns(sheet)))}1"


def _add_validation(ws: Worksheet, sheet: Sheet, column: Column, letter: str) -> None:
    is_choice = column.field == "mandant" and sheet is not DATA_SHEETS[0]
    validation = DataValidation(
        type="list" if is_choice else None,
        formula1=MANDANTEN_NAME if is_choice else None,
        allow_blank=True,
        showInputMessage=True,
        promptTitle=_limit(column.header + (" (Pflicht)" if column.required else ""), 32),
        prompt=_limit(input_message(column), 255),
        showErrorMessage=is_choice,
        errorStyle="warning" if is_choice else None,
        errorTitle="Mandant nicht im Blatt Impressum" if is_choice else None,
        error="Dieser Mandant steht nicht im Blatt „Impressum“. Trotzdem übernehmen?"
        if is_choice
        else None,
    )
    validation.add(f"{letter}2:{letter}{LAST_INPUT_ROW}")
    ws.add_data_validation(validation)


def input_message(column: Column) -> str:
    """The text shown when a cell of `column` is selected: what to enter and an example."""
    parts = [column.help]
    if column.example:
        parts.append(f"Beispiel: {column.example}")
    return " ".join(p for p in parts if p)


def _limit(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"
