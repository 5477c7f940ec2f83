"""The one place where a row's exceptions become its result: `RowRecorder.guard`.

Every step of every row runs through `guard`, which turns a failure into a
`RowResult(FEHLER)` with a German Meldung saying why and whether a re-run may help, and with
the evidence (screenshot and HTML) of the page that failed — taken before any recovery.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from loguru import logger

from importer.admincenter.client import AdminCenter
from importer.admincenter.problems import LabelMissing, PageProblem, Refused
from importer.errors import ImporterError
from importer.model import Action, RowResult, Status
from importer.runner.select import Row
from importer.runner.session import BROWSER_ERRORS, RunStopped, first_line

if TYPE_CHECKING:
    from importer.runner.context import Context

R = TypeVar("R")


class RowFailed(Exception):
    """A row cannot be done for a reason the runner found itself (German message).

    `evidence`: whether the current page is worth a screenshot; `oe_id`: the unit's ID when it
    exists already (written into the row even though the row failed).
    """

    def __init__(self, message: str, evidence: bool = True, oe_id: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.evidence = evidence
        self.oe_id = oe_id


class RowRecorder:
    """Guards the steps of rows and hands their results to the sink."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def guard(self, row: Row, step: Callable[[AdminCenter], R]) -> R | RowResult:
        """Run `step` under the session's retry rules; a failure becomes the row's FEHLER."""
        taken: list[str | None] = []

        def evidence(_failure: Exception) -> None:
            taken.append(self.capture(row))

        def fail(message: str, with_evidence: bool = True, oe_id: str | None = None) -> RowResult:
            details = (taken[0] if taken else self.capture(row)) if with_evidence else None
            return self.failed(row, message, details, oe_id)

        try:
            return self.ctx.session.call(step, on_give_up=evidence)
        except (RunStopped, ImporterError):
            raise
        except RowFailed as failure:
            return fail(failure.message, failure.evidence, failure.oe_id)
        except Refused as refused:
            return fail(
                f"{refused.message.rstrip('.')}. Bitte die Werte der Zeile prüfen; "
                "ein erneuter Lauf ohne Korrektur hilft nicht."
            )
        except LabelMissing as missing:
            return fail(
                f"{missing.message} Bitte die Beschriftung mit --locators "
                "anpassen und erneut ausführen."
            )
        except PageProblem as problem:
            return fail(f"{problem.message} {self.retry_hint(problem.retryable)}")
        except BROWSER_ERRORS as error:
            return fail(
                f"Der Browser meldet einen Fehler ({first_line(error)}). {self.retry_hint(True)}"
            )
        except Exception as error:  # a bug must cost one row, not the run
            logger.exception("Unerwarteter Fehler in {} Zeile {}", row.sheet, row.number)
            return fail(
                f"Unerwarteter Fehler ({type(error).__name__}: {error}); "
                "Einzelheiten im Protokoll. Ein erneuter Lauf kann helfen."
            )

    def retry_hint(self, retryable: bool) -> str:
        if not retryable:
            return "Ein erneuter Lauf hilft erst, wenn die Ursache behoben ist."
        tries = self.ctx.options.retries + 1
        return f"Nach {tries} Versuchen aufgegeben; ein erneuter Lauf kann helfen."

    def failed(
        self, row: Row, message: str, details: str | None = None, oe_id: str | None = None
    ) -> RowResult:
        logger.warning("{} Zeile {}: FEHLER: {}", row.sheet, row.number, message)
        if details:
            message = f"{message.rstrip('.')}. Details: {details}"
        return row.result(Status.FEHLER, message, Action.FEHLGESCHLAGEN, oe_id=oe_id)

    def capture(self, row: Row) -> str | None:
        """Screenshot and HTML of the current page, as a path relative to the workbook; None
        in a dry run or when the browser cannot give them."""
        folder, client = self.ctx.folder, self.ctx.session.live_client()
        if folder is None or client is None:
            return None
        stem = folder.evidence_stem(row.sheet, row.number)
        try:
            files = client.capture(stem)
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
