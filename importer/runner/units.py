"""Step "find existing" for units: the Mandant's units indexed by name, details read lazily.

A row is matched by its OE-ID, else by its name within the Mandant (case- and
space-insensitive), so a unit that already exists - made by hand or by an interrupted run - is
adopted, never created twice. Details are read only for candidates and remembered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from importer.admincenter.client import AdminCenter
from importer.admincenter.values import Unit, UnitRef
from importer.model import name_key
from importer.runner.recorder import RowFailed
from importer.runner.select import Row


@dataclass
class Match:
    """The existing unit of a row (None: to create) and how it was found."""

    unit: Unit | None
    by_id: bool = False


class UnitIndex:
    """The units of one Mandant, read through `client()` (the session's current client).

    Used inside a step that runs under the session's retry rules: a failure here fails the
    step, and the retried step finds the index as far as it got.
    """

    def __init__(self, mandant: str, client: Callable[[], AdminCenter]) -> None:
        self.mandant = mandant
        self.client = client
        self._refs: dict[str, UnitRef] | None = None
        self._details: dict[str, Unit] = {}  # by name key
        self._by_id: dict[str, Unit] = {}
        self._searched: set[str] = set()

    def refresh(self) -> None:
        """Forget everything and read the list again (after a lost answer to a create)."""
        self.client().reset_cache()
        self._refs = None
        self._details.clear()
        self._by_id.clear()
        self._searched.clear()

    def refs(self) -> dict[str, UnitRef]:
        if self._refs is None:
            listed = self.client().list_units(self.mandant)
            self._refs = {name_key(ref.name): ref for ref in listed}
        return self._refs

    def has(self, name: str) -> bool:
        if name_key(name) not in self.refs():
            self.search(name)
        return name_key(name) in self.refs()

    def search(self, text: str) -> None:
        """Add what the list's search finds for `text`: a list may show only some units."""
        if not text or name_key(text) in self._searched:
            return
        for ref in self.client().search_units(self.mandant, text):
            self.refs().setdefault(name_key(ref.name), ref)
        self._searched.add(name_key(text))

    def unit(self, name: str) -> Unit | None:
        """The unit called `name` (details read once), None if the Mandant has none."""
        key = name_key(name)
        if key not in self._details:
            ref = self.refs().get(key)
            if ref is None:
                return None
            self.remember(self.client().read_unit(self.mandant, ref))
        return self._details.get(key)

    def remember(self, unit: Unit) -> None:
        """Record a unit as it is now (read, created, renamed); a rename drops the old name."""
        old = self._by_id.get(unit.oe_id)
        if old is not None and name_key(old.name) != name_key(unit.name):
            self._details.pop(name_key(old.name), None)
            self.refs().pop(name_key(old.name), None)
        self.refs()[name_key(unit.name)] = unit.ref
        self._details[name_key(unit.name)] = unit
        self._by_id[unit.oe_id] = unit

    def find(self, row: Row) -> Match:
        """The unit of `row`: by OE-ID if given (RowFailed if unknown), else by its name."""
        oe_id = row.values.get("oe_id")
        name = row.values.get("name") or ""
        if not oe_id:
            return Match(self.unit(name))
        candidate = self.unit(name)
        if candidate is not None and candidate.oe_id == oe_id:
            return Match(candidate, by_id=True)
        found = self._read_until(oe_id)
        if found is None:  # a list may show only some units; its search may know the ID
            self.search(oe_id)
            self.search(name)
            found = self._read_until(oe_id)
        if found is not None:
            return Match(found, by_id=True)
        raise RowFailed(
            f"Die OE-ID {oe_id} gibt es beim Mandanten „{self.mandant}“ nicht. Bitte die OE-ID "
            "prüfen oder leeren (dann wird die Einheit über ihren Namen gefunden oder angelegt); "
            "ein erneuter Lauf ohne Korrektur hilft nicht.",
            evidence=False,
        )

    def _read_until(self, oe_id: str) -> Unit | None:
        """Read the listed units not read yet until one has this OE-ID."""
        for key in list(self.refs()):
            if oe_id not in self._by_id and key not in self._details:
                self.unit(self.refs()[key].name)
        return self._by_id.get(oe_id)


def parents_first(rows: list[Row]) -> list[Row]:
    """Rows ordered so that a unit's parent (a row of the same list) comes before it.

    Otherwise the workbook order is kept. Cycles are rejected by validation; should one slip
    through, its rows keep their order.
    """
    by_name = {name_key(row.values.get("name")): row for row in rows}
    ordered: list[Row] = []
    placed: set[int] = set()
    visiting: set[int] = set()

    def place(row: Row) -> None:
        if row.number in placed or row.number in visiting:
            return
        visiting.add(row.number)
        parent = by_name.get(name_key(row.values.get("parent")))
        if parent is not None and parent is not row:
            place(parent)
        visiting.discard(row.number)
        placed.add(row.number)
        ordered.append(row)

    for row in rows:
        place(row)
    return ordered
