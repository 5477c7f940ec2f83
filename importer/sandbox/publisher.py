"""The background publisher: publishes a complete unit some time after its last change.

A unit is complete with a name and at least one "E-Mail" and one "Telefon" entry in its
Kommunikation; an offline unit is left alone. Publishing turns the current draft (0.1 for a new
unit, x.1 after an edit) into the next whole version number.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from importer.sandbox.db import connect, write_transaction

PENDING = """
SELECT id, major, changed_at FROM unit u
WHERE minor <> 0 AND offline = 0 AND trim(name) <> ''
  AND EXISTS (SELECT 1 FROM unit_channel c WHERE c.unit_id = u.id AND c.kanal = 'E-Mail')
  AND EXISTS (SELECT 1 FROM unit_channel c WHERE c.unit_id = u.id AND c.kanal = 'Telefon')
"""
IDLE_WAIT = 1.0  # seconds between looks when nothing is pending and nobody wakes the thread


def publish_due(db: sqlite3.Connection, delay: float) -> float | None:
    """Publish every complete unit whose last change is `delay` seconds old.

    Returns the seconds until the next pending unit is due, or None when none is pending.
    """
    now = time.time()
    pending = db.execute(PENDING).fetchall()
    due = {unit["id"] for unit in pending if unit["changed_at"] + delay <= now}
    if due:
        with write_transaction(db):
            for unit in db.execute(PENDING).fetchall():
                if unit["changed_at"] + delay <= now:
                    _publish(db, unit["id"], unit["major"] + 1, now)
    later = [unit["changed_at"] + delay - now for unit in pending if unit["id"] not in due]
    return min(later) if later else None


def _publish(db: sqlite3.Connection, oe_id: int, major: int, now: float) -> None:
    db.execute("UPDATE unit SET major = ?, minor = 0 WHERE id = ?", (major, oe_id))
    db.execute(
        "UPDATE unit_version SET major = ?, minor = 0, published = 1, changed_at = ?"
        " WHERE unit_id = ? AND published = 0",
        (major, now, oe_id),
    )


class Publisher(threading.Thread):
    """Sleeps until the next unit is due or a save wakes it (`wake()`), until stopped."""

    def __init__(self, db_path: Path, delay: float, pause: threading.Lock) -> None:
        super().__init__(name="sandbox-publisher", daemon=True)
        self._db_path = db_path
        self._delay = delay
        self._pause = pause  # held by a reset while it rebuilds the database
        self._woken = threading.Event()
        self._stopped = False

    def run(self) -> None:
        db = connect(self._db_path)
        try:
            while not self._stopped:
                with self._pause:
                    next_due = publish_due(db, self._delay)
                self._woken.wait(IDLE_WAIT if next_due is None else min(next_due, IDLE_WAIT))
                self._woken.clear()
        finally:
            db.close()

    def wake(self) -> None:
        """A unit changed: look again now."""
        self._woken.set()

    def stop(self) -> None:
        self._stopped = True
        self._woken.set()
        self.join(timeout=5)
