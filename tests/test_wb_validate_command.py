"""`amt24-import validate`: exit codes, marks, Status/Meldung, Prüfbericht, --json, --no-write."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from data.make_wb_scenarios import UNIT_ROWS, filled_workbook, soffice_convert
from typer.testing import CliRunner

from importer.cli import app
from importer.validation.validate import validate_workbook
from importer.workbook.marks import MARK_HEADER, fill_rgb
from importer.workbook.reader import read_workbook
from importer.workbook.styles import FINDING_RGB
from importer.workbook.template import fill_sheet

OE = "Organisationseinheiten"


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["validate", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout


@pytest.fixture
def mappe(tmp_path: Path) -> Path:
    """Row 3 stores the phone as a number; row 4 (hidden, marked OK earlier) has a bad e-mail;
    row 5 was UNGÜLTIG before and is fine now."""
    wb = filled_workbook()
    fill_sheet(wb, OE, [
        *UNIT_ROWS[:1],
        {**UNIT_ROWS[1], "telefon": 35204787020},
        {**UNIT_ROWS[2], "email": "buergeramt(at)nossen.example", "status": "OK",
         "meldung": "angelegt"},
        {"mandant": "Stadt Nossen", "name": "Bauamt", "email": "bauamt@nossen.example",
         "telefon": "035242 43-400", "status": "UNGÜLTIG", "meldung": "Telefon: fehlte."},
    ])  # fmt: skip
    wb[OE].row_dimensions[4].hidden = True
    path = tmp_path / "mappe.xlsx"
    wb.save(path)
    return path


def statuses(path: Path) -> list[tuple[int, object, object]]:
    return [
        (r.row, r.written["status"], r.written["meldung"]) for r in read_workbook(path).records(OE)
    ]


def test_findings_are_written_into_the_workbook(mappe: Path) -> None:
    expected = validate_workbook(read_workbook(mappe)).findings
    assert [(f.row, f.column, f.code) for f in expected] == [
        (3, "Telefon", "telefon-als-zahl"),
        (4, "E-Mail", "email-ungueltig"),
    ]
    code, stdout = invoke(str(mappe))
    assert code == 1
    summary = " ".join(stdout.split())
    assert "Organisationseinheiten │ 4 │ 2 │ 2" in summary
    assert "Zeile 3, Telefon:" in summary and "Prüfbericht" in summary
    assert statuses(mappe) == [
        (2, None, None),
        (3, "UNGÜLTIG", expected[0].message),
        (4, "UNGÜLTIG", expected[1].message),
        (5, None, None),
    ]
    wb = openpyxl.load_workbook(mappe)
    ws = wb[OE]
    assert [(c, fill_rgb(ws[c].fill), ws[c].comment.text) for c in ("E3", "D4")] == [
        ("E3", FINDING_RGB, f"{MARK_HEADER}\n{expected[0].message}"),
        ("D4", FINDING_RGB, f"{MARK_HEADER}\n{expected[1].message}"),
    ]
    report = [
        list(r[:5]) for r in wb["Prüfbericht"].iter_rows(min_row=5, max_row=6, values_only=True)
    ]
    assert report == [[f.sheet, f.row, f.column, f.code, f.message] for f in expected]
    backups = [p for p in mappe.parent.iterdir() if ".sicherung-" in p.name]
    assert len(backups) == 1


def test_fixing_the_rows_clears_status_and_marks(mappe: Path) -> None:
    assert invoke(str(mappe))[0] == 1
    wb = openpyxl.load_workbook(mappe)
    wb[OE]["E3"] = "035204 7870-200"
    wb[OE]["D4"] = "buergeramt@nossen.example"
    wb.save(mappe)
    code, stdout = invoke(str(mappe))
    assert code == 0
    assert "Die Arbeitsmappe ist gültig." in stdout
    assert statuses(mappe) == [(2, None, None), (3, None, None), (4, None, None), (5, None, None)]
    wb = openpyxl.load_workbook(mappe)
    assert [(fill_rgb(wb[OE][c].fill), wb[OE][c].comment) for c in ("E3", "D4")] == [
        (None, None), (None, None),
    ]  # fmt: skip
    assert wb["Prüfbericht"]["A5"].value == "Keine Probleme gefunden."


def test_json_lists_the_findings(mappe: Path) -> None:
    code, stdout = invoke(str(mappe), "--json", "--no-write")
    assert code == 1
    assert json.loads(stdout) == validate_workbook(read_workbook(mappe)).to_json()


def test_no_write_leaves_the_file_alone(mappe: Path) -> None:
    before = mappe.read_bytes()
    code, stdout = invoke(str(mappe), "--no-write")
    assert code == 1 and "Nichts geschrieben" in stdout
    assert mappe.read_bytes() == before
    assert list(mappe.parent.iterdir()) == [mappe]


def test_valid_workbook_exits_0_and_keeps_ok_rows(tmp_path: Path) -> None:
    wb = filled_workbook()
    fill_sheet(wb, OE, [{**UNIT_ROWS[0], "status": "OK", "meldung": "angelegt, OE-ID 1"}])
    path = tmp_path / "gut.xlsx"
    wb.save(path)
    code, stdout = invoke(str(path))
    assert code == 0 and "Die Arbeitsmappe ist gültig." in stdout
    assert statuses(path) == [(2, "OK", "angelegt, OE-ID 1"), (3, None, None), (4, None, None)]


@pytest.mark.libreoffice
def test_written_workbook_opens_in_libreoffice(mappe: Path, tmp_path: Path) -> None:
    invoke(str(mappe))
    converted = soffice_convert(mappe, tmp_path / "lo", "xlsx", tmp_path / "profil")
    assert read_workbook(converted).sheets == read_workbook(mappe).sheets
    ws = openpyxl.load_workbook(converted)[OE]
    assert ws["E3"].comment is not None and MARK_HEADER in ws["E3"].comment.text
