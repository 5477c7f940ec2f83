"""The units of one Mandant: find existing, create or update, lists, publication, in batches.

Rows go parents first. A batch is saved completely, then its publication is verified (the
AdminCenter publishes asynchronously, so waiting unit by unit would waste the waits), then the
writer may save the workbook. Before every creation the journal records the intent; a pending
intent (from a lost answer or an interrupted run) makes the runner re-read the Mandant's list
and adopt the unit instead of creating it twice. Kommunikation and Internetadressen are read
before anything is added to them, so a save whose answer was lost is never repeated as a
second entry.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

from importer.admincenter.client import AdminCenter
from importer.admincenter.locators import CHANNEL_FIELDS
from importer.admincenter.problems import PageTimeout
from importer.admincenter.values import Unit
from importer.model import Action, RowResult, Status, name_key
from importer.runner import progress as phases
from importer.runner.channels import Wanted, entry_changes, kept
from importer.runner.context import Context
from importer.runner.decide import Decision, decide_unit, planned
from importer.runner.diff import Change, headers
from importer.runner.recorder import RowFailed, RowRecorder
from importer.runner.select import Row
from importer.runner.session import RunStopped
from importer.runner.units import UnitIndex, parents_first
from importer.runner.writer import PLANNED_ID, EntryEdit
from importer.workbook.columns import ORGANISATIONSEINHEITEN

# A unit whose time limit ran out while its batch was being saved still gets one look.
MIN_PUBLISH_CHECK = 1.0
LISTS = (("kommunikation", CHANNEL_FIELDS), ("internet", ("internet",)))


@dataclass
class Saved:
    """A unit saved (or found unchanged) and waiting for its publication check."""

    row: Row
    unit: Unit
    decision: Decision
    created: bool
    saved_at: float


class UnitSteps:
    def __init__(
        self,
        ctx: Context,
        recorder: RowRecorder,
        mandant: str,
        rows: list[Row],
        blocked: dict[str, int],
    ) -> None:
        self.ctx = ctx
        self.recorder = recorder
        self.name = mandant  # the AdminCenter's spelling
        self.rows = parents_first(rows)
        self.index = UnitIndex(self.name, lambda: self.ctx.session.client)
        self.failed = dict(blocked)  # name key of a failed or invalid unit → its row
        self.to_create: set[str] = set()  # name keys this run creates or renames to
        self.created: set[str] = set()  # name keys of units this run created

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
        outcome = self.recorder.guard(row, lambda client: self.save(client, row))
        self.ctx.progress.advance(phases.EINHEITEN)
        if isinstance(outcome, Saved):
            return outcome
        if outcome.status == Status.FEHLER:
            self.failed[name_key(row.values.get("name"))] = row.number
        self.recorder.finish(outcome)
        self.ctx.progress.advance(phases.VEROEFFENTLICHUNG)
        return None

    def verify_row(self, item: Saved) -> None:
        if self.ctx.writer.dry:
            result = self.planned(item)
        elif not item.decision.changes and item.decision.exists and item.unit.published:
            result = self.ok(item, item.unit)
        else:
            result = self.recorder.guard(item.row, lambda client: self.verify(client, item))
        self.recorder.finish(result)
        self.ctx.progress.advance(phases.VEROEFFENTLICHUNG)

    def interrupted(self, saved: list[Saved]) -> None:
        """Saved units whose publication was not checked before the run stopped."""
        for item in saved:
            message = (
                f"Lauf abgebrochen, bevor die Veröffentlichung geprüft wurde (OE-ID "
                f"{item.unit.oe_id}) – erneuter Lauf prüft erneut"
            )
            self.recorder.finish(
                item.row.result(Status.FEHLER, message, Action.FEHLGESCHLAGEN, item.unit.oe_id)
            )

    # -- the step of one unit (idempotent: a retry reads again and does only what is left) ---

    def save(self, client: AdminCenter, row: Row) -> Saved:
        name = row.values.get("name") or ""
        parent = row.values.get("parent") or None
        self.check_parent(parent)
        pending = self.ctx.journal.is_pending(self.name, name)
        if pending:
            self.index.refresh()  # an earlier create may have happened: adopt, don't duplicate
        decision = decide_unit(self.index, row)
        if pending and decision.unit is not None:
            self.created.add(name_key(name))  # our own creation, its answer was lost
        self.check_parent_exists(parent)
        writer = self.ctx.writer
        if decision.unit is None:
            unit = writer.create_unit(client, self.name, row.number, name, parent)
            self.index.remember(unit)
            self.created.add(name_key(name))
            self.check_texts(client, unit)
        else:
            self.check_texts(client, decision.unit)
            unit = self.update(client, row, decision)
        if pending or decision.unit is None:
            writer.settle(self.name, name, row.number, unit.oe_id)
        if decision.unit is None or "name" in {c.field for c in decision.changes}:
            self.to_create.add(name_key(name))
        for which, fields in LISTS:
            self.lists(client, row, unit, which, fields, decision)
        created = name_key(name) in self.created  # a retry of this step still says "angelegt"
        return Saved(row, unit, decision, created, time.monotonic())

    def check_texts(self, client: AdminCenter, unit: Unit) -> None:
        """Before the first unit is changed: are its texts there (where the pre-flight could
        not look at one)?"""
        if unit.oe_id != PLANNED_ID:
            self.ctx.unit_texts.check_once(client, self.name, unit.name)

    def update(self, client: AdminCenter, row: Row, decision: Decision) -> Unit:
        """Rename and move an existing unit as the workbook says; an offline unit is left."""
        assert decision.unit is not None
        unit = decision.unit
        if unit.offline:
            raise RowFailed(
                f"Die Organisationseinheit „{unit.name}“ (OE-ID {unit.oe_id}) ist offline "
                "genommen; der Importer ändert sie nicht. Bitte im AdminCenter prüfen und "
                "wieder online stellen, dann erneut ausführen.",
                evidence=False,
                oe_id=unit.oe_id,
            )
        name = row.values.get("name") or ""
        parent = row.values.get("parent") or None
        if not unit.parent_known and client.can_move(self.name, unit):
            unit = replace(unit, parent=client.shown_parent(self.name, unit))
            self.index.remember(unit)
            if unit.parent_known and name_key(unit.parent) != name_key(parent):
                decision.changes.append(parent_change(unit.parent, parent))
        if name != unit.name:
            self.ctx.writer.rename_unit(client, self.name, unit, name)
            unit = replace(unit, name=name)
            self.index.remember(unit)
        if "parent" in {c.field for c in decision.changes}:
            self.move(client, unit, parent)
            unit = replace(unit, parent=parent)
            self.index.remember(unit)
        return unit

    def move(self, client: AdminCenter, unit: Unit, parent: str | None) -> None:
        if not client.can_move(self.name, unit):
            where = f"unter „{parent}“" if parent else "auf die oberste Ebene"
            raise RowFailed(
                f"Die Organisationseinheit „{unit.name}“ (OE-ID {unit.oe_id}) liegt unter "
                f"„{unit.parent or '– oberste Ebene –'}“; diese Oberfläche bietet kein "
                f"„Umhängen“. Bitte die Einheit im AdminCenter von Hand {where} verschieben, "
                "dann erneut ausführen.",
                oe_id=unit.oe_id,
            )
        self.ctx.writer.move_unit(client, self.name, unit, parent)

    def lists(
        self,
        client: AdminCenter,
        row: Row,
        unit: Unit,
        which: str,
        fields: tuple[str, ...],
        decision: Decision,
    ) -> None:
        """Kommunikation or Internetadressen: read, decide, let the writer save."""
        wanted = self.wanted(row, fields)
        if not wanted:
            return
        if unit.oe_id == PLANNED_ID:  # a plan's new unit has no entries yet
            decision.changes.extend(entry_changes([], wanted))
            return
        if self.ctx.journal.entries_pending(self.name, unit.name, which):
            client.reset_cache()  # a save may have reached the server: read it afresh
        edit = EntryEdit(
            self.name, unit.name, which, client.channels(self.name, unit.name, which), wanted
        )
        edit.changes = entry_changes(edit.entries, wanted)
        decision.kept.extend(kept(edit.entries, wanted))
        if not edit.changes:
            edit.editor.close()
            self.ctx.writer.entries_match(edit)
            return
        self.ctx.writer.save_entries(client, edit)
        decision.changes.extend(edit.changes)

    def wanted(self, row: Row, fields: tuple[str, ...]) -> list[Wanted]:
        """The row's values for a list (an empty optional cell leaves that Kanal alone)."""
        locators = self.ctx.session.locators
        out = []
        for f in fields:
            value = row.values.get(f)
            if value:
                captions = locators.labels(f"kanal.{f}") if f in CHANNEL_FIELDS else ()
                header = ORGANISATIONSEINHEITEN.column(f).header
                out.append(Wanted(f, header, captions, value))
        return out

    # -- parents --------------------------------------------------------------------------

    def check_parent(self, parent: str | None) -> None:
        if parent and name_key(parent) in self.failed:
            raise RowFailed(
                f"Die übergeordnete Einheit „{parent}“ ist fehlgeschlagen oder ungültig (Zeile "
                f"{self.failed[name_key(parent)]}). Nach deren Korrektur erneut ausführen.",
                evidence=False,
            )

    def check_parent_exists(self, parent: str | None) -> None:
        if parent and name_key(parent) not in self.to_create and not self.index.has(parent):
            raise RowFailed(
                f"Die übergeordnete Einheit „{parent}“ gibt es beim Mandanten „{self.name}“ "
                "nicht. Bitte prüfen; ein erneuter Lauf ohne Korrektur hilft nicht.",
                evidence=False,
            )

    # -- publication and the row's result -------------------------------------------------

    def verify(self, client: AdminCenter, item: Saved) -> RowResult:
        """Wait for the version to turn green, within what is left of the unit's time limit."""
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

    def planned(self, item: Saved) -> RowResult:
        decision = item.decision
        if item.created:
            decision = replace(decision, exists=False)
        return planned(item.row, decision, None if item.created else item.unit)


def parent_change(old: str | None, new: str | None) -> Change:
    header = ORGANISATIONSEINHEITEN.column("parent").header
    return Change("parent", header, old or "", new or "")
