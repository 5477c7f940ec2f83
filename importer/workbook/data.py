"""What the reader returns: the records of every data sheet present, with their Excel positions."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from importer.model import Record


@dataclass
class WorkbookData:
    """Records by canonical sheet name (absent sheets have no key) and header positions.

    `columns[sheet][field]` is the 1-based column index of a known field or written column
    (status, meldung, bearbeitet_am, pruefsumme) in that sheet's header row.
    """

    path: Path
    sheets: dict[str, list[Record]] = field(default_factory=dict)
    columns: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def folder(self) -> Path:
        return self.path.resolve().parent

    def records(self, sheet: str) -> list[Record]:
        return self.sheets.get(sheet, [])
