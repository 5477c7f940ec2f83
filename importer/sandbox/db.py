"""SQLite storage: one connection per request (and one for the publisher), WAL for concurrency."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import current_app, g

from importer.sandbox.bestand_loader import Bestand, resolve_parents
from importer.sandbox.entries import ENTRY_LISTS, write_entries

FIRST_MANDANT_ID = 1001

# Kept in Python, not in a .sql file, so that it ships with the package data as it is.
SCHEMA = """
CREATE TABLE IF NOT EXISTS mandant (
  id INTEGER PRIMARY KEY,
  name TEXT UNIQUE NOT NULL,
  beschreibung TEXT NOT NULL DEFAULT '',
  impressum TEXT,            -- JSON object keyed by catalogue field names; NULL until saved
  datenschutz TEXT,          -- likewise
  logo BLOB,
  logo_format TEXT,
  logo_width INTEGER,
  logo_height INTEGER,
  logo_sha256 TEXT
);

CREATE TABLE IF NOT EXISTS unit (
  id INTEGER PRIMARY KEY,
  mandant_id INTEGER NOT NULL REFERENCES mandant (id),
  name TEXT NOT NULL,
  parent_id INTEGER REFERENCES unit (id),
  behoerdenschluessel TEXT NOT NULL DEFAULT '',
  externe_id TEXT NOT NULL DEFAULT '',
  offline INTEGER NOT NULL DEFAULT 0,
  major INTEGER NOT NULL DEFAULT 0,
  minor INTEGER NOT NULL DEFAULT 1,
  created_at REAL NOT NULL,
  changed_at REAL NOT NULL
);

CREATE TABLE IF NOT EXISTS unit_channel (   -- Kommunikation, in the order shown
  unit_id INTEGER NOT NULL REFERENCES unit (id),
  position INTEGER NOT NULL,
  kanal TEXT NOT NULL,
  kennung TEXT NOT NULL,
  zusatz TEXT NOT NULL DEFAULT '',
  oeffentlich INTEGER NOT NULL,
  PRIMARY KEY (unit_id, position)
);

CREATE TABLE IF NOT EXISTS unit_address (   -- Internetadressen, in the order shown
  unit_id INTEGER NOT NULL REFERENCES unit (id),
  position INTEGER NOT NULL,
  adresse TEXT NOT NULL,
  titel TEXT NOT NULL DEFAULT '',
  oeffentlich INTEGER NOT NULL,
  PRIMARY KEY (unit_id, position)
);

CREATE TABLE IF NOT EXISTS unit_version (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  unit_id INTEGER NOT NULL REFERENCES unit (id),
  major INTEGER NOT NULL,
  minor INTEGER NOT NULL,
  published INTEGER NOT NULL DEFAULT 0,
  changed_at REAL NOT NULL
);

CREATE TABLE IF NOT EXISTS login_session (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL,
  last_seen REAL NOT NULL,
  expires_at REAL,           -- forced expiry of a fault profile; NULL: only the idle timeout
  mandant_id INTEGER         -- the working Mandant chosen in the selector; NULL: the first
);
"""
TABLES = ("unit_channel", "unit_address", "unit_version", "unit", "login_session", "mandant")


def connect(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode; writes use `write_transaction`."""
    db = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
    db.row_factory = sqlite3.Row
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA busy_timeout = 10000")
    db.execute("PRAGMA synchronous = NORMAL")  # safe with WAL, far fewer fsyncs
    return db


@contextmanager
def write_transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT: takes the write lock up front, so concurrent writers queue."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def get_db() -> sqlite3.Connection:
    if "db" not in g:
        g.db = connect(current_app.extensions["sandbox"].db_path)
    return g.db


def close_db(_error: BaseException | None = None) -> None:
    db = g.pop("db", None)
    if db is not None:
        db.close()


def init_db(
    path: Path, mandanten: list[str], bestand: Bestand, next_id: Callable[[int | None], int]
) -> None:
    """Create missing tables and Mandanten; data of an existing database file is kept.

    The bestand goes into a new database only. Sessions are dropped: they belonged to an
    earlier app with another secret key.
    """
    db = connect(path)
    try:
        db.execute("PRAGMA journal_mode = WAL")
        db.executescript(SCHEMA)
        with write_transaction(db):
            db.execute("DELETE FROM login_session")
            fresh = db.execute("SELECT count(*) FROM mandant").fetchone()[0] == 0
            for name in [*mandanten, *bestand.mandant_names()]:
                _add_mandant(db, name)
            if fresh:
                _store_bestand(db, bestand, next_id)
    finally:
        db.close()


def _add_mandant(db: sqlite3.Connection, name: str) -> None:
    if db.execute("SELECT 1 FROM mandant WHERE name = ?", (name,)).fetchone():
        return
    highest = db.execute("SELECT max(id) FROM mandant").fetchone()[0]
    next_id = FIRST_MANDANT_ID if highest is None else highest + 1
    db.execute(
        "INSERT INTO mandant (id, name, beschreibung) VALUES (?, ?, ?)",
        (next_id, name, f"Mandant {name}"),
    )


def _store_bestand(
    db: sqlite3.Connection, bestand: Bestand, next_id: Callable[[int | None], int]
) -> None:
    for mandant in bestand.mandanten:
        db.execute(
            "UPDATE mandant SET beschreibung = coalesce(?, beschreibung), impressum = ?,"
            " datenschutz = ? WHERE name = ?",
            (mandant.beschreibung, _json(mandant.impressum), _json(mandant.datenschutz),
             mandant.name),
        )  # fmt: skip
    mandant_ids = {row["name"]: row["id"] for row in db.execute("SELECT id, name FROM mandant")}
    explicit = [u.id for u in bestand.units if u.id is not None]
    highest = max(explicit, default=None)
    ids: list[int] = []
    for unit in bestand.units:
        if unit.id is None:
            highest = next_id(highest)
        ids.append(unit.id if unit.id is not None else highest)  # type: ignore[arg-type]
    now = time.time()
    for oe_id, unit in zip(ids, bestand.units, strict=True):
        db.execute(
            "INSERT INTO unit (id, mandant_id, name, offline, major, minor, created_at,"
            " changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (oe_id, mandant_ids[unit.mandant], unit.name, unit.offline, unit.major, unit.minor,
             now, now),
        )  # fmt: skip
        _store_versions(db, oe_id, unit.major, unit.minor, now)
        for kind in ENTRY_LISTS:
            write_entries(db, kind, oe_id, unit.lists[kind.key])
    for oe_id, parent in zip(ids, resolve_parents(bestand, "Bestand"), strict=True):
        if parent is not None:
            db.execute("UPDATE unit SET parent_id = ? WHERE id = ?", (ids[parent], oe_id))


def _store_versions(db: sqlite3.Connection, oe_id: int, major: int, minor: int, now: float) -> None:
    rows = [(major, 0, 1)] if major > 0 else []
    if minor > 0:
        rows.append((major, minor, 0))
    db.executemany(
        "INSERT INTO unit_version (unit_id, major, minor, published, changed_at)"
        " VALUES (?, ?, ?, ?, ?)",
        [(oe_id, *row, now) for row in rows],
    )


def _json(values: dict[str, str] | None) -> str | None:
    return None if values is None else json.dumps(values, ensure_ascii=False)


def clear_db(path: Path) -> None:
    """Remove every row (Mandanten included)."""
    db = connect(path)
    try:
        with write_transaction(db):
            for table in TABLES:
                db.execute(f"DELETE FROM {table}")  # noqa: S608 (fixed table names)
    finally:
        db.close()
