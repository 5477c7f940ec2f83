"""Scenario workbooks (one per mistake) read from disk: each yields exactly its findings."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from data.make_val_scenarios import DATA, LOGOS, SCENARIOS, build_all

from importer.validation.validate import validate_workbook
from importer.workbook.reader import read_workbook


@pytest.mark.parametrize("name", SCENARIOS)
def test_scenario_yields_exactly_its_findings(name: str) -> None:
    report = validate_workbook(read_workbook(DATA / f"{name}.xlsx"))
    assert [f.key() for f in report.findings] == SCENARIOS[name].expected


def test_valid_scenario_sends_normalized_values() -> None:
    report = validate_workbook(read_workbook(DATA / "gueltig.xlsx"))
    sent = {
        key: {f: v for f, v in values.items() if f in ("telefon", "fax", "internet", "ust_id",
                                                       "plz", "bilddatei")}
        for key, values in report.normalized.items()
        if key[0] in ("Impressum", "Logo")
    }  # fmt: skip
    assert sent == {
        ("Impressum", 2): {"plz": "01665", "telefon": "+49 35204 7870-0",
                           "fax": "+49 35204 7870-99", "internet": "https://www.klipphausen.example",
                           "ust_id": None},
        ("Impressum", 3): {"plz": "01665", "telefon": "+49 35204 7870-0",
                           "fax": "+49 35204 7870-99", "internet": "https://www.nossen.example",
                           "ust_id": "DE123456789"},
        ("Logo", 2): {"bilddatei": str(DATA / LOGOS / "wappen.png")},
        ("Logo", 3): {"bilddatei": str(DATA / LOGOS / "wappen.jpg")},
    }  # fmt: skip
    assert report.normalized["Organisationseinheiten", 3]["parent"] == "Hauptamt"


def test_invalid_rows_still_carry_their_other_normalized_values() -> None:
    report = validate_workbook(read_workbook(DATA / "oe-telefon-als-zahl.xlsx"))
    assert report.normalized["Organisationseinheiten", 2] == {
        "mandant": "Gemeinde Klipphausen",
        "name": "Hauptamt",
        "parent": None,
        "email": "hauptamt@amt.example",
        "telefon": None,
        "fax": None,
        "internet": None,
        "oe_id": None,
    }


def members(path: Path) -> dict[str, bytes]:
    """The parts of an xlsx file, without the one holding creation and modification times."""
    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n != "docProps/core.xml"}


def test_the_script_reproduces_the_committed_files(tmp_path: Path) -> None:
    written = build_all(tmp_path)
    assert len(written) == len(SCENARIOS) + len(list((DATA / LOGOS).iterdir()))
    for path in written:
        committed = DATA / path.relative_to(tmp_path)
        if path.suffix == ".xlsx":
            assert members(path) == members(committed), path.name
        else:
            assert path.read_bytes() == committed.read_bytes(), path.name
