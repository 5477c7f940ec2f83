"""The reader: header matching, raw values, formulas, hidden and empty rows, large sheets."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from data.make_wb_scenarios import IMPRESSUM_ROWS, UNIT_ROWS, filled_workbook, soffice_convert

from importer.errors import UnusableWorkbook
from importer.model import Record
from importer.workbook.columns import IMPRESSUM, ORGANISATIONSEINHEITEN
from importer.workbook.reader import read_workbook
from importer.workbook.template import build_template, fill_sheet

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import reading  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
OE = ORGANISATIONSEINHEITEN.name
NO_WRITTEN = {"status": None, "meldung": None, "bearbeitet_am": None, "pruefsumme": None}


def unit(row: int, hidden: bool = False, without: tuple[str, ...] = (), **values: object) -> Record:
    full = {f: values.get(f) for f in ORGANISATIONSEINHEITEN.fields}
    return Record(OE, row, full, dict(NO_WRITTEN), hidden, without)


def expected_units() -> list[Record]:
    return [unit(row, **values) for row, values in enumerate(UNIT_ROWS, start=2)]


def save(wb: openpyxl.Workbook, path: Path) -> Path:
    wb.save(path)
    return path


def test_filled_template_reads_back_every_record() -> None:
    data = read_workbook(DATA / "wb-gefuellt.xlsx")
    assert data.records(OE) == expected_units()
    impressum = [r.values for r in data.records(IMPRESSUM.name)]
    assert impressum == [{f: row.get(f) for f in IMPRESSUM.fields} for row in IMPRESSUM_ROWS]
    assert data.records("Logo") == [] and data.records("Datenschutzbeauftragte") == []
    assert data.columns[OE] == {
        "mandant": 1, "name": 2, "parent": 3, "email": 4, "telefon": 5, "fax": 6,
        "internet": 7, "oe_id": 8, "status": 9, "meldung": 10, "bearbeitet_am": 11,
        "pruefsumme": 12,
    }  # fmt: skip


def test_libreoffice_saved_workbook_reads_the_same_records() -> None:
    # LibreOffice writes styled empty cells down to the end of the validation ranges.
    assert openpyxl.load_workbook(DATA / "wb-gefuellt-libreoffice.xlsx")[OE].max_row > 1000
    original = read_workbook(DATA / "wb-gefuellt.xlsx")
    saved = read_workbook(DATA / "wb-gefuellt-libreoffice.xlsx")
    assert saved.sheets == original.sheets
    assert saved.columns == original.columns


def test_headers_match_ignoring_case_spaces_line_breaks_and_order() -> None:
    data = read_workbook(DATA / "wb-kopf-varianten.xlsx")
    assert set(data.sheets) == {"Impressum", OE}  # absent sheets have no key
    assert data.columns == {
        "Impressum": {"mandant": 1, "behoerde": 2, "vertreten_durch": 3, "strasse": 5,
                      "plz": 6, "ort": 7, "telefon": 8, "email": 9},
        OE: {"telefon": 1, "email": 3, "parent": 4, "name": 5, "mandant": 6},
    }  # fmt: skip
    assert data.records(OE) == [
        unit(2, mandant="Gemeinde Klipphausen", name="Hauptamt", email="a@b.example",
             telefon="0351 1")
    ]  # fmt: skip
    impressum = data.records("Impressum")[0].values
    assert impressum["vertreten_durch"] == "Max Mustermann"
    assert "Notiz" not in impressum and "intern" not in impressum.values()


def test_formulas_give_their_cached_values() -> None:
    assert read_workbook(DATA / "wb-formeln-mit-wert.xlsx").records(OE) == [
        unit(2, mandant="Gemeinde Klipphausen", name="Hauptamt", email="hauptamt@k.example",
             telefon="0351 1"),
        unit(3, mandant="Gemeinde Klipphausen", name="Bauhof", email="bauhof@k.example",
             telefon=351),
    ]  # fmt: skip


def test_formulas_without_cached_value_are_named() -> None:
    assert read_workbook(DATA / "wb-formeln-ohne-wert.xlsx").records(OE) == [
        unit(2, without=("mandant", "email"), name="Hauptamt", telefon="0351 1"),
        unit(3, without=("telefon",), mandant="Gemeinde Klipphausen", name="Bauhof",
             email="bauhof@k.example"),
    ]  # fmt: skip


def test_numbers_stay_numbers_and_hidden_rows_are_flagged(tmp_path: Path) -> None:
    wb = build_template()
    fill_sheet(wb, OE, [
        {"mandant": "M", "name": "A", "email": "a@m.example", "telefon": 351123456},
        {"mandant": "M", "name": "B", "email": "b@m.example", "telefon": "0351 2", "fax": 3.5},
        {"mandant": "M", "name": "C", "email": "c@m.example", "telefon": 4935112345.0},
    ])  # fmt: skip
    wb[OE].row_dimensions[3].hidden = True
    records = read_workbook(save(wb, tmp_path / "m.xlsx")).records(OE)
    assert records == [
        unit(2, mandant="M", name="A", email="a@m.example", telefon=351123456),
        unit(3, hidden=True, mandant="M", name="B", email="b@m.example", telefon="0351 2",
             fax=3.5),
        unit(4, mandant="M", name="C", email="c@m.example", telefon=4935112345),
    ]  # fmt: skip
    assert [type(r.values["telefon"]) for r in records] == [int, str, int]


def test_empty_rows_are_skipped_and_row_numbers_kept(tmp_path: Path) -> None:
    wb = build_template()
    stamp = datetime(2026, 3, 1, 9, 30)
    fill_sheet(wb, OE, [
        {"mandant": "M", "name": "A", "email": "a@m.example", "telefon": "0351 1"},
        {},
        {"mandant": "  ", "name": ""},  # only spaces: empty
        {"status": "OK", "meldung": "alt"},  # only importer-written cells: empty
        {"mandant": "M", "name": "B", "status": "OK", "meldung": "angelegt", "pruefsumme": "ab12",
         "bearbeitet_am": stamp},
    ])  # fmt: skip
    records = read_workbook(save(wb, tmp_path / "m.xlsx")).records(OE)
    assert [r.row for r in records] == [2, 6]
    assert [r.written for r in records] == [
        NO_WRITTEN,
        {"status": "OK", "meldung": "angelegt", "bearbeitet_am": stamp, "pruefsumme": "ab12"},
    ]


def test_a_sheet_with_only_a_header_needs_no_required_column(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = OE
    wb.active.append(["Mandant", "Bemerkung"])
    data = read_workbook(save(wb, tmp_path / "m.xlsx"))
    assert data.sheets == {OE: []}
    assert data.columns == {OE: {"mandant": 1}}


@pytest.mark.parametrize(
    ("header", "rows", "message"),
    [
        (["Mandant", "Organisationseinheit", "Telefon"], [["M", "A", "0351 1"]],
         "Im Blatt „Organisationseinheiten“ fehlt die Pflichtspalte „E-Mail“."),
        (["Titel der Liste"], [["M", "A"]],
         "Im Blatt „Organisationseinheiten“ fehlen die Pflichtspalten „Mandant“, "
         "„Organisationseinheit“, „E-Mail“, „Telefon“."),
        (["Mandant", "E-Mail", "e-mail ", "Organisationseinheit", "Telefon"], [["M"]],
         "Im Blatt „Organisationseinheiten“ steht die Spalte „E-Mail“ zweimal."),
    ],
)  # fmt: skip
def test_unusable_headers(
    tmp_path: Path, header: list[str], rows: list[list[str]], message: str
) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = OE
    for row in [header, *rows]:
        wb.active.append(row)
    with pytest.raises(UnusableWorkbook) as caught:
        read_workbook(save(wb, tmp_path / "m.xlsx"))
    assert caught.value.message == message


def test_a_sheet_twice_is_refused(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "Logo"
    wb.create_sheet("LOGO ")
    with pytest.raises(UnusableWorkbook) as caught:
        read_workbook(save(wb, tmp_path / "m.xlsx"))
    assert (
        caught.value.message
        == "Die Arbeitsmappe enthält das Blatt „Logo“ zweimal („Logo“ und „LOGO “)."
    )


def test_ten_thousand_units_keep_their_hidden_row_and_formula(tmp_path: Path) -> None:
    """How fast they are read is measured by benchmarks/reading.py, not asserted here."""
    path = reading.build_units(tmp_path / "gross.xlsx")
    records = read_workbook(path).records(OE)
    assert len(records) == 10_000
    assert [r.row for r in records if r.hidden] == [reading.HIDDEN_ROW]
    assert [r.row for r in records if r.formula_without_value] == [reading.FORMULA_ROW]


@pytest.mark.libreoffice
def test_filled_workbook_through_libreoffice_reads_the_same(tmp_path: Path) -> None:
    wb = filled_workbook()
    wb[OE]["E4"] = 35242430  # a phone Excel stored as number
    wb[OE].row_dimensions[3].hidden = True
    source = save(wb, tmp_path / "mappe.xlsx")
    converted = soffice_convert(source, tmp_path / "lo", "xlsx", tmp_path / "profil")
    original, back = read_workbook(source), read_workbook(converted)
    assert back.sheets == original.sheets
    assert [(r.row, r.hidden, r.values["telefon"]) for r in back.records(OE)] == [
        (2, False, "035204 7870-100"), (3, True, "035204 7870-200"), (4, False, 35242430),
    ]  # fmt: skip
