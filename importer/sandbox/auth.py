"""Anmeldung (one or two steps), Abmelden, and the server-side sessions with their expiry."""

from __future__ import annotations

import hmac
import re
import secrets
import time
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from werkzeug.wrappers import Response as WerkzeugResponse

from importer.sandbox.db import get_db, write_transaction
from importer.sandbox.texts import t
from importer.sandbox.web import runtime, wants_json

bp = Blueprint("auth", __name__)

SESSION_EXPIRED = "Ihre Sitzung ist abgelaufen"
LOGIN_FAILED = "Benutzername oder Passwort falsch"
# last_seen is written at most this often, to keep writes off most page views
TOUCH_INTERVAL = 1.0
_UNSAFE_IN_TARGET = re.compile(r"[\x00-\x1f\x7f\\]")
LOGIN_NAME = "anmeldename"  # the name of step one, kept in the cookie session for step two


@bp.route("/anmeldung", methods=("GET", "POST"))
def login() -> ResponseReturnValue:
    """Name and password (einstufig), or the name and "Weiter" (zweistufig)."""
    two_steps = runtime().config.anmeldung == "zweistufig"
    error = None
    if request.method == "POST":
        username = request.form.get("benutzername", "")
        if two_steps:
            session[LOGIN_NAME] = username
            return redirect(url_for("auth.password", weiter=request.args.get("weiter")))
        if _password_matches(username, request.form.get("passwort", "")):
            return _logged_in(username)
        error = t(LOGIN_FAILED)
    return render_template(
        "login.html", step="name" if two_steps else "both", error=error,
        username=request.form.get("benutzername"),
    )  # fmt: skip


@bp.route("/anmeldung/passwort", methods=("GET", "POST"))
def password() -> ResponseReturnValue:
    """Step two of a two-step login: the name of step one is shown, the password asked."""
    if runtime().config.anmeldung != "zweistufig":
        abort(404)
    username = session.get(LOGIN_NAME)
    if username is None:
        return redirect(url_for("auth.login", weiter=request.args.get("weiter")))
    error = None
    if request.method == "POST":
        if _password_matches(username, request.form.get("passwort", "")):
            return _logged_in(username)
        error = t(LOGIN_FAILED)
    return render_template("login.html", step="password", error=error, username=username)


@bp.post("/abmelden")
def logout() -> WerkzeugResponse:
    with write_transaction(get_db()) as db:
        db.execute("DELETE FROM login_session WHERE id = ?", (session.get("sid"),))
    session.clear()
    flash(t("Sie wurden abgemeldet."), "info")
    return redirect(url_for("auth.login"))


def _password_matches(username: str, password: str) -> bool:
    user = runtime().users.get(username)
    # compared even for an unknown name, so the answer takes as long and reads the same
    expected = user.password if user is not None else secrets.token_hex(16)
    return hmac.compare_digest(expected.encode(), password.encode()) and user is not None


def _logged_in(username: str) -> WerkzeugResponse:
    lifetime = runtime().faults.session_lifetime()
    now = time.time()
    sid = secrets.token_urlsafe(24)
    with write_transaction(get_db()) as db:
        db.execute(
            "INSERT INTO login_session (id, username, last_seen, expires_at) VALUES (?, ?, ?, ?)",
            (sid, username, now, None if lifetime is None else now + lifetime),
        )
    session.clear()  # a new CSRF token after login
    session["sid"] = sid
    return redirect(_safe_target(request.args.get("weiter")))


def require_session() -> WerkzeugResponse | None:
    """Set `g.user` from a live session, or answer with the way to the login page."""
    sid = session.get("sid")
    if sid is None:
        return _to_login(expired=False)
    row = get_db().execute("SELECT * FROM login_session WHERE id = ?", (sid,)).fetchone()
    now = time.time()
    timeout = runtime().config.session_timeout
    alive = (
        row is not None
        and now - row["last_seen"] <= timeout
        and (row["expires_at"] is None or now <= row["expires_at"])
    )
    if not alive:
        _end_session(sid)
        return _to_login(expired=True)
    g.user = runtime().users[row["username"]]
    g.working_mandant_id = row["mandant_id"]
    if now - row["last_seen"] > TOUCH_INTERVAL:
        with write_transaction(get_db()) as db:
            db.execute("UPDATE login_session SET last_seen = ? WHERE id = ?", (now, sid))
    return None


def choose_working_mandant(mandant_id: int) -> None:
    """Store the Mandant picked in the selector with the server-side session."""
    with write_transaction(get_db()) as db:
        db.execute(
            "UPDATE login_session SET mandant_id = ? WHERE id = ?", (mandant_id, session["sid"])
        )


def _end_session(sid: str) -> None:
    with write_transaction(get_db()) as db:
        db.execute("DELETE FROM login_session WHERE id = ?", (sid,))
    runtime().faults.record("session_expired")
    session.clear()
    flash(t(SESSION_EXPIRED), "warning")


def _to_login(expired: bool) -> WerkzeugResponse:
    page_request = request.method == "GET" and not wants_json()
    target = request.full_path.rstrip("?") if page_request else _referrer_path()
    login_url = url_for("auth.login", weiter=target) if target else url_for("auth.login")
    if wants_json():
        message = t(SESSION_EXPIRED) if expired else t("Bitte melden Sie sich an.")
        response = jsonify(message=message, redirect=login_url)
        response.status_code = 401
        return response
    return redirect(login_url)


def _referrer_path() -> str | None:
    """The page a script request came from: the page to come back to after logging in."""
    if not request.referrer:
        return None
    parts = urlsplit(request.referrer)
    if parts.netloc != request.host:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _safe_target(target: str | None) -> str:
    """Only a path on this site; anything else goes to the start page.

    Browsers drop tabs and line breaks from an address and read "\\" as "/", so
    "/<tab>/evil.example" or "/\\evil.example" would lead to another site.
    """
    if (
        not target
        or not target.startswith("/")
        or target.startswith("//")
        or _UNSAFE_IN_TARGET.search(target)
    ):
        return url_for("shell.start")
    return target
