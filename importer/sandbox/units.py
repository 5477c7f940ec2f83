"""Organisationseinheiten: list (loaded by the page's script), Anlegen, detail with tabs,
Kommunikation (saved by fetch), Bearbeiten, Verwalten."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Mapping

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue

from importer.sandbox.db import get_db, write_transaction
from importer.sandbox.forms import KOMMUNIKATION_FIELDS, UNIT_NAME, form_values, validate
from importer.sandbox.web import by_name, mandant_or_abort, my_mandanten, runtime, t

bp = Blueprint("units", __name__, url_prefix="/organisationseinheiten")

CREATED = "Organisationseinheit angelegt"
SAVED = "Organisationseinheit gespeichert"
CORRECT_INPUT = "Bitte korrigieren Sie die markierten Eingaben."
UNKNOWN_PARENT = "Bitte wählen Sie eine Organisationseinheit dieses Mandanten."
PARENT_FIELD = "parent"


@bp.get("")
def index() -> str:
    mandanten = my_mandanten()
    if not mandanten:
        abort(403)
    mandant = mandant_or_abort(request.args.get("mandant", mandanten[0]["id"], type=int))
    return render_template("units.html", mandanten=mandanten, mandant=mandant, unit=None)


@bp.app_context_processor
def list_search() -> dict[str, object]:
    """Whether the unit list is searched on the server (`list_limit`), and the search text."""
    return {"server_search": runtime().config.list_limit is not None, "query": _query()}


def _query() -> str:
    return request.args.get("q", "").strip()


@bp.get("/liste")
def listing() -> Response:
    mandant = mandant_or_abort(request.args.get("mandant", 0, type=int))
    units = [
        {
            "name": row["name"],
            "url": url_for("units.detail", oe_id=row["id"]),
            "version": f"{row['major']}.{row['minor']}",
            "published": row["minor"] == 0,
        }
        for row in _units_of(mandant["id"])
        if _query().casefold() in row["name"].casefold() or _query() == str(row["id"])
    ]
    limit = runtime().config.list_limit
    if limit is None or len(units) <= limit:
        return jsonify(units=units, more=0)
    return jsonify(units=units[:limit], more=len(units) - limit)


@bp.route("/anlegen", methods=("GET", "POST"))
def create() -> ResponseReturnValue:
    mandant = mandant_or_abort(request.args.get("mandant", 0, type=int))
    return _stammdaten_form(
        mandant,
        None,
        _units_of(mandant["id"]),
        lambda name, parent_id: _insert_unit(mandant["id"], name, parent_id),
    )


@bp.get("/<int:oe_id>")
def detail(oe_id: int) -> str:
    unit, mandant = _unit_or_abort(oe_id)
    versions = get_db().execute(
        "SELECT * FROM unit_version WHERE unit_id = ? ORDER BY id DESC", (oe_id,)
    )
    parent = _parent_name(unit)
    return render_template(
        "unit_detail.html",
        mandanten=my_mandanten(),
        mandant=mandant,
        unit=unit,
        parent=parent,
        versions=versions.fetchall(),
        fields=KOMMUNIKATION_FIELDS,
        values=dict(unit),
    )


@bp.post("/<int:oe_id>/kommunikation")
def kommunikation(oe_id: int) -> Response:
    _unit_or_abort(oe_id)
    values = form_values(KOMMUNIKATION_FIELDS)
    errors = validate(KOMMUNIKATION_FIELDS, values)
    if errors:
        response = jsonify(message=t(CORRECT_INPUT), errors=errors)
        response.status_code = 422
        return response
    unit = _save_unit(oe_id, values)
    return jsonify(
        message=t("Kommunikation gespeichert"),
        errors={},
        version=f"{unit['major']}.{unit['minor']}",
        published=unit["minor"] == 0,
    )


@bp.route("/<int:oe_id>/bearbeiten", methods=("GET", "POST"))
def edit(oe_id: int) -> ResponseReturnValue:
    unit, mandant = _unit_or_abort(oe_id)
    excluded = _descendants(mandant["id"], oe_id) | {oe_id}
    choices = [row for row in _units_of(mandant["id"]) if row["id"] not in excluded]
    return _stammdaten_form(
        mandant,
        unit,
        choices,
        lambda name, parent_id: _save_unit(oe_id, {"name": name, "parent_id": parent_id})["id"],
    )


def _stammdaten_form(
    mandant: sqlite3.Row,
    unit: sqlite3.Row | None,
    choices: list[sqlite3.Row],
    save: Callable[[str, int | None], int],
) -> ResponseReturnValue:
    """Anlegen (`unit` None) or Bearbeiten: name and parent; `save` returns the unit's ID."""
    values = {"name": "", PARENT_FIELD: ""}
    if unit is not None:
        values = {"name": unit["name"], PARENT_FIELD: str(unit["parent_id"] or "")}
    errors: dict[str, str] = {}
    if request.method == "POST":
        values, errors = _stammdaten_input(choices)
        if not errors:
            parent_id = int(values[PARENT_FIELD]) if values[PARENT_FIELD] else None
            oe_id = save(values["name"], parent_id)
            done = (
                "Organisationseinheit angelegt"
                if unit is None
                else "Organisationseinheit gespeichert"
            )
            flash(t(done), "success")
            return redirect(url_for("units.detail", oe_id=oe_id))
    heading = "Organisationseinheit anlegen" if unit is None else "Organisationseinheit bearbeiten"
    return render_template(
        "unit_form.html",
        mandanten=my_mandanten(),
        mandant=mandant,
        unit=unit,
        name_field=UNIT_NAME,
        choices=choices,
        values=values,
        errors=errors,
        heading=heading,
    )


@bp.get("/<int:oe_id>/verwalten")
def manage(oe_id: int) -> str:
    unit, mandant = _unit_or_abort(oe_id)
    return render_template(
        "unit_verwalten.html", mandanten=my_mandanten(), mandant=mandant, unit=unit
    )


def _unit_or_abort(oe_id: int) -> tuple[sqlite3.Row, sqlite3.Row]:
    unit = get_db().execute("SELECT * FROM unit WHERE id = ?", (oe_id,)).fetchone()
    if unit is None:
        abort(404)
    return unit, mandant_or_abort(unit["mandant_id"])


def _units_of(mandant_id: int) -> list[sqlite3.Row]:
    rows = get_db().execute("SELECT * FROM unit WHERE mandant_id = ?", (mandant_id,)).fetchall()
    return by_name(rows)


def _parent_name(unit: sqlite3.Row) -> str | None:
    if unit["parent_id"] is None:
        return None
    row = get_db().execute("SELECT name FROM unit WHERE id = ?", (unit["parent_id"],)).fetchone()
    return row["name"]


def _descendants(mandant_id: int, oe_id: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for row in _units_of(mandant_id):
        if row["parent_id"] is not None:
            children.setdefault(row["parent_id"], []).append(row["id"])
    found: set[int] = set()
    todo = [oe_id]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _stammdaten_input(choices: list[sqlite3.Row]) -> tuple[dict[str, str], dict[str, str]]:
    """Name and parent as sent, and the errors found in them."""
    values = form_values((UNIT_NAME,))
    values[PARENT_FIELD] = request.form.get(PARENT_FIELD, "").strip()
    errors = validate((UNIT_NAME,), values)
    allowed = {str(row["id"]) for row in choices}
    if values[PARENT_FIELD] and values[PARENT_FIELD] not in allowed:
        errors[PARENT_FIELD] = t(UNKNOWN_PARENT)
    return values, errors


def _insert_unit(mandant_id: int, name: str, parent_id: int | None) -> int:
    now = time.time()
    with write_transaction(get_db()) as db:
        highest = db.execute("SELECT max(id) FROM unit").fetchone()[0]
        oe_id = runtime().next_unit_id(highest)
        db.execute(
            "INSERT INTO unit (id, mandant_id, name, parent_id, created_at, changed_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (oe_id, mandant_id, name, parent_id, now, now),
        )
        db.execute(
            "INSERT INTO unit_version (unit_id, major, minor, changed_at) VALUES (?, 0, 1, ?)",
            (oe_id, now),
        )
    runtime().publisher.wake()
    return oe_id


def _save_unit(oe_id: int, values: Mapping[str, object]) -> sqlite3.Row:
    """Store changed values; a change to a published unit starts a new draft (x.1)."""
    with write_transaction(get_db()) as db:
        unit = db.execute("SELECT * FROM unit WHERE id = ?", (oe_id,)).fetchone()
        changed = {column: v for column, v in values.items() if unit[column] != v}
        if changed:
            now = time.time()
            if unit["minor"] == 0:
                db.execute(
                    "INSERT INTO unit_version (unit_id, major, minor, changed_at)"
                    " VALUES (?, ?, 1, ?)",
                    (oe_id, unit["major"], now),
                )
            else:
                db.execute(
                    "UPDATE unit_version SET changed_at = ? WHERE unit_id = ? AND published = 0",
                    (now, oe_id),
                )
            assignments = "".join(f"{column} = ?, " for column in changed)
            db.execute(
                f"UPDATE unit SET {assignments}minor = max(minor, 1), changed_at = ? WHERE id = ?",
                (*changed.values(), now, oe_id),
            )
        unit = db.execute("SELECT * FROM unit WHERE id = ?", (oe_id,)).fetchone()
    runtime().publisher.wake()
    return unit
