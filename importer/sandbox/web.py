"""What every blueprint needs per request: labels, CSRF token, the user and their Mandanten."""

from __future__ import annotations

import secrets
import sqlite3
from typing import TYPE_CHECKING

from flask import abort, current_app, g, request, session

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
