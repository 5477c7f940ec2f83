"""How long `amt24-import sandbox --seed examples/landkreis-meissen.xlsx` takes until its address
answers, per generation (target: under 3 s). Prints figures; asserts nothing.

    .venv/bin/python benchmarks/sandbox_start.py [--runs 3]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "landkreis-meissen.xlsx"
URL = re.compile(r"läuft: (http://127\.0\.0\.1:\d+/)")


def start_seconds(generation: str) -> float:
    """Seconds from starting the command until its start page answers."""
    command = [sys.executable, "-m", "importer", "sandbox", "--port", "0"]
    command += ["--seed", str(EXAMPLE), "--oberflaeche", generation]
    began = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert process.stdout is not None
        for line in process.stdout:
            found = URL.search(line)
            if found:
                with urllib.request.urlopen(found.group(1) + "anmeldung") as answer:
                    answer.read()
                return time.monotonic() - began
        raise RuntimeError("the sandbox printed no address")
    finally:
        process.terminate()
        process.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    for generation in ("neu", "klassisch"):
        times = sorted(start_seconds(generation) for _ in range(runs))
        print(
            f"{generation:10} Start bis erste Antwort: Median {times[len(times) // 2]:.2f} s, "
            f"langsamster {times[-1]:.2f} s ({runs} Starts, Ziel < 3 s)"
        )


if __name__ == "__main__":
    main()
