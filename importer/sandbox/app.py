"""The application factory of the sandbox AdminCenter (flaskr style)."""

from __future__ import annotations

import secrets
from datetime import datetime
from pathlib import Path

from flask import Flask
from jinja2 import ChoiceLoader, FileSystemLoader

from importer.sandbox import (
    auth,
    channels,
    hooks,
    inspection,
    mandanten,
    shell,
    unit_lists,
    units,
)
from importer.sandbox.config import SandboxConfig
from importer.sandbox.db import close_db
from importer.sandbox.runtime import SandboxRuntime
from importer.sandbox.texts import t
from importer.sandbox.web import csrf_token

MAX_UPLOAD_BYTES = 8 * 1024 * 1024  # the Bild rule (1 MB) is checked with a proper message
SHARED_TEMPLATES = "gemeinsam"  # pages and components alike in both generations
BLUEPRINTS = (auth.bp, shell.bp, mandanten.bp, unit_lists.bp, units.bp, channels.bp, inspection.bp)


def create_app(config: SandboxConfig | None = None) -> Flask:
    """A new sandbox app with its own database and publisher; close with `close_app(app)`."""
    config = config or SandboxConfig()
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=secrets.token_hex(32),
        MAX_CONTENT_LENGTH=MAX_UPLOAD_BYTES,
        SESSION_COOKIE_NAME="ac_session",
        SESSION_COOKIE_SAMESITE="Lax",
        SEND_FILE_MAX_AGE_DEFAULT=3600,
    )
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.extensions["sandbox"] = SandboxRuntime(config)
    templates = Path(app.root_path) / "templates"
    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(templates / config.oberflaeche),
            FileSystemLoader(templates / SHARED_TEMPLATES),
        ]
    )
    app.jinja_env.globals.update(t=t, csrf_token=csrf_token)
    app.jinja_env.filters["datum"] = _datum
    app.teardown_appcontext(close_db)
    hooks.register(app)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    return app


def close_app(app: Flask) -> None:
    """Stop the publisher and remove a temporary database."""
    app.extensions["sandbox"].close()


def _datum(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp).strftime("%d.%m.%Y %H:%M")
