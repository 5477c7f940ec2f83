"""Per-request behaviour: counting, latency and faults, login, CSRF, error pages, headers."""

from __future__ import annotations

import hmac
import time

from flask import (
    Flask,
    Response,
    abort,
    current_app,
    g,
    jsonify,
    render_template,
    request,
    session,
)
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response as WerkzeugResponse

from importer.sandbox.auth import require_session
from importer.sandbox.texts import relabel, t
from importer.sandbox.web import runtime, wants_json

# Requests the sandbox leaves alone: no counting, latency or faults, no login needed.
EXEMPT_BLUEPRINTS = {"inspection"}
EXEMPT_ENDPOINTS = {"static"}
NO_LOGIN_ENDPOINTS = {"auth.login", "auth.password"}
NO_WRITE_FAULT_ENDPOINTS = NO_LOGIN_ENDPOINTS
# Writes that may be stored and then answered 502 (the confirmation lost on the way).
LOSE_RESPONSE_ENDPOINTS = {
    "units.create",
    "units.stammdaten",
    "units.move",
    "channels.kommunikation",
    "channels.internetadressen",
}

ERROR_TEXTS = {
    400: (
        "Ungültige Anfrage",
        "Die Anfrage konnte nicht bestätigt werden. Bitte laden Sie die Seite neu und "
        "versuchen Sie es noch einmal.",
    ),
    403: ("Keine Berechtigung", "Sie haben keine Berechtigung für diese Seite."),
    404: ("Seite nicht gefunden", "Die angeforderte Seite gibt es nicht."),
    405: ("Nicht erlaubt", "Diese Aktion ist hier nicht erlaubt."),
    413: ("Datei zu groß", "Die gesendeten Daten sind zu groß."),
}
SERVER_ERROR = "Es ist ein Fehler aufgetreten"

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "frame-ancestors 'none'; form-action 'self'"
)


def register(app: Flask) -> None:
    app.before_request(_before_request)
    app.after_request(_after_request)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)


def _exempt() -> bool:
    return request.endpoint in EXEMPT_ENDPOINTS or request.blueprint in EXEMPT_BLUEPRINTS


def _before_request() -> WerkzeugResponse | None:
    if request.url_rule is None or _exempt():
        return None
    sandbox = runtime()
    sandbox.count_request(f"{request.method} {request.url_rule.rule}")
    delay = sandbox.latency_seconds() + sandbox.faults.slow_seconds()
    if delay > 0:
        time.sleep(delay)  # the sandbox imitates a slow network and server on purpose
    if request.endpoint not in NO_LOGIN_ENDPOINTS:
        answer = require_session()
        if answer is not None:
            return answer
    if request.method == "POST":
        _check_csrf()
        failing = request.endpoint not in NO_WRITE_FAULT_ENDPOINTS
        if failing and sandbox.faults.fail_write(request.endpoint):
            abort(500)
        if request.endpoint in LOSE_RESPONSE_ENDPOINTS:
            g.lose_response = sandbox.faults.lose_response_after_save()
    return None


def _check_csrf() -> None:
    sent = request.form.get("csrf_token") or request.headers.get("X-CSRF-Token") or ""
    expected = session.get("csrf", "")
    if not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        abort(400)


def _after_request(response: Response) -> Response:
    if g.pop("lose_response", False) and response.status_code < 300:
        runtime().faults.record("502_after_save")  # stored, but the answer is lost
        response = _error_response(502)
    _relabel(response)
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    if request.endpoint not in EXEMPT_ENDPOINTS:
        response.headers["Cache-Control"] = "no-store"
    return response


def _relabel(response: Response) -> None:
    """Texts a test renamed (`label_overrides`), replaced wherever a page shows them."""
    overrides = runtime().config.label_overrides
    if overrides and response.mimetype == "text/html" and not response.direct_passthrough:
        response.set_data(relabel(response.get_data(as_text=True), overrides))


def _http_error(error: HTTPException) -> Response:
    return _error_response(error.code or 500)


def _unexpected_error(error: Exception) -> Response:
    current_app.logger.exception("Unexpected error in the sandbox", exc_info=error)
    return _error_response(500)


def _error_response(status: int) -> Response:
    title, text = ERROR_TEXTS.get(status, (SERVER_ERROR, "Bitte versuchen Sie es später erneut."))
    if wants_json():
        response = jsonify(message=t(title), status=status)
    else:
        html = render_template("error.html", title=t(title), text=text, status=status)
        response = Response(html, mimetype="text/html")
    response.status_code = status
    return response
