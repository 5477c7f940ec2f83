"""The visible texts of the sandbox, replaceable per app (`SandboxConfig.label_overrides`)."""

from __future__ import annotations

from flask import current_app, has_app_context


def t(text: str) -> str:
    """A visible text, or the text a test configured in its place (`label_overrides`).

    Outside a request (checking a bestand at start) the text stays as it is.
    """
    if not has_app_context():
        return text
    return current_app.extensions["sandbox"].config.label_overrides.get(text, text)
