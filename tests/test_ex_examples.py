"""The example workbooks: committed files equal the generator's output, their data is what the
README promises, the valid one validates clean and the mistakes one yields exactly its list."""

from __future__ import annotations

import shutil
import sys
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from PIL import Image
from typer.testing import CliRunner

import importer.cli  # noqa: F401  (registers the commands)
from importer.cli.app import app
from importer.validation.validate import validate_workbook
from importer.workbook.columns import DATA_SHEETS
from importer.workbook.marks import is_marked
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


def test_valid_example_has_no_findings() -> None:
    assert validate_workbook(read_workbook(VALID)).findings == []


def test_mistakes_example_findings_are_exactly_the_expected_mistakes() -> None:
    findings = validate_workbook(read_workbook(MISTAKES)).findings
    assert sorted(f.key() for f in findings) == sorted(build_examples.EXPECTED_MISTAKES)


def marked_cells(path: Path) -> tuple[set[tuple[str, int, str]], dict[tuple[str, int], str]]:
    """Cells carrying our mark (fill or comment) and the Status of every row that has one."""
    wb = openpyxl.load_workbook(path)
    marked, statuses = set(), {}
    for sheet in DATA_SHEETS:
        ws = wb[sheet.name]
        headers = {cell.column: cell.value for cell in ws[1]}
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if is_marked(cell):
                    marked.add((sheet.name, cell.row, headers[cell.column]))
                if headers.get(cell.column) == "Status" and cell.value is not None:
                    statuses[(sheet.name, cell.row)] = cell.value
    wb.close()
    return marked, statuses


def test_validate_command_marks_exactly_the_mistake_cells(tmp_path: Path) -> None:
    copy = tmp_path / MISTAKES.name
    shutil.copy(MISTAKES, copy)
    shutil.copytree(EXAMPLES / "logos", tmp_path / "logos")
    result = CliRunner().invoke(app, ["validate", str(copy)])
    assert result.exit_code == 1, result.output
    marked, statuses = marked_cells(copy)
    expected = build_examples.EXPECTED_MISTAKES
    assert marked == {(sheet, row, header) for sheet, row, header, _ in expected}
    assert statuses == {(sheet, row): "UNGÜLTIG" for sheet, row, _, _ in expected}
    assert validate_workbook(read_workbook(copy)).findings  # marks do not repair anything


def test_validate_command_accepts_the_valid_example_without_writing() -> None:
    before = VALID.stat().st_mtime_ns
    result = CliRunner().invoke(app, ["validate", "--no-write", str(VALID)])
    assert result.exit_code == 0, result.output
    assert VALID.stat().st_mtime_ns == before
