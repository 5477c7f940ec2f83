"""What the sandbox must hold after an import: the workbook's units with their entry lists, and
everything of the bestand the workbook does not name, unchanged.

The oracle here is written independently of `importer/runner/channels.py`: per Kanal the
first entry carries the workbook's value and is public (edited in place, else added at the
end); no other entry changes; no unit and no entry twice.
"""

from __future__ import annotations

import copy
import random
from pathlib import Path
from typing import Any

from importer.model import name_key
from importer.validation.validate import validate_workbook
from importer.workbook.reader import read_workbook

UNITS = "Organisationseinheiten"
KANAL = {"email": "E-Mail", "telefon": "Telefon", "fax": "Fax"}
SERVICEKONTO = {
    "kanal": "Servicekonto",
    "kennung": "Testbehörde zur Stadt (999839970682)",
    "zusatz": "",
    "oeffentlich": False,
}


def unit_rows(path: Path) -> list[dict[str, Any]]:
    """The unit rows of the workbook with the values the importer sends."""
    data = read_workbook(path)
    sent = validate_workbook(data).normalized
    return [dict(sent[(UNITS, r.row)], row=r.row) for r in data.records(UNITS)]


def bestand_for(path: Path, seed: int = 0, share: float = 0.5) -> dict[str, Any]:
    """A bestand of about `share` of the workbook's units existing already: named exactly or in
    another case, with a Servicekonto channel, an outdated first Telefon, a second Telefon,
    entries not public; parents of existing units exist too; published."""
    rng = random.Random(seed)
    rows = unit_rows(path)
    chosen = {id(r) for r in rows if rng.random() < share}
    by_name = {(r["mandant"], name_key(r["name"])): r for r in rows}
    for row in [r for r in rows if id(r) in chosen]:  # an existing unit's parent exists too
        parent = by_name.get((row["mandant"], name_key(row["parent"])))
        while parent is not None and id(parent) not in chosen:
            chosen.add(id(parent))
            parent = by_name.get((parent["mandant"], name_key(parent["parent"])))
    units = [existing_unit(row, n) for n, row in enumerate(r for r in rows if id(r) in chosen)]
    spelled = {(u["mandant"], name_key(u["name"])): u["name"] for u in units}
    for unit in units:  # a parent as the bestand spells it
        if unit["parent"]:
            unit["parent"] = spelled[(unit["mandant"], name_key(unit["parent"]))]
    return {"units": units}


def existing_unit(row: dict[str, Any], number: int) -> dict[str, Any]:
    """One unit as a bestand has it, varied by `number`."""
    name = row["name"].upper() if number % 3 == 1 else row["name"]
    entries: list[dict[str, Any]] = []
    if number % 2 == 0:
        entries.append(dict(SERVICEKONTO))
    if number % 3 != 2:
        entries.append(entry("Telefon", "+49 351 000000", number % 2 == 0))
    entries.append(entry("E-Mail", row["email"], number % 4 != 1))
    if number % 3 == 0:
        entries.append(entry("Telefon", "+49 351 999999", False))
    return {
        "mandant": row["mandant"],
        "name": name,
        "parent": row["parent"],
        "published": True,
        "kommunikation": entries,
    }


def entry(kanal: str, kennung: str, public: bool, zusatz: str = "") -> dict[str, Any]:
    return {"kanal": kanal, "kennung": kennung, "zusatz": zusatz, "oeffentlich": public}


def expected_entries(before: list[dict[str, Any]], row: dict[str, Any]) -> list[dict[str, Any]]:
    after = copy.deepcopy(before)
    for field, kanal in KANAL.items():
        if not row.get(field):
            continue
        first = next((e for e in after if e["kanal"] == kanal), None)
        if first is None:
            after.append(entry(kanal, row[field], True))
        else:
            first.update(kennung=row[field], oeffentlich=True)
    return after


def expected_addresses(before: list[dict[str, Any]], row: dict[str, Any]) -> list[dict[str, Any]]:
    after = copy.deepcopy(before)
    if row.get("internet"):
        if after:
            after[0].update(adresse=row["internet"], oeffentlich=True)
        else:
            after.append({"adresse": row["internet"], "titel": "", "oeffentlich": True})
    return after


def shown(entries: list[dict[str, Any]], keys: tuple[str, ...]) -> list[tuple[Any, ...]]:
    return [tuple(e.get(k) or ("" if k != "oeffentlich" else False) for k in keys) for e in entries]


ENTRY_KEYS = ("kanal", "kennung", "zusatz", "oeffentlich")
ADDRESS_KEYS = ("adresse", "titel", "oeffentlich")


def state_problems(
    path: Path, state: dict[str, Any], bestand: dict[str, Any] | None = None
) -> list[str]:
    """Every way the sandbox state differs from what importing `path` into `bestand` must give
    (empty: as it must be)."""
    problems = duplicate_units(state)
    before = {
        (u["mandant"], name_key(u["name"])): u for u in (bestand or {}).get("units", [])
    }
    units = {(u["mandant"], name_key(u["name"])): u for u in state["units"]}
    for row in unit_rows(path):
        key = (row["mandant"], name_key(row["name"]))
        unit = units.get(key)
        where = f"{row['mandant']} / {row['name']}"
        if unit is None:
            problems.append(f"{where}: fehlt")
            continue
        old = before.get(key, {})
        problems += unit_differences(where, row, unit, old)
    return problems


def unit_differences(
    where: str, row: dict[str, Any], unit: dict[str, Any], old: dict[str, Any]
) -> list[str]:
    problems = []
    if unit["name"] != row["name"]:
        problems.append(f"{where}: heißt „{unit['name']}“")
    if name_key(unit["parent"]) != name_key(row["parent"]):
        problems.append(f"{where}: unter „{unit['parent']}“ statt „{row['parent']}“")
    if not unit["published"]:
        problems.append(f"{where}: nicht veröffentlicht ({unit['version']})")
    want = shown(expected_entries(old.get("kommunikation", []), row), ENTRY_KEYS)
    if shown(unit["kommunikation"], ENTRY_KEYS) != want:
        problems.append(f"{where}: Kommunikation {shown(unit['kommunikation'], ENTRY_KEYS)} "
                        f"statt {want}")
    want = shown(expected_addresses(old.get("internetadressen", []), row), ADDRESS_KEYS)
    if shown(unit["internetadressen"], ADDRESS_KEYS) != want:
        problems.append(f"{where}: Internetadressen {unit['internetadressen']} statt {want}")
    return problems


def duplicate_units(state: dict[str, Any]) -> list[str]:
    seen: dict[tuple[str, str], int] = {}
    for unit in state["units"]:
        key = (unit["mandant"], name_key(unit["name"]))
        seen[key] = seen.get(key, 0) + 1
    return [f"{m} / {n}: {count}-mal" for (m, n), count in seen.items() if count > 1]


def duplicate_entries(state: dict[str, Any]) -> list[str]:
    """Entries of a unit that stand twice with the same Kanal and Kennung."""
    problems = []
    for unit in state["units"]:
        pairs = [(e["kanal"], e["kennung"]) for e in unit["kommunikation"]]
        for pair in dict.fromkeys(p for p in pairs if pairs.count(p) > 1):
            problems.append(f"{unit['mandant']} / {unit['name']}: {pair} {pairs.count(pair)}-mal")
    return problems
