"""What the reader returns: the records of every data sheet present, with their Excel positions."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import get_column_letter

from importer.model import Record


@dataclass(frozen=True)
class MergedRange:
    """Cells the user merged: only the first (top left) cell holds a value, the others are
    covered by it and read as empty. Rows and columns are 1-based and inclusive."""

    first_row: int
    first_column: int
    last_row: int
    last_column: int

    @property
    def ref(self) -> str:
        """The range as Excel writes it, e.g. "A2:A4"."""
        first = f"{get_column_letter(self.first_column)}{self.first_row}"
        return f"{first}:{get_column_letter(self.last_column)}{self.last_row}"


@dataclass
class WorkbookData:
    """Records by canonical sheet name (absent sheets have no key), header positions and
    merged ranges.

    `columns[sheet][field]` is the 1-based column index of a known field or written column
    (status, meldung, bearbeitet_am, pruefsumme) in that sheet's header row; `merged[sheet]`
    the ranges of merged cells in that sheet.
    """

    path: Path
    sheets: dict[str, list[Record]] = field(default_factory=dict)
    columns: dict[str, dict[str, int]] = field(default_factory=dict)
    merged: dict[str, list[MergedRange]] = field(default_factory=dict)

    @property
    def folder(self) -> Path:
        return self.path.resolve().parent

    def records(self, sheet: str) -> list[Record]:
        return self.sheets.get(sheet, [])
