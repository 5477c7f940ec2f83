"""`run` end to end on a small workbook: what lands in the sandbox, what a re-run sends (nothing,
then only the changed row), a rename by OE-ID, and the run folder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from run_support import (
    ADMIN,
    UNITS,
    actual_units,
    assert_mandanten_match,
    delta,
    expected_units,
    mandanten_of,
    options,
    set_cell,
    small_workbook,
    state,
    statuses,
    writes,
)

from importer.model import Action
from importer.runner.run import run_workbook
from importer.workbook.reader import read_workbook

pytestmark = pytest.mark.browser

KOMMUNIKATION = "POST /organisationseinheiten/<int:oe_id>/kommunikation"
BEARBEITEN = "POST /organisationseinheiten/<int:oe_id>/bearbeiten"


def leaf_unit_row(path: Path) -> int:
    """A unit row that is nobody's parent (renaming it leaves the other rows valid)."""
    records = read_workbook(path).records(UNITS)
    parents = {(r.mandant, r.values.get("parent")) for r in records}
    return next(r.row for r in records if (r.mandant, r.values["name"]) not in parents)


def test_import_then_reruns_send_nothing_then_only_what_changed(make_sandbox, tmp_path: Path):
    path = small_workbook(tmp_path, mandanten=2, units=5)
    sandbox = make_sandbox(mandanten=mandanten_of(path), publish_delay=0.2)

    summary = run_workbook(path, options(sandbox), ADMIN)

    assert summary.exit_code == 0
    rows = statuses(path)
    assert {status for status, _ in rows.values()} == {"OK"}
    unit_rows = {row: text for (sheet, row), (_, text) in rows.items() if sheet == UNITS}
    assert all(
        re.fullmatch(r"angelegt, OE-ID \d+, veröffentlicht 1\.0", t) for t in unit_rows.values()
    )
    assert actual_units(sandbox) == expected_units(path)
    assert_mandanten_match(sandbox, path)
    ids = {r.row: r.values["oe_id"] for r in read_workbook(path).records(UNITS)}
    by_name = {(u["mandant"], u["name"]): str(u["id"]) for u in state(sandbox)["units"]}
    assert ids == {
        r.row: by_name[(r.mandant, r.values["name"])] for r in read_workbook(path).records(UNITS)
    }
    assert (summary.run_folder / "protokoll.log").stat().st_size > 0
    assert summary.run_folder.stat().st_mode & 0o777 == 0o700

    before = writes(sandbox)
    requests_before = sum(state(sandbox)["requests"].values())
    again = run_workbook(path, options(sandbox), ADMIN)
    assert again.nothing_to_do and again.exit_code == 0 and again.run_folder is None
    assert again.seconds < 3
    assert sum(state(sandbox)["requests"].values()) == requests_before  # not one request
    assert {r.action for r in again.results} == {Action.UEBERSPRUNGEN}

    changed = leaf_unit_row(path)
    set_cell(path, UNITS, changed, "Telefon", "0351 4711-0")
    third = run_workbook(path, options(sandbox), ADMIN)
    assert delta(before, writes(sandbox)) == {KOMMUNIKATION: 1}
    sent = [(r.sheet, r.row, r.action) for r in third.results if r.action != Action.UEBERSPRUNGEN]
    assert sent == [(UNITS, changed, Action.AKTUALISIERT)]
    assert statuses(path)[(UNITS, changed)] == ("OK", "aktualisiert (Telefon), veröffentlicht 2.0")
    assert actual_units(sandbox) == expected_units(path)

    before = writes(sandbox)
    set_cell(path, UNITS, changed, "Organisationseinheit", "Amt für Umbenennungen")
    fourth = run_workbook(path, options(sandbox), ADMIN)
    assert fourth.exit_code == 0
    assert delta(before, writes(sandbox)) == {BEARBEITEN: 1}
    renamed = next(u for u in state(sandbox)["units"] if str(u["id"]) == ids[changed])
    assert renamed["name"] == "Amt für Umbenennungen"
    status, message = statuses(path)[(UNITS, changed)]
    assert status == "OK" and re.fullmatch(
        r"aktualisiert \(Organisationseinheit\), veröffentlicht \d\.0", message
    )
    assert len(state(sandbox)["units"]) == len(ids)
