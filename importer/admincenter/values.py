"""Values the AdminCenter facade hands out: unit references, units, label-check results."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class UnitRef:
    """A unit as the Mandant's list shows it: its name and the address its entry links to."""

    name: str
    href: str | None = None


@dataclass(frozen=True)
class Unit:
    """A unit as its detail page shows it. `version` is the badge text ("1.0", "1.1")."""

    oe_id: str
    name: str
    parent: str | None
    email: str | None
    telefon: str | None
    fax: str | None
    internet: str | None
    version: str
    published: bool
    href: str | None = None

    @property
    def ref(self) -> UnitRef:
        return UnitRef(self.name, self.href)

    def kommunikation(self) -> dict[str, str | None]:
        return {
            "email": self.email,
            "telefon": self.telefon,
            "fax": self.fax,
            "internet": self.internet,
        }


@dataclass(frozen=True)
class LabelCheck:
    """One label of the locator table on one page: found (True), missing (False), or not
    checkable without changing data or without a matching situation (None, see `note`)."""

    page: str
    key: str
    label: str
    found: bool | None
    note: str = ""
