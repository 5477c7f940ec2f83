"""Benutzerverwaltung: Benutzer, Mandanten, Impressum, Datenschutzbeauftragter, Bild."""

from __future__ import annotations

import json

from flask import Blueprint, Response, abort, flash, redirect, render_template, request
from flask.typing import ResponseReturnValue

from importer.sandbox.db import get_db, write_transaction
from importer.sandbox.forms import DATENSCHUTZ_FIELDS, IMPRESSUM_FIELDS, form_values, validate
from importer.sandbox.images import LogoRejected, check_logo
from importer.sandbox.web import mandant_or_abort, my_mandanten, runtime, t

bp = Blueprint("mandanten", __name__)

# The JSON columns of table mandant edited by a form: form fields, heading, confirmation.
FORMS = {
    "impressum": (IMPRESSUM_FIELDS, "Impressum", "Impressum gespeichert"),
    "datenschutz": (
        DATENSCHUTZ_FIELDS,
        "Datenschutzbeauftragter",
        "Datenschutzbeauftragter gespeichert",
    ),
}


@bp.get("/benutzer")
def users() -> str:
    mine = {row["name"] for row in my_mandanten()}
    visible = [u for u in runtime().users.values() if _shares_mandant(u.mandanten, mine)]
    return render_template("benutzer.html", users=visible)


@bp.get("/mandanten")
def index() -> str:
    return render_template("mandanten.html", mandanten=my_mandanten(), mandant=None)


@bp.get("/mandanten/<int:mandant_id>")
def detail(mandant_id: int) -> str:
    mandant = mandant_or_abort(mandant_id)
    return render_template("mandant_detail.html", mandanten=my_mandanten(), mandant=mandant)


@bp.get("/mandanten/<int:mandant_id>/benutzer")
def mandant_users(mandant_id: int) -> str:
    mandant = mandant_or_abort(mandant_id)
    users = [u for u in runtime().users.values() if u.may_manage(mandant["name"])]
    return render_template(
        "mandant_benutzer.html",
        users=users,
        mandant=mandant,
        mandanten=my_mandanten(),
        heading="Benutzer",
    )


@bp.get("/mandanten/<int:mandant_id>/mandanten")
def sub_mandanten(mandant_id: int) -> str:
    mandant = mandant_or_abort(mandant_id)
    return render_template(
        "mandant_untergeordnet.html", mandanten=my_mandanten(), mandant=mandant, heading="Mandanten"
    )


@bp.route("/mandanten/<int:mandant_id>/impressum", methods=("GET", "POST"))
def impressum(mandant_id: int) -> ResponseReturnValue:
    return _form_page(mandant_id, "impressum")


@bp.route("/mandanten/<int:mandant_id>/datenschutzbeauftragter", methods=("GET", "POST"))
def datenschutz(mandant_id: int) -> ResponseReturnValue:
    return _form_page(mandant_id, "datenschutz")


def _form_page(mandant_id: int, column: str) -> ResponseReturnValue:
    mandant = mandant_or_abort(mandant_id)
    fields, heading, confirmation = FORMS[column]
    errors: dict[str, str] = {}
    if request.method == "POST":
        values = form_values(fields)
        errors = validate(fields, values)
        if not errors:
            _save_json(mandant_id, column, values)
            flash(t(confirmation), "success")
            return redirect(request.path)
    else:
        values = json.loads(mandant[column] or "{}")
    return render_template(
        "mandant_form.html",
        mandanten=my_mandanten(),
        mandant=mandant,
        fields=fields,
        values=values,
        errors=errors,
        heading=heading,
    )


def _save_json(mandant_id: int, column: str, values: dict[str, str]) -> None:
    if column not in FORMS:
        raise ValueError(column)
    with write_transaction(get_db()) as db:
        db.execute(
            f"UPDATE mandant SET {column} = ? WHERE id = ?",  # noqa: S608 (column from FORMS)
            (json.dumps(values, ensure_ascii=False), mandant_id),
        )


@bp.route("/mandanten/<int:mandant_id>/bild", methods=("GET", "POST"))
def bild(mandant_id: int) -> ResponseReturnValue:
    mandant = mandant_or_abort(mandant_id)
    error = None
    if request.method == "POST":
        upload = request.files.get("bild")
        try:
            logo = check_logo(upload.read() if upload else b"")
        except LogoRejected as rejected:
            error = t(str(rejected))
        else:
            with write_transaction(get_db()) as db:
                db.execute(
                    "UPDATE mandant SET logo = ?, logo_format = ?, logo_width = ?,"
                    " logo_height = ?, logo_sha256 = ? WHERE id = ?",
                    (logo.data, logo.format, logo.width, logo.height, logo.sha256, mandant_id),
                )
            flash(t("Bild gespeichert"), "success")
            return redirect(request.path)
    return render_template(
        "mandant_bild.html", mandanten=my_mandanten(), mandant=mandant, error=error, heading="Bild"
    )


@bp.get("/mandanten/<int:mandant_id>/bild/datei")
def bild_datei(mandant_id: int) -> Response:
    mandant = mandant_or_abort(mandant_id)
    if mandant["logo"] is None:
        abort(404)
    mimetype = "image/png" if mandant["logo_format"] == "PNG" else "image/jpeg"
    return Response(mandant["logo"], mimetype=mimetype)


def _shares_mandant(user_mandanten: tuple[str, ...] | None, mine: set[str]) -> bool:
    return user_mandanten is None or bool(mine.intersection(user_mandanten))
