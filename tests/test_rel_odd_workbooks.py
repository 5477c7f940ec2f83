"""Odd but real workbooks that once made `validate` print a traceback or lose data (found by
the fuzz tests): merged cells in the data rows, damaged parts only openpyxl reads, notes in a
column without header, logo paths the file system cannot look up."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from data import make_bad_files as bad
from rel_support import folder_state
from typer.testing import CliRunner

from importer.cli import app
from importer.validation.validate import validate_workbook
from importer.workbook.filesafety import lock_files
from importer.workbook.reader import read_workbook

OE = bad.OE
HEADER = ["Mandant", "Organisationseinheit", "E-Mail", "Telefon", "Status", "Meldung"]
UNITS = [
    ["Gemeinde Klipphausen", "Hauptamt", "hauptamt@klipphausen.example", "035204 7870-100"],
    [None, "Bauhof", "bauhof@klipphausen.example", "035204 7870-200"],
    [None, "Kämmerei", "kaemmerei@klipphausen.example", "035204 7870-300"],
]


def validate(path: Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, " ".join(result.stderr.split())


def test_mandant_merged_over_several_unit_rows(tmp_path: Path) -> None:
    """A common layout: one Mandant cell merged down over its units (A2:A4)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = OE
    for row in [HEADER, *UNITS]:
        ws.append(row)
    ws.merge_cells("A2:A4")
    path = tmp_path / "verbunden.xlsx"
    wb.save(path)
    assert validate(path) == (1, "")
    ws = openpyxl.load_workbook(path)[OE]
    # Only A2 holds the Mandant: rows 3 and 4 lack it; the mark is on A2, the cell one sees.
    assert [ws.cell(row=r, column=5).value for r in (2, 3, 4)] == [None, "UNGÜLTIG", "UNGÜLTIG"]
    assert ws["A2"].comment.text.endswith(
        "Mandant ist leer: Die Zelle ist mit Zeile 2 verbunden (A2:A4) – bitte die Verbindung "
        "aufheben und den Wert in jede Zeile schreiben."
    )
    assert (ws["E3"].comment, ws["E4"].comment) == (None, None)
    assert [str(r) for r in ws.merged_cells.ranges] == ["A2:A4"]
    assert [ws.cell(row=r, column=2).value for r in (2, 3, 4)] == ["Hauptamt", "Bauhof", "Kämmerei"]


def test_heading_row_merged_across_every_column(tmp_path: Path) -> None:
    """A heading row inside the data, merged across the importer's columns too."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = OE
    ws.append(HEADER)
    ws.append(["Gemeinde Klipphausen – Verwaltung"])
    ws.merge_cells("A2:F2")
    ws.append(UNITS[0])
    path = tmp_path / "ueberschrift.xlsx"
    wb.save(path)
    assert validate(path) == (1, "")
    wb = openpyxl.load_workbook(path)
    ws = wb[OE]
    assert ws["A2"].value == "Gemeinde Klipphausen – Verwaltung"
    assert [str(r) for r in ws.merged_cells.ranges] == ["A2:F2"]
    assert ws["E3"].value is None  # row 3 is valid
    report = [row[:4] for row in wb["Prüfbericht"].iter_rows(min_row=5, values_only=True)]
    assert report[:3] == [
        (OE, 2, "Organisationseinheit", "zelle-verbunden"),
        (OE, 2, "E-Mail", "zelle-verbunden"),
        (OE, 2, "Telefon", "zelle-verbunden"),
    ]
    assert "Telefon ist leer: Die Zelle ist mit Mandant verbunden (A2:F2)" in ws["A2"].comment.text


def test_damaged_document_properties_refused_before_writing(tmp_path: Path) -> None:
    """docProps/core.xml is never read by the reader, but openpyxl parses it to rewrite."""
    base = bad.small_workbook(tmp_path / "basis.xlsx")
    path = bad.replace_part(base, tmp_path / "eigenschaften.xlsx", "docProps/core.xml", b"<cp:")
    base.unlink()
    before = folder_state(tmp_path)
    assert validate(path) == (
        2,
        "Fehler: Die Arbeitsmappe „eigenschaften.xlsx“ kann nicht geöffnet werden.",
    )
    assert folder_state(tmp_path) == before and not lock_files(path)


def test_notes_in_a_column_without_header_are_not_overwritten(tmp_path: Path) -> None:
    """Status and Meldung are added after the last column holding anything, not after the
    last header: notes kept in a column without header stay."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = OE
    ws.append(HEADER[:4])
    ws.append([*UNITS[0][:3], "0351"])  # invalid phone: the row gets Status UNGÜLTIG
    ws["E2"] = "Notiz: anrufen"
    path = tmp_path / "notizen.xlsx"
    wb.save(path)
    assert validate(path) == (1, "")
    ws = openpyxl.load_workbook(path)[OE]
    assert [c.value for c in ws[1]] == [*HEADER[:4], None, "OE-ID", "Status", "Meldung",
                                        "Bearbeitet am", "Prüfsumme"]  # fmt: skip
    assert (ws["E2"].value, ws["G2"].value) == ("Notiz: anrufen", "UNGÜLTIG")


def test_logo_path_the_file_system_cannot_look_up(tmp_path: Path) -> None:
    """A number of 301 digits, a name longer than the file system allows, an unknown ~user:
    each is a logo that was not found, not a crash."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Logo"
    ws.append(["Mandant", "Bilddatei"])
    for number, value in enumerate([10.0**300, "ä" * 200 + ".png", "~niemandda/logo.png"]):
        ws.append([f"Gemeinde {number}", value])
    path = tmp_path / "logos.xlsx"
    wb.save(path)
    report = validate_workbook(read_workbook(path))
    assert [(f.row, f.code) for f in report.findings] == [
        (2, "logo-fehlt"), (3, "logo-fehlt"), (4, "logo-fehlt"),
    ]  # fmt: skip


def test_merged_header_cell_at_the_end_of_the_header(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = OE
    ws.append([*HEADER[:4], "Notiz"])
    ws.append([*UNITS[0][:3], "0351"])
    ws.merge_cells("E1:F1")
    path = tmp_path / "kopf-verbunden.xlsx"
    wb.save(path)
    assert validate(path) == (1, "")
    ws = openpyxl.load_workbook(path)[OE]
    assert [c.value for c in ws[1]][4:8] == ["Notiz", None, "OE-ID", "Status"]
    assert ws["H2"].value == "UNGÜLTIG"
