"""Domain values shared by every layer: records read from the workbook, findings, row results.

Nothing here knows Excel, pandas or the browser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


def name_key(name: object) -> str:
    """Comparison key of a unit or Mandant name: case-insensitive, runs of spaces count as one
    (how the workbook's duplicates are found and how the AdminCenter's names are matched)."""
    return " ".join(("" if name is None else str(name)).split()).casefold()


class Status(StrEnum):
    """Values of the `Status` column (WORKBOOK.md)."""

    LEER = ""
    OK = "OK"
    UNGUELTIG = "UNGÜLTIG"
    FEHLER = "FEHLER"


class Action(StrEnum):
    """What happened to a row in the AdminCenter (summary table, plan output)."""

    ANGELEGT = "angelegt"
    AKTUALISIERT = "aktualisiert"
    UNVERAENDERT = "unverändert"
    UNGUELTIG = "ungültig"
    FEHLGESCHLAGEN = "fehlgeschlagen"
    UEBERSPRUNGEN = "übersprungen"


@dataclass(frozen=True)
class Finding:
    """One problem at one cell: sheet, Excel row (1-based), German column header, stable code.

    `column` is None when the problem concerns the whole row or sheet.
    """

    sheet: str
    row: int
    column: str | None
    code: str
    message: str

    def key(self) -> tuple[str, int, str | None, str]:
        return (self.sheet, self.row, self.column, self.code)


@dataclass
class Record:
    """One data row of one sheet, as read from the workbook.

    `values` maps field names (columns.py) to the raw cell values (str, int, float, bool,
    datetime or None); `written` holds the importer-written columns (status, meldung,
    bearbeitet_am, pruefsumme) as found. `formula_without_value` names fields whose cell holds
    a formula without a cached value.
    """

    sheet: str
    row: int
    values: dict[str, Any]
    written: dict[str, Any] = field(default_factory=dict)
    hidden: bool = False
    formula_without_value: tuple[str, ...] = ()

    @property
    def mandant(self) -> str:
        value = self.values.get("mandant")
        return "" if value is None else str(value).strip()


@dataclass
class RowResult:
    """The outcome of one row: what is written into Status, Meldung, Bearbeitet am (and OE-ID)."""

    sheet: str
    row: int
    status: Status
    message: str
    action: Action | None = None
    oe_id: str | None = None
    fingerprint: str | None = None
    findings: list[Finding] = field(default_factory=list)
    details_path: str | None = None
