"""Wall times of `validate` with write-back on a large workbook (target: 10,000 units < 5 s).

    .venv/bin/python benchmarks/validate.py [--mandanten 100] [--einheiten 100] [--fehler 200]

Generates a valid workbook with `make_workbook.build`, spoils `--fehler` unit rows (e-mail
without @), then times reading, validation, write-back (marks, statuses, Prüfbericht, backup,
atomic save) and the whole command as a user runs it.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from make_workbook import build  # noqa: E402

from importer.validation.validate import validate_workbook  # noqa: E402
from importer.workbook.reader import read_workbook  # noqa: E402
from importer.workbook.writeback import write_validation  # noqa: E402


def spoil(path: Path, rows: int) -> None:
    """Break the e-mail of every n-th unit row so that `rows` rows get findings."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Organisationseinheiten"]
    step = max(1, (ws.max_row - 1) // max(rows, 1))
    for row in range(2, ws.max_row + 1, step)[:rows]:
        ws.cell(row=row, column=4).value = "kein-at-zeichen.example"
    wb.save(path)


def timed(label: str, times: dict[str, tuple[float, float]], function, *args):  # type: ignore[no-untyped-def]
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args)
    times[label] = (time.perf_counter() - wall, time.process_time() - cpu)
    return result


def measure(path: Path) -> dict[str, tuple[float, float]]:
    """Wall and CPU seconds per phase (CPU time is what counts on a busy machine)."""
    times: dict[str, tuple[float, float]] = {}
    data = timed("lesen", times, read_workbook, path)
    report = timed("prüfen", times, validate_workbook, data)
    timed("zurückschreiben", times, write_validation, data, report)
    times["gesamt (Bibliothek)"] = (
        sum(t[0] for t in times.values()),
        sum(t[1] for t in times.values()),
    )
    command = [str(ROOT / ".venv" / "bin" / "amt24-import"), "validate", str(path)]
    started = time.perf_counter()
    run = subprocess.run(command, capture_output=True, check=False)
    children = os.times()
    times["Befehl erneut (mit Python-Start)"] = (
        time.perf_counter() - started,
        children.children_user + children.children_system,
    )
    assert run.returncode == 1, run.stderr
    return times


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Misst validate mit Zurückschreiben.")
    parser.add_argument("--mandanten", type=int, default=100, help="Anzahl Mandanten")
    parser.add_argument("--einheiten", type=int, default=100, help="Einheiten je Mandant")
    parser.add_argument("--fehler", type=int, default=200, help="Einheiten mit Fehler")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-validate-") as folder:
        path = build(Path(folder) / "mappe.xlsx", args.mandanten, args.einheiten)
        spoil(path, args.fehler)
        print(f"{args.mandanten} Mandanten × {args.einheiten} Einheiten, {args.fehler} fehlerhaft")
        print(f"  {'':<34} {'Wanduhr':>8} {'CPU':>8}")
        for label, (wall, cpu) in measure(path).items():
            print(f"  {label:<34} {wall:7.2f}s {cpu:7.2f}s")


if __name__ == "__main__":
    main()
