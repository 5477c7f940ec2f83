"""The row steps of one Mandant: permission, Impressum, Datenschutzbeauftragter, Bild, units.

Every step runs through the recorder's `guard` (recorder.py). The units follow in
`unit_steps.py`. In a plan the same steps read and compare; the writer saves nothing.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from importer.admincenter.client import AdminCenter
from importer.admincenter.problems import PageProblem
from importer.model import Action, RowResult, Status
from importer.runner import progress as phases
from importer.runner.context import Context
from importer.runner.decide import action_for, decide_bild, decide_form, desired, planned
from importer.runner.diff import headers
from importer.runner.recorder import RowRecorder
from importer.runner.select import Row
from importer.runner.unit_steps import UnitSteps
from importer.runner.workers import Job
from importer.workbook.columns import DATENSCHUTZ, IMPRESSUM, LOGO, ORGANISATIONSEINHEITEN, Sheet

SAVED_TEXT = {IMPRESSUM.name: "Impressum", DATENSCHUTZ.name: "Datenschutzbeauftragter"}
PREFIX = {IMPRESSUM.name: "impressum", DATENSCHUTZ.name: "datenschutz"}


class MandantSteps:
    """All rows of one Mandant (a job of the workers)."""

    def __init__(self, ctx: Context, job: Job) -> None:
        self.ctx = ctx
        self.job = job
        self.recorder = RowRecorder(ctx)
        self.mandant = job.mandant
        self.name = job.name  # the AdminCenter's spelling, None when not permitted
        self.rows = job.rows

    def run(self) -> None:
        if self.name is None:
            self.deny()
            return
        record = self.recorder
        for sheet in (IMPRESSUM, DATENSCHUTZ):
            for row in self.rows.get(sheet.name, []):
                record.finish(record.guard(row, partial(self.form, sheet=sheet, row=row)))
        for row in self.rows.get(LOGO.name, []):
            record.finish(record.guard(row, partial(self.bild, row=row)))
        self.ctx.progress.advance(phases.MANDANTEN)
        units = self.rows.get(ORGANISATIONSEINHEITEN.name, [])
        if units:
            UnitSteps(self.ctx, self.recorder, self.name, units, self.job.blocked).run()

    def deny(self) -> None:
        message = (
            f"Keine Berechtigung für den Mandanten „{self.mandant}“: Das AdminCenter bietet ihn "
            "diesem Benutzer nicht an (oder der Name ist dort anders geschrieben). Ein erneuter "
            "Lauf hilft erst, wenn der Mandant dem Benutzer zugeordnet oder der Name korrigiert "
            "ist."
        )
        for rows in self.rows.values():
            for row in rows:
                self.recorder.finish(row.result(Status.FEHLER, message, Action.FEHLGESCHLAGEN))
                if row.sheet == ORGANISATIONSEINHEITEN.name:
                    self.ctx.progress.advance(phases.EINHEITEN)
                    self.ctx.progress.advance(phases.VEROEFFENTLICHUNG)
        self.ctx.progress.advance(phases.MANDANTEN)

    def form(self, client: AdminCenter, sheet: Sheet, row: Row) -> RowResult:
        assert self.name is not None
        decision = decide_form(client, sheet, self.name, row)
        if self.ctx.writer.dry:
            return planned(row, decision)
        message = "unverändert"
        if not decision.unchanged:
            self.ctx.writer.save_form(client, self.name, PREFIX[sheet.name], desired(sheet, row))
            left = decide_form(client, sheet, self.name, row)  # read back what was saved
            if left.changes:
                raise PageProblem(
                    f"{SAVED_TEXT[sheet.name]} gespeichert, aber das AdminCenter zeigt danach "
                    f"andere Werte ({headers(left.changes)})."
                )
            message = f"{SAVED_TEXT[sheet.name]} gespeichert"
            if decision.exists:
                message += f" ({headers(decision.changes)})"
        return row.result(Status.OK, message, action_for(decision))

    def bild(self, client: AdminCenter, row: Row) -> RowResult:
        assert self.name is not None
        decision = decide_bild(client, self.name, row)
        if self.ctx.writer.dry:
            return planned(row, decision)
        message = "unverändert"
        if not decision.unchanged:
            self.ctx.writer.upload_bild(client, self.name, Path(row.values.get("bilddatei") or ""))
            if not decide_bild(client, self.name, row).unchanged:
                raise PageProblem("Bild hochgeladen, aber das AdminCenter zeigt ein anderes.")
            message = "Bild gespeichert"
        return row.result(Status.OK, message, action_for(decision))
