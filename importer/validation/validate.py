"""validate_workbook: every rule on every row (hidden ones too) → one ValidationReport."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from importer.model import Finding, Record
from importer.validation import crosscheck, values
from importer.validation.codes import CODES, message
from importer.validation.logo import check_logo
from importer.validation.merged import merged_findings
from importer.validation.schema import schema_findings
from importer.workbook.columns import DATA_SHEETS, FILE, LOGO, ORGANISATIONSEINHEITEN, Sheet
from importer.workbook.data import WorkbookData

_SHEET_ORDER = {sheet.name: index for index, sheet in enumerate(DATA_SHEETS)}
_COLUMN_ORDER = {
    (sheet.name, column.header): index
    for sheet in DATA_SHEETS
    for index, column in enumerate(sheet.columns)
}
_CODE_ORDER = {code: index for index, code in enumerate(CODES)}


@dataclass
class ValidationReport:
    """Findings in sheet, row and column order, and per (sheet, row) the values to send.

    `normalized[(sheet, row)][field]` is None where the cell is empty or its value is invalid;
    rows with findings keep the values of their other fields.
    """

    findings: list[Finding] = field(default_factory=list)
    normalized: dict[tuple[str, int], dict[str, str | None]] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return not self.findings

    def findings_for(self, sheet: str, row: int) -> list[Finding]:
        return list(self._by_row.get((sheet, row), ()))

    @cached_property
    def _by_row(self) -> dict[tuple[str, int], list[Finding]]:
        """Findings by (sheet, row): the runner asks once per row of a large workbook."""
        by_row: dict[tuple[str, int], list[Finding]] = {}
        for finding in self.findings:
            by_row.setdefault((finding.sheet, finding.row), []).append(finding)
        return by_row

    def rows_with_findings(self, sheet: str) -> set[int]:
        return {f.row for f in self.findings if f.sheet == sheet}

    def to_json(self) -> list[dict[str, Any]]:
        return [
            {
                "sheet": f.sheet,
                "row": f.row,
                "column": f.column,
                "code": f.code,
                "message": f.message,
            }
            for f in self.findings
        ]


def validate_workbook(
    data: WorkbookData, *, known_units: dict[str, set[str]] | None = None
) -> ValidationReport:
    """Check every data row of every sheet present.

    `known_units` are the unit names per Mandant that already exist in the AdminCenter: a
    parent may be one of them instead of a row of the sheet.
    """
    findings: list[Finding] = []
    normalized: dict[tuple[str, int], dict[str, str | None]] = {}
    for sheet in DATA_SHEETS:
        records = data.records(sheet.name)
        if not records:
            continue
        sheet_values = {r.row: _normalized(sheet, r) for r in records}
        findings += _cell_findings(sheet, records, data)
        if sheet is LOGO:
            findings += _logo_findings(records, sheet_values, data.folder)
        if sheet is ORGANISATIONSEINHEITEN:
            findings += crosscheck.unit_findings(sheet_values, known_units or {})
        else:
            findings += crosscheck.mandant_duplicates(sheet, sheet_values)
        normalized.update({(sheet.name, row): v for row, v in sheet_values.items()})
    return ValidationReport(_ordered(findings), normalized)


def _normalized(sheet: Sheet, record: Record) -> dict[str, str | None]:
    """The value to send per field; None where empty, invalid or a formula without result."""
    return {
        c.field: None
        if c.field in record.formula_without_value
        else values.normalize(c.kind, record.values.get(c.field), c.header).value
        for c in sheet.columns
    }


def _cell_findings(sheet: Sheet, records: list[Record], data: WorkbookData) -> list[Finding]:
    """Schema findings, except at cells that have a finding of their own: a formula without
    result (`formel-ohne-wert`) or a cell covered by merged cells (`zelle-verbunden`). Their
    empty value is no mistake of its own."""
    formulas = [
        Finding(sheet.name, r.row, header, "formel-ohne-wert", message("formel-ohne-wert", header))
        for r in records
        for header in (sheet.column(name).header for name in r.formula_without_value)
    ]
    merged = merged_findings(
        sheet, records, data.columns.get(sheet.name, {}), data.merged.get(sheet.name, [])
    )
    own = formulas + merged
    taken = {(f.row, f.column) for f in own}
    schema = [f for f in schema_findings(sheet, records) if (f.row, f.column) not in taken]
    return schema + own


def _logo_findings(
    records: list[Record], sheet_values: dict[int, dict[str, str | None]], folder: Path
) -> list[Finding]:
    """File checks for every valid Bilddatei; the value to send becomes the absolute path."""
    column = next(c for c in LOGO.columns if c.kind == FILE)
    checked: dict[str, tuple[str | None, list[tuple[str, str]]]] = {}
    findings = []
    for record in records:
        text = sheet_values[record.row][column.field]
        if text is None:
            continue
        if text not in checked:
            checked[text] = check_logo(text, folder, column.header)
        path, problems = checked[text]
        sheet_values[record.row][column.field] = path
        findings += [
            Finding(LOGO.name, record.row, column.header, code, problem)
            for code, problem in problems
        ]
    return findings


def _ordered(findings: list[Finding]) -> list[Finding]:
    """Sheet order of the catalogue, row, column order, rule order; each finding once."""

    def order(f: Finding) -> tuple[int, int, int, int]:
        column = -1 if f.column is None else _COLUMN_ORDER.get((f.sheet, f.column), -1)
        return (_SHEET_ORDER[f.sheet], f.row, column, _CODE_ORDER[f.code])

    unique = {f.key(): f for f in reversed(findings)}
    return sorted(unique.values(), key=order)
