"""Crashes and a faulty AdminCenter, many times over: the long variants of `tests/test_rel_run_*`.

    .venv/bin/python benchmarks/reliability.py [--stufe klein|mittel|gross]
                                               [--oberflaeche neu|klassisch|beide]

Campaigns against the embedded sandbox (each generation asked for), with `amt24-import run` as
a real process; the sandbox starts with a bestand (about half of the units exist already, with
a Servicekonto channel, outdated first and second Telefon entries, entries not public) that
must survive every campaign unchanged where the workbook does not name it:
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
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from rel_run_support import (  # noqa: E402
    Tally,
    crash_chain,
    fresh_workbook,
    runs_until_ok,
)
from run_support import mandanten_of  # noqa: E402
from state_support import bestand_for  # noqa: E402
from test_rel_run_crash import CHAIN, MANY_CHAINS, SMALL_BATCHES  # noqa: E402
from test_rel_run_faulty_server import SHORT_SESSIONS  # noqa: E402
from test_rel_run_lost_answers import ALWAYS_LOST  # noqa: E402

from importer.sandbox import FaultProfile, SandboxConfig, start_sandbox  # noqa: E402
from importer.sandbox.config import OBERFLAECHEN  # noqa: E402

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
    # (profile, seed) against a table that shows one unit per page (generation neu only)
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


def crash_campaign(level: Level, generation: str, chain: str, workers: int, folder: Path) -> Tally:
    path = fresh_workbook(folder, level.mandanten, level.units, seed=workers)
    tally = Tally(bestand=bestand_for(path, seed=workers))
    config = sandbox_config(path, generation, tally, seed=workers)
    with start_sandbox(config) as sandbox:
        extra = ("--workers", str(workers), *SMALL_BATCHES)
        crash_chain(sandbox, path, CHAINS[chain], tally, extra)
    return tally


def fault_campaign(
    level: Level,
    generation: str,
    profile: str | FaultProfile,
    seed: int,
    folder: Path,
    example: bool = False,
    seitengroesse: int = 10,
) -> Tally:
    if example:
        path = example_workbook(folder)
    else:
        path = fresh_workbook(folder, level.mandanten, level.units, seed=seed)
    tally = Tally(bestand=bestand_for(path, seed=seed))
    config = sandbox_config(
        path,
        generation,
        tally,
        seed=seed,
        faults=profile,
        session_timeout=3.0 if profile is SHORT_SESSIONS else 1800.0,
        seitengroesse=seitengroesse,
    )
    with start_sandbox(config) as sandbox:
        # the example Landkreis (400 units) takes minutes per run on a small machine
        timeout = EXAMPLE_RUN_LIMIT if example else 300
        runs_until_ok(sandbox, path, tally, reruns=2, extra=("--workers", "2"), timeout=timeout)
        tally.count_faults(sandbox)
    return tally


def sandbox_config(path: Path, generation: str, tally: Tally, **fields: Any) -> SandboxConfig:
    """The workbook's Mandanten in the generation asked for, with the campaign's bestand."""
    return SandboxConfig(
        mandanten=mandanten_of(path),
        publish_delay=PUBLISH_DELAY,
        oberflaeche=generation,
        bestand=tally.bestand,
        **fields,
    )


def example_workbook(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    shutil.copytree(EXAMPLES / "logos", folder / "logos")
    return Path(shutil.copy(EXAMPLES / "landkreis-meissen.xlsx", folder))


def campaigns(level: Level, generation: str, folder: Path) -> list[tuple[str, Callable[[], Tally]]]:
    """(German name, campaign) for every campaign of the level on one generation."""
    found: list[tuple[str, Callable[[], Tally]]] = []
    for chain, workers in level.chains:
        crashes = partial(crash_campaign, level, generation, chain, workers, folder)
        found.append((f"Abbrüche {chain}, {workers} Worker", crashes))
    for profile, seed in level.faults:
        faults = partial(fault_campaign, level, generation, profile, seed, folder)
        found.append((f"{profile_name(profile)}, Seed {seed}", faults))
    for profile, seed in level.short_list if generation == "neu" else ():
        short = partial(fault_campaign, level, generation, profile, seed, folder, seitengroesse=1)
        found.append((f"{profile_name(profile)}, kurze Liste, Seed {seed}", short))
    if level.example:
        example = partial(fault_campaign, level, generation, "flaky", 1, folder, example=True)
        found.append(("Beispiel-Landkreis, flaky, Seed 1", example))
    return found


def profile_name(profile: str | FaultProfile) -> str:
    return profile if isinstance(profile, str) else profile.name


HEADER = (
    f"{'Oberfläche':<10} {'Kampagne':<46} {'Läufe':>5} {'Abbrüche':>8} {'Fehler':>6} "
    f"{'doppelt':>7} {'inkonsistent':>12} {'verloren':>8} {'Dauer':>7}"
)


def line(generation: str, name: str, tally: Tally, seconds: float) -> str:
    faults = sum(tally.faults.values())
    return (
        f"{generation:<10} {name:<46} {tally.runs:>5} {tally.kills:>8} {faults:>6} "
        f"{tally.duplicates:>7} {tally.inconsistent:>12} {tally.lost:>8} {seconds:>6.0f}s"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Abbrüche und Netzfehler, viele Male.")
    parser.add_argument("--stufe", choices=list(LEVELS), default="mittel", help="Umfang")
    parser.add_argument(
        "--oberflaeche", choices=[*OBERFLAECHEN, "beide"], default="beide", help="Generation"
    )
    args = parser.parse_args(argv)
    generations = OBERFLAECHEN if args.oberflaeche == "beide" else (args.oberflaeche,)
    total = Tally()
    started = time.monotonic()
    print(HEADER)
    with tempfile.TemporaryDirectory(prefix="amt24-zuverlaessigkeit-") as temp:
        for generation in generations:
            for name, campaign in campaigns(LEVELS[args.stufe], generation, Path(temp) / "lauf"):
                begun = time.monotonic()
                tally = campaign()
                print(line(generation, name, tally, time.monotonic() - begun), flush=True)
                total.add(tally)
    print(line("", "Summe", total, time.monotonic() - started))
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
