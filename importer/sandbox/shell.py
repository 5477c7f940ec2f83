"""What surrounds the lists: the start page, the working Mandant, pages not imitated."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from flask.typing import ResponseReturnValue

from importer.sandbox.auth import choose_working_mandant
from importer.sandbox.navigation import NAVIGATION, not_imitated
from importer.sandbox.web import answer, generation, my_mandanten, working_mandant

bp = Blueprint("shell", __name__)

NOT_IMITATED = "In der Sandbox nicht nachgebildet."


@bp.app_context_processor
def page_frame() -> dict[str, object]:
    """What the frame of every page needs: generation, navigation, the Mandant selector."""
    return {
        "generation": generation(),
        "navigation": NAVIGATION[generation()],
        "not_imitated_text": NOT_IMITATED,
        "frame": _selector,
    }


def _selector() -> dict[str, object]:
    """The Mandant selector's entries and choice (called by the frame, after login only)."""
    mine = my_mandanten()
    return {"mandanten": mine, "working": working_mandant() if mine else None}


@bp.get("/")
def start() -> str:
    return render_template("start.html")


@bp.post("/mandant")
def choose_mandant() -> ResponseReturnValue:
    """The selector's choice (a script request); the page reloads afterwards."""
    chosen = request.form.get("mandant", type=int)
    if chosen is None or chosen not in {m["id"] for m in my_mandanten()}:
        abort(403)
    choose_working_mandant(chosen)
    return answer("")


@bp.get("/bereich/<slug>")
def not_imitated_page(slug: str) -> str:
    caption = not_imitated(generation()).get(slug)
    if caption is None:
        abort(404)
    return render_template("nicht_nachgebildet.html", heading=caption)
