"""`create_app(config)`: the web page's Flask app, one blueprint per page (flaskr, Datasette)."""

from __future__ import annotations

from flask import Flask, request

from importer.web import security
from importer.web.config import WebConfig
from importer.web.views import auftrag, importieren, laeufe, pruefen, start, verbindung, vorschau
from importer.web.workspace import Workspace, current_workspace

# The steps in the order a user goes: (endpoint, title).
STEPS = (
    ("start.page", "Start"),
    ("pruefen.page", "Prüfen"),
    ("verbindung.page", "Verbindung"),
    ("vorschau.page", "Vorschau"),
    ("importieren.page", "Import"),
    ("laeufe.page", "Läufe"),
)


def create_app(config: WebConfig) -> Flask:
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = config.max_upload
    app.extensions["amt24_config"] = config
    app.extensions["amt24_workspace"] = Workspace(config)
    security.install(app)
    for view in (start, pruefen, verbindung, vorschau, importieren, laeufe, auftrag):
        app.register_blueprint(view.blueprint)
    app.context_processor(page_context)
    return app


def page_context() -> dict[str, object]:
    space = current_workspace()
    return {
        "steps": STEPS,
        "current_step": request.endpoint,
        "chosen": space.chosen,
        "busy_job": space.slot.current if space.slot.busy() else None,
        "current_job_id": space.slot.current_id,
    }
