"""Reading and changing units: the tree of a Mandant, creation, changes with their versions.

A change to a published unit (x.0) starts a draft x.1; a save that changes nothing creates no
version. The publisher (publisher.py) turns complete drafts into the next whole number.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Mapping
from typing import Any

from flask import abort

from importer.sandbox.db import get_db, write_transaction
from importer.sandbox.entries import EntryList, read_entries, write_entries
from importer.sandbox.web import by_name, mandant_or_abort, runtime

EDITABLE = ("name", "behoerdenschluessel", "externe_id", "parent_id")


def unit_or_abort(oe_id: int) -> tuple[sqlite3.Row, sqlite3.Row]:
    """The unit and its Mandant; 404 when unknown, 403 when not the user's Mandant."""
    unit = get_db().execute("SELECT * FROM unit WHERE id = ?", (oe_id,)).fetchone()
    if unit is None:
        abort(404)
    return unit, mandant_or_abort(unit["mandant_id"])


def units_of(mandant_id: int) -> list[sqlite3.Row]:
    """Every unit of the Mandant, in German order of their names."""
    rows = get_db().execute("SELECT * FROM unit WHERE mandant_id = ?", (mandant_id,)).fetchall()
    return by_name(rows)


def children_of(rows: list[sqlite3.Row]) -> dict[int | None, list[sqlite3.Row]]:
    """The rows by their parent's id (None: the top level), each list in the rows' order."""
    children: dict[int | None, list[sqlite3.Row]] = {}
    for row in rows:
        children.setdefault(row["parent_id"], []).append(row)
    return children


def descendants(mandant_id: int, oe_id: int) -> set[int]:
    children = children_of(units_of(mandant_id))
    found: set[int] = set()
    todo = [oe_id]
    while todo:
        for child in children.get(todo.pop(), []):
            if child["id"] not in found:
                found.add(child["id"])
                todo.append(child["id"])
    return found


def name_of(oe_id: int | None) -> str | None:
    if oe_id is None:
        return None
    row = get_db().execute("SELECT name FROM unit WHERE id = ?", (oe_id,)).fetchone()
    return None if row is None else row["name"]


def entries_of(kind: EntryList, oe_id: int) -> list[dict[str, Any]]:
    return read_entries(get_db(), kind, oe_id)


def insert_unit(mandant_id: int, name: str, parent_id: int | None) -> int:
    """A new unit, version 0.1 (a draft); returns its Id."""
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


def update_unit(oe_id: int, values: Mapping[str, Any]) -> bool:
    """Store the changed values among EDITABLE; whether anything changed."""
    with write_transaction(get_db()) as db:
        unit = db.execute("SELECT * FROM unit WHERE id = ?", (oe_id,)).fetchone()
        changed = {c: v for c, v in values.items() if c in EDITABLE and unit[c] != v}
        if changed:
            assignments = ", ".join(f"{column} = ?" for column in changed)
            db.execute(
                f"UPDATE unit SET {assignments} WHERE id = ?",  # noqa: S608 (EDITABLE names)
                (*changed.values(), oe_id),
            )
            _new_draft(db, unit)
    runtime().publisher.wake()
    return bool(changed)


def replace_entries(oe_id: int, kind: EntryList, entries: list[dict[str, Any]]) -> bool:
    """Store the unit's whole list; whether it differs from the stored one."""
    with write_transaction(get_db()) as db:
        if read_entries(db, kind, oe_id) == entries:
            return False
        write_entries(db, kind, oe_id, entries)
        _new_draft(db, db.execute("SELECT * FROM unit WHERE id = ?", (oe_id,)).fetchone())
    runtime().publisher.wake()
    return True


def set_offline(oe_id: int, offline: bool) -> None:
    """Offline or online again; the version stays (the publisher skips an offline unit)."""
    with write_transaction(get_db()) as db:
        db.execute("UPDATE unit SET offline = ? WHERE id = ?", (offline, oe_id))
    runtime().publisher.wake()


def _new_draft(db: sqlite3.Connection, unit: sqlite3.Row) -> None:
    """The unit changed: a published one gets a draft x.1, a draft its new change time."""
    now = time.time()
    if unit["minor"] == 0:
        db.execute(
            "INSERT INTO unit_version (unit_id, major, minor, changed_at) VALUES (?, ?, 1, ?)",
            (unit["id"], unit["major"], now),
        )
    else:
        db.execute(
            "UPDATE unit_version SET changed_at = ? WHERE unit_id = ? AND published = 0",
            (now, unit["id"]),
        )
    db.execute(
        "UPDATE unit SET minor = max(minor, 1), changed_at = ? WHERE id = ?", (now, unit["id"])
    )
