"""Checks across rows: one row per Mandant, unique units and OE-IDs, known parents, no cycles."""

from __future__ import annotations

from typing import Any

import pytest
from test_val_validate import IMPRESSUM, KLIPPHAUSEN, UNIT, impressum, keys, workbook

from importer.model import Record
from importer.validation.crosscheck import row_list
from importer.validation.validate import validate_workbook

OE = "Organisationseinheiten"
PARENT = "Übergeordnete Organisationseinheit"


def unit(row: int, name: str, parent: str | None = None, **values: Any) -> Record:
    return Record(OE, row, {**UNIT, "name": name, "parent": parent, **values})


def dsb(row: int, mandant: str) -> Record:
    return Record(
        "Datenschutzbeauftragte", row, {"mandant": mandant, "name": "D", "email": "d@x.de"}
    )


def test_mandant_twice_is_flagged_on_every_copy_ignoring_case_and_spaces() -> None:
    data = workbook(
        impressum(2),
        impressum(3, mandant="Stadt Riesa"),
        impressum(5, mandant="  gemeinde   KLIPPHAUSEN "),
        impressum(9, mandant=KLIPPHAUSEN),
        dsb(2, "Stadt Riesa"),
        dsb(3, "Stadt Riesa"),
    )
    report = validate_workbook(data)
    assert keys(report) == [
        ("Impressum", 2, "Mandant", "mandant-doppelt"),
        ("Impressum", 5, "Mandant", "mandant-doppelt"),
        ("Impressum", 9, "Mandant", "mandant-doppelt"),
        ("Datenschutzbeauftragte", 2, "Mandant", "mandant-doppelt"),
        ("Datenschutzbeauftragte", 3, "Mandant", "mandant-doppelt"),
    ]
    assert report.findings[1].message == (
        "Mandant „gemeinde   KLIPPHAUSEN“ steht mehrmals in diesem Blatt (Zeilen 2, 5 und 9); "
        "erlaubt ist eine Zeile je Mandant. Bitte die Zeilen zusammenführen."
    )


def test_duplicate_units_within_a_mandant_are_flagged_on_every_copy() -> None:
    data = workbook(
        unit(2, "Hauptamt"),
        unit(3, "Bauamt"),
        unit(4, "HAUPTAMT"),
        unit(6, " Haupt  amt"),
        unit(7, "Haupt amt "),
        unit(8, "Hauptamt", mandant="Stadt Riesa"),
    )
    report = validate_workbook(data)
    assert keys(report) == [
        (OE, 2, "Organisationseinheit", "oe-doppelt"),
        (OE, 4, "Organisationseinheit", "oe-doppelt"),
        (OE, 6, "Organisationseinheit", "oe-doppelt"),
        (OE, 7, "Organisationseinheit", "oe-doppelt"),
    ]
    assert report.findings[0].message == (
        "Organisationseinheit „Hauptamt“ steht für Mandant „Gemeinde Klipphausen“ mehrmals "
        "(Zeilen 2 und 4). Bitte jede Einheit nur einmal eintragen."
    )
    assert report.findings[2].message.endswith(
        "(Zeilen 6 und 7). Bitte jede Einheit nur einmal eintragen."
    )


def test_an_oe_id_twice_is_flagged_whether_text_or_number() -> None:
    data = workbook(
        unit(2, "Hauptamt", oe_id="600709"),
        unit(3, "Bauamt", oe_id=600709),
        unit(4, "Kämmerei", oe_id=600710, mandant="Stadt Riesa"),
    )
    report = validate_workbook(data)
    assert keys(report) == [(OE, 2, "OE-ID", "oe-id-doppelt"), (OE, 3, "OE-ID", "oe-id-doppelt")]
    assert report.findings[0].message == (
        "OE-ID 600709 steht mehrmals (Zeilen 2 und 3). Jede OE-ID gehört zu genau einer "
        "Organisationseinheit."
    )


def test_parents_must_exist_in_the_sheet_or_the_admincenter_for_the_same_mandant() -> None:
    data = workbook(
        unit(2, "Bürgeramt"),
        unit(3, "Standesamt", "bürgeramt"),  # in the sheet (case ignored)
        unit(4, "Vollstreckung", "Stadtkasse"),  # exists in the AdminCenter
        unit(5, "Bauhof", "Bauamt"),  # nowhere
        unit(6, "Archiv", "Bürgeramt", mandant="Stadt Riesa"),  # only another Mandant has it
        unit(7, "Museum", "Kultur", mandant="Stadt Riesa"),  # known for another Mandant only
    )
    known = {"gemeinde klipphausen": {"STADTKASSE"}, "Stadt Meißen": {"Kultur"}}
    report = validate_workbook(data, known_units=known)
    assert keys(report) == [
        (OE, 5, PARENT, "oe-uebergeordnet-unbekannt"),
        (OE, 6, PARENT, "oe-uebergeordnet-unbekannt"),
        (OE, 7, PARENT, "oe-uebergeordnet-unbekannt"),
    ]
    assert report.findings[0].message == (
        "Übergeordnete Organisationseinheit „Bauamt“ gibt es für Mandant „Gemeinde Klipphausen“ "
        "weder in diesem Blatt noch im AdminCenter. Bitte den Namen prüfen oder die Einheit als "
        "eigene Zeile eintragen."
    )
    assert [f.row for f in validate_workbook(data).findings] == [4, 5, 6, 7]


def test_units_on_a_cycle_are_flagged_and_those_leading_into_it_not() -> None:
    data = workbook(
        unit(2, "Hauptamt", "Hauptamt"),
        unit(3, "A", "C"),
        unit(4, "B", "A"),
        unit(5, "C", "B"),
        unit(6, "D", "A"),
        unit(7, "E", "D"),
    )
    report = validate_workbook(data)
    assert keys(report) == [(OE, row, PARENT, "oe-zyklus") for row in (2, 3, 4, 5)]
    assert [f.message for f in report.findings[:2]] == [
        "Übergeordnete Organisationseinheit „Hauptamt“ ergibt einen Kreis (Hauptamt → Hauptamt): "
        "Keine Einheit kann sich selbst übergeordnet sein, auch nicht über andere. Bitte die "
        "übergeordnete Organisationseinheit korrigieren.",
        "Übergeordnete Organisationseinheit „C“ ergibt einen Kreis (A → C → B → A): Keine "
        "Einheit kann sich selbst übergeordnet sein, auch nicht über andere. Bitte die "
        "übergeordnete Organisationseinheit korrigieren.",
    ]


def test_a_long_cycle_is_found_and_named_briefly() -> None:
    rows = [unit(n + 2, f"E{n}", f"E{n - 1}") for n in range(1, 5000)]
    rows.append(unit(2, "E0", "E4999"))
    report = validate_workbook(workbook(*rows))
    assert keys(report) == [(OE, row, PARENT, "oe-zyklus") for row in range(2, 5002)]
    assert "(E0 → E4999 → E4998 → E4997 → E4996 → … → E0)" in report.findings[0].message


def test_rows_without_mandant_or_name_take_no_part_in_cross_checks() -> None:
    data = workbook(
        unit(2, None), unit(3, None), unit(4, "X", mandant=None), unit(5, "X", mandant=None)
    )
    assert [f.code for f in validate_workbook(data).findings] == ["pflichtfeld-leer"] * 4


def test_impressum_row_for_every_mandant_is_no_duplicate() -> None:
    rows = [impressum(n, mandant=f"Gemeinde {n}") for n in range(2, 30)]
    assert validate_workbook(workbook(*rows)).valid
    assert IMPRESSUM["mandant"] == KLIPPHAUSEN


@pytest.mark.parametrize(
    ("rows", "text"), [([4], "4"), ([9, 2], "2 und 9"), ([3, 12, 7], "3, 7 und 12")]
)
def test_row_list(rows: list[int], text: str) -> None:
    assert row_list(rows) == text
