"""CPU and wall times of reading workbooks: 10,000 units, and a sheet formatted to its last row.

    .venv/bin/python benchmarks/reading.py [--einheiten 10000]

Targets on the development machine (2 cores): 10,000 units read in well under a second of
CPU (0.45 s measured); `validate --no-write` of the sheet with a million styled empty rows in
a few seconds (about 6 s measured, most of it the scan of 130 MB of sheet XML). The tests
check what is read, never how fast: a slower machine must not fail them.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from data import make_bad_files as bad  # noqa: E402
from rel_support import run_cli  # noqa: E402

from importer.workbook.reader import read_workbook  # noqa: E402
from importer.workbook.template import build_template, fill_sheet  # noqa: E402

OE = "Organisationseinheiten"
HIDDEN_ROW, FORMULA_ROW = 5000, 9000


def build_units(path: Path, count: int = 10_000) -> Path:
    """The template with `count` units, row 5000 hidden and a formula without value in B9000."""
    wb = build_template()
    rows = [
        {"mandant": f"Gemeinde {i // 100}", "name": f"Amt {i}", "email": f"amt{i}@g.example",
         "telefon": f"0351 {1000 + i}", "fax": "0351 99", "internet": "www.g.example"}
        for i in range(count)
    ]  # fmt: skip
    fill_sheet(wb, OE, rows)
    wb[OE][f"B{FORMULA_ROW}"] = f"=A{FORMULA_ROW}"
    wb[OE].row_dimensions[HIDDEN_ROW].hidden = True
    wb.save(path)
    return path


def time_reading(path: Path) -> tuple[float, float]:
    """Wall and CPU seconds of `read_workbook(path)` in this process."""
    wall, cpu = time.perf_counter(), time.process_time()
    read_workbook(path)
    return time.perf_counter() - wall, time.process_time() - cpu


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Misst das Lesen von Arbeitsmappen.")
    parser.add_argument("--einheiten", type=int, default=10_000, help="Anzahl Einheiten")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-read-") as name:
        folder = Path(name)
        wall, cpu = time_reading(build_units(folder / "einheiten.xlsx", args.einheiten))
        print(f"  {'':<44} {'Wanduhr':>8} {'CPU':>8} {'Speicher':>9}")
        print(f"  {f'{args.einheiten} Einheiten lesen (Bibliothek)':<44} {wall:7.2f}s {cpu:7.2f}s")
        formatted = bad.styled_to_last_row(folder / "formatiert.xlsx")
        run = run_cli("validate", "--no-write", "--json", str(formatted))
        label = "bis Zeile 1.048.576 formatiert (Befehl)"
        memory = f"{run.peak_rss / 2**20:.0f} MB"
        print(f"  {label:<44} {run.wall_seconds:7.2f}s {run.cpu_seconds:7.2f}s {memory:>9}")


if __name__ == "__main__":
    main()
