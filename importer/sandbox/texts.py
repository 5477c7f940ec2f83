"""The visible texts of the sandbox, replaceable per app (`SandboxConfig.label_overrides`)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from flask import current_app, has_app_context
from markupsafe import escape


def t(text: str) -> str:
    """A visible text, or the text a test configured in its place (`label_overrides`).

    Outside a request (checking a bestand at start) the text stays as it is.
    """
    if not has_app_context():
        return text
    return current_app.extensions["sandbox"].config.label_overrides.get(text, text)


def relabel(html: str, overrides: Mapping[str, str]) -> str:
    """`html` with every visible occurrence of an overridden text replaced: a whole text node,
    or a whole `aria-label`, `title` or `placeholder` value. Texts rendered with `t` are
    replaced already; this reaches the rest (tab captions, menu entries, button lists)."""
    for old, new in overrides.items():
        shown, wanted = str(escape(old)), str(escape(new))
        node = re.compile(r">(\s*)" + re.escape(shown) + r"(\s*)<")
        literal = wanted.replace("\\", "\\\\")  # a replacement template, taken as it is
        html = node.sub(rf">\g<1>{literal}\g<2><", html)
        attribute = re.compile(r'\b(aria-label|title|placeholder)="' + re.escape(shown) + '"')
        html = attribute.sub(rf'\g<1>="{literal}"', html)
    return html
