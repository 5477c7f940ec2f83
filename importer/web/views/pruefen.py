"""Prüfen: the findings of the chosen workbook as a table, filtered by sheet and problem type;
"erneut prüfen" reads the workbook again (after the user fixed it in Excel)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from flask import Blueprint, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from importer.errors import ImporterError
from importer.model import Finding
from importer.overview import sheet_counts
from importer.validation.codes import CODES
from importer.web.workspace import Checked, current_workspace
from importer.workbook.columns import SHEETS_BY_NAME

blueprint = Blueprint("pruefen", __name__)

LOGO_MISSING = "logo-fehlt"


@dataclass(frozen=True)
class FindingRow:
    sheet: str
    row: int
    column: str
    value: str
    message: str
    sent: str
    code: str


@blueprint.get("/pruefen")
def page() -> Response | str:
    chosen = current_workspace().chosen
    if chosen is None or chosen.checked is None:
        return redirect(url_for("start.page"))
    return render_page(chosen.checked)


@blueprint.post("/pruefen")
def again() -> Response | tuple[str, int]:
    space = current_workspace()
    try:
        space.validate()
    except ImporterError as error:
        checked = space.chosen.checked if space.chosen else None
        if checked is None:
            return render_template("start.html", error=error.message), 400
        return render_page(checked, error=error.message), 400
    return redirect(url_for("pruefen.page"), code=303)


def render_page(checked: Checked, error: str | None = None) -> str:
    sheet, code = request.args.get("blatt", ""), request.args.get("code", "")
    findings = checked.report.findings
    shown = [
        f for f in findings if (not sheet or f.sheet == sheet) and (not code or f.code == code)
    ]
    return render_template(
        "pruefen.html",
        checked=checked,
        counts=sheet_counts(checked.data, findings),
        codes=sorted(Counter(f.code for f in findings).items()),
        rules={c: CODES[c].rule for c in CODES},
        rows=finding_rows(checked, shown),
        sheet=sheet,
        code=code,
        logo_missing=any(f.code == LOGO_MISSING for f in findings),
        error=error,
    )


def finding_rows(checked: Checked, findings: list[Finding]) -> list[FindingRow]:
    """The findings with the cell's content and the value that would be sent."""
    records = {(r.sheet, r.row): r for rows in checked.data.sheets.values() for r in rows}
    rows = []
    for finding in findings:
        field = field_of(finding) or ""
        record = records.get((finding.sheet, finding.row))
        value = record.values.get(field) if record else None
        sent = checked.report.normalized.get((finding.sheet, finding.row), {}).get(field)
        rows.append(
            FindingRow(
                finding.sheet,
                finding.row,
                finding.column or "",
                shown(value),
                finding.message,
                sent or "",
                finding.code,
            )
        )
    return rows


def field_of(finding: Finding) -> str | None:
    sheet = SHEETS_BY_NAME.get(finding.sheet)
    if sheet is None or finding.column is None:
        return None
    return next((c.field for c in sheet.columns if c.header == finding.column), None)


def shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
