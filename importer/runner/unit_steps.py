"""The units of one Mandant: find existing, create or update, verify publication, in batches.

Rows go parents first. A batch is saved completely, then its publication is verified (the
AdminCenter publishes asynchronously, so waiting unit by unit would waste the waits), then the
writer may save the workbook. Before every creation the journal records the intent; a pending
intent (from a lost answer or an interrupted run) makes the runner re-read the Mandant's list
and adopt the unit instead of creating it twice.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from importer.admincenter.client import AdminCenter
from importer.admincenter.locators import KOMMUNIKATION_FIELDS
from importer.admincenter.problems import PageTimeout, UnitExists
from importer.admincenter.values import Unit
from importer.model import Action, RowResult, Status, name_key
from importer.runner import progress as phases
from importer.runner.decide import Decision, decide_unit
from importer.runner.diff import headers
from importer.runner.select import Row
from importer.runner.session import RunStopped
from importer.runner.units import RowFailed, UnitIndex, parents_first

if TYPE_CHECKING:
    from importer.runner.steps import MandantSteps

# A unit whose time limit ran out while its batch was being saved still gets one look.
MIN_PUBLISH_CHECK = 1.0
STAMMDATEN = frozenset({"name", "parent"})


@dataclass
class Saved:
    """A unit saved (or found unchanged) and waiting for its publication check."""

    row: Row
    unit: Unit
    decision: Decision
    created: bool
    saved_at: float


class UnitSteps:
    def __init__(self, steps: MandantSteps, rows: list[Row]) -> None:
        assert steps.name is not None
        self.steps = steps
        self.ctx = steps.ctx
        self.name: str = steps.name
        self.rows = parents_first(rows)
        self.index = UnitIndex(self.name, lambda: self.ctx.session.client)
        self.failed = dict(steps.job.blocked)  # name key of a failed or invalid unit → its row
        self.planned: set[str] = set()  # dry run: name keys a run would create or rename to
        self.created: set[str] = set()  # name keys of units this run created
        self.offered: set[str] | None = None  # dry run: the units the Anlegen form offers
        self.offered_read = False

    def run(self) -> None:
        size = self.ctx.options.batch_size
        for start in range(0, len(self.rows), size):
            saved: list[Saved] = []
            try:
                for row in self.rows[start : start + size]:
                    item = self.save_row(row)
                    if item is not None:
                        saved.append(item)
                while saved:
                    self.verify_row(saved[0])
                    saved.pop(0)
            except RunStopped:
                self.interrupted(saved)
                raise
            self.ctx.sink.checkpoint()

    def save_row(self, row: Row) -> Saved | None:
        if self.ctx.stop.is_set():
            raise RunStopped()
        outcome = self.steps.guard(row, lambda client: self.save(client, row))
        self.ctx.progress.advance(phases.EINHEITEN)
        if isinstance(outcome, Saved):
            return outcome
        if outcome.status == Status.FEHLER:
            self.failed[name_key(row.values.get("name"))] = row.number
        self.steps.finish(outcome)
        self.ctx.progress.advance(phases.VEROEFFENTLICHUNG)
        return None

    def verify_row(self, item: Saved) -> None:
        if item.decision.unchanged and item.unit.published:
            result = self.ok(item, item.unit)
        else:
            result = self.steps.guard(item.row, lambda client: self.verify(client, item))
        self.steps.finish(result)
        self.ctx.progress.advance(phases.VEROEFFENTLICHUNG)

    def interrupted(self, saved: list[Saved]) -> None:
        """Saved units whose publication was not checked before the run stopped."""
        for item in saved:
            message = (
                f"Lauf abgebrochen, bevor die Veröffentlichung geprüft wurde (OE-ID "
                f"{item.unit.oe_id}) – erneuter Lauf prüft erneut"
            )
            self.steps.finish(
                item.row.result(Status.FEHLER, message, Action.FEHLGESCHLAGEN, item.unit.oe_id)
            )

    def save(self, client: AdminCenter, row: Row) -> Saved | RowResult:
        """Find the row's unit, create or update it; idempotent, so a retry is safe."""
        name = row.values.get("name") or ""
        parent = row.values.get("parent") or None
        self.check_parent(parent)
        pending = self.ctx.journal.is_pending(self.name, name)
        if pending:
            self.index.refresh()  # an earlier create may have happened: adopt, don't duplicate
        decision = decide_unit(self.index, row)
        self.check_parent_exists(parent)
        if self.ctx.dry_run:
            if decision.unit is None and self.offered_already(client, name):
                decision = self.unlisted(row)  # as the run will: found, not created
            if decision.unit is None or "name" in decision.fields():
                self.planned.add(name_key(name))
            return self.steps.planned(row, decision, decision.unit)
        intended = decision.unit is None
        if intended:
            self.ctx.journal.intent(self.name, name, row.number)
            try:
                unit = client.create_unit(self.name, name, parent)
            except UnitExists:
                decision = self.unlisted(row)
        if decision.unit is not None:
            unit = decision.unit
            if decision.fields() & STAMMDATEN:
                client.update_stammdaten(self.name, unit, name, parent)
                unit = replace(unit, name=name, parent=parent)
        self.index.remember(unit)
        if pending or intended:
            self.ctx.journal.done(self.name, name, row.number, unit.oe_id)
        if pending or decision.unit is None:
            self.created.add(name_key(name))  # a retry of this step still reports "angelegt"
        created = name_key(name) in self.created
        if decision.fields() & set(KOMMUNIKATION_FIELDS):
            values = {f: row.values.get(f) for f in KOMMUNIKATION_FIELDS}
            client.save_kommunikation(self.name, unit, values)
        return Saved(row, unit, decision, created, time.monotonic())

    def offered_already(self, client: AdminCenter, name: str) -> bool:
        """Dry run: whether the Anlegen form (read once per Mandant) offers `name` already,
        as the run's last look before saving would find."""
        if not self.offered_read:
            self.offered = client.offered_units(self.name)
            self.offered_read = True
        return self.offered is not None and name_key(name) in self.offered

    def unlisted(self, row: Row) -> Decision:
        """The row's unit exists though the list did not show it (the Anlegen form offered
        it): found through the list's search and taken over, never created a second time."""
        name = row.values.get("name") or ""
        self.index.search(name)
        decision = decide_unit(self.index, row)
        if decision.unit is None:
            raise RowFailed(
                f"{UnitExists(name).message} Auch „Suchen“ findet sie nicht; nicht angelegt, "
                "damit sie nicht doppelt entsteht. Bitte ihre OE-ID in die Zeile eintragen.",
            )
        return decision

    def check_parent(self, parent: str | None) -> None:
        if parent and name_key(parent) in self.failed:
            raise RowFailed(
                f"Die übergeordnete Einheit „{parent}“ ist fehlgeschlagen oder ungültig (Zeile "
                f"{self.failed[name_key(parent)]}). Nach deren Korrektur erneut ausführen.",
                evidence=False,
            )

    def check_parent_exists(self, parent: str | None) -> None:
        if parent and name_key(parent) not in self.planned and not self.index.has(parent):
            raise RowFailed(
                f"Die übergeordnete Einheit „{parent}“ gibt es beim Mandanten „{self.name}“ "
                "nicht. Bitte prüfen; ein erneuter Lauf ohne Korrektur hilft nicht.",
                evidence=False,
            )

    def verify(self, client: AdminCenter, item: Saved) -> RowResult:
        """Wait for the badge to turn green, within what is left of the unit's time limit."""
        limit = self.ctx.options.publish_timeout
        left = max(item.saved_at + limit - time.monotonic(), MIN_PUBLISH_CHECK)
        try:
            unit = client.wait_published(self.name, item.unit, left)
        except PageTimeout:
            unit = client.read_unit(self.name, item.unit)
        if not unit.published:
            raise RowFailed(
                f"nicht veröffentlicht innerhalb von {limit:g} s (Version {unit.version}) – "
                "erneuter Lauf prüft erneut",
                oe_id=unit.oe_id,
            )
        return self.ok(item, unit)

    def ok(self, item: Saved, unit: Unit) -> RowResult:
        decision, row = item.decision, item.row
        published = f"veröffentlicht {unit.version}"
        if item.created:
            message, action = f"angelegt, OE-ID {unit.oe_id}, {published}", Action.ANGELEGT
        elif decision.changes:
            message = f"aktualisiert ({headers(decision.changes)}), {published}"
            action = Action.AKTUALISIERT
        else:
            message, action = f"unverändert, {published}", Action.UNVERAENDERT
        if decision.unit is not None and not decision.by_id and not item.created:
            message = f"vorhandene Einheit übernommen (OE-ID {unit.oe_id}), {message}"
        return row.result(Status.OK, message, action, oe_id=unit.oe_id)
