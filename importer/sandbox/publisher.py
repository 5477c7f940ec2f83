"""The background publisher: publishes a complete unit some time after its last change.

A unit is complete with a name, an e-mail address and a phone number. Publishing turns the
current draft (0.1 for a new unit, x.1 after an edit) into the next whole version number.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from importer.sandbox.db import connect, write_transaction

READY = """
SELECT id, major FROM unit
WHERE (major = 0 OR minor <> 0) AND name <> '' AND email <> '' AND telefon <> ''
  AND changed_at <= ?
"""


def publish_due(db_path: Path, delay: float) -> int:
    """Publish every complete unit whose last change is at least `delay` seconds old."""
    db = connect(db_path)
    try:
        now = time.time()
        if db.execute(READY, (now - delay,)).fetchone() is None:
            return 0  # the common case: no write lock taken
        with write_transaction(db):
            due = db.execute(READY, (now - delay,)).fetchall()
            for unit in due:
                major = unit["major"] + 1
                db.execute("UPDATE unit SET major = ?, minor = 0 WHERE id = ?", (major, unit["id"]))
                db.execute(
                    "UPDATE unit_version SET major = ?, minor = 0, published = 1, changed_at = ?"
                    " WHERE unit_id = ? AND published = 0",
                    (major, now, unit["id"]),
                )
        return len(due)
    finally:
        db.close()


class Publisher(threading.Thread):
    """Polls for due units every few hundredths of a second until stopped."""

    def __init__(self, db_path: Path, delay: float, pause: threading.Lock) -> None:
        super().__init__(name="sandbox-publisher", daemon=True)
        self._db_path = db_path
        self._pause = pause  # held by a reset while it rebuilds the database
        self._delay = delay
        self._interval = min(0.2, max(0.01, delay / 5))
        self._stopped = threading.Event()

    def run(self) -> None:
        while not self._stopped.wait(self._interval):
            with self._pause:
                publish_due(self._db_path, self._delay)

    def stop(self) -> None:
        self._stopped.set()
        self.join(timeout=5)
