"""Text is data, never code: whatever the importer writes into the workbook (Meldung,
Prüfbericht, messages a server sends back) stays text in openpyxl and after a LibreOffice
round trip, and the user's own formula-like text cells stay text too."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from data.make_wb_scenarios import soffice_convert
from openpyxl.worksheet.worksheet import Worksheet
from rel_support import formula_cells, formula_elements
from typer.testing import CliRunner

from importer.cli import app
from importer.model import Finding, RowResult, Status
from importer.validation.validate import ValidationReport
from importer.workbook.columns import PRUEFBERICHT
from importer.workbook.filesafety import FORMULA_STARTS
from importer.workbook.template import build_template
from importer.workbook.writer import WorkbookWriter

OE = "Organisationseinheiten"
HYPERLINK = '=HYPERLINK("http://x","y")'
# Every start that makes Excel or LibreOffice read text as a formula (OWASP list).
DANGEROUS = ("=1+1", "+1+1", "-1+1", "@SUMME(A1)", "\t=1+1", "\r=1+1", HYPERLINK)
DATA = Path(__file__).resolve().parent / "data"


def as_reloaded(text: str) -> str:
    """XML turns a raw carriage return into a line feed when the file is read again."""
    return text.replace("\r", "\n")


def text_cell(ws: Worksheet, ref: str, text: str) -> None:
    ws[ref] = text
    ws[ref].data_type = "s"  # the user typed it as text ('=1+1 in Excel)


@pytest.fixture
def mappe(tmp_path: Path) -> Path:
    """Units whose user cells hold formula-like text: as names, parents, phones, e-mails."""
    wb = build_template()
    ws = wb[OE]
    for row, text in enumerate(DANGEROUS, start=2):
        text_cell(ws, f"A{row}", "Gemeinde Klipphausen" if row % 2 else text)
        text_cell(ws, f"B{row}", text)
        text_cell(ws, f"C{row}", HYPERLINK)
        text_cell(ws, f"D{row}", f"{text}@example.de")
        text_cell(ws, f"E{row}", text)
    path = tmp_path / "mappe.xlsx"
    wb.save(path)
    assert formula_cells(path) == set()
    return path


def user_text(path: Path) -> dict[str, tuple[object, str]]:
    ws = openpyxl.load_workbook(path)[OE]
    return {c.coordinate: (c.value, c.data_type) for row in ws["A2:E8"] for c in row}


def test_validate_writes_no_formula_and_keeps_formula_like_user_text(mappe: Path) -> None:
    before = user_text(mappe)
    result = CliRunner().invoke(app, ["validate", str(mappe)])
    assert result.exit_code == 1, result.output
    assert formula_cells(mappe) == set() and formula_elements(mappe) == []
    assert user_text(mappe) == before
    assert all(kind == "s" for _, kind in before.values())
    wb = openpyxl.load_workbook(mappe)
    report = [c for row in wb[PRUEFBERICHT].iter_rows() for c in row if c.value is not None]
    assert any("„=1+1“" in str(c.value) for c in report)  # the values are quoted in the report
    written = [c for row in wb[OE].iter_rows(min_col=9) for c in row] + report
    risky = [c for c in written if isinstance(c.value, str) and c.value.startswith(FORMULA_STARTS)]
    assert all(c.data_type == "s" and c.quotePrefix for c in risky)


@pytest.mark.parametrize("text", DANGEROUS)
def test_a_server_message_is_written_as_text(tmp_path: Path, text: str) -> None:
    """What the runner writes (Meldung from a server answer, OE-ID, report lines)."""
    path = Path(shutil.copy(DATA / "wb-gefuellt.xlsx", tmp_path / "mappe.xlsx"))
    writer = WorkbookWriter(path)
    writer.write_result(RowResult(OE, 2, Status.FEHLER, text, oe_id=text))
    writer.write_report(ValidationReport([Finding(OE, 3, None, "oe-zyklus", text)], {}))
    writer.save()
    wb = openpyxl.load_workbook(path)
    shown = as_reloaded(text)
    in_report = [c for row in wb[PRUEFBERICHT].iter_rows() for c in row if c.value == shown]
    cells = [wb[OE]["J2"], wb[OE]["H2"], *in_report]
    assert [(c.value, c.data_type, c.quotePrefix) for c in cells] == [(shown, "s", True)] * 3
    assert formula_cells(path) == set()


@pytest.mark.libreoffice
def test_written_text_stays_text_after_a_libreoffice_round_trip(
    mappe: Path, tmp_path: Path
) -> None:
    CliRunner().invoke(app, ["validate", str(mappe)])
    writer = WorkbookWriter(mappe)
    for row, text in enumerate(DANGEROUS, start=2):
        writer.write_result(RowResult(OE, row, Status.FEHLER, text))
    writer.save()
    before = user_text(mappe)
    converted = soffice_convert(mappe, tmp_path / "lo", "xlsx", tmp_path / "profil")
    assert formula_elements(converted) == []
    assert user_text(converted) == before
    ws = openpyxl.load_workbook(converted)[OE]
    meldungen = [(c.value, c.data_type) for c in ws["J"][1:8]]
    assert meldungen == [(as_reloaded(text), "s") for text in DANGEROUS]
