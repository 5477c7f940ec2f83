"""`zelle-verbunden`: a cell that is empty because the user merged it with its neighbours.

Only the first cell of a merged range holds a value; every other cell of the range reads as
empty, although the sheet shows the merged value across it (a Mandant merged down over its
units, E-Mail and Telefon merged in one row). Such a cell gets this finding instead of
`pflichtfeld-leer`, naming what it is merged with. The writer marks the range's first cell,
the one the user sees and can select (`WorkbookWriter`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from openpyxl.utils import get_column_letter

from importer.model import Finding, Record
from importer.validation.cells import is_blank
from importer.validation.codes import message
from importer.workbook.columns import WRITTEN_COLUMNS, Sheet
from importer.workbook.data import MergedRange

CODE = "zelle-verbunden"
UNMERGE = "bitte die Verbindung aufheben"
UNMERGE_ROWS = "bitte die Verbindung aufheben und den Wert in jede Zeile schreiben"


def merged_findings(
    sheet: Sheet, records: list[Record], columns: dict[str, int], merges: list[MergedRange]
) -> list[Finding]:
    """A finding for every empty user cell of `records` that a merged range covers."""
    user_columns = {columns[f]: f for f in sheet.fields if f in columns}
    headers = _headers(sheet, columns)
    rows = [record.row for record in records]  # in Excel order, as read
    by_row = {record.row: record for record in records}
    findings = []
    for merge in merges:
        for row, field in _covered(merge, rows, user_columns):
            if is_blank(by_row[row].values.get(field)):
                findings.append(_finding(sheet, row, field, merge, headers))
    return findings


def _covered(
    merge: MergedRange, rows: list[int], user_columns: dict[int, str]
) -> Iterator[tuple[int, str]]:
    """(row, field) of each data cell `merge` covers, its first cell not counted."""
    fields = [
        (column, field)
        for column, field in user_columns.items()
        if merge.first_column <= column <= merge.last_column
    ]
    start, stop = bisect_left(rows, merge.first_row), bisect_right(rows, merge.last_row)
    for row in rows[start:stop] if fields else ():
        for column, field in fields:
            if (row, column) != (merge.first_row, merge.first_column):
                yield row, field


def _finding(
    sheet: Sheet, row: int, field: str, merge: MergedRange, headers: dict[int, str]
) -> Finding:
    header = sheet.column(field).header
    first = headers.get(merge.first_column, f"Spalte {get_column_letter(merge.first_column)}")
    if row == merge.first_row:
        partner, hint = first, UNMERGE
    elif header == first:
        partner, hint = f"Zeile {merge.first_row}", UNMERGE_ROWS
    else:
        partner, hint = f"{first} in Zeile {merge.first_row}", UNMERGE_ROWS
    text = message(CODE, header, mit=partner, bereich=merge.ref, hinweis=hint)
    return Finding(sheet.name, row, header, CODE, text)


def _headers(sheet: Sheet, columns: dict[str, int]) -> dict[int, str]:
    """Column index → header of every known column found in the sheet."""
    catalogue = {c.field: c.header for c in sheet.columns + WRITTEN_COLUMNS}
    return {index: catalogue[field] for field, index in columns.items()}
