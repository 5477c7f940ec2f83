"""The ordered entry lists of a unit: Kommunikation (channels) and Internetadressen.

Each entry is a dict of the list's field names plus `oeffentlich` (bool). The whole list is
sent at once ("Speichern") and checked here; a rejected list is stored not at all.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from importer.sandbox.forms import Field, check
from importer.sandbox.texts import t

# The Kanal captions (ADMINCENTER.md, after the XÖV code list "erreichbarkeit"), stored as is.
KANAELE = ("E-Mail", "Telefon", "Telefon mobil", "Fax", "De-Mail", "Servicekonto", "Sonstiges")
# The rule a Kennung of a Kanal follows (forms.py kinds); the others are free text.
KENNUNG_KINDS = {
    "E-Mail": "email",
    "Telefon": "phone",
    "Telefon mobil": "phone",
    "Fax": "phone",
    "De-Mail": "de_mail",
}
CHOOSE_KANAL = "Bitte wählen Sie einen Kanal."
PUBLIC = "oeffentlich"


@dataclass(frozen=True)
class EntryList:
    """One kind of list: its table, its fields in column order, its confirmation."""

    key: str  # the name in the inspection state and in the bestand
    table: str
    fields: tuple[Field, ...]
    saved: str

    @property
    def columns(self) -> tuple[str, ...]:
        return (*(f.name for f in self.fields), PUBLIC)


KOMMUNIKATION = EntryList(
    "kommunikation",
    "unit_channel",
    (
        Field("kanal", "Kanal", True),
        Field("kennung", "Kennung", True),
        Field("zusatz", "Kennungszusatz"),
    ),
    "Kommunikation gespeichert",
)
INTERNETADRESSEN = EntryList(
    "internetadressen",
    "unit_address",
    (Field("adresse", "Adresse", True, "url"), Field("titel", "Titel")),
    "Internetadressen gespeichert",
)
ENTRY_LISTS = (KOMMUNIKATION, INTERNETADRESSEN)


class MalformedEntries(ValueError):
    """The sent list is not a list of entries at all (not a user's mistake: 400)."""


def parse_entries(kind: EntryList, payload: object) -> list[dict[str, Any]]:
    """The entries of a sent JSON body `{"eintraege": [...]}`, stripped; raises when malformed."""
    items = payload.get("eintraege") if isinstance(payload, dict) else None
    if not isinstance(items, list):
        raise MalformedEntries("eintraege")
    return [_entry(kind, item) for item in items]


def _entry(kind: EntryList, item: object) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise MalformedEntries("entry")
    entry: dict[str, Any] = {}
    for field in kind.fields:
        value = item.get(field.name, "")
        if not isinstance(value, str):
            raise MalformedEntries(field.name)
        entry[field.name] = value.strip()
    public = item.get(PUBLIC, False)
    if not isinstance(public, bool):
        raise MalformedEntries(PUBLIC)
    entry[PUBLIC] = public
    return entry


def entry_errors(kind: EntryList, entries: list[dict[str, Any]]) -> dict[str, dict[str, str]]:
    """German error texts by entry index (as text, like JSON keys) and field name."""
    errors = {}
    for index, entry in enumerate(entries):
        found = _errors_of(kind, entry)
        if found:
            errors[str(index)] = found
    return errors


def _errors_of(kind: EntryList, entry: dict[str, Any]) -> dict[str, str]:
    errors = {}
    if kind is KOMMUNIKATION and entry["kanal"] not in KANAELE:
        errors["kanal"] = t(CHOOSE_KANAL)
    for field in kind.fields:
        if field.name == "kanal":
            continue
        rule = field
        if field.name == "kennung":
            rule = Field(field.name, field.label, True, KENNUNG_KINDS.get(entry["kanal"], "text"))
        error = check(rule, entry[field.name])
        if error:
            errors[field.name] = error
    return errors


def read_entries(db: sqlite3.Connection, kind: EntryList, oe_id: int) -> list[dict[str, Any]]:
    columns = ", ".join(kind.columns)
    rows = db.execute(
        f"SELECT {columns} FROM {kind.table} WHERE unit_id = ? ORDER BY position",  # noqa: S608
        (oe_id,),
    )
    return [{**dict(row), PUBLIC: bool(row[PUBLIC])} for row in rows]


def write_entries(
    db: sqlite3.Connection, kind: EntryList, oe_id: int, entries: list[dict[str, Any]]
) -> None:
    """Replace the unit's list (inside the caller's transaction)."""
    db.execute(f"DELETE FROM {kind.table} WHERE unit_id = ?", (oe_id,))  # noqa: S608
    names = ", ".join(("unit_id", "position", *kind.columns))
    marks = ", ".join("?" * (len(kind.columns) + 2))
    db.executemany(
        f"INSERT INTO {kind.table} ({names}) VALUES ({marks})",  # noqa: S608 (fixed names)
        [
            (oe_id, position, *(entry[c] for c in kind.columns))
            for position, entry in enumerate(entries)
        ],
    )
