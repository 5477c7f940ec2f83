"""Start: choose a workbook (upload with its logos, or a path on this machine), get the
template, and download the chosen workbook (marked, or with the run's results)."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, send_file, url_for
from werkzeug.wrappers import Response

from importer.errors import ImporterError
from importer.web.uploads import Upload
from importer.web.workspace import current_workspace

blueprint = Blueprint("start", __name__)

TEMPLATE_NAME = "amt24-import-vorlage.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@blueprint.get("/")
def page() -> str:
    return render_template("start.html")


@blueprint.post("/mappe/hochladen")
def upload() -> Response | tuple[str, int]:
    files = [f for f in request.files.getlist("dateien") if f.filename]
    if not files:
        return failed("Bitte wählen Sie eine Arbeitsmappe (.xlsx) aus.")
    uploads = [Upload(f.filename or "", f.stream) for f in files]
    try:
        current_workspace().choose_upload(uploads)
    except ImporterError as error:
        return failed(error.message)
    return redirect(url_for("pruefen.page"), code=303)


@blueprint.post("/mappe/pfad")
def by_path() -> Response | tuple[str, int]:
    try:
        current_workspace().choose_path(request.form.get("pfad", ""))
    except ImporterError as error:
        return failed(error.message, path=request.form.get("pfad", ""))
    return redirect(url_for("pruefen.page"), code=303)


def failed(message: str, path: str = "") -> tuple[str, int]:
    return render_template("start.html", error=message, path=path), 400


@blueprint.get("/vorlage")
def template() -> Response:
    from importer.workbook.template import write_template

    path = write_template(current_workspace().config.folder / TEMPLATE_NAME)
    return send_file(path, mimetype=XLSX, as_attachment=True, download_name=TEMPLATE_NAME)


@blueprint.get("/mappe/herunterladen")
def download() -> Response:
    chosen = current_workspace().chosen
    if chosen is None:
        return redirect(url_for("start.page"))
    return send_file(chosen.path, mimetype=XLSX, as_attachment=True, download_name=chosen.name)
