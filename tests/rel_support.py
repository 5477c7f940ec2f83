"""Helpers of the reliability tests (`test_rel_*`): the CLI as a real process with its CPU
time and peak memory, snapshots of a folder's files, the formula cells of a workbook."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-m", "importer"]
GIB = 1024**3
# A German sentence from `fatal_errors`: "Fehler: ", a capital letter or quote, a final stop.
SENTENCE = re.compile(r"Fehler: [A-ZÄÖÜ„][^\n]*[.]")
FORMULA_ELEMENT = re.compile(rb"<(?:\w+:)?f[\s>/]")


@dataclass(frozen=True)
class CliRun:
    """One finished `amt24-import` process."""

    code: int
    stdout: str
    stderr: str
    cpu_seconds: float
    peak_rss: int  # bytes
    wall_seconds: float

    @property
    def message(self) -> str:
        """stderr with the console's line wrapping undone."""
        return " ".join(self.stderr.split())


def run_cli(
    *args: str,
    timeout: float = 300,
    env: dict[str, str] | None = None,
    preexec_fn: Callable[[], None] | None = None,
) -> CliRun:
    """Run `python -m importer ARGS` and measure that process alone (os.wait4).

    CPU time, not wall time, is what tests bound: other jobs share the machine's cores.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        process = subprocess.Popen(
            [*CLI, *args],
            stdout=out,
            stderr=err,
            cwd=ROOT,
            env={**os.environ, "COLUMNS": "100", **(env or {})},
            preexec_fn=preexec_fn,
        )
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > timeout:
                process.kill()
                raise AssertionError(f"amt24-import {' '.join(args)} ran over {timeout} s")
            time.sleep(0.02)
        process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.monotonic() - started
        out.seek(0)
        err.seek(0)
        return CliRun(
            code=process.returncode,
            stdout=out.read().decode(),
            stderr=err.read().decode(),
            cpu_seconds=usage.ru_utime + usage.ru_stime,
            peak_rss=usage.ru_maxrss * 1024,
            wall_seconds=wall,
        )


def assert_refused(run: CliRun, *words: str) -> None:
    """Exit 2, nothing on stdout, and on stderr one German sentence containing `words`."""
    assert run.code == 2, run.stderr[-2000:]
    assert "Traceback" not in run.stderr and "Error" not in run.stderr, run.stderr[-2000:]
    assert run.stdout == ""
    assert SENTENCE.fullmatch(run.message), run.message
    for word in words:
        assert word in run.message


def folder_state(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` (relative name → bytes); directories as empty markers."""
    return {
        str(p.relative_to(folder)): p.read_bytes() if p.is_file() else b"<dir>"
        for p in sorted(folder.rglob("*"))
    }


def formula_cells(path: Path) -> set[tuple[str, str, str]]:
    """(sheet, cell, formula) of every formula cell of the workbook at `path`."""
    wb = openpyxl.load_workbook(path)
    return {
        (ws.title, cell.coordinate, str(cell.value))
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.data_type == "f"
    }


def formula_elements(path: Path) -> list[str]:
    """Worksheet parts of the package that contain a formula element `<f>` (raw XML)."""
    with zipfile.ZipFile(path) as archive:
        return [
            name
            for name in archive.namelist()
            if name.startswith("xl/worksheets/") and FORMULA_ELEMENT.search(archive.read(name))
        ]
