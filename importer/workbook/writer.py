"""Write results, problem marks and the `Prüfbericht` into the user's workbook, safely.

The workbook is loaded fully with openpyxl, so formatting, data validations, comments and other
sheets are kept. Only the importer-written columns, our marks and `Prüfbericht` are changed.
"""

from __future__ import annotations

import warnings
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

import openpyxl
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from importer.errors import UnusableWorkbook
from importer.model import Finding, RowResult, Status
from importer.workbook.columns import (
    ORGANISATIONSEINHEITEN,
    PRUEFSUMME,
    SHEETS_BY_NAME,
    WRITTEN_COLUMNS,
    Column,
    Sheet,
    normalize_header,
)
from importer.workbook.filesafety import (
    WorkbookNotSaved,
    atomic_write,
    backup_copy,
    check_size_for_writing,
    check_writable,
    write_text,
)
from importer.workbook.marks import Position, SheetMarks, clear_cell, is_marked, mark_cell
from importer.workbook.merges import MergedCells
from importer.workbook.reader import header_columns
from importer.workbook.report_sheet import SentRow, write_report_sheet
from importer.workbook.saving import write_xlsx
from importer.workbook.sniff import check_workbook_file
from importer.workbook.styles import HEADER_FONT, WRITTEN_HEADER_FILL
from importer.workbook.template import TEXT_FORMAT

__all__ = ["WorkbookNotSaved", "WorkbookWriter", "check_writable", "write_text"]

DATETIME_FORMAT = "DD.MM.YYYY HH:MM:SS"


class Report(Protocol):
    """What `write_report` needs of a `ValidationReport`."""

    findings: list[Finding]
    normalized: Mapping[tuple[str, int], Mapping[str, str | None]]


class WorkbookWriter:
    """One open workbook; write, then `save()` (backup before the first save, atomic replace)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        check_workbook_file(self.path)
        check_size_for_writing(self.path)
        try:
            with warnings.catch_warnings():
                # openpyxl warns about parts it drops (e.g. slicers); the library never prints.
                warnings.simplefilter("ignore", UserWarning)
                self.wb = openpyxl.load_workbook(self.path)
        except (
            zipfile.BadZipFile, zlib.error, EOFError, ET.ParseError, KeyError, ValueError,
            TypeError, OSError,
        ) as error:  # fmt: skip
            raise UnusableWorkbook(
                f"Die Arbeitsmappe „{self.path.name}“ kann nicht geöffnet werden."
            ) from error
        self.backup: Path | None = None
        self._titles = _data_sheet_titles(self.wb)
        self._columns: dict[str, dict[str, int]] = {}
        self._marked: dict[str, SheetMarks] = {}
        self._merged: dict[str, MergedCells] = {}

    # -- columns -----------------------------------------------------------------------------

    def worksheet(self, sheet: str) -> Worksheet:
        """The worksheet of the canonical data sheet `sheet` (raises KeyError if absent)."""
        return self.wb[self._titles[sheet]]

    def columns(self, sheet: str) -> dict[str, int]:
        """Field → 1-based column of `sheet`'s known headers (as found or added)."""
        if sheet not in self._columns:
            ws = self.worksheet(sheet)
            header = [c.value for c in next(ws.iter_rows(min_row=1, max_row=1), ())]
            self._columns[sheet] = header_columns(SHEETS_BY_NAME[sheet], header)
        return self._columns[sheet]

    def column(self, sheet: str, field: str) -> int:
        """The column of a written field, adding it after the last header if it is missing."""
        columns = self.columns(sheet)
        if field not in columns:
            for missing in _columns_to_add(SHEETS_BY_NAME[sheet], columns):
                columns[missing.field] = self._add_column(self.worksheet(sheet), missing)
        return columns[field]

    def _add_column(self, ws: Worksheet, column: Column) -> int:
        # After every column holding something, header or not: data a user keeps in a
        # column without header must not be overwritten by Status or Meldung; and after
        # a merged header cell, which cannot hold a value.
        used = [c.column for c in _existing_cells(ws) if c.value not in (None, "")]
        used += [r.max_col for r in ws.merged_cells.ranges if r.min_row == 1]
        index = 1 + max(used, default=0)
        cell = ws.cell(row=1, column=index, value=column.header)
        cell.fill, cell.font = WRITTEN_HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        dimension = ws.column_dimensions[get_column_letter(index)]
        dimension.width = column.width
        dimension.hidden = column.field == PRUEFSUMME.field
        return index

    # -- marks -------------------------------------------------------------------------------

    def mark_findings(self, findings: Iterable[Finding]) -> None:
        """Light-red fill and a comment with the German message on each problem cell.

        A cell inside a range the user merged is marked at the range's first cell, the one
        the user sees; a finding without a column (or for a column the sheet lacks) marks the
        Status cell. The findings of a row replace all earlier marks of that row.
        """
        by_row: dict[tuple[str, int], dict[Position, list[str]]] = defaultdict(dict)
        for finding in findings:
            if finding.sheet in self._titles and finding.row >= 2:
                cells = by_row[(finding.sheet, finding.row)]
                cells.setdefault(self._finding_cell(finding), []).append(finding.message)
        for (sheet, row), cells in by_row.items():
            self.clear_marks(sheet, row)
            for cell, messages in cells.items():
                self._marks(sheet).add(row, cell, messages)
                self._paint(sheet, cell)

    def clear_marks(self, sheet: str, row: int) -> None:
        """Remove the marks of one row's findings; the user's own fills and comments stay."""
        if sheet not in self._titles:
            return
        for cell in self._marks(sheet).remove(row):
            self._paint(sheet, cell)

    def marked_rows(self, sheet: str) -> set[int]:
        """Rows of `sheet` whose findings carry a mark of ours."""
        return self._marks(sheet).rows() if sheet in self._titles else set()

    def _paint(self, sheet: str, cell: Position) -> None:
        """Show on `cell` the messages marked there now, or no mark if there are none."""
        ws = self.worksheet(sheet)
        target = ws.cell(row=cell[0], column=cell[1])
        if isinstance(target, MergedCell):
            return  # Status merged too: the finding is in the Meldung and the report
        messages = self._marks(sheet).messages(cell)
        if messages:
            mark_cell(target, messages, _column_fill(ws, cell[1]))
        else:
            clear_cell(target, _column_fill(ws, cell[1]))

    def _finding_cell(self, finding: Finding) -> Position:
        """The finding's own cell; in a range the user merged, the range's first cell (the
        only one that is a cell of its own), unless that is a header; else the row's Status
        cell (no column, or a column the sheet lacks)."""
        if finding.column is not None:
            field = _field_for_header(SHEETS_BY_NAME[finding.sheet], finding.column)
            if field is not None and field in self.columns(finding.sheet):
                own = (finding.row, self.columns(finding.sheet)[field])
                cell = self.worksheet(finding.sheet).cell(row=own[0], column=own[1])
                if not isinstance(cell, MergedCell):
                    return own
                first = self._merged_cells(finding.sheet).first_cell(*own)
                if first is not None and first[0] >= 2:
                    return first
        return (finding.row, self.column(finding.sheet, "status"))

    def _merged_cells(self, sheet: str) -> MergedCells:
        if sheet not in self._merged:
            self._merged[sheet] = MergedCells(self.worksheet(sheet))
        return self._merged[sheet]

    def _marks(self, sheet: str) -> SheetMarks:
        """Where our marks are, found once by scanning the existing cells of the sheet."""
        if sheet not in self._marked:
            cells = _existing_cells(self.worksheet(sheet))
            found = [(c.row, c.column) for c in cells if c.row >= 2 and is_marked(c)]
            self._marked[sheet] = SheetMarks(found)
        return self._marked[sheet]

    # -- results -----------------------------------------------------------------------------

    def write_result(self, result: RowResult) -> None:
        """Status, Meldung, Bearbeitet am (and OE-ID, Prüfsumme when given) of one row.

        `Status.LEER` means "not processed": the three columns are emptied.
        """
        processed = result.status is not Status.LEER
        stamp = datetime.now().replace(microsecond=0) if processed else None
        self._put(result.sheet, result.row, "status", result.status.value or None)
        self._put(result.sheet, result.row, "meldung", result.message or None, text=True)
        self._put(result.sheet, result.row, "bearbeitet_am", stamp, number_format=DATETIME_FORMAT)
        if result.oe_id is not None:
            oe_id = str(result.oe_id)
            self._put(
                result.sheet, result.row, "oe_id", oe_id, text=True, number_format=TEXT_FORMAT
            )
        if result.fingerprint is not None:
            self._put(result.sheet, result.row, "pruefsumme", result.fingerprint)

    def _put(
        self,
        sheet: str,
        row: int,
        field: str,
        value: Any,
        text: bool = False,
        number_format: str | None = None,
    ) -> None:
        """Write one cell; a cell inside a range the user merged (not its first cell) cannot
        hold a value and is left alone."""
        cell = self.worksheet(sheet).cell(row=row, column=self.column(sheet, field))
        if isinstance(cell, MergedCell):
            return
        if text:
            write_text(cell, value)
        else:
            cell.value = value
        if number_format is not None:
            cell.number_format = number_format

    # -- report ------------------------------------------------------------------------------

    def write_report(self, report: Report) -> None:
        """Write or replace `Prüfbericht`: every finding, then the values that would be sent."""
        targets = [
            _coordinate(self._finding_cell(f)) if f.sheet in self._titles else f"A{f.row}"
            for f in report.findings
        ]
        write_report_sheet(
            self.wb, report.findings, targets, self._sent_values(report), self._titles
        )

    def _sent_values(self, report: Report) -> Iterator[SentRow]:
        for (sheet, row), values in sorted(report.normalized.items()):
            if sheet not in self._titles:
                continue
            ws, columns, catalogue = (
                self.worksheet(sheet),
                self.columns(sheet),
                SHEETS_BY_NAME[sheet],
            )
            changes = []
            for field, sent in values.items():
                if field in columns:
                    in_cell = _value(ws, row, columns[field])
                    if _differs(in_cell, sent):
                        changes.append((catalogue.column(field).header, in_cell, sent))
            if changes:
                yield SentRow(sheet, row, changes)

    # -- saving ------------------------------------------------------------------------------

    def save(self) -> None:
        """Check the file is free, copy it once as backup, then replace it atomically."""
        check_writable(self.path)
        if self.backup is None:
            self.backup = backup_copy(self.path)
        atomic_write(self.path, self._write)

    def _write(self, target: Path) -> None:
        write_xlsx(self.wb, target)


def _data_sheet_titles(wb: openpyxl.Workbook) -> dict[str, str]:
    wanted = {normalize_header(name): name for name in SHEETS_BY_NAME}
    titles: dict[str, str] = {}
    for title in wb.sheetnames:
        canonical = wanted.get(normalize_header(title))
        if canonical is not None and canonical not in titles:
            titles[canonical] = title
    return titles


def _columns_to_add(sheet: Sheet, columns: dict[str, int]) -> list[Column]:
    extra = (sheet.column("oe_id"),) if sheet is ORGANISATIONSEINHEITEN else ()
    return [c for c in extra + WRITTEN_COLUMNS if c.field not in columns]


def _field_for_header(sheet: Sheet, header: str) -> str | None:
    key = normalize_header(header)
    for column in sheet.columns + WRITTEN_COLUMNS:
        if normalize_header(column.header) == key:
            return column.field
    return None


def _coordinate(cell: Position) -> str:
    return f"{get_column_letter(cell[1])}{cell[0]}"


def _column_fill(ws: Worksheet, column: int) -> PatternFill | None:
    dimension = ws.column_dimensions.get(get_column_letter(column))
    return dimension.fill if dimension is not None else None


# openpyxl has no public view of only the cells that exist: `ws.cell` and `iter_rows` create
# the missing ones (and are slow for 100,000 cells), so these two read its cell dictionary.
def _existing_cells(ws: Worksheet) -> Iterable[Cell]:
    return list(ws._cells.values())


def _value(ws: Worksheet, row: int, column: int) -> object:
    cell = ws._cells.get((row, column))
    return None if cell is None else cell.value


def _differs(in_cell: object, sent: str | None) -> bool:
    if in_cell is None or (isinstance(in_cell, str) and not in_cell.strip()):
        return sent not in (None, "")
    if isinstance(in_cell, float) and in_cell.is_integer():
        in_cell = int(in_cell)
    return str(in_cell).strip() != (sent or "")
