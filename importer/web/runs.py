"""The run folders of a workbook (`amt24-laeufe/<stamp>/`): their summaries and evidence.

At the end of a run the web page writes `zusammenfassung.json` into the run folder; folders of
runs started elsewhere (the command line) are summarised from their `protokoll.log`.
"""

from __future__ import annotations

import glob
import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from importer.model import Status
from importer.runner.runfolder import LOG_NAME, PRIVATE_FILE, RUNS_FOLDER, RunFolder
from importer.runner.summary import COUNTED, RunSummary

SUMMARY_NAME = "zusammenfassung.json"
STAMP = re.compile(r"^\d{8}-\d{6}(-\d+)?$")
LOG_START = re.compile(r"\| Lauf: (?P<mappe>.+) gegen (?P<url>\S+) \(")
LOG_ROW = re.compile(r"\| (?P<sheet>\S+) Zeile (?P<row>\d+): (?P<status>OK|FEHLER|UNGÜLTIG) ")
FAILED = (Status.FEHLER, Status.UNGUELTIG)


@dataclass
class RunInfo:
    """One earlier run as the page lists it."""

    stamp: str
    started: datetime | None
    workbook: str
    url: str = ""
    state: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    failed: list[dict[str, Any]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    from_log: bool = False


def runs_folder(workbook: Path) -> Path:
    return workbook.resolve().parent / RUNS_FOLDER


def write_summary_file(summary: RunSummary, url: str, state: str) -> Path | None:
    """`zusammenfassung.json` in the run's folder (none when the run needed no browser)."""
    if summary.run_folder is None:
        return None
    entries = summary.per_mandant()
    content = {
        "mappe": summary.workbook.name,
        "admincenter": url,
        "ergebnis": state,
        "dauer_sekunden": round(summary.seconds, 1),
        "mandanten": [
            {"mandant": e.mandant, **{a.value: e.count(a) for a in COUNTED}} for e in entries
        ],
        "summe": {a.value: summary.totals().count(a) for a in COUNTED},
        "fehlgeschlagen": [
            {"blatt": r.sheet, "zeile": r.row, "status": r.status.value, "meldung": r.message}
            for r in summary.results
            if r.status in FAILED
        ],
    }
    path = summary.run_folder / SUMMARY_NAME
    path.write_text(json.dumps(content, ensure_ascii=False, indent=2), encoding="utf-8")
    os.chmod(path, PRIVATE_FILE)
    return path


def list_runs(workbook: Path) -> list[RunInfo]:
    """The runs of `workbook` (by its file name), newest first."""
    parent = runs_folder(workbook)
    if not parent.is_dir():
        return []
    runs = [read_run(folder) for folder in sorted(parent.iterdir(), reverse=True)]
    return [run for run in runs if run is not None and run.workbook == workbook.name]


def read_run(folder: Path) -> RunInfo | None:
    if not folder.is_dir() or not STAMP.match(folder.name):
        return None
    started = started_at(folder.name)
    files = sorted(p.name for p in folder.iterdir() if p.is_file())
    summary = folder / SUMMARY_NAME
    if summary.is_file():
        try:
            content = json.loads(summary.read_text(encoding="utf-8"))
            return RunInfo(
                folder.name,
                started,
                str(content["mappe"]),
                str(content.get("admincenter", "")),
                str(content.get("ergebnis", "")),
                dict(content.get("summe", {})),
                list(content.get("fehlgeschlagen", [])),
                files,
            )
        except (ValueError, KeyError, TypeError):
            pass  # a damaged summary: read the log instead
    return run_from_log(folder, started, files)


def run_from_log(folder: Path, started: datetime | None, files: list[str]) -> RunInfo | None:
    """Workbook, address and the last status of every row, as the log names them."""
    log = folder / LOG_NAME
    if not log.is_file():
        return None
    info = RunInfo(folder.name, started, "", files=files, from_log=True)
    last: dict[tuple[str, str], str] = {}
    with log.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            if start := LOG_START.search(line):
                info.workbook, info.url = start["mappe"], start["url"]
            elif row := LOG_ROW.search(line):
                last[(row["sheet"], row["row"])] = row["status"]
    info.counts = dict(Counter(last.values()))
    return info


def started_at(stamp: str) -> datetime | None:
    try:
        return datetime.strptime(stamp[:15], "%Y%m%d-%H%M%S")
    except ValueError:
        return None


def run_file(workbook: Path, stamp: str, name: str) -> Path | None:
    """A file directly inside one of the workbook's run folders; None for anything else."""
    if not STAMP.match(stamp) or "/" in name or "\\" in name or name.startswith("."):
        return None
    folder = (runs_folder(workbook) / stamp).resolve()
    path = (folder / name).resolve()
    if path.parent != folder or not path.is_file():
        return None
    return path


def evidence_files(summary: RunSummary, sheet: str, row: int) -> list[str]:
    """Names of the screenshot and page files the run kept for a failed row."""
    if summary.run_folder is None:
        return []
    stem = RunFolder(summary.run_folder, summary.workbook.parent).evidence_stem(sheet, row)
    return sorted(p.name for p in stem.parent.glob(f"{glob.escape(stem.name)}.*"))
