"""SQLite storage: one connection per request (and one for the publisher), WAL for concurrency."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import current_app, g

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
  email TEXT NOT NULL DEFAULT '',
  telefon TEXT NOT NULL DEFAULT '',
  fax TEXT NOT NULL DEFAULT '',
  internet TEXT NOT NULL DEFAULT '',
  major INTEGER NOT NULL DEFAULT 0,
  minor INTEGER NOT NULL DEFAULT 1,
  created_at REAL NOT NULL,
  changed_at REAL NOT NULL
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
  expires_at REAL            -- forced expiry of a fault profile; NULL: only the idle timeout
);
"""


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


def init_db(path: Path, mandanten: list[str]) -> None:
    """Create missing tables and Mandanten; data of an existing database file is kept.

    Sessions are dropped: they belonged to an earlier app with another secret key.
    """
    db = connect(path)
    try:
        db.execute("PRAGMA journal_mode = WAL")
        db.executescript(SCHEMA)
        with write_transaction(db):
            db.execute("DELETE FROM login_session")
            known = {row["name"] for row in db.execute("SELECT name FROM mandant")}
            for name in mandanten:
                if name not in known:
                    highest = db.execute("SELECT max(id) FROM mandant").fetchone()[0]
                    next_id = FIRST_MANDANT_ID if highest is None else highest + 1
                    db.execute(
                        "INSERT INTO mandant (id, name, beschreibung) VALUES (?, ?, ?)",
                        (next_id, name, f"Mandant {name}"),
                    )
    finally:
        db.close()


def clear_db(path: Path) -> None:
    """Remove every row (Mandanten included)."""
    db = connect(path)
    try:
        with write_transaction(db):
            for table in ("unit_version", "unit", "login_session", "mandant"):
                db.execute(f"DELETE FROM {table}")  # noqa: S608 (fixed table names)
    finally:
        db.close()
