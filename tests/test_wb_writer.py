"""The writer: marks that only we remove, results, added columns, Prüfbericht, text safety."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from data.make_wb_scenarios import soffice_convert
from openpyxl.comments import Comment

from importer.model import Finding, RowResult, Status
from importer.workbook.columns import ORGANISATIONSEINHEITEN
from importer.workbook.marks import MARK_HEADER, fill_rgb
from importer.workbook.reader import read_workbook
from importer.workbook.styles import FINDING_RGB, solid
from importer.workbook.writer import WorkbookWriter

DATA = Path(__file__).resolve().parent / "data"
OE = ORGANISATIONSEINHEITEN.name


@dataclass
class Report:
    """The two attributes of a ValidationReport the writer reads."""

    findings: list[Finding] = field(default_factory=list)
    normalized: dict[tuple[str, int], dict[str, str | None]] = field(default_factory=dict)


@pytest.fixture
def mappe(tmp_path: Path) -> Path:
    return Path(shutil.copy(DATA / "wb-gefuellt.xlsx", tmp_path / "mappe.xlsx"))


def marks(path: Path, sheet: str = OE) -> list[tuple[str, str | None, str | None]]:
    """(cell, fill colour, comment text) of every cell with a fill or a comment below row 1."""
    ws = openpyxl.load_workbook(path)[sheet]
    found = []
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            rgb = fill_rgb(cell.fill)
            if rgb or cell.comment:
                found.append((cell.coordinate, rgb, cell.comment.text if cell.comment else None))
    return found


def test_findings_are_marked_and_row_findings_go_to_status(mappe: Path) -> None:
    writer = WorkbookWriter(mappe)
    writer.mark_findings([
        Finding(OE, 2, "Telefon", "telefon-ungueltig", "Telefon ist falsch."),
        Finding(OE, 2, "Telefon", "text-zu-lang", "Telefon ist zu lang."),
        Finding(OE, 4, None, "oe-doppelt", "Die Einheit steht doppelt."),
        Finding(OE, 3, "Fax", "telefon-ungueltig", "Fax ist falsch."),
    ])  # fmt: skip
    writer.save()
    assert marks(mappe) == [
        ("E2", FINDING_RGB, f"{MARK_HEADER}\nTelefon ist falsch.\nTelefon ist zu lang."),
        ("F3", FINDING_RGB, f"{MARK_HEADER}\nFax ist falsch."),
        ("I4", FINDING_RGB, f"{MARK_HEADER}\nDie Einheit steht doppelt."),
    ]


def test_new_findings_of_a_row_replace_its_old_marks(mappe: Path) -> None:
    writer = WorkbookWriter(mappe)
    writer.mark_findings([Finding(OE, 2, "Telefon", "telefon-ungueltig", "Telefon ist falsch.")])
    writer.mark_findings([
        Finding(OE, 2, "Fax", "telefon-ungueltig", "Fax ist falsch."),
        Finding(OE, 3, "Fax", "telefon-ungueltig", "Fax auch."),
    ])  # fmt: skip
    writer.mark_findings([Finding(OE, 3, "Fax", "telefon-ungueltig", "Fax immer noch.")])
    writer.save()
    assert marks(mappe) == [
        ("F2", FINDING_RGB, f"{MARK_HEADER}\nFax ist falsch."),
        ("F3", FINDING_RGB, f"{MARK_HEADER}\nFax immer noch."),
    ]


def test_clearing_removes_only_our_marks(mappe: Path) -> None:
    wb = openpyxl.load_workbook(mappe)
    ws = wb[OE]
    ws["D2"].fill = solid("FFFF00")
    ws["D2"].comment = Comment("Bitte prüfen (Frau Muster)", "Muster")
    ws["B3"].comment = Comment("Neue Einheit 2026", "Muster")
    ws["I3"].fill = solid("EDEDED")  # Excel applies the grey column style to typed cells
    wb.save(mappe)
    user_marks = marks(mappe)
    writer = WorkbookWriter(mappe)
    writer.mark_findings([
        Finding(OE, 2, "E-Mail", "email-ungueltig", "E-Mail ist falsch."),
        Finding(OE, 3, "Organisationseinheit", "pflichtfeld-leer", "Name fehlt."),
        Finding(OE, 3, None, "oe-doppelt", "Doppelt."),
    ])  # fmt: skip
    writer.save()
    assert marks(mappe) == [
        ("D2", "FFFF00", f"Bitte prüfen (Frau Muster)\n\n{MARK_HEADER}\nE-Mail ist falsch."),
        ("B3", FINDING_RGB, f"Neue Einheit 2026\n\n{MARK_HEADER}\nName fehlt."),
        ("I3", FINDING_RGB, f"{MARK_HEADER}\nDoppelt."),
    ]
    again = WorkbookWriter(mappe)  # a later run finds our marks in the saved file
    assert again.marked_rows(OE) == {2, 3}
    for row in (2, 3, 4):
        again.clear_marks(OE, row)
    again.save()
    assert marks(mappe) == user_marks
    ws = openpyxl.load_workbook(mappe)[OE]
    assert [ws["D2"].comment.author, ws["B3"].comment.author] == ["Muster", "Muster"]


def test_results_are_written_and_missing_columns_added(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = OE
    wb.active.append(["Mandant", "Organisationseinheit", "E-Mail", "Telefon", "Notiz"])
    wb.active.append(["M", "Hauptamt", "h@m.example", "0351 1", "meine Notiz"])
    wb.active.append(["M", "Bauhof", "b@m.example", "0351 2", None])
    path = tmp_path / "ohne-status.xlsx"
    wb.save(path)
    writer = WorkbookWriter(path)
    before = datetime.now().replace(microsecond=0)
    writer.write_result(RowResult(OE, 2, Status.OK, "angelegt, OE-ID 600709, veröffentlicht 1.0",
                                  oe_id="600709", fingerprint="0123abcd"))  # fmt: skip
    writer.write_result(RowResult(OE, 3, Status.FEHLER, "Zeitüberschreitung; erneut versuchen."))
    after = datetime.now()
    writer.save()
    ws = openpyxl.load_workbook(path)[OE]
    assert [c.value for c in ws[1]] == [
        "Mandant", "Organisationseinheit", "E-Mail", "Telefon", "Notiz",
        "OE-ID", "Status", "Meldung", "Bearbeitet am", "Prüfsumme",
    ]  # fmt: skip
    assert [k for k, d in ws.column_dimensions.items() if d.hidden] == ["J"]
    assert ws["I2"].number_format == "DD.MM.YYYY HH:MM:SS"
    records = read_workbook(path).records(OE)
    assert [r.values["oe_id"] for r in records] == ["600709", None]
    written = [r.written for r in records]
    stamps = [w.pop("bearbeitet_am") for w in written]
    assert written == [
        {"status": "OK", "meldung": "angelegt, OE-ID 600709, veröffentlicht 1.0",
         "pruefsumme": "0123abcd"},
        {"status": "FEHLER", "meldung": "Zeitüberschreitung; erneut versuchen.",
         "pruefsumme": None},
    ]  # fmt: skip
    assert all(before <= s <= after for s in stamps)
    assert records[0].values["mandant"] == "M" and ws["E2"].value == "meine Notiz"


def test_empty_status_clears_the_written_cells(mappe: Path) -> None:
    writer = WorkbookWriter(mappe)
    writer.write_result(RowResult(OE, 2, Status.UNGUELTIG, "Telefon: falsch."))
    writer.save()
    writer.write_result(RowResult(OE, 2, Status.LEER, ""))
    writer.save()
    assert read_workbook(mappe).records(OE)[0].written == {
        "status": None, "meldung": None, "bearbeitet_am": None, "pruefsumme": None,
    }  # fmt: skip


def test_report_lists_findings_with_links_and_the_values_sent(mappe: Path) -> None:
    writer = WorkbookWriter(mappe)
    findings = [Finding(OE, 3, "E-Mail", "email-ungueltig", "E-Mail ist falsch."),
                Finding(OE, 4, None, "oe-doppelt", "Doppelt.")]  # fmt: skip
    normalized = {
        (OE, 2): {"telefon": "+49 35204 7870-100", "email": "hauptamt@klipphausen.example"},
        (OE, 3): {"telefon": "+49 35204 7870-200", "email": None},
    }
    writer.write_report(Report([Finding(OE, 2, None, "alt", "Alt.")]))
    writer.write_report(Report(findings, normalized))
    writer.save()
    wb = openpyxl.load_workbook(mappe)
    assert wb.sheetnames.count("Prüfbericht") == 1
    ws = wb["Prüfbericht"]
    rows = [list(r) for r in ws.iter_rows(min_row=4, values_only=True)]
    assert rows == [
        ["Blatt", "Zeile", "Spalte", "Code", "Meldung", "Zelle"],
        [OE, 3, "E-Mail", "email-ungueltig", "E-Mail ist falsch.", "D3"],
        [OE, 4, None, "oe-doppelt", "Doppelt.", "I4"],
        [None] * 6,
        ["Werte, die gesendet würden (nur wo sie vom Zellinhalt abweichen)"] + [None] * 5,
        ["Blatt", "Zeile", "Spalten", None, "Gesendet wird (Zellinhalt → gesendeter Wert)", None],
        [OE, 2, "Telefon", None, "Telefon: „035204 7870-100“ → „+49 35204 7870-100“", None],
        [OE, 3, "Telefon, E-Mail", None, "Telefon: „035204 7870-200“ → „+49 35204 7870-200“; "
         "E-Mail: „bauhof@klipphausen.example“ → (wird nicht gesendet)", None],
    ]  # fmt: skip
    links = [c.hyperlink.location for c in ws["F"] if c.hyperlink is not None]
    assert links == [f"'{OE}'!D3", f"'{OE}'!I4"]


def test_text_that_looks_like_a_formula_stays_text(mappe: Path) -> None:
    writer = WorkbookWriter(mappe)
    writer.write_result(RowResult(OE, 2, Status.FEHLER, '=HYPERLINK("http://x","klick")'))
    writer.write_report(Report([Finding(OE, 3, "Fax", "x", "+49 fehlt")],
                               {(OE, 3): {"fax": "=1+1"}}))  # fmt: skip
    writer.save()
    wb = openpyxl.load_workbook(mappe)
    meldung = wb[OE]["J2"]
    report = wb["Prüfbericht"]
    cells = [meldung, report["E5"], report["E9"]]
    assert [(c.value, c.data_type, c.quotePrefix) for c in cells] == [
        ('=HYPERLINK("http://x","klick")', "s", True),
        ("+49 fehlt", "s", True),
        ("Fax: (leer) → „=1+1“", "s", False),
    ]


@pytest.mark.libreoffice
def test_libreoffice_shows_written_text_as_text(mappe: Path, tmp_path: Path) -> None:
    writer = WorkbookWriter(mappe)
    writer.write_result(RowResult(OE, 2, Status.FEHLER, "=1+1"))
    writer.write_result(RowResult(OE, 3, Status.FEHLER, "@SUMME(A1:A2)"))
    writer.save()
    converted = soffice_convert(mappe, tmp_path / "lo", "xlsx", tmp_path / "profil")
    ws = openpyxl.load_workbook(converted)[OE]
    assert [(ws[c].value, ws[c].data_type) for c in ("J2", "J3")] == [
        ("=1+1", "s"), ("@SUMME(A1:A2)", "s"),
    ]  # fmt: skip
    assert read_workbook(converted).records(OE) == read_workbook(mappe).records(OE)


def test_marks_keep_the_validations_of_a_libreoffice_file(tmp_path: Path) -> None:
    path = Path(shutil.copy(DATA / "wb-gefuellt-libreoffice.xlsx", tmp_path / "lo.xlsx"))

    def validations(p: Path) -> list[tuple[object, ...]]:
        wb = openpyxl.load_workbook(p)
        return [
            (ws.title, str(v.sqref), v.type, v.formula1, v.prompt)
            for ws in wb.worksheets
            for v in ws.data_validations.dataValidation
        ]

    before = validations(path)
    assert len(before) == 47  # 17 + 12 + 6 + 12 columns
    writer = WorkbookWriter(path)
    writer.mark_findings([Finding(OE, 3, "Telefon", "telefon-ungueltig", "Telefon falsch.")])
    writer.write_result(RowResult(OE, 3, Status.UNGUELTIG, "Telefon falsch."))
    writer.write_report(Report())
    writer.save()
    assert validations(path) == before
    ws = openpyxl.load_workbook(path)[OE]
    assert (fill_rgb(ws["E3"].fill), ws["E3"].comment.text, ws["I3"].value) == (
        FINDING_RGB, f"{MARK_HEADER}\nTelefon falsch.", "UNGÜLTIG",
    )  # fmt: skip
    assert read_workbook(path).sheets[OE][1].written["status"] == "UNGÜLTIG"
