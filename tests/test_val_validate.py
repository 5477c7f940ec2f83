"""validate_workbook on in-memory records: every finding at its own row and column, nothing lost."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from importer.model import Finding, Record
from importer.validation.validate import ValidationReport, validate_workbook
from importer.workbook.data import WorkbookData

KLIPPHAUSEN = "Gemeinde Klipphausen"
IMPRESSUM = {
    "mandant": KLIPPHAUSEN,
    "behoerde": "Gemeindeverwaltung Klipphausen",
    "vertreten_durch": "Bürgermeister Max Mustermann",
    "strasse": "Talstraße 3",
    "plz": "01665",
    "ort": "Klipphausen",
    "telefon": "035204 7860-0",
    "email": "poststelle@klipphausen.de",
}
UNIT = {
    "mandant": KLIPPHAUSEN,
    "name": "Hauptamt",
    "email": "hauptamt@klipphausen.de",
    "telefon": "035204 7860-10",
}


def workbook(*records: Record, folder: Path = Path("/tmp")) -> WorkbookData:
    data = WorkbookData(path=folder / "mappe.xlsx")
    for record in records:
        data.sheets.setdefault(record.sheet, []).append(record)
    return data


def impressum(row: int, hidden: bool = False, **values: Any) -> Record:
    return Record("Impressum", row, {**IMPRESSUM, **values}, hidden=hidden)


def unit(row: int, **values: Any) -> Record:
    return Record("Organisationseinheiten", row, {**UNIT, **values})


def keys(report: ValidationReport) -> list[tuple[str, int, str | None, str]]:
    return [f.key() for f in report.findings]


def test_valid_rows_give_no_findings_and_the_values_to_send() -> None:
    report = validate_workbook(workbook(impressum(2), unit(2)))
    assert report.valid
    assert report.findings == []
    assert report.normalized == {
        ("Impressum", 2): {
            **IMPRESSUM,
            "telefon": "+49 35204 7860-0",
            "fax": None,
            "internet": None,
            "ust_id": None,
            "aufsichtsbehoerde": None,
            "inhaltlich_verantwortlich": None,
        },
        ("Organisationseinheiten", 2): {
            **UNIT,
            "telefon": "+49 35204 7860-10",
            "parent": None,
            "fax": None,
            "internet": None,
            "oe_id": None,
        },
    }


def test_several_problems_per_row_hidden_rows_and_gaps_keep_their_rows() -> None:
    data = workbook(
        impressum(2, plz=1665, telefon=351123456, email="kaputt", internet="www.x.de"),
        impressum(7, hidden=True, mandant="Stadt Meißen", behoerde=None, fax=True),
        impressum(8, mandant="Stadt Riesa"),
        impressum(40, mandant="Stadt Nossen", vertreten_durch="A\nB" + "x" * 300, plz="1665"),
    )
    report = validate_workbook(data)
    assert keys(report) == [
        ("Impressum", 2, "PLZ", "plz-als-zahl"),
        ("Impressum", 2, "Telefon", "telefon-als-zahl"),
        ("Impressum", 2, "E-Mail", "email-ungueltig"),
        ("Impressum", 7, "Behörde", "pflichtfeld-leer"),
        ("Impressum", 7, "Fax", "zelltyp-falsch"),
        ("Impressum", 40, "Vertreten durch", "text-zu-lang"),
        ("Impressum", 40, "Vertreten durch", "text-mehrzeilig"),
        ("Impressum", 40, "PLZ", "plz-ungueltig"),
    ]
    assert report.rows_with_findings("Impressum") == {2, 7, 40}
    assert report.normalized["Impressum", 2]["internet"] == "https://www.x.de"
    assert report.normalized["Impressum", 2]["plz"] is None
    assert report.normalized["Impressum", 7]["mandant"] == "Stadt Meißen"


def test_the_same_bad_value_in_many_rows_is_flagged_in_each() -> None:
    rows = [unit(row, name=f"Amt {row}", telefon=351123456) for row in (2, 3, 5, 1000)]
    report = validate_workbook(workbook(*rows))
    assert keys(report) == [
        ("Organisationseinheiten", row, "Telefon", "telefon-als-zahl") for row in (2, 3, 5, 1000)
    ]


def test_odd_cell_types_become_findings() -> None:
    report = validate_workbook(
        workbook(unit(2, telefon=datetime(2024, 3, 1, 9, 0), fax=False, oe_id=600709.0))
    )
    assert [(f.column, f.code, f.message) for f in report.findings] == [
        ("Telefon", "zelltyp-falsch", "Telefon enthält ein Datum mit Uhrzeit (01.03.2024 09:00) "
         "statt Text. Excel hat die Eingabe vermutlich umgewandelt. Bitte den Wert als Text "
         "eingeben."),
        ("Fax", "zelltyp-falsch", "Fax enthält einen Wahrheitswert (FALSCH) statt Text. Excel "
         "hat die Eingabe vermutlich umgewandelt. Bitte den Wert als Text eingeben."),
    ]  # fmt: skip
    assert report.normalized["Organisationseinheiten", 2]["oe_id"] == "600709"


def test_a_formula_without_value_is_reported_once_and_nothing_guessed() -> None:
    record = unit(2, telefon=None, fax=None)
    record.formula_without_value = ("telefon", "fax")
    report = validate_workbook(workbook(record))
    assert keys(report) == [
        ("Organisationseinheiten", 2, "Telefon", "formel-ohne-wert"),
        ("Organisationseinheiten", 2, "Fax", "formel-ohne-wert"),
    ]
    assert report.normalized["Organisationseinheiten", 2]["telefon"] is None


def test_findings_follow_catalogue_order_whatever_the_order_read() -> None:
    data = workbook(
        unit(3, email="x"),
        Record("Logo", 2, {"mandant": KLIPPHAUSEN, "bilddatei": None}),
        Record("Datenschutzbeauftragte", 5, {"mandant": KLIPPHAUSEN, "name": "DSB"}),
        impressum(9, email=None),
    )
    assert keys(validate_workbook(data)) == [
        ("Impressum", 9, "E-Mail", "pflichtfeld-leer"),
        ("Datenschutzbeauftragte", 5, "E-Mail", "pflichtfeld-leer"),
        ("Logo", 2, "Bilddatei", "pflichtfeld-leer"),
        ("Organisationseinheiten", 3, "E-Mail", "email-ungueltig"),
    ]


def test_an_empty_workbook_is_valid() -> None:
    report = validate_workbook(workbook())
    assert (report.valid, report.findings, report.normalized) == (True, [], {})


def test_report_queries_and_json() -> None:
    report = validate_workbook(workbook(impressum(2), impressum(3, mandant="Stadt Riesa", plz="1")))
    expected = Finding(
        "Impressum", 3, "PLZ", "plz-ungueltig",
        "PLZ „1“ ist ungültig: Die PLZ muss aus fünf Ziffern bestehen, z. B. 01665.",
    )  # fmt: skip
    assert not report.valid
    assert report.findings_for("Impressum", 3) == [expected]
    assert report.findings_for("Impressum", 2) == []
    assert report.rows_with_findings("Impressum") == {3}
    assert report.rows_with_findings("Logo") == set()
    assert report.to_json() == [
        {
            "sheet": "Impressum",
            "row": 3,
            "column": "PLZ",
            "code": "plz-ungueltig",
            "message": expected.message,
        }
    ]
