"""Inspection for tests and benchmarks only: `GET /_sandbox/state`, `POST /_sandbox/reset`.

Not linked from any page and not part of the imitated AdminCenter; no login, latency or faults.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from flask import Blueprint, Response, jsonify

from importer.sandbox.db import get_db
from importer.sandbox.entries import ENTRY_LISTS, read_entries
from importer.sandbox.web import runtime

bp = Blueprint("inspection", __name__, url_prefix="/_sandbox")

UNITS = """
SELECT u.*, m.name AS mandant, p.name AS parent FROM unit u
JOIN mandant m ON m.id = u.mandant_id LEFT JOIN unit p ON p.id = u.parent_id
ORDER BY u.id
"""


@bp.get("/state")
def state() -> Response:
    db = get_db()
    sandbox = runtime()
    return jsonify(
        mandanten=[_mandant(row) for row in db.execute("SELECT * FROM mandant ORDER BY id")],
        units=[_unit(row) for row in db.execute(UNITS)],
        requests=sandbox.request_counts(),
        faults=sandbox.faults.snapshot(),
    )


@bp.post("/reset")
def reset() -> Response:
    runtime().reset()
    return jsonify(ok=True)


def _mandant(row: sqlite3.Row) -> dict[str, Any]:
    logo = None
    if row["logo_sha256"] is not None:
        logo = {
            "sha256": row["logo_sha256"],
            "format": row["logo_format"],
            "width": row["logo_width"],
            "height": row["logo_height"],
        }
    return {
        "id": row["id"],
        "name": row["name"],
        "beschreibung": row["beschreibung"],
        "impressum": json.loads(row["impressum"]) if row["impressum"] else None,
        "datenschutz": json.loads(row["datenschutz"]) if row["datenschutz"] else None,
        "logo": logo,
    }


def _unit(row: sqlite3.Row) -> dict[str, Any]:
    unit = {
        "id": row["id"],
        "mandant": row["mandant"],
        "name": row["name"],
        "parent": row["parent"],
        "version": f"{row['major']}.{row['minor']}",
        "published": row["minor"] == 0,
        "offline": bool(row["offline"]),
    }
    for kind in ENTRY_LISTS:
        unit[kind.key] = read_entries(get_db(), kind, row["id"])
    return unit
