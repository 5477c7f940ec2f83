"""The bestand: Mandanten and units that exist before the first request (`--bestand DATEI`).

Its shape is the inspection state's (docs/sandbox.md): `mandanten` (name, beschreibung,
impressum, datenschutz) and `units` (mandant, name, id, parent, published or version, offline,
kommunikation, internetadressen). Everything is checked before anything is stored; a mistake
is a `UsageError` with one German sentence naming the place.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from importer.errors import UsageError
from importer.sandbox.entries import ENTRY_LISTS, EntryList, MalformedEntries, entry_errors
from importer.sandbox.entries import parse_entries as _parse_entries
from importer.sandbox.forms import DATENSCHUTZ_FIELDS, IMPRESSUM_FIELDS, Field

MANDANT_KEYS = {"name", "beschreibung", "impressum", "datenschutz"}
UNIT_KEYS = {"mandant", "name", "id", "parent", "published", "version", "offline"} | {
    kind.key for kind in ENTRY_LISTS
}
VERSION = re.compile(r"(\d+)\.(\d+)")


@dataclass(frozen=True)
class BestandMandant:
    name: str
    beschreibung: str | None = None
    impressum: dict[str, str] | None = None
    datenschutz: dict[str, str] | None = None


@dataclass(frozen=True)
class BestandUnit:
    mandant: str
    name: str
    id: int | None
    parent: str | int | None
    major: int
    minor: int
    offline: bool
    lists: dict[str, list[dict[str, Any]]]  # EntryList.key → entries


@dataclass(frozen=True)
class Bestand:
    mandanten: list[BestandMandant] = field(default_factory=list)
    units: list[BestandUnit] = field(default_factory=list)

    def mandant_names(self) -> list[str]:
        names = dict.fromkeys(m.name for m in self.mandanten)
        names.update(dict.fromkeys(u.mandant for u in self.units))
        return list(names)


def load_bestand(source: Path | Mapping[str, Any] | None) -> Bestand:
    """The checked bestand of a file (JSON or TOML), of parsed content, or an empty one."""
    if source is None:
        return Bestand()
    if isinstance(source, Mapping):
        return _bestand(source, "Bestand")
    return _bestand(_read(Path(source)), f"Bestand {source}")


def _read(path: Path) -> Mapping[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"Die Bestandsdatei {path} gibt es nicht.") from None
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"Die Bestandsdatei {path} ist nicht lesbar: {error}") from None
    try:
        document = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as error:
        raise UsageError(f"Die Bestandsdatei {path} ist nicht lesbar: {error}") from None
    if not isinstance(document, dict):
        raise UsageError(f"Die Bestandsdatei {path} enthält keine Tabelle.")
    return document


def _bestand(document: Mapping[str, Any], where: str) -> Bestand:
    unknown = set(document) - {"mandanten", "units"}
    if unknown:
        raise UsageError(f"{where}: unbekannter Eintrag „{sorted(unknown)[0]}“.")
    mandanten = [
        _mandant(item, f"{where}, Mandant {n}")
        for n, item in enumerate(_list(document, "mandanten", where), 1)
    ]
    units = [
        _unit(item, f"{where}, Organisationseinheit {n}")
        for n, item in enumerate(_list(document, "units", where), 1)
    ]
    bestand = Bestand(mandanten, units)
    _check_unique(bestand, where)
    resolve_parents(bestand, where)
    return bestand


def _list(document: Mapping[str, Any], key: str, where: str) -> list[Any]:
    items = document.get(key, [])
    if not isinstance(items, list):
        raise UsageError(f"{where}: „{key}“ muss eine Liste sein.")
    return items


def _table(item: object, keys: set[str], where: str) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise UsageError(f"{where}: ein Eintrag muss eine Tabelle sein.")
    unknown = set(item) - keys
    if unknown:
        raise UsageError(f"{where}: unbekannter Eintrag „{sorted(unknown)[0]}“.")
    return item


def _text(item: dict[str, Any], key: str, where: str, required: bool = False) -> str | None:
    value = item.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or (required and not value.strip()):
        raise UsageError(f"{where}: „{key}“ muss ein Text sein, der nicht leer ist.")
    return value


def _mandant(item: object, where: str) -> BestandMandant:
    table = _table(item, MANDANT_KEYS, where)
    name = _text(table, "name", where, required=True)
    assert name is not None
    return BestandMandant(
        name.strip(),
        _text(table, "beschreibung", where),
        _values(table, "impressum", IMPRESSUM_FIELDS, where),
        _values(table, "datenschutz", DATENSCHUTZ_FIELDS, where),
    )


def _values(
    table: dict[str, Any], key: str, fields: tuple[Field, ...], where: str
) -> dict[str, str] | None:
    """A Mandant page's values by field name, every field present ("" when not given)."""
    if table.get(key) is None:
        return None
    names = {f.name for f in fields}
    values = _table(table[key], names, f"{where}, {key}")
    for name, value in values.items():
        if not isinstance(value, str):
            raise UsageError(f"{where}, {key}: „{name}“ muss ein Text sein.")
    return {name: values.get(name, "") for name in names}


def _unit(item: object, where: str) -> BestandUnit:
    table = _table(item, UNIT_KEYS, where)
    mandant, name = _text(table, "mandant", where, True), _text(table, "name", where, True)
    assert mandant is not None and name is not None
    where = f"{where} („{name}“)"
    oe_id = table.get("id")
    if oe_id is not None and (not isinstance(oe_id, int) or not 100000 <= oe_id <= 9999999):
        raise UsageError(f"{where}: „id“ muss eine Zahl mit sechs oder sieben Ziffern sein.")
    parent = table.get("parent")
    if parent is not None and not isinstance(parent, str | int):
        raise UsageError(f"{where}: „parent“ muss ein Name oder eine Id sein.")
    offline = table.get("offline", False)
    if not isinstance(offline, bool):
        raise UsageError(f"{where}: „offline“ muss true oder false sein.")
    major, minor = _version(table, where)
    lists = {kind.key: _entries(kind, table.get(kind.key, []), where) for kind in ENTRY_LISTS}
    return BestandUnit(mandant.strip(), name, oe_id, parent, major, minor, offline, lists)


def _version(table: dict[str, Any], where: str) -> tuple[int, int]:
    published = table.get("published")
    if published is not None and not isinstance(published, bool):
        raise UsageError(f"{where}: „published“ muss true oder false sein.")
    version = table.get("version")
    if version is None:
        return (0, 1) if published is False else (1, 0)
    match = VERSION.fullmatch(version) if isinstance(version, str) else None
    if match is None or match.group(0) == "0.0":
        raise UsageError(f"{where}: „version“ muss wie „1.0“ oder „2.1“ aussehen.")
    major, minor = int(match.group(1)), int(match.group(2))
    if published is not None and published != (minor == 0):
        raise UsageError(f"{where}: „published“ passt nicht zur Version {version}.")
    return major, minor


def _entries(kind: EntryList, items: object, where: str) -> list[dict[str, Any]]:
    where = f"{where}, {kind.key}"
    try:
        entries = _parse_entries(kind, {"eintraege": items})
    except MalformedEntries as error:
        raise UsageError(f"{where}: der Eintrag „{error}“ ist falsch geformt.") from None
    for index, problems in entry_errors(kind, entries).items():
        name, text = next(iter(problems.items()))
        raise UsageError(f"{where} {int(index) + 1}, {name}: {text}")
    return entries


def _check_unique(bestand: Bestand, where: str) -> None:
    names = [m.name for m in bestand.mandanten]
    if len(set(names)) != len(names):
        raise UsageError(f"{where}: ein Mandant steht doppelt darin.")
    ids = [u.id for u in bestand.units if u.id is not None]
    if len(set(ids)) != len(ids):
        raise UsageError(f"{where}: eine Id steht doppelt darin.")


def resolve_parents(bestand: Bestand, where: str) -> list[int | None]:
    """Per unit the index of its parent in `bestand.units` (None: top level); checks them."""
    by_name: dict[tuple[str, str], list[int]] = {}
    by_id = {u.id: i for i, u in enumerate(bestand.units) if u.id is not None}
    for index, unit in enumerate(bestand.units):
        by_name.setdefault((unit.mandant, unit.name), []).append(index)
    parents: list[int | None] = []
    for unit in bestand.units:
        parents.append(_parent_index(unit, by_name, by_id, bestand, where))
    _check_no_cycle(bestand, parents, where)
    return parents


def _parent_index(
    unit: BestandUnit,
    by_name: dict[tuple[str, str], list[int]],
    by_id: dict[int, int],
    bestand: Bestand,
    where: str,
) -> int | None:
    if unit.parent is None:
        return None
    here = f"{where}, Organisationseinheit „{unit.name}“"
    if isinstance(unit.parent, int):
        index = by_id.get(unit.parent)
        if index is None or bestand.units[index].mandant != unit.mandant:
            raise UsageError(f"{here}: die übergeordnete Id {unit.parent} fehlt im Bestand.")
        return index
    found = by_name.get((unit.mandant, unit.parent), [])
    if len(found) != 1:
        problem = "fehlt im Bestand" if not found else "ist mehrdeutig"
        raise UsageError(f"{here}: die übergeordnete „{unit.parent}“ {problem}.")
    return found[0]


def _check_no_cycle(bestand: Bestand, parents: list[int | None], where: str) -> None:
    for start, unit in enumerate(bestand.units):
        seen = {start}
        step = parents[start]
        while step is not None:
            if step in seen:
                raise UsageError(f"{where}: „{unit.name}“ liegt unter sich selbst.")
            seen.add(step)
            step = parents[step]
