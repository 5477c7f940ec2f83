"""Helpers of the runner tests (test_run_*.py): workbooks, sandbox state, results read back."""

from __future__ import annotations

import hashlib
import json
import sys
import urllib.request
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from importer.admincenter.credentials import Credentials
from importer.model import Status
from importer.runner.options import RunOptions
from importer.sandbox import RunningSandbox
from importer.validation.validate import validate_workbook
from importer.workbook.reader import read_workbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import make_workbook  # noqa: E402
from state_support import duplicate_entries, state_problems  # noqa: E402

ADMIN = Credentials("admin", "admin")
UNITS = "Organisationseinheiten"
# Short back-off: the tests meet technical failures on purpose and need not wait long.
FAST = {"backoff": 0.1, "page_timeout": 10.0}
# Both generations; klassisch (slower: a tree walk per unit) only in the long runs
# (`pytest -m long`), so the default suite stays within the CI budget.
GENERATIONS = ["neu", pytest.param("klassisch", marks=pytest.mark.long)]


def small_workbook(folder: Path, mandanten: int = 2, units: int = 5, seed: int = 0) -> Path:
    """A valid workbook with logos (one per Mandant) in `folder/logos/`."""
    return make_workbook.build(folder / "mappe.xlsx", mandanten, units, seed=seed, logos=True)


def mandanten_of(path: Path) -> list[str]:
    return [record.mandant for record in read_workbook(path).records("Impressum")]


def options(sandbox: RunningSandbox, **overrides: Any) -> RunOptions:
    return RunOptions(url=sandbox.url, **{**FAST, **overrides})


def state(sandbox: RunningSandbox) -> dict[str, Any]:
    with urllib.request.urlopen(sandbox.url + "_sandbox/state") as answer:
        return json.load(answer)


def writes(sandbox: RunningSandbox) -> dict[str, int]:
    """Request counts of every POST that changes data: not the login, not the choice of the
    working Mandant (a setting of the session)."""
    counts = state(sandbox)["requests"]
    return {
        k: v
        for k, v in counts.items()
        if k.startswith("POST") and "anmeldung" not in k and k != "POST /mandant"
    }


def delta(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    """Which request counts grew, and by how much."""
    return {k: n - before.get(k, 0) for k, n in after.items() if n != before.get(k, 0)}


def statuses(path: Path) -> dict[tuple[str, int], tuple[str, str]]:
    """(sheet, row) → (Status, Meldung) as the workbook holds them now."""
    data = read_workbook(path)
    return {
        (sheet, r.row): (str(r.written.get("status") or ""), str(r.written.get("meldung") or ""))
        for sheet, records in data.sheets.items()
        for r in records
    }


def all_ok(path: Path) -> bool:
    return all(status == Status.OK.value for status, _ in statuses(path).values())


def set_cell(path: Path, sheet: str, row: int, header: str, value: object) -> None:
    """Change one user cell, as a user would in Excel."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    column = next(c.column for c in ws[1] if c.value == header)
    ws.cell(row=row, column=column).value = value
    wb.save(path)


def sent_values(path: Path) -> dict[tuple[str, int], dict[str, str | None]]:
    """Per row the values the importer sends (validation's normalized values)."""
    return validate_workbook(read_workbook(path)).normalized


def import_problems(
    sandbox: RunningSandbox, path: Path, bestand: dict[str, Any] | None = None
) -> list[str]:
    """Every way the sandbox differs from what importing `path` into `bestand` must give: units,
    their entry lists, publication, duplicates (empty: as it must be)."""
    now = state(sandbox)
    return state_problems(path, now, bestand) + duplicate_entries(now)


def files_text(folder: Path) -> str:
    """Every file below `folder` as text (xlsx unpacked), for searching a secret in it."""
    texts = []
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as archive:
                texts += [archive.read(n).decode("utf-8", "replace") for n in archive.namelist()]
        else:
            texts.append(path.read_bytes().decode("utf-8", "replace"))
    return "\n".join(texts)


def assert_mandanten_match(sandbox: RunningSandbox, path: Path) -> None:
    """Impressum, Datenschutzbeauftragter and logo of every Mandant equal the workbook's."""
    sent = sent_values(path)
    data = read_workbook(path)
    mandanten = {m["name"]: m for m in state(sandbox)["mandanten"]}
    for sheet, key in (("Impressum", "impressum"), ("Datenschutzbeauftragte", "datenschutz")):
        for record in data.records(sheet):
            values = {k: v for k, v in sent[(sheet, record.row)].items() if k != "mandant"}
            saved = mandanten[record.mandant][key]
            assert {k: saved.get(k) or None for k in values} == values, (sheet, record.row)
    for record in data.records("Logo"):
        file = Path(sent[("Logo", record.row)]["bilddatei"])
        digest = hashlib.sha256(file.read_bytes()).hexdigest()
        assert mandanten[record.mandant]["logo"]["sha256"] == digest
