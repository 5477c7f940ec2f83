"""The `Prüfbericht` sheet: every finding with a link to its cell, then the values to be sent."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from importer.model import Finding
from importer.workbook.columns import PRUEFBERICHT
from importer.workbook.filesafety import FORMULA_STARTS, write_text
from importer.workbook.styles import BOLD, FONT_NAME, HEADING_FONT, OPTIONAL_FILL, TITLE_FONT

FINDING_HEADERS = ("Blatt", "Zeile", "Spalte", "Code", "Meldung", "Zelle")
VALUE_HEADERS = ("Blatt", "Zeile", "Spalten", "", "Gesendet wird (Zellinhalt → gesendeter Wert)")
WIDTHS = {"A": 24, "B": 8, "C": 30, "D": 30, "E": 90, "F": 14}
LINK_FONT = Font(name=FONT_NAME, color="0563C1", underline="single")


@dataclass(frozen=True)
class SentRow:
    """The values of one row that are sent differently from what the cells show (e.g. a
    normalized phone), as (column header, cell value, value sent or None if not sent)."""

    sheet: str
    row: int
    changes: list[tuple[str, object, str | None]]

    def line(self) -> list[object]:
        columns = ", ".join(header for header, _, _ in self.changes)
        text = "; ".join(
            f"{header}: {_shown(cell)} → {_shown(sent) if sent else '(wird nicht gesendet)'}"
            for header, cell, sent in self.changes
        )
        return [self.sheet, self.row, columns, None, text]


def _shown(value: object) -> str:
    if value is None:
        return "(leer)"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"„{value}“"


def write_report_sheet(
    wb: Workbook,
    findings: list[Finding],
    targets: list[str],
    sent: Iterable[SentRow],
    sheet_titles: dict[str, str],
) -> Worksheet:
    """Create or replace `Prüfbericht`. `targets[i]` is the cell (e.g. "D3") that shows
    `findings[i]`; `sheet_titles` maps canonical sheet names to the workbook's own names."""
    out = _Lines(_fresh_sheet(wb))
    for letter, width in WIDTHS.items():
        out.ws.column_dimensions[letter].width = width
    out.add(["Prüfbericht"], font=TITLE_FONT)
    stamp = datetime.now().strftime("%d.%m.%Y %H:%M")
    out.add([f"Erstellt am {stamp}: {_count(len(findings))}."])
    out.add([])
    out.add(list(FINDING_HEADERS), font=BOLD, fill=OPTIONAL_FILL)
    for finding, target in zip(findings, targets, strict=True):
        row = [finding.sheet, finding.row, finding.column, finding.code, finding.message]
        out.linked(row, sheet_titles.get(finding.sheet, finding.sheet), target)
    if not findings:
        out.add(["Keine Probleme gefunden."])
    out.add([])
    out.add(["Werte, die gesendet würden (nur wo sie vom Zellinhalt abweichen)"], font=HEADING_FONT)
    out.add(list(VALUE_HEADERS), font=BOLD, fill=OPTIONAL_FILL)
    for sent_row in sent:
        out.plain(sent_row.line())
    out.ws.freeze_panes = "A5"
    return out.ws


def _count(number: int) -> str:
    return "1 Problem" if number == 1 else f"{number} Probleme"


def _fresh_sheet(wb: Workbook) -> Worksheet:
    index = len(wb.sheetnames)
    if PRUEFBERICHT in wb.sheetnames:
        index = wb.sheetnames.index(PRUEFBERICHT)
        wb.remove(wb[PRUEFBERICHT])
    return wb.create_sheet(PRUEFBERICHT, index)


class _Lines:
    """Writes the report line by line (counting rows itself: `max_row` costs O(cells))."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.row = 0

    def add(self, values: list[object], font: Font | None = None, fill: object = None) -> None:
        self.row += 1
        for column, value in enumerate(values, start=1):
            cell = self.ws.cell(row=self.row, column=column)
            if isinstance(value, str):
                write_text(cell, value)
            else:
                cell.value = value
            if font is not None:
                cell.font = font
            if fill is not None:
                cell.fill = fill

    def plain(self, values: list[object]) -> None:
        """A line without styles; the quick path for the many lines of sent values."""
        self.ws.append(values)
        self.row += 1
        for column, value in enumerate(values, start=1):
            if isinstance(value, str) and value.startswith(FORMULA_STARTS):
                write_text(self.ws.cell(row=self.row, column=column), value)

    def linked(self, values: list[object], title: str, target: str) -> None:
        """A line ending in a link to the cell `target` of sheet `title`."""
        self.add([*values, target])
        cell = self.ws.cell(row=self.row, column=len(values) + 1)
        quoted = title.replace("'", "''")
        cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{quoted}'!{target}")
        cell.font = LINK_FONT
