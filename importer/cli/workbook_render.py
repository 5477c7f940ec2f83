"""Rendering of `validate` results on the console (German), kept apart from the commands."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from rich.table import Table

from importer.cli.app import console
from importer.model import Finding
from importer.overview import sheet_counts
from importer.workbook.columns import PRUEFBERICHT
from importer.workbook.data import WorkbookData

if TYPE_CHECKING:  # the writer imports openpyxl
    from importer.workbook.writeback import Writeback

SHOWN_FINDINGS = 10


def print_json(findings: list[Finding]) -> None:
    """The findings as one JSON list on stdout (nothing else is printed there)."""
    rows = [
        {"sheet": f.sheet, "row": f.row, "column": f.column, "code": f.code, "message": f.message}
        for f in findings
    ]
    console.print_json(json.dumps(rows, ensure_ascii=False))


def print_summary(data: WorkbookData, findings: list[Finding], written: Writeback | None) -> None:
    """Counts per sheet, the first findings, and where the report is."""
    console.print(_sheet_table(data, findings))
    for finding in findings[:SHOWN_FINDINGS]:
        column = f", {finding.column}" if finding.column else ""
        console.print(
            f"• {finding.sheet}, Zeile {finding.row}{column}: {finding.message}", highlight=False
        )
    if len(findings) > SHOWN_FINDINGS:
        console.print(f"… und {len(findings) - SHOWN_FINDINGS} weitere.", highlight=False)
    if not findings:
        console.print("[bold green]Die Arbeitsmappe ist gültig.[/]")
    if written is None:
        console.print("Nichts geschrieben (--no-write).", highlight=False)
        return
    console.print(
        f"Alle Probleme stehen im Blatt „{PRUEFBERICHT}“ von {data.path}; Problemzellen sind "
        "rot markiert, der Kommentar der Zelle nennt das Problem.",
        highlight=False,
    )
    if written.backup is not None:
        console.print(f"Sicherungskopie: {written.backup}", highlight=False)


def _sheet_table(data: WorkbookData, findings: list[Finding]) -> Table:
    table = Table(title=f"Prüfung von {data.path.name}")
    for header in ("Blatt", "Zeilen", "Zeilen mit Problemen", "Probleme"):
        table.add_column(header, justify="left" if header == "Blatt" else "right")
    for count in sheet_counts(data, findings):
        if count.rows is None:
            table.add_row(count.sheet, "–", "–", "–")
        else:
            table.add_row(count.sheet, str(count.rows), str(count.bad_rows), str(count.findings))
    return table
