"""The example workbooks: committed files equal the generator's output, their data is what the
README promises, the valid one validates clean and the mistakes one yields exactly its list."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from PIL import Image

from importer.workbook.reader import read_workbook

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
sys.path.insert(0, str(EXAMPLES))

import build_examples  # noqa: E402

VALID = EXAMPLES / build_examples.VALID_NAME
MISTAKES = EXAMPLES / build_examples.MISTAKES_NAME

STAEDTE = (
    "Coswig", "Gröditz", "Großenhain", "Lommatzsch", "Meißen", "Nossen", "Radebeul", "Radeburg",
    "Riesa", "Strehla",
)  # fmt: skip
GEMEINDEN = (
    "Diera-Zehren", "Ebersbach", "Glaubitz", "Hirschstein", "Käbschütztal", "Klipphausen",
    "Lampertswalde", "Moritzburg", "Niederau", "Nünchritz", "Priestewitz", "Röderaue",
    "Schönfeld", "Stauchitz", "Thiendorf", "Weinböhla", "Wülknitz", "Zeithain",
)  # fmt: skip


def sheet_values(path: Path) -> dict[str, list[tuple[object, ...]]]:
    wb = openpyxl.load_workbook(path)
    try:
        return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}
    finally:
        wb.close()


def image_facts(path: Path) -> tuple[str | None, tuple[int, int], bytes]:
    with Image.open(path) as image:
        return image.format, image.size, image.convert("RGB").tobytes()


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("examples")
    build_examples.build_all(folder)
    return folder


@pytest.mark.parametrize("name", [build_examples.VALID_NAME, build_examples.MISTAKES_NAME])
def test_committed_workbook_equals_generated(regenerated: Path, name: str) -> None:
    assert sheet_values(EXAMPLES / name) == sheet_values(regenerated / name)


def test_committed_logos_equal_generated(regenerated: Path) -> None:
    generated = sorted(p.name for p in (regenerated / "logos").iterdir())
    assert sorted(p.name for p in (EXAMPLES / "logos").iterdir()) == generated
    for name in generated:
        assert image_facts(EXAMPLES / "logos" / name) == image_facts(regenerated / "logos" / name)


def test_valid_example_holds_every_gemeinde_of_the_landkreis() -> None:
    data = read_workbook(VALID)
    expected = [f"Stadt {n}" for n in STAEDTE] + [f"Gemeinde {n}" for n in GEMEINDEN]
    assert [r.mandant for r in data.records("Impressum")] == expected
    assert [r.mandant for r in data.records("Datenschutzbeauftragte")] == expected
    assert [r.mandant for r in data.records("Logo")] == [
        "Stadt Coswig", "Stadt Großenhain", "Stadt Meißen", "Stadt Radebeul", "Stadt Riesa",
        "Gemeinde Klipphausen",
    ]  # fmt: skip
    units = Counter(r.mandant for r in data.records("Organisationseinheiten"))
    assert sorted(units) == sorted(expected)
    assert min(units.values()) == 10 and max(units.values()) == 25
    assert sum(units.values()) == 400


def test_valid_example_units_have_contacts_and_parents_in_both_orders() -> None:
    records = read_workbook(VALID).records("Organisationseinheiten")
    assert all(r.values["email"] and r.values["telefon"] for r in records)
    assert any(r.values["fax"] for r in records) and any(r.values["internet"] for r in records)
    position = {(r.mandant, r.values["name"]): r.row for r in records}
    with_parent = [r for r in records if r.values["parent"]]
    parent_rows = [position[(r.mandant, r.values["parent"])] for r in with_parent]
    assert any(p < r.row for p, r in zip(parent_rows, with_parent, strict=True))
    assert any(p > r.row for p, r in zip(parent_rows, with_parent, strict=True))
    assert ("Stadt Meißen", "Vollstreckung") in position  # three levels: Kämmerei > Stadtkasse


def test_valid_example_mixes_in_house_and_external_data_protection_officers() -> None:
    records = read_workbook(VALID).records("Datenschutzbeauftragte")
    organisations = Counter(r.values["organisation"] for r in records)
    assert organisations["Zweckverband Kommunale Informationsverarbeitung Sachsen (KISA)"] >= 5
    assert any(r.values["organisation"] is None for r in records)


def test_valid_example_logos_are_small_png_and_jpeg() -> None:
    records = read_workbook(VALID).records("Logo")
    formats = Counter()
    for record in records:
        path = EXAMPLES / record.values["bilddatei"]
        assert path.stat().st_size < 50_000
        formats[image_facts(path)[0]] += 1
    assert formats == Counter({"PNG": 5, "JPEG": 1})


def test_mistakes_example_cells_hold_the_mistakes() -> None:
    values = sheet_values(MISTAKES)
    headers = {name: list(rows[0]) for name, rows in values.items() if rows}
    for sheet, row, header, _, value in build_examples.MISTAKE_CELLS:
        assert values[sheet][row - 1][headers[sheet].index(header)] == value
    oe = values["Organisationseinheiten"]
    assert len(values["Impressum"]) - 1 == 5 and len(oe) - 1 == 41
