"""The example with mistakes: valid rows are imported, invalid ones marked UNGÜLTIG (children
of an invalid unit FEHLER); after fixing one row a re-run sends only that row."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from run_support import ADMIN, UNITS, delta, options, set_cell, statuses, writes

from importer.model import name_key
from importer.runner.run import run_workbook
from importer.validation.validate import validate_workbook
from importer.workbook.reader import read_workbook

pytestmark = [pytest.mark.browser, pytest.mark.long]

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
DATENSCHUTZ_POST = "POST /mandanten/<int:mandant_id>/datenschutzbeauftragter"


def copy_example(folder: Path) -> Path:
    shutil.copytree(EXAMPLES / "logos", folder / "logos")
    return Path(shutil.copy(EXAMPLES / "landkreis-meissen-mit-fehlern.xlsx", folder))


def test_mistakes_workbook_imports_valid_rows_and_a_fixed_row_alone_is_sent_again(
    make_sandbox, tmp_path: Path
) -> None:
    path = copy_example(tmp_path)
    data = read_workbook(path)
    invalid = {(f.sheet, f.row) for f in validate_workbook(data).findings}
    mandanten = sorted({r.mandant for records in data.sheets.values() for r in records} - {""})
    sandbox = make_sandbox(mandanten=mandanten, publish_delay=0.2)

    summary = run_workbook(path, options(sandbox, workers=2), ADMIN)

    assert summary.exit_code == 1
    rows = statuses(path)
    assert {key for key, (status, _) in rows.items() if status == "UNGÜLTIG"} == invalid
    failed = {key: message for key, (status, message) in rows.items() if status == "FEHLER"}
    units = {r.row: r for r in data.records(UNITS)}
    names = {(r.mandant, name_key(r.values["name"])): r.row for r in units.values()}
    for (sheet, row), message in failed.items():
        assert sheet == UNITS and "übergeordnete Einheit" in message, (row, message)
        parent = names[(units[row].mandant, name_key(units[row].values["parent"]))]
        assert (UNITS, parent) in invalid or (UNITS, parent) in failed
    assert failed, "the example has children below an invalid unit"
    ok = {key for key, (status, _) in rows.items() if status == "OK"}
    assert ok | invalid | set(failed) == set(rows)

    before = writes(sandbox)
    set_cell(path, "Datenschutzbeauftragte", 3, "E-Mail", "datenschutz@nossen.example")
    again = run_workbook(path, options(sandbox, workers=2), ADMIN)

    assert delta(before, writes(sandbox)) == {DATENSCHUTZ_POST: 1}
    assert statuses(path)[("Datenschutzbeauftragte", 3)] == (
        "OK",
        "Datenschutzbeauftragter gespeichert",
    )
    assert again.exit_code == 1
