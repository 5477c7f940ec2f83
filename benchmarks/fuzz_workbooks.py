"""Run the workbook fuzz properties of `tests/test_rel_fuzz_workbooks.py` with many examples.

    .venv/bin/python benchmarks/fuzz_workbooks.py [--beispiele 2000] [--cli-anteil 0.25]

Every generated workbook is read and validated (`check_read_and_validate`); a share of them
also goes through `amt24-import validate` with write-back (`check_validate_command`).
Unexpected exceptions and failed properties are counted, not raised, and the first few are
printed with the workbook that caused them. Target: 0 unexpected.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from test_rel_fuzz_workbooks import (  # noqa: E402
    WorkbookSpec,
    build_workbook,
    check_read_and_validate,
    check_validate_command,
    workbook_specs,
)

SHOWN_FAILURES = 3


class Tally:
    def __init__(self) -> None:
        self.outcomes: Counter[str] = Counter()
        self.findings = 0
        self.failures: list[str] = []
        self.slowest = 0.0
        self.cli_slowest = 0.0

    def record_failure(self, spec: WorkbookSpec) -> None:
        self.outcomes["unerwartet"] += 1
        if len(self.failures) < SHOWN_FAILURES:
            self.failures.append(f"{traceback.format_exc(limit=-3)}\n{spec!r}"[:3000])


def run(examples: int, cli_share: float, seed: int) -> Tally:
    tally = Tally()
    chooser = random.Random(seed)

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(workbook_specs())
    def one(spec: WorkbookSpec) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = build_workbook(spec, Path(folder) / "mappe.xlsx")
            started = time.perf_counter()
            try:
                result = check_read_and_validate(path)
            except Exception:  # noqa: BLE001 (counted and shown, not raised)
                tally.record_failure(spec)
                return
            tally.slowest = max(tally.slowest, time.perf_counter() - started)
            tally.outcomes["lesbar" if result else "abgelehnt (UnusableWorkbook)"] += 1
            tally.findings += len(result[1].findings) if result else 0
            if chooser.random() < cli_share:
                started = time.perf_counter()
                try:
                    code = check_validate_command(path)
                except Exception:  # noqa: BLE001
                    tally.record_failure(spec)
                    return
                tally.cli_slowest = max(tally.cli_slowest, time.perf_counter() - started)
                tally.outcomes[f"validate: Rückgabewert {code}"] += 1

    one()
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description="Workbook-Fuzzing mit vielen Beispielen.")
    parser.add_argument("--beispiele", type=int, default=2000, help="Anzahl Arbeitsmappen")
    parser.add_argument("--cli-anteil", type=float, default=0.25, help="Anteil mit validate")
    parser.add_argument("--seed", type=int, default=0, help="Startwert für die CLI-Auswahl")
    args = parser.parse_args()
    started = time.perf_counter()
    tally = run(args.beispiele, args.cli_anteil, args.seed)
    elapsed = time.perf_counter() - started
    generated = sum(v for k, v in tally.outcomes.items() if not k.startswith("validate"))
    print(f"Arbeitsmappen erzeugt:        {generated}")
    for outcome, count in sorted(tally.outcomes.items()):
        print(f"  {outcome:<28} {count}")
    print(f"Befunde insgesamt:            {tally.findings}")
    print(f"Unerwartete Ausnahmen:        {tally.outcomes['unerwartet']}")
    print(f"Längste Zeit lesen+prüfen:    {tally.slowest:.2f} s")
    print(f"Längste Zeit validate (CLI):  {tally.cli_slowest:.2f} s")
    print(f"Gesamtzeit:                   {elapsed:.0f} s")
    for failure in tally.failures:
        print("\n" + failure)
    sys.exit(1 if tally.failures else 0)


if __name__ == "__main__":
    main()
