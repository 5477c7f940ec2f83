"""A unit list that shows only its first units and finds the others only through "Suchen",
searched on the server (`list_limit`): units beyond the list are found and taken over, a
unit created earlier is never created a second time, an OE-ID beyond the list is found, and
`plan` says so beforehand."""

from __future__ import annotations

from pathlib import Path

import pytest
from run_support import (
    ADMIN,
    UNITS,
    ByHand,
    actual_units,
    expected_units,
    mandanten_of,
    options,
    sent_values,
    set_cell,
    small_workbook,
    state,
    statuses,
)

from importer.model import Action
from importer.runner.journal import journal_path
from importer.runner.run import plan_workbook, run_workbook
from importer.workbook.reader import read_workbook

pytestmark = pytest.mark.browser

FILLERS = ("AAA Archiv", "AAB Bücherei")  # sorted first: the list shows only these two


def test_units_beyond_a_limited_list_are_taken_over_not_created_twice(
    make_sandbox, tmp_path: Path
) -> None:
    path = small_workbook(tmp_path, mandanten=1, units=6)
    mandant = mandanten_of(path)[0]
    sandbox = make_sandbox(mandanten=[mandant], publish_delay=0.2, list_limit=2)
    hand = ByHand(sandbox)
    for filler in FILLERS:
        hand.create_unit(mandant, filler)
    rows = [r.row for r in read_workbook(path).records(UNITS)]
    names = {row: sent_values(path)[(UNITS, row)]["name"] for row in rows}
    by_hand = {row: hand.create_unit(mandant, names[row].upper()) for row in rows[:2]}
    renamed = rows[2]  # made by hand under another name; the workbook names its OE-ID
    by_hand[renamed] = hand.create_unit(mandant, "Altes Amt")
    set_cell(path, UNITS, renamed, "OE-ID", str(by_hand[renamed]))

    planned = plan_workbook(path, options(sandbox), ADMIN)
    summary = run_workbook(path, options(sandbox), ADMIN)

    assert summary.exit_code == 0
    done = {(r.sheet, r.row): r.action for r in summary.results}
    assert {(r.sheet, r.row): r.action for r in planned.results} == done  # plan == run
    assert [done[(UNITS, row)] for row in rows[:3]] == [Action.AKTUALISIERT] * 3
    fillers = [u for u in actual_units(sandbox) if u["name"] in FILLERS]
    assert [u for u in actual_units(sandbox) if u not in fillers] == expected_units(path)
    assert len(state(sandbox)["units"]) == len(FILLERS) + len(rows)  # nothing twice
    ids = {r.row: r.values["oe_id"] for r in read_workbook(path).records(UNITS)}
    assert {row: ids[row] for row in by_hand} == {row: str(i) for row, i in by_hand.items()}
    messages = {row: text for (sheet, row), (_, text) in statuses(path).items() if sheet == UNITS}
    for row in rows[:2]:
        assert messages[row].startswith(f"vorhandene Einheit übernommen (OE-ID {ids[row]})")
    assert messages[renamed].startswith("aktualisiert (Organisationseinheit")
    assert all(messages[row].startswith("angelegt, OE-ID") for row in rows[3:])
    assert not journal_path(path).exists()  # no intent left pending

    again = run_workbook(path, options(sandbox), ADMIN)
    assert again.exit_code == 0 and len(state(sandbox)["units"]) == len(FILLERS) + len(rows)
