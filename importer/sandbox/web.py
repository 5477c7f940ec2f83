"""What every blueprint needs per request: CSRF token, the user, their Mandanten, answers."""

from __future__ import annotations

import secrets
import sqlite3
from typing import TYPE_CHECKING

from flask import Response, abort, current_app, g, jsonify, request, session

from importer.sandbox.config import SandboxUser
from importer.sandbox.db import get_db

if TYPE_CHECKING:
    from importer.sandbox.runtime import SandboxRuntime


def runtime() -> SandboxRuntime:
    return current_app.extensions["sandbox"]


def csrf_token() -> str:
    """The session's token against cross-site request forgery, created on first use."""
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def wants_json() -> bool:
    return "application/json" in request.headers.get("Accept", "")


def current_user() -> SandboxUser:
    return g.user


_UMLAUTS = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})


def by_name(rows: list[sqlite3.Row]) -> list[sqlite3.Row]:
    """Sorted like a German list (DIN 5007-1: ä as a, ß as ss), not by code points."""
    return sorted(rows, key=lambda row: (row["name"].casefold().translate(_UMLAUTS), row["id"]))


def my_mandanten() -> list[sqlite3.Row]:
    """The Mandanten the current user may manage, by name."""
    rows = get_db().execute("SELECT id, name FROM mandant").fetchall()
    user = current_user()
    return by_name([row for row in rows if user.may_manage(row["name"])])


def mandant_or_abort(mandant_id: int) -> sqlite3.Row:
    """The Mandant, or 404 when unknown, or 403 "Keine Berechtigung" when not the user's."""
    row = get_db().execute("SELECT * FROM mandant WHERE id = ?", (mandant_id,)).fetchone()
    if row is None:
        abort(404)
    if not current_user().may_manage(row["name"]):
        abort(403)
    return row


def working_mandant() -> sqlite3.Row:
    """The Mandant chosen in the selector (stored with the session), else the user's first
    (the one configured first).

    Answers 403 when the user may manage no Mandant at all.
    """
    mine = my_mandanten()
    if not mine:
        abort(403)
    chosen = g.get("working_mandant_id")
    mandant_id = chosen if any(m["id"] == chosen for m in mine) else min(m["id"] for m in mine)
    return mandant_or_abort(mandant_id)


def generation() -> str:
    """The generation of the imitated AdminCenter: "neu" or "klassisch"."""
    return runtime().config.oberflaeche


def only_in(name: str) -> None:
    """404 for a route that the other generation does not have (klassisch has no Umhängen)."""
    if generation() != name:
        abort(404)


def answer(message: str, status: int = 200, **extra: object) -> Response:
    """A script request's JSON answer: `message`, `errors` (field errors) and more."""
    response = jsonify(message=message, **{"errors": {}, **extra})
    response.status_code = status
    return response


def sent_json() -> dict[str, object]:
    """The JSON object a script sent; 400 when the body is none."""
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        abort(400)
    return payload
