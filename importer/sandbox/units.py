"""A unit's panel: Anlegen and Unterhalb anlegen, Stammdaten (rename), Offline nehmen and
Umhängen (neu), all fetched as fragments and saved by script requests answered in JSON."""

from __future__ import annotations

import sqlite3

from flask import Blueprint, render_template, request, url_for
from flask.typing import ResponseReturnValue

from importer.sandbox.db import get_db
from importer.sandbox.forms import UNIT_FIELDS, form_values, validate
from importer.sandbox.texts import t
from importer.sandbox.unit_store import (
    descendants,
    insert_unit,
    name_of,
    set_offline,
    unit_or_abort,
    units_of,
    update_unit,
)
from importer.sandbox.web import answer, only_in, working_mandant

bp = Blueprint("units", __name__, url_prefix="/organisationseinheiten")

CORRECT_INPUT = "Bitte korrigieren Sie die markierten Eingaben."
CHOOSE_FROM_LIST = "Bitte wählen Sie eine Organisationseinheit aus der Liste."
MAX_SUGGESTIONS = 20
NAME = UNIT_FIELDS[:1]


@bp.get("/<int:oe_id>/panel")
def panel(oe_id: int) -> str:
    unit, mandant = unit_or_abort(oe_id)
    versions = get_db().execute(
        "SELECT * FROM unit_version WHERE unit_id = ? ORDER BY id DESC", (oe_id,)
    )
    return render_template(
        "unit_panel.html", unit=unit, mandant=mandant, parent=name_of(unit["parent_id"]),
        versions=versions.fetchall(), fields=UNIT_FIELDS,
    )  # fmt: skip


@bp.route("/anlegen", methods=("GET", "POST"))
def create() -> ResponseReturnValue:
    """The panel in its empty state (`parent`: "Unterhalb anlegen"), and the save."""
    parent_id = request.values.get("parent", type=int)
    mandant = unit_or_abort(parent_id)[1] if parent_id else working_mandant()
    if request.method == "GET":
        return render_template(
            "unit_new_panel.html", mandant=mandant, parent_id=parent_id,
            parent=name_of(parent_id), fields=NAME,
        )  # fmt: skip
    values = form_values(NAME)
    errors = validate(NAME, values)
    if errors:
        return answer(t(CORRECT_INPUT), 422, errors=errors)
    oe_id = insert_unit(mandant["id"], values["name"], parent_id)
    return answer(
        t("Organisationseinheit angelegt"), id=oe_id, panel=url_for("units.panel", oe_id=oe_id)
    )


@bp.post("/<int:oe_id>/stammdaten")
def stammdaten(oe_id: int) -> ResponseReturnValue:
    unit_or_abort(oe_id)
    values = form_values(UNIT_FIELDS)
    errors = validate(UNIT_FIELDS, values)
    if errors:
        return answer(t(CORRECT_INPUT), 422, errors=errors)
    changed = update_unit(oe_id, values)
    return answer(t("Organisationseinheit gespeichert"), changed=changed)


@bp.post("/<int:oe_id>/offline")
def offline(oe_id: int) -> ResponseReturnValue:
    """Offline nehmen, or Online nehmen for an offline unit (neu)."""
    only_in("neu")
    unit, _mandant = unit_or_abort(oe_id)
    set_offline(oe_id, not unit["offline"])
    done = (
        "Organisationseinheit ist online" if unit["offline"] else "Organisationseinheit ist offline"
    )
    return answer(t(done))


@bp.route("/<int:oe_id>/umhaengen", methods=("GET", "POST"))
def move(oe_id: int) -> ResponseReturnValue:
    """The dialog "Umhängen" (neu): a new parent, or an emptied field for the top level."""
    only_in("neu")
    unit, mandant = unit_or_abort(oe_id)
    if request.method == "GET":
        return render_template(
            "unit_umhaengen.html", unit=unit, mandant=mandant, parent=name_of(unit["parent_id"])
        )
    target = request.form.get("parent", type=int)
    if target is None and request.form.get("ziel", "").strip():
        return answer(t(CORRECT_INPUT), 422, errors={"ziel": t(CHOOSE_FROM_LIST)})
    if target is not None and target not in {row["id"] for row in _candidates(unit)}:
        return answer(t(CORRECT_INPUT), 422, errors={"ziel": t(CHOOSE_FROM_LIST)})
    changed = update_unit(oe_id, {"parent_id": target})
    return answer(t("Organisationseinheit umgehängt"), changed=changed)


@bp.get("/<int:oe_id>/umhaengen/vorschlaege")
def suggestions(oe_id: int) -> str:
    """The options offered while typing: units of the Mandant, not the unit or below it."""
    only_in("neu")
    unit, _mandant = unit_or_abort(oe_id)
    text = request.args.get("q", "").strip().casefold()
    found = [row for row in _candidates(unit) if text in row["name"].casefold()]
    return render_template("umhaengen_vorschlaege.html", options=found[:MAX_SUGGESTIONS])


def _candidates(unit: sqlite3.Row) -> list[sqlite3.Row]:
    excluded = descendants(unit["mandant_id"], unit["id"]) | {unit["id"]}
    return [row for row in units_of(unit["mandant_id"]) if row["id"] not in excluded]
