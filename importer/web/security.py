"""Who may use the page: only this machine's browser that opened the address with the secret.

- `Host` must be 127.0.0.1:<port> or localhost:<port> (a page of another site that a DNS
  rebinding points at 127.0.0.1 names its own host) - else 400.
- The address the command opens carries the secret (`?zugang=…`): the first visit stores it in
  an HttpOnly, SameSite=Strict cookie and redirects to the same address without it. Every
  other request without that cookie is refused (403): another local user, or another page in
  the browser, does not know the secret. Only the package's static files (style sheet,
  script) are served without it, so that the refusal page has its look.
- Every POST carries the CSRF token of the page it came from (form field or header).
"""

from __future__ import annotations

import hmac

from flask import Flask, abort, current_app, redirect, render_template, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge
from werkzeug.wrappers import Response

from importer.web.config import WebConfig

COOKIE = "amt24_zugang"
SECRET_PARAMETER = "zugang"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
# Our pages load only our own files; evidence pages of the AdminCenter get no scripts at all.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)

REFUSALS = {
    400: (
        "Anfrage abgelehnt",
        "Diese Seite ist nur unter 127.0.0.1 oder localhost erreichbar. Bitte öffnen Sie die "
        "Adresse, die das Fenster von „amt24-import oberflaeche“ anzeigt.",
    ),
    403: (
        "Zugang verweigert",
        "Diese Seite öffnet nur der Browser, der die Adresse mit dem Zugangsschlüssel erhalten "
        "hat. Bitte öffnen Sie die vollständige Adresse, die das Fenster von "
        "„amt24-import oberflaeche“ anzeigt (sie endet auf ?zugang=…).",
    ),
    "csrf": (
        "Sicherheitsprüfung fehlgeschlagen",
        "Das Formular stammt nicht von dieser Seite oder ist veraltet. Bitte laden Sie die "
        "Seite neu und versuchen Sie es noch einmal.",
    ),
    404: ("Nicht gefunden", "Diese Seite oder Datei gibt es nicht."),
    405: ("Nicht erlaubt", "Diese Adresse lässt sich so nicht aufrufen."),
}


def config() -> WebConfig:
    web_config: WebConfig = current_app.extensions["amt24_config"]
    return web_config


def install(app: Flask) -> None:
    app.before_request(check_request)
    app.after_request(add_headers)
    app.register_error_handler(RequestEntityTooLarge, too_large)
    app.register_error_handler(HTTPException, refused)
    app.jinja_env.globals["csrf_token"] = lambda: config().csrf_token


def check_request() -> ResponseReturnValue | None:
    settings = config()
    if request.host not in settings.allowed_hosts:
        abort(400)
    given = request.args.get(SECRET_PARAMETER)
    if given is not None:
        return accept_secret(given, settings)
    if request.endpoint == "static":  # the package's own style sheet and script: no data
        return None
    if not same(request.cookies.get(COOKIE), settings.secret):
        abort(403)
    if request.method == "POST":
        token = request.headers.get(CSRF_HEADER) or request.form.get(CSRF_FIELD)
        if not same(token, settings.csrf_token):
            return refusal_page("csrf", 403)
    return None


def accept_secret(given: str, settings: WebConfig) -> Response:
    """The opened address: store the secret in the cookie, then show the address without it."""
    if not same(given, settings.secret):
        abort(403)
    response = redirect(request.path, code=303)
    response.set_cookie(COOKIE, settings.secret, httponly=True, samesite="Strict", path="/")
    return response


def same(given: str | None, expected: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


def add_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"
    return response


def too_large(_error: RequestEntityTooLarge) -> tuple[str, int]:
    limit = config().max_upload // (1024 * 1024)
    text = (
        f"Die hochgeladenen Dateien sind zusammen größer als {limit} MB. Bitte laden Sie nur "
        "die Arbeitsmappe und ihre Logos hoch, oder wählen Sie die Mappe über ihren Pfad auf "
        "diesem Rechner."
    )
    return render_template("fehler.html", title="Datei zu groß", text=text), 413


def refused(error: HTTPException) -> tuple[str, int] | HTTPException:
    code = error.code or 500
    if code not in REFUSALS:
        return error
    return refusal_page(code, code)


def refusal_page(key: int | str, status: int) -> tuple[str, int]:
    title, text = REFUSALS[key]
    return render_template("fehler.html", title=title, text=text), status
