"""Läufe: the earlier runs of the chosen workbook, and the files of their run folders (log and
evidence; only files directly inside a run folder of this workbook are served)."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, send_file, url_for
from werkzeug.wrappers import Response

from importer.web.runs import list_runs, run_file
from importer.web.workspace import current_workspace

blueprint = Blueprint("laeufe", __name__)

# AdminCenter pages saved as evidence: shown as page, but sandboxed (no scripts, own origin).
EVIDENCE_POLICY = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'"


@blueprint.get("/laeufe")
def page() -> Response | str:
    chosen = current_workspace().chosen
    if chosen is None:
        return redirect(url_for("start.page"))
    return render_template("laeufe.html", runs=list_runs(chosen.path))


@blueprint.get("/laeufe/<stamp>/<name>")
def file(stamp: str, name: str) -> Response:
    chosen = current_workspace().chosen
    path = run_file(chosen.path, stamp, name) if chosen is not None else None
    if path is None:
        abort(404)
    text = path.suffix in (".log", ".json")
    response = send_file(path, mimetype="text/plain" if text else None)
    if path.suffix in (".html", ".htm"):
        response.headers["Content-Security-Policy"] = EVIDENCE_POLICY
    return response
