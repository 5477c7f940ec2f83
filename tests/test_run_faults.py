"""Technical failures: server errors are retried, a unit whose "created" answer was lost is
adopted (journal) instead of created twice, a Kommunikation save whose answer was lost is read
back instead of adding its entries twice, and an AdminCenter that goes down ends the run with
exit 3, the results so far saved and every untouched row untouched."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from run_support import (
    ADMIN,
    UNITS,
    import_problems,
    mandanten_of,
    options,
    small_workbook,
    state,
    statuses,
)

from importer.errors import AdminCenterUnreachable
from importer.runner import progress as phases
from importer.runner.journal import journal_path
from importer.runner.progress import NoProgress
from importer.runner.run import run_workbook
from importer.sandbox import FaultProfile

pytestmark = pytest.mark.browser


def test_lost_answers_and_server_errors_end_in_one_unit_each_all_ok(
    make_sandbox, tmp_path: Path
) -> None:
    path = small_workbook(tmp_path, mandanten=1, units=4)
    faults = FaultProfile("verlorene-antworten", error_500=0.2, error_502_after_save=1.0)
    sandbox = make_sandbox(mandanten=mandanten_of(path), publish_delay=0.1, faults=faults, seed=7)

    summary = run_workbook(path, options(sandbox, retries=5), ADMIN)

    assert summary.exit_code == 0, [r.message for r in summary.failed()]
    rows = statuses(path)
    assert {status for status, _ in rows.values()} == {"OK"}
    assert import_problems(sandbox, path) == []  # no unit, no channel entry twice
    assert len(state(sandbox)["units"]) == 4
    # every creation and every Kommunikation / Internetadressen save lost its answer
    assert state(sandbox)["faults"]["502_after_save"] > 4
    assert state(sandbox)["faults"]["500"] > 0
    assert all(
        re.fullmatch(
            r"angelegt, OE-ID \d+, veröffentlicht \d\.0",
            rows[(UNITS, row)][1],
        )
        for row in range(2, 6)
    )
    assert not journal_path(path).exists()


class StopServerAtFirstUnit(NoProgress):
    def __init__(self, sandbox) -> None:
        self.sandbox = sandbox

    def advance(self, phase: str, steps: int = 1) -> None:
        if phase == phases.EINHEITEN:
            self.sandbox.stop()


def test_an_adminCenter_that_goes_down_ends_the_run_with_exit_3_and_keeps_the_results(
    make_sandbox, tmp_path: Path
) -> None:
    path = small_workbook(tmp_path, mandanten=2, units=3)
    first, second = mandanten_of(path)
    sandbox = make_sandbox(mandanten=[first, second], publish_delay=0.1)
    run_options = options(sandbox, retries=1, page_timeout=3.0)

    with pytest.raises(AdminCenterUnreachable) as raised:
        run_workbook(path, run_options, ADMIN, StopServerAtFirstUnit(sandbox))

    assert raised.value.exit_code == 3
    rows = statuses(path)
    done = {key for key, (status, _) in rows.items() if status}
    assert {("Impressum", 2), ("Datenschutzbeauftragte", 2), ("Logo", 2)} <= done
    assert {key for key in rows if key[1] == 3 and key[0] != UNITS} - done == {
        ("Impressum", 3),
        ("Datenschutzbeauftragte", 3),
        ("Logo", 3),
    }
    assert all(rows[(UNITS, row)] == ("", "") for row in (5, 6, 7))
