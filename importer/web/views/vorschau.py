"""Vorschau: what a run would do, per Mandant (anlegen / ändern / unverändert / ungültig /
nicht möglich) with the changed fields old → new, and the totals. Nothing is changed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from importer.errors import ImporterError
from importer.overview import PLAN_WORDS, plan_rows
from importer.runner.summary import COUNTED, RunSummary
from importer.web.workspace import PLAN, current_workspace

blueprint = Blueprint("vorschau", __name__)


@dataclass
class MandantPlan:
    mandant: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    counts: list[tuple[str, int]] = field(default_factory=list)


@blueprint.get("/vorschau")
def page() -> str:
    return render_page()


@blueprint.post("/vorschau")
def start() -> Response | tuple[str, int]:
    try:
        current_workspace().start_plan(request.form.get("auftrag", ""))
    except ImporterError as error:
        return render_page(error.message), 400
    return redirect(url_for("vorschau.page"), code=303)


def render_page(error: str | None = None) -> str:
    space = current_workspace()
    job = space.latest(PLAN)
    summary = job.result if job is not None else None
    return render_template(
        "vorschau.html",
        job=job,
        summary=summary,
        groups=plan_groups(summary) if summary is not None else [],
        words=[PLAN_WORDS[a] for a in COUNTED],
        totals=[(PLAN_WORDS[a], summary.totals().count(a)) for a in COUNTED] if summary else [],
        connection=space.connection,
        error=error,
    )


def plan_groups(summary: RunSummary) -> list[MandantPlan]:
    """The plan's rows per Mandant, in workbook order, each with its counts."""
    groups: dict[str, MandantPlan] = {}
    for entry in summary.per_mandant():
        counts = [(PLAN_WORDS[a], entry.count(a)) for a in COUNTED]
        groups[entry.mandant] = MandantPlan(entry.mandant, counts=counts)
    for row in plan_rows(summary):
        groups.setdefault(row["mandant"], MandantPlan(row["mandant"])).rows.append(row)
    return list(groups.values())
