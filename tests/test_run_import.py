"""`run` end to end on a small workbook into a sandbox that already holds units (a bestand), on
both generations: what lands in the sandbox, what a re-run sends (nothing, then only the
changed row's one Kommunikation save), a rename by OE-ID, and the run folder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from run_support import (
    ADMIN,
    GENERATIONS,
    UNITS,
    assert_mandanten_match,
    delta,
    import_problems,
    mandanten_of,
    options,
    set_cell,
    small_workbook,
    state,
    statuses,
    writes,
)
from state_support import bestand_for

from importer.model import Action, name_key
from importer.runner.run import run_workbook
from importer.workbook.reader import read_workbook

pytestmark = pytest.mark.browser

KOMMUNIKATION = "POST /organisationseinheiten/<int:oe_id>/kommunikation"
STAMMDATEN = "POST /organisationseinheiten/<int:oe_id>/stammdaten"
MESSAGE = re.compile(
    r"(vorhandene Einheit übernommen \(OE-ID \d+\), (aktualisiert \(.+\)|unverändert)"
    r"|angelegt, OE-ID \d+), veröffentlicht \d+\.0"
)


def leaf_unit_row(path: Path) -> int:
    """A unit row that is nobody's parent (renaming it leaves the other rows valid)."""
    records = read_workbook(path).records(UNITS)
    parents = {(r.mandant, name_key(r.values.get("parent") or "")) for r in records}
    return next(r.row for r in records if (r.mandant, name_key(r.values["name"])) not in parents)


# klassisch also in the long runs (test_run_example.py covers both on the whole Landkreis)
@pytest.mark.parametrize("generation", GENERATIONS)
def test_import_then_reruns_send_nothing_then_only_what_changed(
    make_sandbox, tmp_path: Path, generation: str
) -> None:
    path = small_workbook(tmp_path, mandanten=2, units=4)
    bestand = bestand_for(path)
    sandbox = make_sandbox(
        mandanten=mandanten_of(path), bestand=bestand, oberflaeche=generation, publish_delay=0.2
    )
    existing = {(u["mandant"], u["id"]) for u in state(sandbox)["units"]}
    assert existing, "the bestand must hold units, else nothing is adopted"

    summary = run_workbook(path, options(sandbox), ADMIN)

    assert summary.exit_code == 0, summary.results
    rows = statuses(path)
    assert {status for status, _ in rows.values()} == {"OK"}, rows
    messages = [text for (sheet, _), (_, text) in rows.items() if sheet == UNITS]
    assert all(MESSAGE.fullmatch(m) for m in messages), messages
    assert any(m.startswith("vorhandene Einheit übernommen") for m in messages)
    assert any(m.startswith("angelegt") for m in messages)
    assert import_problems(sandbox, path, bestand) == []
    assert_mandanten_match(sandbox, path)
    ids = {r.row: r.values["oe_id"] for r in read_workbook(path).records(UNITS)}
    by_name = {(u["mandant"], name_key(u["name"])): str(u["id"]) for u in state(sandbox)["units"]}
    records = read_workbook(path).records(UNITS)
    assert ids == {r.row: by_name[(r.mandant, name_key(r.values["name"]))] for r in records}
    assert summary.run_folder is not None
    assert (summary.run_folder / "protokoll.log").stat().st_size > 0
    assert summary.run_folder.stat().st_mode & 0o777 == 0o700

    requests_before = sum(state(sandbox)["requests"].values())
    again = run_workbook(path, options(sandbox), ADMIN)
    assert again.nothing_to_do and again.exit_code == 0 and again.run_folder is None
    assert sum(state(sandbox)["requests"].values()) == requests_before  # not one request
    assert {r.action for r in again.results} == {Action.UEBERSPRUNGEN}

    changed = leaf_unit_row(path)
    before = writes(sandbox)
    set_cell(path, UNITS, changed, "Telefon", "0351 4711-0")
    third = run_workbook(path, options(sandbox), ADMIN)
    assert delta(before, writes(sandbox)) == {KOMMUNIKATION: 1}
    sent = [(r.sheet, r.row, r.action) for r in third.results if r.action != Action.UEBERSPRUNGEN]
    assert sent == [(UNITS, changed, Action.AKTUALISIERT)]
    status, message = statuses(path)[(UNITS, changed)]
    assert status == "OK" and "Telefon" in message, message
    assert import_problems(sandbox, path, bestand) == []

    before = writes(sandbox)
    set_cell(path, UNITS, changed, "Organisationseinheit", "Amt für Umbenennungen")
    fourth = run_workbook(path, options(sandbox), ADMIN)
    assert fourth.exit_code == 0
    assert delta(before, writes(sandbox)) == {STAMMDATEN: 1}
    renamed = next(u for u in state(sandbox)["units"] if str(u["id"]) == ids[changed])
    assert renamed["name"] == "Amt für Umbenennungen"
    status, message = statuses(path)[(UNITS, changed)]
    assert status == "OK" and "aktualisiert (Organisationseinheit)" in message, message
    assert len(state(sandbox)["units"]) == len(set(ids.values()) | {str(i) for _, i in existing})


@pytest.mark.parametrize("generation", GENERATIONS)
def test_an_adopted_unit_with_stray_spaces_in_its_name_gets_the_workbook_spelling(
    make_sandbox, tmp_path: Path, generation: str
) -> None:
    path = small_workbook(tmp_path, mandanten=1, units=3, seed=2)
    mandant = mandanten_of(path)[0]
    records = [r for r in read_workbook(path).records(UNITS) if not r.values.get("parent")][:2]
    spelled = {records[0].values["name"]: f"{records[0].values['name']} "}
    if len(records) > 1:
        spelled[records[1].values["name"]] = f"  {records[1].values['name']}"
    bestand = {"units": [{"mandant": mandant, "name": n} for n in spelled.values()]}
    sandbox = make_sandbox(mandanten=[mandant], bestand=bestand, oberflaeche=generation)

    summary = run_workbook(path, options(sandbox), ADMIN)

    assert summary.exit_code == 0, statuses(path)
    names = sorted(u["name"] for u in state(sandbox)["units"])
    assert names == sorted(r.values["name"] for r in read_workbook(path).records(UNITS))
    for record in records:
        status, message = statuses(path)[(UNITS, record.row)]
        assert status == "OK" and "aktualisiert (Organisationseinheit" in message, message
    assert import_problems(sandbox, path, bestand) == []
