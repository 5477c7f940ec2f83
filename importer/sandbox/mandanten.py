"""Mandanten: the list (the working Mandant), its panel, and the dialogs Impressum,
Datenschutzbeauftragter and Bild (fragments fetched by the page's script, saved by fetch)."""

from __future__ import annotations

import json

from flask import Blueprint, Response, abort, render_template, request
from flask.typing import ResponseReturnValue

from importer.sandbox.db import get_db, write_transaction
from importer.sandbox.forms import DATENSCHUTZ_FIELDS, IMPRESSUM_FIELDS, form_values, validate
from importer.sandbox.images import LogoRejected, check_logo
from importer.sandbox.texts import t
from importer.sandbox.web import answer, mandant_or_abort, working_mandant

bp = Blueprint("mandanten", __name__, url_prefix="/mandanten")

CORRECT_INPUT = "Bitte korrigieren Sie die markierten Eingaben."
# The superior Mandant every Mandant of the sandbox shows (as in the screenshots).
SUPERIOR = "Freistaat Sachsen"
# The JSON columns of table mandant edited by a dialog: fields, page title, confirmation.
FORMS = {
    "impressum": (IMPRESSUM_FIELDS, "Impressum", "Impressum gespeichert"),
    "datenschutz": (
        DATENSCHUTZ_FIELDS,
        "Datenschutzbeauftragter",
        "Datenschutzbeauftragter gespeichert",
    ),
}


@bp.get("")
def index() -> str:
    return render_template("mandanten.html", mandanten=[working_mandant()], superior=SUPERIOR)


@bp.get("/<int:mandant_id>/panel")
def panel(mandant_id: int) -> str:
    return render_template(
        "mandant_panel.html", mandant=mandant_or_abort(mandant_id), superior=SUPERIOR
    )


@bp.route("/<int:mandant_id>/impressum", methods=("GET", "POST"))
def impressum(mandant_id: int) -> ResponseReturnValue:
    return _form_dialog(mandant_id, "impressum")


@bp.route("/<int:mandant_id>/datenschutzbeauftragter", methods=("GET", "POST"))
def datenschutz(mandant_id: int) -> ResponseReturnValue:
    return _form_dialog(mandant_id, "datenschutz")


def _form_dialog(mandant_id: int, column: str) -> ResponseReturnValue:
    """GET: the dialog with the stored values; POST: check and save, answer JSON."""
    mandant = mandant_or_abort(mandant_id)
    fields, page, confirmation = FORMS[column]
    if request.method == "GET":
        values = json.loads(mandant[column] or "{}")
        return render_template(
            "mandant_dialog.html", mandant=mandant, fields=fields, values=values, page=page,
            action=request.path,
        )  # fmt: skip
    values = form_values(fields)
    errors = validate(fields, values)
    if errors:
        return answer(t(CORRECT_INPUT), 422, errors=errors)
    with write_transaction(get_db()) as db:
        db.execute(
            f"UPDATE mandant SET {column} = ? WHERE id = ?",  # noqa: S608 (column from FORMS)
            (json.dumps(values, ensure_ascii=False), mandant_id),
        )
    return answer(t(confirmation))


@bp.route("/<int:mandant_id>/bild", methods=("GET", "POST"))
def bild(mandant_id: int) -> ResponseReturnValue:
    mandant = mandant_or_abort(mandant_id)
    if request.method == "GET":
        return render_template("mandant_bild.html", mandant=mandant)
    upload = request.files.get("bild")
    try:
        logo = check_logo(upload.read() if upload else b"")
    except LogoRejected as rejected:
        return answer(t(CORRECT_INPUT), 422, errors={"bild": t(str(rejected))})
    with write_transaction(get_db()) as db:
        db.execute(
            "UPDATE mandant SET logo = ?, logo_format = ?, logo_width = ?,"
            " logo_height = ?, logo_sha256 = ? WHERE id = ?",
            (logo.data, logo.format, logo.width, logo.height, logo.sha256, mandant_id),
        )
    return answer(t("Bild gespeichert"))


@bp.get("/<int:mandant_id>/bild/datei")
def bild_datei(mandant_id: int) -> Response:
    mandant = mandant_or_abort(mandant_id)
    if mandant["logo"] is None:
        abort(404)
    mimetype = "image/png" if mandant["logo_format"] == "PNG" else "image/jpeg"
    return Response(mandant["logo"], mimetype=mimetype)
