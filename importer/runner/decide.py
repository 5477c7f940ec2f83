"""Read what exists, compare it with a row: the decisions `plan` reports and `run` carries out."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from importer.admincenter.client import AdminCenter
from importer.admincenter.values import Unit
from importer.model import Action, RowResult, Status, name_key
from importer.runner.diff import Change, Described, diff_fields, sent_fields, text
from importer.runner.select import Row
from importer.runner.units import UnitIndex
from importer.workbook.columns import IMPRESSUM, LOGO, ORGANISATIONSEINHEITEN, Sheet


@dataclass
class Decision:
    """What a row needs: nothing (no changes), a first save / creation, or these changes."""

    changes: list[Described] = field(default_factory=list)
    exists: bool = True
    unit: Unit | None = None
    by_id: bool = False
    kept: list[str] = field(default_factory=list)  # entries that stay ("Servicekonto: bleibt")

    @property
    def unchanged(self) -> bool:
        return self.exists and not self.changes

    def fields(self) -> set[str]:
        return {change.field for change in self.changes}


@dataclass
class PlannedResult(RowResult):
    """A row's result in a dry run (`plan`): what a run would do, with the changed fields."""

    changes: list[Described] = field(default_factory=list)


def planned(row: Row, decision: Decision, unit: Unit | None = None) -> RowResult:
    """A plan's result: what a run would do and which values would change (`unit`: the
    existing unit, None for one to create)."""
    words = [change.describe() for change in decision.changes]
    message = "; ".join(words + decision.kept) if words else "unverändert"
    if unit is not None and not unit.published and not unit.offline:
        message += f" (noch nicht veröffentlicht, Version {unit.version})"
    return PlannedResult(
        row.sheet,
        row.number,
        Status.LEER,
        message,
        action=action_for(decision),
        oe_id=unit.oe_id if unit else None,
        changes=decision.changes,
    )


def action_for(decision: Decision) -> Action:
    """What doing `decision` amounts to (the same word for `plan` and `run`)."""
    if not decision.exists:
        return Action.ANGELEGT
    return Action.AKTUALISIERT if decision.changes else Action.UNVERAENDERT


def desired(sheet: Sheet, row: Row) -> dict[str, str | None]:
    """The values of `row` that go into the AdminCenter form of `sheet`."""
    return {name: row.values.get(name) for name in sent_fields(sheet)}


def read_form(client: AdminCenter, sheet: Sheet, mandant: str) -> dict[str, str | None]:
    if sheet is IMPRESSUM:
        return client.read_impressum(mandant)
    return client.read_datenschutz(mandant)


def decide_form(client: AdminCenter, sheet: Sheet, mandant: str, row: Row) -> Decision:
    """Impressum or Datenschutzbeauftragter: which fields differ from the saved form."""
    current = read_form(client, sheet, mandant)
    changes = diff_fields(sheet, sent_fields(sheet), current, desired(sheet, row))
    return Decision(changes, exists=any(text(v) for v in current.values()))


def file_sha256(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def decide_bild(client: AdminCenter, mandant: str, row: Row) -> Decision:
    """Bild: the file's SHA-256 against the image the AdminCenter shows (None: no image)."""
    path = row.values.get("bilddatei") or ""
    current = client.read_bild_sha256(mandant)
    if current == file_sha256(path):
        return Decision()
    header = LOGO.column("bilddatei").header
    change = Change("bilddatei", header, "anderes Bild" if current else "", Path(path).name)
    return Decision([change], exists=current is not None)


STAMMDATEN = ("name", "parent")


def decide_unit(index: UnitIndex, row: Row) -> Decision:
    """A unit: the existing one (by OE-ID or name) and its differing name and parent, or a
    creation. The Kommunikation and Internetadressen are decided when they are read."""
    match = index.find(row)
    wanted = {f: row.values.get(f) for f in STAMMDATEN}
    if match.unit is None:
        return Decision([], exists=False)
    return Decision(stammdaten_changes(match.unit, wanted), unit=match.unit, by_id=match.by_id)


def stammdaten_changes(unit: Unit, wanted: dict[str, str | None]) -> list[Described]:
    """Name (exact text: another case or a stray space is renamed) and parent (by name key)
    that differ; a parent the AdminCenter does not show is decided when it is read."""
    current: dict[str, object] = {"parent": unit.parent}
    if not unit.parent_known or name_key(unit.parent) == name_key(wanted.get("parent")):
        current["parent"] = wanted.get("parent")
    changes = diff_fields(ORGANISATIONSEINHEITEN, ("parent",), current, wanted)
    name = wanted.get("name") or ""
    if unit.name != name:  # not trimmed: the text as stored is what others see
        header = ORGANISATIONSEINHEITEN.column("name").header
        changes.insert(0, Change("name", header, unit.name, name))
    return changes
