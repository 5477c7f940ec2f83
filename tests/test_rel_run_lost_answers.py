"""No unit twice after a lost answer: the sandbox saves every unit creation and then answers
502 (the unit exists, the runner never hears so). The runner notes its intent in the journal
before the click; before retrying - and on the next run, when the process died in between -
it reads the Mandant's list again and adopts the unit instead of creating a second one."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rel_run_support import (
    ANLEGEN,
    KillPoint,
    assert_complete,
    login_env,
    problems_after_kill,
    run_and_kill,
    run_command,
)
from run_support import (
    ADMIN,
    UNITS,
    mandanten_of,
    options,
    small_workbook,
    state,
    statuses,
)

from importer.runner.journal import journal_path
from importer.runner.run import run_workbook
from importer.sandbox import FaultProfile

# test_run_faults.py covers lost answers in the default suite
pytestmark = [pytest.mark.browser, pytest.mark.long]

ALWAYS_LOST = FaultProfile("jede-Anlage-ohne-Antwort", error_502_after_save=1.0)
CREATED = re.compile(r"angelegt, OE-ID \d+, veröffentlicht \d+\.0")


def test_every_creation_answered_502_after_saving_gives_each_unit_once(
    make_sandbox, tmp_path: Path
) -> None:
    """Two Mandanten, eight units with parents; every single creation loses its answer."""
    path = small_workbook(tmp_path, mandanten=2, units=4, seed=3)
    sandbox = make_sandbox(mandanten=mandanten_of(path), faults=ALWAYS_LOST, seed=1)

    summary = run_workbook(path, options(sandbox), ADMIN)

    assert summary.exit_code == 0, [r.message for r in summary.failed()]
    assert_complete(path, sandbox)
    assert state(sandbox)["faults"]["502_after_save"] > 8  # creations and list saves
    assert state(sandbox)["requests"][ANLEGEN] == 8  # no second click for any unit
    unit_messages = [text for (sheet, _), (_, text) in statuses(path).items() if sheet == UNITS]
    assert len(unit_messages) == 8
    assert all(CREATED.fullmatch(t) for t in unit_messages), unit_messages
    assert not journal_path(path).exists()  # nothing pending any more


def test_a_lost_answer_with_a_list_that_hides_the_new_unit_gives_each_unit_once(
    make_sandbox, tmp_path: Path
) -> None:
    """The table shows one unit per page, so after a lost answer the new unit is on another
    page: the runner searches or turns the pages and adopts it."""
    path = small_workbook(tmp_path, mandanten=1, units=5, seed=4)
    sandbox = make_sandbox(
        mandanten=mandanten_of(path), faults=ALWAYS_LOST, seed=1, seitengroesse=1
    )

    summary = run_workbook(path, options(sandbox), ADMIN)

    assert summary.exit_code == 0, [r.message for r in summary.failed()]
    assert_complete(path, sandbox)
    assert state(sandbox)["requests"][ANLEGEN] == 5  # no second save for any unit
    assert not journal_path(path).exists()


def test_a_run_killed_after_a_lost_answer_is_completed_by_the_next_run_without_a_duplicate(
    make_sandbox, tmp_path: Path
) -> None:
    """Killed in the back-off after the 502: the unit exists, its row says nothing, only the
    journal knows. The next run (answers still lost) adopts it."""
    path = small_workbook(tmp_path, mandanten=1, units=3, seed=5)
    sandbox = make_sandbox(mandanten=mandanten_of(path), faults=ALWAYS_LOST, seed=1)

    killed = run_and_kill(KillPoint("502", "request", ANLEGEN), sandbox, path, login_env())

    assert killed
    assert problems_after_kill(path, sandbox) == []
    [unit] = state(sandbox)["units"]
    entries = [json.loads(line) for line in journal_path(path).read_text().splitlines()]
    assert [(e["event"], e["name"]) for e in entries] == [("intent", unit["name"])]
    assert all(status == "" for (sheet, _), (status, _) in statuses(path).items() if sheet == UNITS)

    again = run_command("run", str(path), "--url", sandbox.url, env=login_env())

    assert again.code == 0, again.output
    assert_complete(path, sandbox)
    assert state(sandbox)["requests"][ANLEGEN] == 3
    assert not journal_path(path).exists()
