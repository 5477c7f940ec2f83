"""The units list: a paged, sortable table searched on the server (neu), or a tree that
loads the children of a node when it is expanded, filtered on the server (klassisch)."""

from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, render_template, request, url_for

from importer.sandbox.unit_store import children_of, unit_or_abort, units_of
from importer.sandbox.web import (
    by_name,
    generation,
    my_mandanten,
    only_in,
    runtime,
    working_mandant,
)

bp = Blueprint("unit_lists", __name__, url_prefix="/organisationseinheiten")

DESCENDING = "absteigend"
ALL_MANDANTEN = "alle"


@dataclass
class TreeNode:
    """A row of the tree; `children` None: not loaded (collapsed, or without children)."""

    unit: sqlite3.Row
    level: int
    has_children: bool
    children: list[TreeNode] | None = None


@bp.get("")
def index() -> str:
    return render_template("units.html", **_list_context())


@bp.get("/liste")
def listing() -> str:
    """The list part alone, for the script to put in place of the old one."""
    return render_template("unit_list.html", **_list_context())


@bp.get("/<int:oe_id>/kinder")
def children(oe_id: int) -> str:
    """The children of a tree node (klassisch), collapsed, for the script to insert."""
    only_in("klassisch")
    unit, _mandant = unit_or_abort(oe_id)
    rows = units_of(unit["mandant_id"])
    kids = children_of(rows)
    level = _depth(unit, {row["id"]: row for row in rows}) + 1
    nodes = [TreeNode(row, level, row["id"] in kids) for row in kids.get(oe_id, [])]
    return render_template("unit_tree_nodes.html", nodes=nodes)


def _list_context() -> dict[str, Any]:
    mandant = working_mandant()
    arguments: dict[str, Any] = request.args.to_dict()
    list_url = url_for("unit_lists.listing", **arguments)
    if generation() == "klassisch":
        text = request.args.get("filter", "").strip()
        nodes = _tree(units_of(mandant["id"]), text)
        return {"mandant": mandant, "filter": text, "nodes": nodes, "list_url": list_url}
    return {**_table(mandant), "list_url": list_url}


def _matches(row: sqlite3.Row, text: str) -> bool:
    return text.casefold() in row["name"].casefold() or text == str(row["id"])


def _tree(rows: list[sqlite3.Row], text: str) -> list[TreeNode]:
    """The top level expanded, the rest collapsed; filtered: the matches with their ancestors."""
    kids = children_of(rows)
    if not text:
        return [
            TreeNode(top, 1, top["id"] in kids, [
                TreeNode(child, 2, child["id"] in kids) for child in kids.get(top["id"], [])
            ])
            for top in kids.get(None, [])
        ]  # fmt: skip
    by_id = {row["id"]: row for row in rows}
    keep: set[int] = set()
    for row in rows:
        if _matches(row, text):
            keep.update(_ancestors(row, by_id))
            keep.add(row["id"])

    def node(row: sqlite3.Row, level: int) -> TreeNode:
        shown = [kid for kid in kids.get(row["id"], []) if kid["id"] in keep]
        inner = [node(kid, level + 1) for kid in shown] if shown else None
        return TreeNode(row, level, row["id"] in kids, inner)

    return [node(top, 1) for top in kids.get(None, []) if top["id"] in keep]


def _ancestors(row: sqlite3.Row, by_id: dict[int, sqlite3.Row]) -> list[int]:
    found = []
    while row["parent_id"] is not None and row["parent_id"] in by_id:
        row = by_id[row["parent_id"]]
        found.append(row["id"])
    return found


def _depth(row: sqlite3.Row, by_id: dict[int, sqlite3.Row]) -> int:
    return len(_ancestors(row, by_id)) + 1


def _table(mandant: sqlite3.Row) -> dict[str, Any]:
    """One page of the flat table "Titel", searched by name or Id, sorted, paged."""
    text = request.args.get("suchbegriff", "").strip()
    descending = request.args.get("sortierung") == DESCENDING
    everyone = request.args.get("mandanten") == ALL_MANDANTEN
    mandanten = my_mandanten() if everyone else [mandant]
    rows = [r for m in mandanten for r in units_of(m["id"]) if not text or _matches(r, text)]
    rows = by_name(rows)[::-1] if descending else by_name(rows)
    size = runtime().config.seitengroesse
    pages = max(1, math.ceil(len(rows) / size))
    page = min(max(request.args.get("seite", 1, type=int), 1), pages)
    state = {"suchbegriff": text, "sortierung": DESCENDING if descending else "",
             "mandanten": ALL_MANDANTEN if everyone else ""}  # fmt: skip

    def link(**changes: object) -> str:
        wanted = {**state, "seite": page, **changes}
        values: dict[str, Any] = {k: v for k, v in wanted.items() if v}
        return url_for("unit_lists.listing", **values)

    return {
        "mandant": mandant,
        "rows": rows[(page - 1) * size : page * size],
        "page": page,
        "pages": pages,
        "state": state,
        "descending": descending,
        "everyone": everyone,
        "previous_url": link(seite=page - 1) if page > 1 else None,
        "next_url": link(seite=page + 1) if page < pages else None,
        "sort_url": link(sortierung="" if descending else DESCENDING, seite=1),
        "search_url": link(suchbegriff="", seite=1),
        "everyone_url": link(mandanten="" if everyone else ALL_MANDANTEN, seite=1),
    }
