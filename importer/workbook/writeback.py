"""Write a validation report back into the workbook (the `validate` command without `--no-write`).

Rows with findings get Status `UNGÜLTIG` and a Meldung naming every problem; rows marked
`UNGÜLTIG` earlier that are valid now are emptied; old marks go, new marks and `Prüfbericht`
come; then one atomic save with a backup copy.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from importer.model import Finding, RowResult, Status
from importer.workbook.data import WorkbookData
from importer.workbook.writer import Report, WorkbookWriter, check_writable


@dataclass
class Writeback:
    """What was written: rows set to UNGÜLTIG, rows emptied, and the backup copy."""

    invalid_rows: int
    cleared_rows: int
    backup: Path | None


def row_results(data: WorkbookData, findings: list[Finding]) -> list[RowResult]:
    """The Status/Meldung change validation makes, one `RowResult` per affected row."""
    by_row: dict[tuple[str, int], list[Finding]] = defaultdict(list)
    for finding in findings:
        by_row[(finding.sheet, finding.row)].append(finding)
    results: list[RowResult] = []
    for sheet, records in data.sheets.items():
        for record in records:
            found = by_row.get((sheet, record.row))
            if found:
                message = row_message(found)
                results.append(
                    RowResult(sheet, record.row, Status.UNGUELTIG, message, findings=found)
                )
            elif record.written.get("status") == Status.UNGUELTIG.value:
                results.append(RowResult(sheet, record.row, Status.LEER, ""))
    return results


def row_message(findings: list[Finding]) -> str:
    """One Meldung naming every problem of a row: "Telefon: …; E-Mail: …"."""
    parts = []
    for finding in findings:
        text = finding.message.rstrip(". ")
        if finding.column and not text.startswith(finding.column):
            text = f"{finding.column}: {text}"
        parts.append(text)
    return "; ".join(parts) + "."


def write_validation(data: WorkbookData, report: Report) -> Writeback:
    """Mark `report`'s findings in the workbook `data` was read from, and save it."""
    check_writable(data.path)
    writer = WorkbookWriter(data.path)
    for sheet in data.sheets:
        for row in writer.marked_rows(sheet):
            writer.clear_marks(sheet, row)
    writer.mark_findings(report.findings)
    results = row_results(data, report.findings)
    for result in results:
        writer.write_result(result)
    writer.write_report(report)
    writer.save()
    invalid = sum(1 for r in results if r.status is Status.UNGUELTIG)
    return Writeback(invalid, len(results) - invalid, writer.backup)
