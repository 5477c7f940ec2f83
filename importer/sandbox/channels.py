"""A unit's Kommunikation and Internetadressen: the editor (a dialog in neu, the panel's box in
klassisch) and the save of the whole ordered list as JSON."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from flask.typing import ResponseReturnValue

from importer.sandbox.entries import (
    INTERNETADRESSEN,
    KANAELE,
    KOMMUNIKATION,
    EntryList,
    MalformedEntries,
    entry_errors,
    parse_entries,
)
from importer.sandbox.texts import t
from importer.sandbox.unit_store import entries_of, replace_entries, unit_or_abort
from importer.sandbox.web import answer, sent_json

bp = Blueprint("channels", __name__, url_prefix="/organisationseinheiten")

CORRECT_INPUT = "Bitte korrigieren Sie die markierten Eingaben."


@bp.route("/<int:oe_id>/kommunikation", methods=("GET", "POST"))
def kommunikation(oe_id: int) -> ResponseReturnValue:
    return _editor(oe_id, KOMMUNIKATION)


@bp.route("/<int:oe_id>/internetadressen", methods=("GET", "POST"))
def internetadressen(oe_id: int) -> ResponseReturnValue:
    return _editor(oe_id, INTERNETADRESSEN)


def _editor(oe_id: int, kind: EntryList) -> ResponseReturnValue:
    unit, mandant = unit_or_abort(oe_id)
    if request.method == "GET":
        return render_template(
            "unit_entries.html", unit=unit, mandant=mandant, kind=kind,
            entries=entries_of(kind, oe_id), kanaele=KANAELE,
        )  # fmt: skip
    try:
        entries = parse_entries(kind, sent_json())
    except MalformedEntries:
        abort(400)
    errors = entry_errors(kind, entries)
    if errors:
        return answer(t(CORRECT_INPUT), 422, errors=errors)
    changed = replace_entries(oe_id, kind, entries)
    return answer(t(kind.saved), changed=changed)
