"""A small append-only journal beside the workbook that makes writes survive crashes.

Before every "Anlegen" the runner records the intent (Mandant, name, row); afterwards the
outcome. An intent without outcome means the create may or may not have reached the server (a
lost response, a killed process): before creating that unit again the runner re-reads the
Mandant's unit list and adopts a unit of that name instead of creating a second one. Saves of
a unit's Kommunikation or Internetadressen are recorded the same way: a pending one makes the
runner read the list afresh (never from anything remembered) before it decides what to add.

File: `<Mappe>.amt24-journal.jsonl`, one JSON object per line, each line flushed and fsynced.
"""

from __future__ import annotations

import json
import os
import threading
from datetime import datetime
from pathlib import Path

from loguru import logger

from importer.model import name_key

SUFFIX = ".amt24-journal.jsonl"


def journal_path(workbook: Path) -> Path:
    return workbook.with_name(workbook.name + SUFFIX)


def unit_key(mandant: str, name: str) -> tuple[str, str]:
    """Matching key of a unit: case- and space-insensitive, as the runner matches names."""
    return (name_key(mandant), name_key(name))


class Journal:
    """Thread-safe journal of unit creations; pending intents are known from earlier runs too."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._pending: dict[tuple[str, str], dict[str, object]] = {}
        self._entries: dict[tuple[str, str, object], dict[str, object]] = {}
        self._load()

    def _load(self) -> None:
        if not self.path.exists():
            return
        for line in self.path.read_text(encoding="utf-8").splitlines():
            try:
                entry = json.loads(line)
                key = unit_key(entry["mandant"], entry["name"])
            except (ValueError, KeyError, TypeError):
                continue  # a line cut short by a crash: the entries before it still count
            event = entry.get("event")
            if event == "intent":
                self._pending[key] = entry
            elif event == "done":
                self._pending.pop(key, None)
            elif event == "eintraege-intent":
                self._entries[(*key, entry.get("liste"))] = entry
            elif event == "eintraege-done":
                self._entries.pop((*key, entry.get("liste")), None)

    def is_pending(self, mandant: str, name: str) -> bool:
        with self._lock:
            return unit_key(mandant, name) in self._pending

    def intent(self, mandant: str, name: str, row: int) -> None:
        """Record that unit `name` of `mandant` is about to be created (before the click)."""
        entry = {"event": "intent", "mandant": mandant, "name": name, "row": row}
        with self._lock:
            self._append(entry)
            self._pending[unit_key(mandant, name)] = entry

    def done(self, mandant: str, name: str, row: int, oe_id: str) -> None:
        """Record that the unit exists now (created or adopted) with ID `oe_id`."""
        entry = {"event": "done", "mandant": mandant, "name": name, "row": row, "oe_id": oe_id}
        with self._lock:
            self._append(entry)
            self._pending.pop(unit_key(mandant, name), None)

    def entries_pending(self, mandant: str, name: str, which: str) -> bool:
        with self._lock:
            return (*unit_key(mandant, name), which) in self._entries

    def entries_intent(self, mandant: str, name: str, which: str, changes: list[str]) -> None:
        """Record that a unit's list `which` is about to be saved with these changes."""
        entry: dict[str, object] = {
            "event": "eintraege-intent",
            "mandant": mandant,
            "name": name,
            "liste": which,
            "aenderungen": changes,
        }
        with self._lock:
            self._append(entry)
            self._entries[(*unit_key(mandant, name), which)] = entry

    def entries_done(self, mandant: str, name: str, which: str) -> None:
        """Record that the list was read back as it must be."""
        entry: dict[str, object] = {
            "event": "eintraege-done",
            "mandant": mandant,
            "name": name,
            "liste": which,
        }
        with self._lock:
            self._append(entry)
            self._entries.pop((*unit_key(mandant, name), which), None)

    def close(self) -> None:
        """Remove the journal when nothing is pending any more (nothing left to recover)."""
        with self._lock:
            if not self._pending and not self._entries and self.path.exists():
                self.path.unlink()

    def _append(self, entry: dict[str, object]) -> None:
        entry = {"zeit": datetime.now().isoformat(timespec="seconds"), **entry}
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        logger.debug("Journal: {}", entry)
