"""The row steps of one Mandant: permission, Impressum, Datenschutzbeauftragter, Bild, units.

Every step runs through `guard`, the one place where a row's exceptions become a
`RowResult(FEHLER)` with a German Meldung saying why and whether a re-run may help.
The units follow in `unit_steps.py`. In a dry run (`plan`) the same steps read and compare
but save nothing; their results say what a run would do.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TypeVar

from loguru import logger

from importer.admincenter.client import AdminCenter
from importer.admincenter.problems import LabelMissing, PageProblem, Refused
from importer.admincenter.values import Unit
from importer.errors import ImporterError
from importer.model import Action, RowResult, Status
from importer.runner import progress as phases
from importer.runner.decide import (
    Decision,
    PlannedResult,
    action_for,
    decide_bild,
    decide_form,
    desired,
)
from importer.runner.diff import headers
from importer.runner.journal import Journal
from importer.runner.options import RunOptions
from importer.runner.progress import Progress
from importer.runner.results import Sink
from importer.runner.runfolder import RunFolder
from importer.runner.select import Row
from importer.runner.session import BROWSER_ERRORS, RunStopped, Session, first_line
from importer.runner.unit_steps import UnitSteps
from importer.runner.units import RowFailed
from importer.runner.workers import Job
from importer.workbook.columns import DATENSCHUTZ, IMPRESSUM, LOGO, ORGANISATIONSEINHEITEN, Sheet

R = TypeVar("R")

SAVED_TEXT = {IMPRESSUM.name: "Impressum", DATENSCHUTZ.name: "Datenschutzbeauftragter"}


@dataclass
class Context:
    """What every step of one worker needs."""

    options: RunOptions
    session: Session
    journal: Journal
    sink: Sink
    progress: Progress
    folder: RunFolder | None  # None in a dry run: no evidence files
    stop: threading.Event
    dry_run: bool = False


class MandantSteps:
    """All rows of one Mandant (a job of the workers)."""

    def __init__(self, ctx: Context, job: Job) -> None:
        self.ctx = ctx
        self.job = job
        self.mandant = job.mandant
        self.name = job.name  # the AdminCenter's spelling, None when not permitted
        self.rows = job.rows

    def run(self) -> None:
        if self.name is None:
            self.deny()
            return
        for sheet in (IMPRESSUM, DATENSCHUTZ):
            for row in self.rows.get(sheet.name, []):
                self.finish(self.guard(row, partial(self.form, sheet=sheet, row=row)))
        for row in self.rows.get(LOGO.name, []):
            self.finish(self.guard(row, partial(self.bild, row=row)))
        self.ctx.progress.advance(phases.MANDANTEN)
        units = self.rows.get(ORGANISATIONSEINHEITEN.name, [])
        if units:
            UnitSteps(self, units).run()

    # -- the one place where a row's exceptions are caught -------------------------------------

    def guard(self, row: Row, step: Callable[[AdminCenter], R]) -> R | RowResult:
        """Run `step` under the session's retry rules; a failure becomes the row's FEHLER."""
        try:
            return self.ctx.session.call(step)
        except (RunStopped, ImporterError):
            raise
        except RowFailed as failure:
            return self.failed(row, failure.message, failure.evidence, failure.oe_id)
        except Refused as refused:
            return self.failed(
                row,
                f"{refused.message.rstrip('.')}. Bitte die Werte der Zeile prüfen; "
                "ein erneuter Lauf ohne Korrektur hilft nicht.",
            )
        except LabelMissing as missing:
            return self.failed(
                row,
                f"{missing.message} Bitte die Beschriftung mit --locators "
                "anpassen und erneut ausführen.",
            )
        except PageProblem as problem:
            return self.failed(row, f"{problem.message} {self.retry_hint(problem.retryable)}")
        except BROWSER_ERRORS as error:
            return self.failed(
                row,
                f"Der Browser meldet einen Fehler ({first_line(error)}). {self.retry_hint(True)}",
            )
        except Exception as error:  # a bug must cost one row, not the run
            logger.exception("Unerwarteter Fehler in {} Zeile {}", row.sheet, row.number)
            return self.failed(
                row,
                f"Unerwarteter Fehler ({type(error).__name__}: {error}); "
                "Einzelheiten im Protokoll. Ein erneuter Lauf kann helfen.",
            )

    def retry_hint(self, retryable: bool) -> str:
        if not retryable:
            return "Ein erneuter Lauf hilft erst, wenn die Ursache behoben ist."
        tries = self.ctx.options.retries + 1
        return f"Nach {tries} Versuchen aufgegeben; ein erneuter Lauf kann helfen."

    def failed(
        self, row: Row, message: str, evidence: bool = True, oe_id: str | None = None
    ) -> RowResult:
        logger.warning("{} Zeile {}: FEHLER: {}", row.sheet, row.number, message)
        if evidence and self.ctx.folder is not None:
            details = self.capture(self.ctx.folder, row)
            if details:
                message = f"{message.rstrip('.')}. Details: {details}"
        return row.result(Status.FEHLER, message, Action.FEHLGESCHLAGEN, oe_id=oe_id)

    def capture(self, folder: RunFolder, row: Row) -> str | None:
        """Screenshot and HTML of the current page; None when the browser cannot give them."""
        stem = folder.evidence_stem(row.sheet, row.number)
        try:
            files = self.ctx.session.client.capture(stem)
            folder.keep_private(files)
        except Exception as error:  # evidence is a bonus: never let it cost the row's result
            logger.warning("Kein Bildschirmfoto für {} Zeile {}: {}", row.sheet, row.number, error)
            return None
        png = next((f for f in files if f.suffix == ".png"), files[0] if files else None)
        return folder.relative(Path(png)) if png else None

    def finish(self, result: RowResult) -> None:
        logger.info(
            "{} Zeile {}: {} {}", result.sheet, result.row, result.status or "-", result.message
        )
        self.ctx.sink.put(result)

    # -- Mandant rows -------------------------------------------------------------------------

    def deny(self) -> None:
        message = (
            f"Keine Berechtigung für den Mandanten „{self.mandant}“: Das AdminCenter zeigt ihn "
            "diesem Benutzer nicht an (oder der Name ist dort anders geschrieben). Ein erneuter "
            "Lauf hilft erst, wenn der Mandant dem Benutzer zugeordnet oder der Name korrigiert "
            "ist."
        )
        for rows in self.rows.values():
            for row in rows:
                self.finish(row.result(Status.FEHLER, message, Action.FEHLGESCHLAGEN))
                if row.sheet == ORGANISATIONSEINHEITEN.name:
                    self.ctx.progress.advance(phases.EINHEITEN)
                    self.ctx.progress.advance(phases.VEROEFFENTLICHUNG)
        self.ctx.progress.advance(phases.MANDANTEN)

    def planned(self, row: Row, decision: Decision, unit: Unit | None = None) -> RowResult:
        """A dry run's result: what a run would do and which values would change."""
        message = "; ".join(change.describe() for change in decision.changes) or "unverändert"
        if unit is not None and not unit.published:
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

    def form(self, client: AdminCenter, sheet: Sheet, row: Row) -> RowResult:
        assert self.name is not None
        decision = decide_form(client, sheet, self.name, row)
        if self.ctx.dry_run:
            return self.planned(row, decision)
        message = "unverändert"
        if not decision.unchanged:
            values = desired(sheet, row)
            if sheet is IMPRESSUM:
                client.save_impressum(self.name, values)
            else:
                client.save_datenschutz(self.name, values)
            message = f"{SAVED_TEXT[sheet.name]} gespeichert"
            if decision.exists:
                message += f" ({headers(decision.changes)})"
        return row.result(Status.OK, message, action_for(decision))

    def bild(self, client: AdminCenter, row: Row) -> RowResult:
        assert self.name is not None
        decision = decide_bild(client, self.name, row)
        if self.ctx.dry_run:
            return self.planned(row, decision)
        message = "unverändert"
        if not decision.unchanged:
            client.upload_bild(self.name, Path(row.values.get("bilddatei") or ""))
            message = "Bild gespeichert"
        return row.result(Status.OK, message, action_for(decision))
