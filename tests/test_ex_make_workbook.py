"""The synthetic workbook generator: sizes, determinism, parents, logos and its command line."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from PIL import Image

from importer.validation.validate import validate_workbook
from importer.workbook.reader import read_workbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import make_workbook  # noqa: E402


def unit_values(path: Path) -> list[dict[str, object]]:
    return [r.values for r in read_workbook(path).records("Organisationseinheiten")]


def test_build_writes_the_requested_sizes(tmp_path: Path) -> None:
    path = make_workbook.build(tmp_path / "mappe.xlsx", mandanten=7, units_per_mandant=40)
    data = read_workbook(path)
    mandanten = [r.mandant for r in data.records("Impressum")]
    assert len(set(mandanten)) == 7
    assert [r.mandant for r in data.records("Datenschutzbeauftragte")] == mandanten
    assert data.records("Logo") == []
    units = data.records("Organisationseinheiten")
    assert Counter(r.mandant for r in units) == {m: 40 for m in mandanten}
    names = {r.values["name"] for r in units}
    assert {"Hauptamt", "Standesamt", "Sachgebiet 33", "Sachgebiet 40"} <= names


def test_every_parent_is_a_unit_of_the_same_mandant(tmp_path: Path) -> None:
    units = unit_values(make_workbook.build(tmp_path / "m.xlsx", 20, 15, seed=3))
    known = {(u["mandant"], u["name"]) for u in units}
    with_parent = [u for u in units if u["parent"]]
    assert len(with_parent) > 50
    assert all((u["mandant"], u["parent"]) in known for u in with_parent)
    assert all(u["email"] and u["telefon"] for u in units)


def test_same_seed_same_workbook_other_seed_other_values(tmp_path: Path) -> None:
    first = unit_values(make_workbook.build(tmp_path / "a.xlsx", 5, 10, seed=1))
    again = unit_values(make_workbook.build(tmp_path / "b.xlsx", 5, 10, seed=1))
    other = unit_values(make_workbook.build(tmp_path / "c.xlsx", 5, 10, seed=2))
    assert first == again
    assert first != other


def test_mandant_names_stay_distinct_beyond_the_made_up_places() -> None:
    names = make_workbook.mandant_names(3000, make_workbook.random.Random(0))
    assert len(set(names)) == 3000


def test_cli_with_logos_writes_one_png_per_mandant(tmp_path: Path) -> None:
    out = tmp_path / "gross.xlsx"
    make_workbook.main([str(out), "--mandanten", "4", "--einheiten", "3", "--logos"])
    logos = read_workbook(out).records("Logo")
    assert len(logos) == 4
    for record in logos:
        with Image.open(tmp_path / record.values["bilddatei"]) as image:
            assert image.format == "PNG"


def test_generated_workbooks_validate_clean(tmp_path: Path) -> None:
    for seed in range(3):
        path = make_workbook.build(tmp_path / f"m{seed}.xlsx", 25, 36, seed=seed, logos=True)
        data = read_workbook(path)
        assert len(data.records("Organisationseinheiten")) == 900
        assert validate_workbook(data).findings == []
