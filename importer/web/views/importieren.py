"""Import: start the run, follow it, stop it (as Ctrl+C does); at the end the summary, the
failed rows with their evidence, and the workbook with the results to download."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from importer.errors import ImporterError
from importer.model import Status
from importer.overview import count_rows, sorted_results
from importer.runner.summary import COUNTED, RunSummary
from importer.web.runs import evidence_files
from importer.web.workspace import RUN, current_workspace

blueprint = Blueprint("importieren", __name__)


@dataclass(frozen=True)
class FailedRow:
    sheet: str
    row: int
    mandant: str
    status: str
    message: str
    evidence: list[str]


@blueprint.get("/import")
def page() -> str:
    return render_page()


@blueprint.post("/import")
def start() -> Response | tuple[str, int]:
    try:
        current_workspace().start_run(request.form.get("auftrag", ""))
    except ImporterError as error:
        return render_page(error.message), 400
    return redirect(url_for("importieren.page"), code=303)


@blueprint.post("/import/anhalten")
def stop() -> Response:
    current_workspace().slot.stop(request.form.get("auftrag", ""))
    return redirect(url_for("importieren.page"), code=303)


def render_page(error: str | None = None) -> str:
    space = current_workspace()
    job = space.latest(RUN)
    summary: RunSummary | None = job.result if job is not None else None
    return render_template(
        "importieren.html",
        job=job,
        summary=summary,
        counts=count_rows(summary) if summary is not None else [],
        counted=COUNTED,
        failed=failed_rows(summary) if summary is not None else [],
        stamp=summary.run_folder.name if summary and summary.run_folder else None,
        connection=space.connection,
        error=error,
    )


def failed_rows(summary: RunSummary) -> list[FailedRow]:
    bad = (Status.FEHLER, Status.UNGUELTIG)
    return [
        FailedRow(
            r.sheet,
            r.row,
            summary.mandant_of.get((r.sheet, r.row), ""),
            r.status.value,
            r.message,
            evidence_files(summary, r.sheet, r.row),
        )
        for r in sorted_results(summary)
        if r.status in bad
    ]
