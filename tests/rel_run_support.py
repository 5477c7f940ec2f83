"""Helpers of the runner reliability tests (`test_rel_run_*.py`) and `benchmarks/reliability.py`.

- `Runner`: `amt24-import` as a real process in its own session, so that it can be killed at an
  observed moment together with its browser (chromedriver and Chromium are its descendants).
- Kill moments (`KillPoint`) are observed from outside: sandbox request counts
  (`/_sandbox/state`), the journal growing, the temp file of the atomic save appearing, a delay.
- The invariants after every kill or fault, as lists of problems (empty = fine): the workbook
  and its backups open, no `OK` without its data in the AdminCenter (`inconsistent`), no unit
  twice in a Mandant (`duplicates`), no row missing once a run completed (`lost`).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from run_support import (
    UNITS,
    import_problems,
    sent_values,
    small_workbook,
    state,
)
from state_support import KANAL, duplicate_entries

from importer.model import name_key
from importer.runner.diff import sent_fields
from importer.runner.journal import journal_path
from importer.sandbox import RunningSandbox
from importer.workbook.columns import SHEETS_BY_NAME
from importer.workbook.reader import read_workbook

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-m", "importer"]
PASSWORD = "Geh31m!Pa55wort-xyz"  # unusual on purpose: any hit of it in output is a leak
POLL = 0.01
PROFILE_FLAG = re.compile(r"--user-data-dir=(\S+)")

ANMELDUNG = "GET /anmeldung"
IMPRESSUM_POST = "POST /mandanten/<int:mandant_id>/impressum"
ANLEGEN = "POST /organisationseinheiten/anlegen"
KOMMUNIKATION = "POST /organisationseinheiten/<int:oe_id>/kommunikation"


def login_env(user: str = "admin", password: str = "admin") -> dict[str, str]:
    return {"AMT24_BENUTZER": user, "AMT24_PASSWORT": password}


# -- processes ---------------------------------------------------------------------------------


def process_table() -> dict[int, tuple[int, str]]:
    """pid → (parent pid, command line) of every process we may read."""
    table = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            command = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue  # ended meanwhile
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        table[int(entry)] = (parent, command.decode(errors="replace"))
    return table


def descendants(pid: int) -> dict[int, str]:
    """Every living descendant of `pid` with its command line."""
    table = process_table()
    found: dict[int, str] = {}
    todo = [pid]
    while todo:
        parent = todo.pop()
        for child, (ppid, command) in table.items():
            if ppid == parent and child not in found:
                found[child] = command
                todo.append(child)
    return found


@dataclass(frozen=True)
class Finished:
    code: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


class Runner:
    """One `amt24-import ARGS` process in a session of its own (its browser included)."""

    def __init__(self, *args: str, env: dict[str, str] | None = None) -> None:
        # open as long as the process runs; read back (and closed) by `finished`
        self._out = tempfile.TemporaryFile()  # noqa: SIM115
        self._err = tempfile.TemporaryFile()  # noqa: SIM115
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            [*CLI, *args],
            cwd=ROOT,
            env={**os.environ, "COLUMNS": "100", "SE_OFFLINE": "true", **(env or {})},
            stdout=self._out,
            stderr=self._err,
            start_new_session=True,
        )
        self.profiles: set[Path] = set()

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def browser_processes(self) -> dict[str, list[int]]:
        """pids of the runner's chromedriver(s) and Chromium main process(es)."""
        tree = descendants(self.process.pid)
        self._note_profiles(tree)
        drivers = [pid for pid, command in tree.items() if "chromedriver" in command]
        browsers = [
            pid
            for pid, command in tree.items()
            if "chromium" in command and "--type=" not in command and "chromedriver" not in command
        ]
        return {"chromedriver": drivers, "chromium": browsers}

    def _note_profiles(self, tree: dict[int, str]) -> None:
        for command in tree.values():
            self.profiles.update(Path(m) for m in PROFILE_FLAG.findall(command))

    def kill(self) -> Finished:
        """SIGKILL the runner, then everything of its session (the browser it leaves behind)."""
        self._note_profiles(descendants(self.process.pid))
        if self.alive:
            self.process.kill()
        self.process.wait()
        kill_session(self.process.pid)
        return self.finished()

    def wait(self, timeout: float = 300) -> Finished:
        """Wait for the end (killing it after `timeout`); the browser's remains go too."""
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError(f"the run did not end within {timeout} s") from None
        kill_session(self.process.pid)
        return self.finished()

    def finished(self) -> Finished:
        texts = []
        for file in (self._out, self._err):
            file.seek(0)
            texts.append(file.read().decode(errors="replace"))
            file.close()
        return Finished(self.process.returncode, *texts, time.monotonic() - self.started)

    def remove_profiles(self) -> None:
        """The browser profiles a killed run could not remove (kept until then: they may be
        searched for secrets)."""
        for profile in self.profiles:
            shutil.rmtree(profile, ignore_errors=True)


def kill_session(pid: int) -> None:
    """SIGKILL every process left in the session `pid` led (orphaned Chromium helpers)."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        return


def run_command(*args: str, env: dict[str, str] | None = None, timeout: float = 300) -> Finished:
    runner = Runner(*args, env=env)
    try:
        return runner.wait(timeout)
    finally:
        runner.remove_profiles()


# -- kill moments ------------------------------------------------------------------------------


@dataclass(frozen=True)
class KillPoint:
    """When to kill: after `count` more requests `key` (kind "request"), `count` journal lines
    ("journal"), the save's temp file ("temp"), or just time ("delay"); then `delay` more s.
    `interrupt`: Ctrl+C in a terminal instead - SIGINT to the whole process group (runner and
    browser), after which the run must end by itself."""

    name: str
    kind: str
    key: str = ""
    count: int = 1
    delay: float = 0.0
    interrupt: bool = False

    def condition(self, sandbox: RunningSandbox, workbook: Path) -> Callable[[], bool]:
        if self.kind == "request":
            before = requests(sandbox).get(self.key, 0)
            return lambda: requests(sandbox).get(self.key, 0) - before >= self.count
        if self.kind == "journal":
            before = journal_lines(workbook)
            return lambda: journal_lines(workbook) - before >= self.count
        if self.kind == "temp":
            stale = set(temporaries(workbook))  # left by an earlier kill: not this save
            return lambda: bool(set(temporaries(workbook)) - stale)
        return lambda: True


def requests(sandbox: RunningSandbox) -> dict[str, int]:
    return state(sandbox)["requests"]


def journal_lines(workbook: Path) -> int:
    try:
        return journal_path(workbook).read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def temporaries(workbook: Path) -> list[Path]:
    """Temp files of the atomic save (`.mappe.XXXX.tmp` beside the workbook)."""
    return sorted(workbook.parent.glob(f".{workbook.stem}.*.tmp"))


def wait_for(runner: Runner, condition: Callable[[], bool], timeout: float = 180) -> bool:
    """Poll until `condition()` holds (True) or the runner ended first (False)."""
    deadline = time.monotonic() + timeout
    while runner.alive:
        if condition():
            return True
        assert time.monotonic() < deadline, "the kill moment did not come"
        time.sleep(POLL)
    return False


def run_and_kill(
    point: KillPoint,
    sandbox: RunningSandbox,
    workbook: Path,
    env: dict[str, str],
    extra: tuple[str, ...] = (),
) -> Finished | None:
    """Start `run`, kill (or interrupt) it at `point`; None when it had ended before."""
    condition = point.condition(sandbox, workbook)
    runner = Runner("run", str(workbook), "--url", sandbox.url, *extra, env=env)
    try:
        reached = wait_for(runner, condition)
        if reached and point.delay:
            time.sleep(point.delay)
        if not runner.alive:
            runner.wait()
            return None
        if point.interrupt:
            os.killpg(runner.process.pid, signal.SIGINT)
            return runner.wait(timeout=120)
        return runner.kill()
    finally:
        runner.remove_profiles()


def interrupt_problems(finished: Finished) -> list[str]:
    """What is wrong with how a run ended after Ctrl+C (exit 130, one word, no traceback)."""
    problems = []
    if finished.code != 130:
        problems.append(f"Rückgabewert {finished.code} statt 130: {finished.stderr[-300:]}")
    if "Traceback" in finished.output or "Abgebrochen." not in finished.stderr:
        problems.append(f"Ausgabe nach Strg+C: {finished.stderr[-300:]}")
    return problems


# -- invariants --------------------------------------------------------------------------------


def opens(path: Path) -> list[str]:
    """Problems opening the workbook and each backup copy with openpyxl (and our reader)."""
    problems = []
    for file in [path, *sorted(path.parent.glob(f"{path.stem}.sicherung-*.xlsx"))]:
        try:
            openpyxl.load_workbook(file).close()
        except Exception as error:  # any failure to open is the finding
            problems.append(f"{file.name} öffnet nicht: {type(error).__name__}: {error}")
    if not problems:
        read_workbook(path)
    return problems


def duplicates(sandbox_state: dict[str, Any]) -> list[tuple[str, str]]:
    """(Mandant, name) of every unit name that occurs more than once within its Mandant."""
    seen: dict[tuple[str, str], int] = {}
    for unit in sandbox_state["units"]:
        key = (unit["mandant"], name_key(unit["name"]))
        seen[key] = seen.get(key, 0) + 1
    return sorted(key for key, count in seen.items() if count > 1)


def written(path: Path) -> dict[tuple[str, int], dict[str, Any]]:
    """(sheet, row) → the importer-written cells and the OE-ID of that row."""
    return {
        (sheet, record.row): {**record.written, "oe_id": record.values.get("oe_id")}
        for sheet, records in read_workbook(path).sheets.items()
        for record in records
    }


def inconsistent(path: Path, sandbox_state: dict[str, Any]) -> list[str]:
    """Rows that say `OK` although the AdminCenter does not hold their data (German lines)."""
    sent = sent_values(path)
    mandanten = {m["name"]: m for m in sandbox_state["mandanten"]}
    units = {str(u["id"]): u for u in sandbox_state["units"]}
    problems = []
    for (sheet, row), cells in written(path).items():
        if cells.get("status") != "OK":
            continue
        values = sent[(sheet, row)]
        mandant = mandanten.get(values["mandant"] or "")
        if sheet == UNITS:
            problem = unit_problem(values, units.get(str(cells.get("oe_id") or "")))
        elif mandant is None:
            problem = "Mandant fehlt im AdminCenter"
        else:
            problem = mandant_problem(sheet, values, mandant)
        if problem:
            problems.append(f"{sheet} Zeile {row}: OK, aber {problem}")
    return problems


def unit_problem(values: dict[str, str | None], unit: dict[str, Any] | None) -> str | None:
    """What an `OK` unit row lacks in the AdminCenter: its name, parent, the first entry per
    Kanal with the workbook's value, the first Internetadresse, publication."""
    if unit is None:
        return "die OE-ID fehlt im AdminCenter"
    differs = [f for f in ("mandant", "name") if unit[f] != values[f]]
    if name_key(unit["parent"] or "") != name_key(values["parent"] or ""):
        differs.append("parent")
    for field_name, kanal in KANAL.items():
        first = next((e for e in unit["kommunikation"] if e["kanal"] == kanal), None)
        if values[field_name] and (first is None or first["kennung"] != values[field_name]):
            differs.append(field_name)
    addresses = unit["internetadressen"]
    if values["internet"] and (not addresses or addresses[0]["adresse"] != values["internet"]):
        differs.append("internet")
    if differs:
        return f"abweichend: {', '.join(differs)}"
    return None if unit["published"] else "nicht veröffentlicht"


def mandant_problem(sheet: str, values: dict[str, str | None], mandant: dict[str, Any]) -> str:
    if sheet == "Logo":
        digest = hashlib.sha256(Path(values["bilddatei"] or "").read_bytes()).hexdigest()
        logo = mandant["logo"] or {}
        return "" if logo.get("sha256") == digest else "anderes oder kein Bild"
    saved = mandant["impressum" if sheet == "Impressum" else "datenschutz"] or {}
    fields = sent_fields(SHEETS_BY_NAME[sheet])
    differs = [f for f in fields if (saved.get(f) or None) != values.get(f)]
    return f"abweichend: {', '.join(differs)}" if differs else ""


def lost(path: Path, sandbox_state: dict[str, Any]) -> list[str]:
    """After a completed run: rows not `OK` (each row must end OK in the AdminCenter)."""
    return [
        f"{sheet} Zeile {row}: {cells.get('status') or 'leer'}"
        for (sheet, row), cells in written(path).items()
        if cells.get("status") != "OK"
    ]


def problems_after_kill(path: Path, sandbox: RunningSandbox) -> list[str]:
    """Every broken invariant after a kill: opening, consistency, duplicates."""
    tally = Tally()
    tally.check(path, sandbox, "nach dem Abbruch")
    return tally.problems


def assert_complete(path: Path, sandbox: RunningSandbox) -> None:
    """Every row OK and true to the AdminCenter, every unit exactly once and as the workbook
    wants it."""
    now = state(sandbox)
    assert lost(path, now) == []
    assert inconsistent(path, now) == []
    assert import_problems(sandbox, path) == []


# -- campaigns: many kills or faults, counted (long tests and benchmarks/reliability.py) -------


@dataclass
class Tally:
    """What a campaign found; `problems` lists every broken invariant with where it broke.
    `bestand`: what the sandbox held before the first run (its entries must stay)."""

    bestand: dict[str, Any] | None = None
    runs: int = 0
    kills: int = 0
    faults: Counter[str] = field(default_factory=Counter)
    duplicates: int = 0
    inconsistent: int = 0
    lost: int = 0
    problems: list[str] = field(default_factory=list)

    def check(self, path: Path, sandbox: RunningSandbox, when: str) -> None:
        """After a kill or any run: the workbook opens, no false OK, no duplicate."""
        found = opens(path)
        now = state(sandbox)
        false_ok = [] if found else inconsistent(path, now)
        twice = duplicates(now)
        doubled = duplicate_entries(now)
        self.duplicates += len(doubled)
        self.problems += [f"{when}: doppelter Eintrag {p}" for p in doubled]
        self.inconsistent += len(false_ok) + len(found)
        self.duplicates += len(twice)
        self.problems += [f"{when}: {p}" for p in found + false_ok]
        self.problems += [f"{when}: doppelt {m} / {n}" for m, n in twice]

    def check_complete(self, path: Path, sandbox: RunningSandbox, when: str) -> None:
        """After the last run: additionally every row OK and every unit as wanted."""
        self.check(path, sandbox, when)
        missing = lost(path, state(sandbox))
        missing += [p for p in import_problems(sandbox, path, self.bestand) if "-mal" not in p]
        self.lost += len(missing)
        self.problems += [f"{when}: {p}" for p in missing]

    def add(self, other: Tally) -> None:
        self.runs += other.runs
        self.kills += other.kills
        self.faults.update(other.faults)
        self.duplicates += other.duplicates
        self.inconsistent += other.inconsistent
        self.lost += other.lost
        self.problems += other.problems

    def count_faults(self, sandbox: RunningSandbox) -> None:
        """Add the sandbox's fault counters (call before it is reset or stopped)."""
        self.faults.update(state(sandbox)["faults"])


def fresh_workbook(folder: Path, mandanten: int, units: int, seed: int) -> Path:
    """A new folder with a valid workbook and its logos (nothing of an earlier campaign)."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return small_workbook(folder, mandanten=mandanten, units=units, seed=seed)


def reset(sandbox: RunningSandbox) -> None:
    """The sandbox back to its Mandanten without data, counters and faults from the start."""
    request = urllib.request.Request(sandbox.url + "_sandbox/reset", method="POST")
    with urllib.request.urlopen(request) as answer:
        assert answer.status == 200


def crash_chain(
    sandbox: RunningSandbox,
    path: Path,
    points: Sequence[KillPoint],
    tally: Tally,
    extra: tuple[str, ...] = (),
) -> None:
    """Kill `run` at each point in turn (each run a re-run of the killed one before), checking
    after every kill; then one run that must complete everything."""
    for point in points:
        tally.runs += 1
        finished = run_and_kill(point, sandbox, path, login_env(), extra)
        tally.kills += finished is not None
        if point.interrupt and finished is not None:
            tally.problems += [f"„{point.name}“: {p}" for p in interrupt_problems(finished)]
        tally.check(path, sandbox, f"nach Abbruch „{point.name}“")
    final = run_command("run", str(path), "--url", sandbox.url, *extra, env=login_env())
    tally.runs += 1
    if final.code != 0:
        tally.problems.append(f"letzter Lauf: Rückgabewert {final.code}: {final.stderr[-500:]}")
    tally.check_complete(path, sandbox, "nach dem letzten Lauf")


def runs_until_ok(
    sandbox: RunningSandbox,
    path: Path,
    tally: Tally,
    reruns: int,
    extra: tuple[str, ...] = (),
    timeout: float = 300,
) -> list[int]:
    """`run`, and up to `reruns` re-runs while rows are left; checks after each; exit codes.
    A run taking longer than `timeout` seconds is killed and fails the check."""
    codes = []
    for attempt in range(reruns + 1):
        command = ("run", str(path), "--url", sandbox.url, *extra)
        done = run_command(*command, env=login_env(), timeout=timeout)
        tally.runs += 1
        codes.append(done.code)
        tally.check(path, sandbox, f"nach Lauf {attempt + 1}")
        if done.code == 0:
            break
    tally.check_complete(path, sandbox, "am Ende")
    return codes
