"""A realistic bestand from a workbook: most Mandanten already have some of their units, as in
a real Landkreis (`bestand_from_workbook`, used by `amt24-import demo`).

Some units carry their workbook name exactly, some in another case or with extra spaces; some
have an outdated phone number as their first Telefon entry and a Servicekonto channel, some a
second E-Mail entry, some entries not public; one or two stand at the top instead of under
their parent. The same workbook, share and seed give the same bestand.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from importer.sandbox.entries import INTERNETADRESSEN, KOMMUNIKATION, entry_errors
from importer.workbook.columns import ORGANISATIONSEINHEITEN
from importer.workbook.reader import read_workbook

MANDANT_SHARE = 0.8  # the share of Mandanten that have units already
MOVED_TO_TOP = 2  # units at the top instead of under their parent (at most)
Unit = dict[str, Any]


def bestand_from_workbook(path: Path, share: float = 0.4, seed: int = 0) -> dict[str, Any]:
    """A structure for `SandboxConfig.bestand`: about `share` of the units of most Mandanten."""
    rng = random.Random(seed)
    rows = _unit_rows(path)
    by_mandant: dict[str, list[Unit]] = {}
    for row in rows:
        by_mandant.setdefault(row["mandant"], []).append(row)
    chosen: list[Unit] = []
    for units in by_mandant.values():
        if rng.random() < MANDANT_SHARE:
            chosen += rng.sample(units, max(1, round(share * len(units))))
    moved = _moved_to_top(chosen, rng)
    existing = _with_ancestors(chosen, moved, rows)
    kept = [row for row in rows if _key(row) in existing]
    names = {_key(row): _name(row["name"], rng) for row in kept}  # as the bestand spells them
    return {"units": [_existing(row, row in moved, names, rng) for row in kept]}


def _unit_rows(path: Path) -> list[Unit]:
    """Mandant, name, parent and channel values per unit, each (Mandant, name) once."""
    rows: dict[tuple[str, str], Unit] = {}
    for record in read_workbook(path).records(ORGANISATIONSEINHEITEN.name):
        row = {field: _text(record.values.get(field)) for field in ORGANISATIONSEINHEITEN.fields}
        if row["mandant"] and row["name"]:
            rows.setdefault((row["mandant"], row["name"]), row)
    known = set(rows)
    for row in rows.values():
        if (row["mandant"], row["parent"]) not in known:
            row["parent"] = ""
    return list(rows.values())


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a number read from a cell, never "351123456.0"
    return "" if value is None else str(value).strip()


def _key(row: Unit) -> tuple[str, str]:
    return row["mandant"], row["name"]


def _moved_to_top(chosen: list[Unit], rng: random.Random) -> list[Unit]:
    below = [row for row in chosen if row["parent"]]
    return rng.sample(below, min(MOVED_TO_TOP, len(below)))


def _with_ancestors(
    chosen: list[Unit], moved: list[Unit], rows: list[Unit]
) -> set[tuple[str, str]]:
    """The chosen units and, for those not moved, every unit above them."""
    by_key = {_key(row): row for row in rows}
    existing: set[tuple[str, str]] = set()
    for row in chosen:
        existing.add(_key(row))
        step = None if row in moved else row
        while step is not None and step["parent"]:
            step = by_key[(step["mandant"], step["parent"])]
            if _key(step) in existing:
                break
            existing.add(_key(step))
    return existing


def _existing(
    row: Unit, moved: bool, names: dict[tuple[str, str], str], rng: random.Random
) -> Unit:
    unit: Unit = {"mandant": row["mandant"], "name": names[_key(row)], "published": True}
    if row["parent"] and not moved:
        unit["parent"] = names[(row["mandant"], row["parent"])]
    unit["kommunikation"] = _valid(KOMMUNIKATION, _channels(row, rng))
    web = row["internet"]
    if web:
        adresse = web if web.startswith(("http://", "https://")) else f"https://{web}"
        unit["internetadressen"] = _valid(INTERNETADRESSEN, [_address(adresse)])
    return unit


def _name(name: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.12:
        return name.lower() if name != name.lower() else name.upper()
    if roll < 0.22:
        return name.replace(" ", "  ", 1) if " " in name else f"{name} "
    return name


def _channels(row: Unit, rng: random.Random) -> list[Unit]:
    email, telefon, fax = row["email"], row["telefon"], row["fax"]
    roll = rng.random()
    entries = []
    if roll < 0.25 and telefon:
        number = 999839970000 + rng.randrange(1000)
        entries.append(_channel("Servicekonto", f"{row['mandant']} ({number})", public=False))
        entries.append(_channel("Telefon", _outdated(telefon), "Zentrale"))
        telefon = ""
    entries += [_channel("E-Mail", email), _channel("Telefon", telefon), _channel("Fax", fax)]
    if 0.25 <= roll < 0.4 and email:
        entries.append(_channel("E-Mail", "info@" + email.split("@", 1)[-1]))
    if 0.4 <= roll < 0.5:
        entries = [{**entry, "oeffentlich": False} for entry in entries]
    return [entry for entry in entries if entry["kennung"]]


def _outdated(phone: str) -> str:
    """The number with its last two digits changed: a number from before a renumbering."""
    digits = [i for i, char in enumerate(phone) if char.isdigit()]
    chars = list(phone)
    for i in digits[-2:]:
        chars[i] = str((int(chars[i]) + 3) % 10)
    return "".join(chars)


def _channel(kanal: str, kennung: str, zusatz: str = "", public: bool = True) -> Unit:
    return {"kanal": kanal, "kennung": kennung, "zusatz": zusatz, "oeffentlich": public}


def _address(adresse: str) -> Unit:
    return {"adresse": adresse, "titel": "", "oeffentlich": True}


def _valid(kind: Any, entries: list[Unit]) -> list[Unit]:
    """The entries the sandbox accepts (a workbook with mistakes gives fewer)."""
    errors = entry_errors(kind, entries)
    return [entry for index, entry in enumerate(entries) if str(index) not in errors]
