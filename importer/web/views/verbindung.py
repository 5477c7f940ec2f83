"""Verbindung: the AdminCenter's address and login (kept in memory only), then the read-only
label check with what it found, what is missing and the generation it recognised."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from importer.admincenter.credentials import Credentials
from importer.errors import ImporterError, UsageError
from importer.web.workspace import CHECK, Connection, current_workspace

blueprint = Blueprint("verbindung", __name__)


@blueprint.get("/verbindung")
def page() -> str:
    return render_page()


@blueprint.post("/verbindung")
def connect() -> Response | tuple[str, int]:
    space = current_workspace()
    try:
        connection = read_form(space.connection)
        space.connect(connection, request.form.get("auftrag", ""))
    except ImporterError as error:
        return render_page(error.message), 400
    return redirect(url_for("verbindung.page"), code=303)


def read_form(known: Connection | None) -> Connection:
    """The form's connection; an empty password keeps the one given before for this login."""
    url = request.form.get("url", "").strip()
    user = request.form.get("benutzer", "").strip()
    password = request.form.get("passwort", "")
    locators = request.form.get("beschriftungen", "").strip()
    if not url.startswith(("http://", "https://")):
        raise UsageError("Bitte die Adresse des AdminCenters mit http:// oder https:// angeben.")
    if not user:
        raise UsageError("Bitte den Benutzernamen angeben.")
    if not password and known is not None and known.credentials.user == user:
        password = known.credentials.password
    if not password:
        raise UsageError("Bitte das Passwort angeben.")
    if locators and not Path(locators).is_file():
        raise UsageError(f"Die Datei mit Beschriftungen „{locators}“ gibt es nicht.")
    return Connection(url, Credentials(user, password), Path(locators) if locators else None)


def render_page(error: str | None = None) -> str:
    space = current_workspace()
    job = space.latest(CHECK)
    report = job.result if job is not None else None
    return render_template(
        "verbindung.html",
        connection=space.connection,
        job=job,
        report=report,
        generation=getattr(report, "generation", None),
        unverified=getattr(report, "unverified", []),
        error=error,
    )
