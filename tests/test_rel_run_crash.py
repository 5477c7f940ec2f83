"""A run killed at any moment (SIGKILL of `amt24-import run` and its browser) leaves a workbook
that opens, no `OK` for anything the AdminCenter lacks and no unit twice; the next run
completes everything. A browser or driver that dies mid-run is replaced and the run goes on.

Kill moments are observed from outside: sandbox request counts, the journal growing, the temp
file of the workbook's atomic save appearing, or a delay. Each kill's run is a re-run of the
one killed before, so every run also resumes a killed one.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from data.make_wb_scenarios import soffice_convert
from rel_run_support import (
    ANLEGEN,
    ANMELDUNG,
    IMPRESSUM_POST,
    KOMMUNIKATION,
    KillPoint,
    Runner,
    Tally,
    assert_complete,
    crash_chain,
    fresh_workbook,
    login_env,
    problems_after_kill,
    reset,
    run_and_kill,
    run_command,
    wait_for,
)
from run_support import mandanten_of, small_workbook, state, statuses

pytestmark = [pytest.mark.browser, pytest.mark.long]

# One of each kind of moment, in the order a run meets them.
CHAIN = (
    KillPoint("beim Anmelden", "request", ANMELDUNG, delay=0.05),
    KillPoint("Impressum gespeichert, Status noch nicht", "request", IMPRESSUM_POST),
    KillPoint("Anlegen im Journal vermerkt", "journal"),
    KillPoint("Stapel gesichert, nächste Einheit angelegt", "request", ANLEGEN, count=3),
    KillPoint("beim Speichern der Mappe", "temp", delay=0.01),
    KillPoint("Strg+C nach einer Einheit", "request", KOMMUNIKATION, interrupt=True),
)
SMALL_BATCHES = ("--batch-size", "2")  # the workbook is saved after every two units


def test_killed_at_six_moments_the_reruns_complete_without_duplicates(
    make_sandbox, tmp_path: Path
) -> None:
    path = small_workbook(tmp_path, mandanten=2, units=4, seed=11)
    sandbox = make_sandbox(mandanten=mandanten_of(path))
    tally = Tally()

    crash_chain(sandbox, path, CHAIN, tally, SMALL_BATCHES)

    assert tally.problems == []
    assert (tally.runs, tally.kills) == (7, 6)  # every moment came while the run was going
    assert_complete(path, sandbox)


@pytest.mark.libreoffice
def test_a_workbook_killed_while_being_saved_opens_in_libreoffice(
    make_sandbox, tmp_path: Path
) -> None:
    path = small_workbook(tmp_path, mandanten=1, units=2, seed=2)
    sandbox = make_sandbox(mandanten=mandanten_of(path))

    assert run_and_kill(KillPoint("Speichern", "temp", delay=0.03), sandbox, path, login_env())

    assert problems_after_kill(path, sandbox) == []
    converted = soffice_convert(path, tmp_path / "lo", "xlsx", tmp_path / "lo-profil")
    assert statuses(converted) == statuses(path)
    again = run_command("run", str(path), "--url", sandbox.url, env=login_env())
    assert again.code == 0, again.output
    assert_complete(path, sandbox)


def test_a_killed_driver_and_a_killed_browser_are_replaced_and_the_run_completes(
    make_sandbox, tmp_path: Path
) -> None:
    path = small_workbook(tmp_path, mandanten=2, units=4, seed=13)
    sandbox = make_sandbox(mandanten=mandanten_of(path))
    moments = [
        ("chromedriver", KillPoint("erste Einheit", "request", ANLEGEN).condition(sandbox, path)),
        ("chromium", KillPoint("dritte Einheit", "request", ANLEGEN, 3).condition(sandbox, path)),
    ]
    runner = Runner("run", str(path), "--url", sandbox.url, env=login_env())
    try:
        for process, moment in moments:
            assert wait_for(runner, moment), f"the run ended before {process} was killed"
            [pid] = runner.browser_processes()[process]
            os.kill(pid, signal.SIGKILL)
        finished = runner.wait()
    finally:
        runner.remove_profiles()

    assert finished.code == 0, finished.output
    assert_complete(path, sandbox)
    [log] = tmp_path.glob("amt24-laeufe/*/protokoll.log")
    assert log.read_text(encoding="utf-8").count("Browser-Sitzung wird neu gestartet") >= 2


@pytest.mark.long
def test_a_hung_browser_is_replaced_within_minutes(make_sandbox, tmp_path: Path) -> None:
    """Chromium stops answering (SIGSTOP) after the first creation: the run waits at most one
    command timeout, replaces the browser and completes (it once stood still 10-18 minutes)."""
    path = small_workbook(tmp_path, mandanten=1, units=4, seed=3)
    sandbox = make_sandbox(mandanten=mandanten_of(path))
    runner = Runner("run", str(path), "--url", sandbox.url, env=login_env())
    try:
        assert wait_for(runner, KillPoint("", "request", ANLEGEN).condition(sandbox, path))
        [pid] = runner.browser_processes()["chromium"]
        os.kill(pid, signal.SIGSTOP)
        stopped = time.monotonic()
        finished = runner.wait(timeout=600)
    finally:
        runner.remove_profiles()

    assert finished.code == 0, finished.output
    assert time.monotonic() - stopped < 300
    assert_complete(path, sandbox)


# -- long: many moments ------------------------------------------------------------------------

MANY_CHAINS = (
    # every kind of request a run sends, early and late
    (
        KillPoint("Anmeldeseite geladen", "request", ANMELDUNG),
        KillPoint("Anmeldung gesendet", "request", "POST /anmeldung"),
        KillPoint("Mandantenliste", "request", "GET /mandanten"),
        KillPoint("Impressum gespeichert", "request", IMPRESSUM_POST),
        KillPoint("Datenschutz gespeichert", "request",
                  "POST /mandanten/<int:mandant_id>/datenschutzbeauftragter"),
        KillPoint("Bild hochgeladen", "request", "POST /mandanten/<int:mandant_id>/bild"),
        KillPoint("erste Einheit angelegt", "request", ANLEGEN),
        KillPoint("Kommunikation gespeichert", "request", KOMMUNIKATION),
        KillPoint("drei Einheiten angelegt", "request", ANLEGEN, 3),
        KillPoint("Veröffentlichung geprüft", "request", "GET /organisationseinheiten/<int:oe_id>",
                  4),
    ),
    # the journal, line by line
    tuple(KillPoint(f"Journal +{n}", "journal", count=n) for n in (1, 1, 2, 1, 3, 1)),
    # the workbook's save, at different depths
    tuple(KillPoint(f"Speichern +{d}s", "temp", delay=d) for d in (0, 0.002, 0.01, 0.03, 0.08)),
    # plain time
    tuple(KillPoint(f"nach {d}s", "delay", delay=d) for d in (1.0, 2.5, 4.0, 6.0, 9.0)),
)  # fmt: skip


@pytest.mark.long
@pytest.mark.timeout(3600)
@pytest.mark.parametrize("workers", [1, 2])
def test_killed_at_many_moments_nothing_is_lost_or_doubled(
    make_sandbox, tmp_path: Path, workers: int
) -> None:
    sandbox = make_sandbox(mandanten=mandanten_of(fresh_workbook(tmp_path / "0", 3, 6, 0)))
    tally = Tally()
    for number, chain in enumerate(MANY_CHAINS, 1):
        reset(sandbox)
        path = fresh_workbook(tmp_path / str(number), 3, 6, 0)
        crash_chain(sandbox, path, chain, tally, ("--workers", str(workers)))
    print(f"\n{tally.runs} Läufe, {tally.kills} Abbrüche, Probleme: {len(tally.problems)}")
    assert tally.problems == []
    assert tally.kills >= sum(len(chain) for chain in MANY_CHAINS) - 3
    assert state(sandbox)["units"]
