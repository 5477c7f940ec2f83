"""A faulty AdminCenter: with the sandbox's `flaky` faults (fixed seed) every row ends OK after at
most two re-runs, no unit twice, every status true to the AdminCenter. Expired sessions are
renewed without losing the row at hand; retries are bounded and wait longer each time; an
AdminCenter that goes down ends the run with exit 3, keeps what was done and leaves the rest
untouched, and a re-run once it is back completes everything."""

from __future__ import annotations

import re
import shutil
from datetime import datetime
from itertools import pairwise
from pathlib import Path

import pytest
from rel_run_support import (
    ANLEGEN,
    IMPRESSUM_POST,
    KillPoint,
    Runner,
    Tally,
    assert_complete,
    fresh_workbook,
    inconsistent,
    login_env,
    run_command,
    runs_until_ok,
    wait_for,
)
from run_support import (
    ADMIN,
    mandanten_of,
    options,
    small_workbook,
    state,
    statuses,
    writes,
)

from importer.errors import AdminCenterUnreachable
from importer.runner.run import run_workbook
from importer.sandbox import FaultProfile
from importer.workbook.reader import read_workbook

pytestmark = [pytest.mark.browser, pytest.mark.long]

SHORT_SESSIONS = FaultProfile("kurze-sitzungen", session_lifetime=(4.0, 8.0))
EVERY_WRITE_FAILS = FaultProfile("jeder-schreibzugriff-500", error_500=1.0)
ATTEMPTS = [  # log lines of a step's attempts, then of the login's
    re.compile(rf"^(\S+ \S+) \| WARNING .*\| {text}", re.MULTILINE)
    for text in (r"Versuch (\d) fehlgeschlagen", r"Anmeldung fehlgeschlagen \(Versuch (\d)\)")
]


def test_flaky_server_all_rows_ok_after_at_most_two_reruns(make_sandbox, tmp_path: Path) -> None:
    path = small_workbook(tmp_path, mandanten=2, units=4, seed=21)
    sandbox = make_sandbox(mandanten=mandanten_of(path), faults="flaky", seed=4)
    tally = Tally()

    codes = runs_until_ok(sandbox, path, tally, reruns=2)

    assert tally.problems == []
    assert codes[-1] == 0 and len(codes) <= 3
    assert sum(state(sandbox)["faults"].values()) > 0


def test_expired_sessions_are_renewed_without_losing_the_row_at_hand(
    make_sandbox, tmp_path: Path
) -> None:
    """Sessions end after 4-8 s of use and after 2 s idle: in the middle of rows."""
    path = small_workbook(tmp_path, mandanten=2, units=4, seed=8)
    sandbox = make_sandbox(
        mandanten=mandanten_of(path), faults=SHORT_SESSIONS, session_timeout=2.0, seed=3
    )

    summary = run_workbook(path, options(sandbox), ADMIN)

    assert summary.exit_code == 0, [r.message for r in summary.failed()]
    assert state(sandbox)["faults"]["session_expired"] >= 2
    assert_complete(path, sandbox)
    [log] = tmp_path.glob("amt24-laeufe/*/protokoll.log")
    assert "Sitzung abgelaufen: melde neu an" in log.read_text(encoding="utf-8")


def test_retries_are_bounded_and_wait_longer_each_time(make_sandbox, tmp_path: Path) -> None:
    """Every save answered 500: the row is tried 4 times with growing pauses, then a fresh
    login (which logs out first: another write, 4 tries) shows the AdminCenter failing: the
    run ends with exit 3 instead of failing row after row; nothing is marked."""
    path = small_workbook(tmp_path, mandanten=1, units=1, seed=1)
    database = tmp_path / "sandbox.sqlite"
    broken = make_sandbox(mandanten=mandanten_of(path), faults=EVERY_WRITE_FAILS, db_path=database)

    with pytest.raises(AdminCenterUnreachable) as raised:
        run_workbook(path, options(broken, backoff=0.2, retries=3), ADMIN)

    assert raised.value.exit_code == 3
    assert raised.value.message.endswith("meldet einen Fehler – auch nach 4 Versuchen.")
    assert writes(broken) == {IMPRESSUM_POST: 4, "POST /abmelden": 4}
    [log] = tmp_path.glob("amt24-laeufe/*/protokoll.log")
    for attempts in ATTEMPTS:
        found = attempts.findall(log.read_text(encoding="utf-8"))
        assert [number for _, number in found] == ["1", "2", "3", "4"]
        times = [datetime.fromisoformat(stamp) for stamp, _ in found]
        pauses = [(later - earlier).total_seconds() for earlier, later in pairwise(times)]
        assert all(pause >= 0.2 * 2**i for i, pause in enumerate(pauses)), pauses
    assert {status for status, _ in statuses(path).values()} == {""}
    broken.stop()

    healed = make_sandbox(mandanten=mandanten_of(path), db_path=database)
    again = run_workbook(path, options(healed), ADMIN)

    assert again.exit_code == 0
    assert_complete(path, healed)


def test_an_adminCenter_that_goes_down_ends_with_exit_3_and_a_rerun_completes(
    make_sandbox, tmp_path: Path
) -> None:
    path = small_workbook(tmp_path, mandanten=2, units=4, seed=17)
    first, second = mandanten_of(path)
    database = tmp_path / "sandbox.sqlite"
    sandbox = make_sandbox(mandanten=[first, second], db_path=database)
    runner = Runner("run", str(path), "--url", sandbox.url, "--batch-size", "2", env=login_env())
    try:
        assert wait_for(runner, KillPoint("", "request", ANLEGEN, 3).condition(sandbox, path))
        before = statuses(path)
        sandbox.stop()
        finished = runner.wait(timeout=180)
    finally:
        runner.remove_profiles()

    assert finished.code == 3, finished.output
    assert "nicht erreichbar" in " ".join(finished.stderr.split())
    after = statuses(path)
    assert all(after[key][0] == "OK" for key, (status, _) in before.items() if status == "OK")
    assert any(status == "OK" for status, _ in after.values())
    assert {after[key] for key in rows_of(path, second)} == {("", "")}  # untouched
    back = make_sandbox(mandanten=[first, second], db_path=database)
    assert inconsistent(path, state(back)) == []  # every OK is really there

    again = run_command("run", str(path), "--url", back.url, env=login_env())

    assert again.code == 0, again.output
    assert_complete(path, back)


def rows_of(path: Path, mandant: str) -> set[tuple[str, int]]:
    sheets = read_workbook(path).sheets
    return {(sheet, r.row) for sheet, records in sheets.items() for r in records
            if r.mandant == mandant}  # fmt: skip


# -- long --------------------------------------------------------------------------------------

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.mark.long
@pytest.mark.timeout(3600)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_hostile_server_all_rows_ok_after_at_most_two_reruns(
    make_sandbox, tmp_path: Path, seed: int
) -> None:
    path = fresh_workbook(tmp_path / "mappe", 3, 6, seed)
    sandbox = make_sandbox(mandanten=mandanten_of(path), faults="hostile", seed=seed)
    tally = Tally()

    codes = runs_until_ok(sandbox, path, tally, reruns=2, extra=("--workers", "2"))

    print(f"\nhostile seed {seed}: Läufe {codes}, Fehler {state(sandbox)['faults']}")
    assert tally.problems == []
    assert codes[-1] == 0


@pytest.mark.long
@pytest.mark.timeout(3600)
def test_flaky_server_example_landkreis_all_ok_after_at_most_two_reruns(
    make_sandbox, tmp_path: Path
) -> None:
    shutil.copytree(EXAMPLES / "logos", tmp_path / "logos")
    path = Path(shutil.copy(EXAMPLES / "landkreis-meissen.xlsx", tmp_path))
    sandbox = make_sandbox(mandanten=mandanten_of(path), faults="flaky", seed=1, publish_delay=0.2)
    tally = Tally()

    codes = runs_until_ok(sandbox, path, tally, reruns=2, extra=("--workers", "2"))

    print(f"\nBeispiel, flaky: Läufe {codes}, Fehler {state(sandbox)['faults']}")
    assert tally.problems == []
    assert codes[-1] == 0
