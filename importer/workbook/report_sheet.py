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
from importer.workbook.filesafety import write_text
from importer.workbook.styles import BOLD, HEADING_FONT, OPTIONAL_FILL, TITLE_FONT

FINDING_HEADERS = ("Blatt", "Zeile", "Spalte", "Code", "Meldung", "Zelle")
VALUE_HEADERS = ("Blatt", "Zeile", "Spalte", "In der Zelle", "Wird gesendet", "Zelle")
WIDTHS = {"A": 24, "B": 8, "C": 30, "D": 30, "E": 90, "F": 14}
LINK_FONT = Font(color="0563C1", underline="single")


@dataclass(frozen=True)
class SentValue:
    """A value that is sent differently from what the cell shows (e.g. a normalized phone)."""

    sheet: str
    row: int
    column: str
    cell_letter: str
    in_cell: object
    sent: str | None


def write_report_sheet(
    wb: Workbook,
    findings: list[Finding],
    letters: dict[tuple[str, str | None], str],
    sent: Iterable[SentValue],
    sheet_titles: dict[str, str],
) -> Worksheet:
    """Create or replace `Prüfbericht`. `letters[(sheet, column)]` is the cell column letter
    of a finding; `sheet_titles` maps canonical sheet names to the workbook's own names."""
    ws = _fresh_sheet(wb)
    for letter, width in WIDTHS.items():
        ws.column_dimensions[letter].width = width
    ws.append(["Prüfbericht"])
    ws["A1"].font = TITLE_FONT
    stamp = datetime.now().strftime("%d.%m.%Y %H:%M")
    ws.append([f"Erstellt am {stamp}: {_count(len(findings))}."])
    ws.append([])
    _header(ws, FINDING_HEADERS)
    for finding in findings:
        letter = letters.get((finding.sheet, finding.column), "A")
        row = [finding.sheet, finding.row, finding.column or "", finding.code, finding.message]
        _append(ws, row, sheet_titles.get(finding.sheet, finding.sheet), letter, finding.row)
    if not findings:
        ws.append(["Keine Probleme gefunden."])
    ws.append([])
    ws.append(["Werte, die gesendet würden (nur wo sie vom Zellinhalt abweichen)"])
    ws.cell(row=ws.max_row, column=1).font = HEADING_FONT
    _header(ws, VALUE_HEADERS)
    for value in sent:
        row = [value.sheet, value.row, value.column, value.in_cell, value.sent]
        title = sheet_titles.get(value.sheet, value.sheet)
        _append(ws, row, title, value.cell_letter, value.row)
    ws.freeze_panes = "A5"
    return ws


def _count(number: int) -> str:
    return "1 Problem" if number == 1 else f"{number} Probleme"


def _fresh_sheet(wb: Workbook) -> Worksheet:
    index = len(wb.sheetnames)
    if PRUEFBERICHT in wb.sheetnames:
        index = wb.sheetnames.index(PRUEFBERICHT)
        wb.remove(wb[PRUEFBERICHT])
    return wb.create_sheet(PRUEFBERICHT, index)


def _header(ws: Worksheet, headers: tuple[str, ...]) -> None:
    ws.append(list(headers))
    for cell in ws[ws.max_row]:
        cell.font, cell.fill = BOLD, OPTIONAL_FILL


def _append(ws: Worksheet, values: list[object], title: str, letter: str, row: int) -> None:
    target = f"{letter}{row}"
    number = ws.max_row + 1
    for column, value in enumerate([*values, target], start=1):
        if isinstance(value, str):
            write_text(ws.cell(row=number, column=column), value)
        else:
            ws.cell(row=number, column=column, value=value)
    cell = ws.cell(row=number, column=len(values) + 1)
    quoted = title.replace("'", "''")
    cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{quoted}'!{target}")
    cell.font = LINK_FONT
