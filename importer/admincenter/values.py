"""Values the AdminCenter facade hands out: units, their list entries, label-check results."""

from __future__ import annotations

from dataclasses import dataclass

PARENT_UNKNOWN = "\x00unbekannt"  # the AdminCenter shows no parent anywhere the runner looks


@dataclass(frozen=True)
class Entry:
    """One row of a unit's Kommunikation (Kanal, Kennung, Kennungszusatz, Öffentlich) or of its
    Internetadressen (kanal "", kennung the address, zusatz the title). `oeffentlich` is None
    where it was not read (the table does not show it; the row must be selected)."""

    kanal: str
    kennung: str
    zusatz: str = ""
    oeffentlich: bool | None = None

    def shown(self) -> tuple[str, str, str]:
        """What the table shows of the entry."""
        return (self.kanal, self.kennung, self.zusatz)


@dataclass(frozen=True)
class UnitRef:
    """A unit as the Mandant's list shows it: its name, and its parent where the list is a
    tree (`PARENT_UNKNOWN` where the list does not show it)."""

    name: str
    parent: str | None = PARENT_UNKNOWN


@dataclass(frozen=True)
class Unit:
    """A unit as its panel shows it. `version` is the chip's or badge's number ("1.0")."""

    oe_id: str
    name: str
    parent: str | None
    version: str
    published: bool
    offline: bool = False

    @property
    def ref(self) -> UnitRef:
        return UnitRef(self.name, self.parent)

    @property
    def parent_known(self) -> bool:
        return self.parent != PARENT_UNKNOWN


@dataclass(frozen=True)
class LabelCheck:
    """One text of the locator table on one page: found (True), missing (False), or not
    checkable without changing data or without a matching situation (None, see `note`).
    `form` is the accepted form the page showed."""

    page: str
    key: str
    label: str
    found: bool | None
    note: str = ""
    form: str | None = None
