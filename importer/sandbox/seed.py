"""Mandanten for a sandbox from a workbook: every Mandant named in any data sheet."""

from __future__ import annotations

from pathlib import Path

from importer.errors import UsageError
from importer.workbook.columns import DATA_SHEETS
from importer.workbook.reader import read_workbook


def mandanten_from_workbook(path: Path) -> list[str]:
    """Names in order of first appearance (Impressum first); raises when there is none."""
    data = read_workbook(path)
    names: dict[str, None] = {}
    for sheet in DATA_SHEETS:
        for record in data.records(sheet.name):
            if record.mandant:
                names.setdefault(record.mandant, None)
    if not names:
        raise UsageError(f"Die Arbeitsmappe {path} nennt keinen Mandanten.")
    return list(names)
