"""Stopping a run (Ctrl+C sets the same stop event): the current step ends, results so far are
saved, units saved but not yet checked say so, untouched rows stay untouched."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from run_support import ADMIN, UNITS, mandanten_of, options, small_workbook, statuses

from importer.runner import progress as phases
from importer.runner.progress import NoProgress
from importer.runner.run import run_workbook

pytestmark = [pytest.mark.browser, pytest.mark.long]


class StopAfterUnits(NoProgress):
    def __init__(self, stop: threading.Event, units: int) -> None:
        self.stop, self.left = stop, units

    def advance(self, phase: str, steps: int = 1) -> None:
        if phase == phases.EINHEITEN:
            self.left -= steps
            if self.left == 0:
                self.stop.set()


def test_a_stopped_run_keeps_what_it_did_and_leaves_the_rest(make_sandbox, tmp_path: Path):
    path = small_workbook(tmp_path, mandanten=2, units=3)
    sandbox = make_sandbox(mandanten=mandanten_of(path), publish_delay=0.1)
    stop = threading.Event()

    summary = run_workbook(path, options(sandbox), ADMIN, StopAfterUnits(stop, 2), stop)

    rows = statuses(path)
    assert [rows[(UNITS, row)][0] for row in (2, 3, 4, 5, 6, 7)] == ["FEHLER"] * 2 + [""] * 4
    assert all(
        rows[(UNITS, row)][1].startswith("Lauf abgebrochen, bevor die Veröffentlichung geprüft")
        for row in (2, 3)
    )
    assert [rows[(sheet, 2)][0] for sheet in ("Impressum", "Datenschutzbeauftragte", "Logo")] == [
        "OK"
    ] * 3
    assert [rows[(sheet, 3)][0] for sheet in ("Impressum", "Datenschutzbeauftragte", "Logo")] == [
        ""
    ] * 3
    assert summary.exit_code == 1
