"""Step "select": which rows a run must send, which are invalid, which stay untouched.

A row is sent when it passes the filters, is valid, and is not `OK` with a Prüfsumme equal to
the fingerprint of its current data (an `OK` without matching Prüfsumme counts as changed).
Hidden rows are processed like visible ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from importer.model import Action, Finding, Record, RowResult, Status, name_key
from importer.runner.options import RunOptions
from importer.workbook.columns import (
    DATA_SHEETS,
    ORGANISATIONSEINHEITEN,
    SHEETS_BY_NAME,
    fingerprint,
)
from importer.workbook.data import WorkbookData

if TYPE_CHECKING:  # validation imports pandas and pandera: slow, and only needed when run
    from importer.validation.validate import ValidationReport


@dataclass
class Row:
    """A row to send: the record, the values to send (normalized) and its fingerprint."""

    record: Record
    values: dict[str, str | None]
    fingerprint: str

    @property
    def sheet(self) -> str:
        return self.record.sheet

    @property
    def number(self) -> int:
        return self.record.row

    @property
    def mandant(self) -> str:
        return self.values.get("mandant") or self.record.mandant

    def result(
        self, status: Status, message: str, action: Action, oe_id: str | None = None
    ) -> RowResult:
        """The row's result; only an OK stores the fingerprint (re-runs skip it while unchanged)."""
        current = self.fingerprint if status == Status.OK else None
        return RowResult(
            self.sheet,
            self.number,
            status,
            message,
            action=action,
            oe_id=oe_id,
            fingerprint=current,
        )


@dataclass
class Selection:
    """`todo[sheet]` rows to send in workbook order; `invalid` and `unchanged` results;
    `invalid_units[(Mandant key, name key)]` the row of each invalid unit (its children fail)."""

    todo: dict[str, list[Row]] = field(default_factory=dict)
    invalid: list[RowResult] = field(default_factory=list)
    unchanged: list[RowResult] = field(default_factory=list)
    mandant_of: dict[tuple[str, int], str] = field(default_factory=dict)
    invalid_units: dict[tuple[str, str], int] = field(default_factory=dict)

    @property
    def rows(self) -> list[Row]:
        return [row for rows in self.todo.values() for row in rows]

    def mandanten(self) -> list[str]:
        """Mandanten with rows to send, in order of first appearance."""
        return list(dict.fromkeys(row.mandant for row in self.rows))


def select_rows(data: WorkbookData, report: ValidationReport, options: RunOptions) -> Selection:
    selection = Selection()
    wanted = {name_key(m) for m in options.mandanten}
    for sheet in DATA_SHEETS:
        for record in data.records(sheet.name):
            if wanted and name_key(record.mandant) not in wanted:
                continue
            if options.rows is not None and record.row not in options.rows:
                continue
            selection.mandant_of[(sheet.name, record.row)] = record.mandant
            _classify(selection, record, report)
    return selection


def _classify(selection: Selection, record: Record, report: ValidationReport) -> None:
    findings = report.findings_for(record.sheet, record.row)
    if findings:
        selection.invalid.append(invalid_result(record, findings))
        if record.sheet == ORGANISATIONSEINHEITEN.name and record.values.get("name"):
            unit = (name_key(record.mandant), name_key(record.values["name"]))
            selection.invalid_units[unit] = record.row
        return
    current = fingerprint(SHEETS_BY_NAME[record.sheet], record.values)
    written = record.written
    if written.get("status") == Status.OK.value and written.get("pruefsumme") == current:
        selection.unchanged.append(
            RowResult(
                record.sheet,
                record.row,
                Status.OK,
                str(written.get("meldung") or ""),
                action=Action.UEBERSPRUNGEN,
                fingerprint=current,
            )
        )
        return
    values = report.normalized.get((record.sheet, record.row), {})
    selection.todo.setdefault(record.sheet, []).append(Row(record, dict(values), current))


def invalid_result(record: Record, findings: list[Finding]) -> RowResult:
    message = "; ".join(_finding_text(f) for f in findings)
    return RowResult(
        record.sheet,
        record.row,
        Status.UNGUELTIG,
        message,
        action=Action.UNGUELTIG,
        findings=list(findings),
    )


def _finding_text(finding: Finding) -> str:
    if finding.column and not finding.message.startswith(finding.column):
        return f"{finding.column}: {finding.message}"
    return finding.message
