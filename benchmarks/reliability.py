"""Crashes and a faulty AdminCenter, many times over: the long variants of `tests/test_rel_run_*`.

    .venv/bin/python benchmarks/reliability.py [--stufe klein|mittel|gross]

Campaigns against the embedded sandbox, with `amt24-import run` as a real process:
- Abbrüche: the run is killed (SIGKILL, with its browser) at observed moments - sandbox
  request counts, journal lines, the workbook's atomic save, plain delays - each re-run killed
  again at the next moment, then a run to the end.
- Fehlerprofile: `flaky` and `hostile` (fixed seeds), every creation's answer lost, sessions
  that expire after a few seconds: a run and at most two re-runs; some of them against a unit
  list that shows one unit only and finds the rest by a server-side search ("kurze Liste").
After every kill and every run the invariants are checked (tests/rel_run_support.py). Printed:
runs, kill points, faults injected (the sandbox's counters), duplicates found, statuses
inconsistent, rows lost. Target: 0 / 0 / 0. Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from rel_run_support import (  # noqa: E402
    Tally,
    crash_chain,
    fresh_workbook,
    runs_until_ok,
)
from run_support import mandanten_of  # noqa: E402
from test_rel_run_crash import CHAIN, MANY_CHAINS, SMALL_BATCHES  # noqa: E402
from test_rel_run_faulty_server import SHORT_SESSIONS  # noqa: E402
from test_rel_run_lost_answers import ALWAYS_LOST  # noqa: E402

from importer.sandbox import FaultProfile, SandboxConfig, start_sandbox  # noqa: E402

EXAMPLES = ROOT / "examples"
SHOWN_PROBLEMS = 10
PUBLISH_DELAY = 0.05
EXAMPLE_RUN_LIMIT = 3600.0  # seconds one run of the example Landkreis may take


@dataclass(frozen=True)
class Level:
    mandanten: int
    units: int
    chains: tuple[tuple[str, int], ...]  # (chain name, workers)
    faults: tuple[tuple[str | FaultProfile, int], ...]  # (profile, seed)
    example: bool = False
    # (profile, seed) against a unit list that shows one unit only (the rest by search)
    short_list: tuple[tuple[str | FaultProfile, int], ...] = ()


CHAINS = {"kurz": CHAIN, **{f"lang-{n}": chain for n, chain in enumerate(MANY_CHAINS, 1)}}
LEVELS = {
    "klein": Level(2, 4, (("kurz", 1),), (("flaky", 1), ("hostile", 1), (ALWAYS_LOST, 1))),
    "mittel": Level(
        2,
        5,
        (("lang-1", 1), ("lang-3", 2)),
        (("flaky", 2), ("hostile", 2), (ALWAYS_LOST, 2), (SHORT_SESSIONS, 1)),
        short_list=((ALWAYS_LOST, 3),),
    ),
    "gross": Level(
        3,
        8,
        tuple((name, workers) for name in CHAINS for workers in (1, 2)),
        tuple((profile, seed) for profile in ("flaky", "hostile") for seed in (1, 2, 3))
        + ((ALWAYS_LOST, 1), (SHORT_SESSIONS, 1), (SHORT_SESSIONS, 2)),
        example=True,
        short_list=((ALWAYS_LOST, 3), ("hostile", 4)),
    ),
}


def crash_campaign(level: Level, chain: str, workers: int, folder: Path) -> Tally:
    tally = Tally()
    path = fresh_workbook(folder, level.mandanten, level.units, seed=workers)
    config = SandboxConfig(mandanten=mandanten_of(path), publish_delay=PUBLISH_DELAY)
    with start_sandbox(config) as sandbox:
        extra = ("--workers", str(workers), *SMALL_BATCHES)
        crash_chain(sandbox, path, CHAINS[chain], tally, extra)
    return tally


def fault_campaign(
    level: Level,
    profile: str | FaultProfile,
    seed: int,
    folder: Path,
    example: bool = False,
    list_limit: int | None = None,
) -> Tally:
    tally = Tally()
    if example:
        path = example_workbook(folder)
    else:
        path = fresh_workbook(folder, level.mandanten, level.units, seed=seed)
    config = SandboxConfig(
        mandanten=mandanten_of(path),
        publish_delay=PUBLISH_DELAY,
        faults=profile,
        seed=seed,
        session_timeout=3.0 if profile is SHORT_SESSIONS else 1800.0,
        list_limit=list_limit,
    )
    with start_sandbox(config) as sandbox:
        # the example Landkreis (400 units) takes minutes per run on a small machine
        timeout = EXAMPLE_RUN_LIMIT if example else 300
        runs_until_ok(sandbox, path, tally, reruns=2, extra=("--workers", "2"), timeout=timeout)
        tally.count_faults(sandbox)
    return tally


def example_workbook(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    shutil.copytree(EXAMPLES / "logos", folder / "logos")
    return Path(shutil.copy(EXAMPLES / "landkreis-meissen.xlsx", folder))


def campaigns(level: Level, folder: Path) -> list[tuple[str, Callable[[], Tally]]]:
    """(German name, campaign) for every campaign of the level."""
    found: list[tuple[str, Callable[[], Tally]]] = []
    for chain, workers in level.chains:
        crashes = partial(crash_campaign, level, chain, workers, folder)
        found.append((f"Abbrüche {chain}, {workers} Worker", crashes))
    for profile, seed in level.faults:
        label = profile if isinstance(profile, str) else profile.name
        faults = partial(fault_campaign, level, profile, seed, folder)
        found.append((f"{label}, Seed {seed}", faults))
    for profile, seed in level.short_list:
        label = profile if isinstance(profile, str) else profile.name
        faults = partial(fault_campaign, level, profile, seed, folder, list_limit=1)
        found.append((f"{label}, kurze Liste, Seed {seed}", faults))
    if level.example:
        example = partial(fault_campaign, level, "flaky", 1, folder, example=True)
        found.append(("Beispiel-Landkreis, flaky, Seed 1", example))
    return found


HEADER = (
    f"{'Kampagne':<46} {'Läufe':>5} {'Abbrüche':>8} {'Fehler':>6} {'doppelt':>7} "
    f"{'inkonsistent':>12} {'verloren':>8} {'Dauer':>7}"
)


def line(name: str, tally: Tally, seconds: float) -> str:
    faults = sum(tally.faults.values())
    return (
        f"{name:<46} {tally.runs:>5} {tally.kills:>8} {faults:>6} {tally.duplicates:>7} "
        f"{tally.inconsistent:>12} {tally.lost:>8} {seconds:>6.0f}s"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Abbrüche und Netzfehler, viele Male.")
    parser.add_argument("--stufe", choices=list(LEVELS), default="mittel", help="Umfang")
    args = parser.parse_args(argv)
    total = Tally()
    started = time.monotonic()
    print(HEADER)
    with tempfile.TemporaryDirectory(prefix="amt24-zuverlaessigkeit-") as temp:
        for name, campaign in campaigns(LEVELS[args.stufe], Path(temp) / "lauf"):
            begun = time.monotonic()
            tally = campaign()
            print(line(name, tally, time.monotonic() - begun), flush=True)
            total.add(tally)
    print(line("Summe", total, time.monotonic() - started))
    injected = ", ".join(f"{kind} {count}" for kind, count in sorted(total.faults.items()))
    print(f"Injizierte Fehler: {injected}")
    print(
        f"Ziel 0 / 0 / 0: doppelt {total.duplicates} / inkonsistent {total.inconsistent} / "
        f"verloren {total.lost}"
    )
    for problem in total.problems[:SHOWN_PROBLEMS]:
        print(f"  {problem}")
    return 1 if total.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
