"""Overviews the command line and the web page both show: findings per sheet, the plan's rows.

Values only, no printing: `cli/` renders them with Rich, `web/` with Jinja.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from importer.model import Action, Finding, RowResult
from importer.workbook.columns import DATA_SHEETS
from importer.workbook.data import WorkbookData

if TYPE_CHECKING:  # the runner imports Selenium
    from importer.runner.summary import MandantCounts, RunSummary

PLAN_WORDS = {
    Action.ANGELEGT: "anlegen",
    Action.AKTUALISIERT: "ändern",
    Action.UNVERAENDERT: "unverändert",
    Action.UEBERSPRUNGEN: "unverändert (OK, übersprungen)",
    Action.UNGUELTIG: "ungültig",
    Action.FEHLGESCHLAGEN: "nicht möglich",
}


@dataclass(frozen=True)
class SheetCount:
    """One data sheet: its rows (None when the sheet is absent), rows with problems, problems."""

    sheet: str
    rows: int | None
    bad_rows: int
    findings: int


def sheet_counts(data: WorkbookData, findings: list[Finding]) -> list[SheetCount]:
    """Per data sheet in catalogue order: rows, rows with findings, findings."""
    per_sheet = Counter(f.sheet for f in findings)
    bad_rows = Counter(sheet for sheet, _ in {(f.sheet, f.row) for f in findings})
    return [
        SheetCount(
            sheet.name,
            len(data.sheets[sheet.name]) if sheet.name in data.sheets else None,
            bad_rows.get(sheet.name, 0),
            per_sheet.get(sheet.name, 0),
        )
        for sheet in DATA_SHEETS
    ]


def plan_word(result: RowResult) -> str:
    return PLAN_WORDS.get(result.action or Action.UNVERAENDERT, "")


def sorted_results(summary: RunSummary) -> list[RowResult]:
    """Results in sheet order of the catalogue, then by row."""
    order = {sheet.name: index for index, sheet in enumerate(DATA_SHEETS)}
    return sorted(summary.results, key=lambda r: (order.get(r.sheet, len(order)), r.row))


def plan_rows(summary: RunSummary) -> list[dict[str, Any]]:
    """The plan, one dict per row: sheet, row, mandant, action (German word), changes, message."""
    rows = []
    for result in sorted_results(summary):
        changes = getattr(result, "changes", [])  # PlannedResult
        rows.append(
            {
                "sheet": result.sheet,
                "row": result.row,
                "mandant": summary.mandant_of.get((result.sheet, result.row), ""),
                "action": plan_word(result),
                "changes": [
                    {
                        "field": c.field,
                        "column": c.header,
                        "old": c.old,
                        "new": c.new,
                        "text": c.describe(),
                    }
                    for c in changes
                ],
                "message": result.message,
            }
        )
    return rows


def count_rows(summary: RunSummary) -> list[MandantCounts]:
    """Counts per Mandant, and the total ("Summe") when there is more than one Mandant."""
    entries = summary.per_mandant()
    return [*entries, summary.totals()] if len(entries) > 1 else entries
