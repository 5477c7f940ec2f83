"""Merged cells: the cells a merge covers read as empty; they get `zelle-verbunden`, naming
what they are merged with, and the mark, the comment and the Prüfbericht link go to the
range's first cell while the rows lacking the value get the Status (issue 11)."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from data.make_val_scenarios import DATA, LOGOS
from data.make_wb_scenarios import soffice_convert
from typer.testing import CliRunner

from importer.cli import app
from importer.model import Finding
from importer.validation.validate import validate_workbook
from importer.workbook.columns import ORGANISATIONSEINHEITEN
from importer.workbook.reader import read_workbook
from importer.workbook.styles import FINDING_RGB
from importer.workbook.writer import WorkbookWriter

OE = ORGANISATIONSEINHEITEN.name
TELEFON = (
    "Telefon ist leer: Die Zelle ist mit E-Mail verbunden (D3:E3) – bitte die Verbindung aufheben."
)
MANDANT = (
    "Mandant ist leer: Die Zelle ist mit Zeile 2 verbunden (A2:A4) – bitte die Verbindung "
    "aufheben und den Wert in jede Zeile schreiben."
)
# Scenario → its findings as (row, column, code, message) and the cell each is marked at.
EXPECTED = {
    "oe-email-telefon-verbunden": [((3, "Telefon", "zelle-verbunden", TELEFON), "D3")],
    "oe-mandant-nach-unten-verbunden": [
        ((3, "Mandant", "zelle-verbunden", MANDANT), "A2"),
        ((4, "Mandant", "zelle-verbunden", MANDANT), "A2"),
    ],
}
STATUS, MELDUNG = "I", "J"  # the template's Status and Meldung columns on this sheet


def scenario_copy(folder: Path, name: str) -> Path:
    """The scenario workbook in `folder`, with the logos it names."""
    shutil.copytree(DATA / LOGOS, folder / LOGOS, dirs_exist_ok=True)
    return Path(shutil.copy(DATA / f"{name}.xlsx", folder / f"{name}.xlsx"))


def findings(path: Path) -> list[tuple[int, str | None, str, str]]:
    report = validate_workbook(read_workbook(path))
    assert {f.sheet for f in report.findings} <= {OE}
    return [(f.row, f.column, f.code, f.message) for f in report.findings]


def validate_in_place(path: Path) -> int:
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code


def is_marked(cell: openpyxl.cell.cell.Cell) -> bool:
    return cell.fill.fgColor.rgb[-6:] == FINDING_RGB and "amt24-import" in cell.comment.text


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_merged_scenario_yields_its_whole_finding_list(name: str) -> None:
    assert findings(DATA / f"{name}.xlsx") == [found for found, _ in EXPECTED[name]]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_first_cell_is_marked_and_linked_and_the_rows_are_invalid(
    tmp_path: Path, name: str
) -> None:
    path = scenario_copy(tmp_path, name)
    assert validate_in_place(path) == 1
    wb = openpyxl.load_workbook(path)
    ws = wb[OE]
    marked = {cell for _, cell in EXPECTED[name]}
    assert {c.coordinate for row in ws.iter_rows(min_row=2) for c in row if c.comment} == marked
    for cell in marked:
        assert is_marked(ws[cell])
        messages = {found[3] for found, at in EXPECTED[name] if at == cell}
        assert ws[cell].comment.text.splitlines()[1:] == sorted(messages)  # each message once
    invalid = {found[0]: found[3] for found, _ in EXPECTED[name]}
    for row in range(2, 6):
        status, meldung = ws[f"{STATUS}{row}"].value, ws[f"{MELDUNG}{row}"].value
        expected = ("UNGÜLTIG", invalid[row]) if row in invalid else (None, None)
        assert (status, meldung) == expected, row
    report = list(wb["Prüfbericht"].iter_rows(min_row=5, max_row=4 + len(EXPECTED[name])))
    assert [tuple(c.value for c in line[:6]) for line in report] == [
        (OE, row, column, code, message, cell)
        for (row, column, code, message), cell in EXPECTED[name]
    ]
    assert [line[5].hyperlink.location for line in report] == [
        f"'{OE}'!{cell}" for _, cell in EXPECTED[name]
    ]


def test_unmerged_and_filled_the_marks_and_statuses_go(tmp_path: Path) -> None:
    path = scenario_copy(tmp_path, "oe-mandant-nach-unten-verbunden")
    assert validate_in_place(path) == 1
    wb = openpyxl.load_workbook(path)
    ws = wb[OE]
    ws.unmerge_cells("A2:A4")
    ws["A3"] = ws["A4"] = ws["A2"].value
    wb.save(path)
    assert validate_in_place(path) == 0
    ws = openpyxl.load_workbook(path)[OE]
    assert [ws[f"A{row}"].comment for row in range(2, 5)] == [None, None, None]
    assert ws["A2"].fill.fgColor.rgb[-6:] != FINDING_RGB
    assert [ws[f"{STATUS}{row}"].value for row in range(2, 6)] == [None] * 4


def test_the_first_cell_keeps_its_mark_until_every_covered_row_is_cleared(
    tmp_path: Path,
) -> None:
    """As a run writes results row by row, in any order: A2 shows the findings of rows 3
    and 4 and loses its mark only when both rows are fine (row 2's own result is no reason)."""
    path = scenario_copy(tmp_path, "oe-mandant-nach-unten-verbunden")
    row_3, row_4 = (Finding(OE, row, "Mandant", "zelle-verbunden", MANDANT) for row in (3, 4))
    writer = WorkbookWriter(path)
    writer.mark_findings([row_4])
    writer.mark_findings([row_3])
    writer.clear_marks(OE, 2)
    assert writer.marked_rows(OE) == {3, 4}
    writer.clear_marks(OE, 4)
    ws = writer.worksheet(OE)
    assert is_marked(ws["A2"]) and ws["A2"].comment.text.splitlines()[1:] == [MANDANT]
    writer.clear_marks(OE, 3)
    assert ws["A2"].comment is None and writer.marked_rows(OE) == set()


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_saved_by_libreoffice_the_same_findings_at_the_same_cells(
    tmp_path: Path, name: str
) -> None:
    source = scenario_copy(tmp_path / "original", name)
    folder = tmp_path / "libreoffice"
    shutil.copytree(DATA / LOGOS, folder / LOGOS)
    converted = soffice_convert(source, folder, "xlsx:Calc MS Excel 2007 XML", tmp_path / "profil")
    assert findings(converted) == [found for found, _ in EXPECTED[name]]
    assert validate_in_place(converted) == 1
    ws = openpyxl.load_workbook(converted)[OE]
    assert all(is_marked(ws[cell]) for _, cell in EXPECTED[name])
