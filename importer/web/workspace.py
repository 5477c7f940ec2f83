"""What one server process holds: the chosen workbook, the connection, the one job.

Each method calls one library function, as a CLI command does; nothing is decided here that
the library decides. The password lives only in the `Connection` in memory.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, cast

from flask import current_app

from importer.admincenter.credentials import Credentials
from importer.errors import ImporterError, UsageError
from importer.web.jobs import DONE, STOPPED, Job, JobSlot, Work
from importer.web.progress import WebProgress
from importer.web.uploads import PlacedUpload, Upload, save_upload

if TYPE_CHECKING:
    from importer.admincenter.checks import CheckReport
    from importer.runner.options import RunOptions
    from importer.runner.summary import RunSummary
    from importer.validation.validate import ValidationReport
    from importer.web.config import WebConfig
    from importer.workbook.data import WorkbookData
    from importer.workbook.writeback import Writeback
    from importer.workbook.writer import Report

CHECK, PLAN, RUN = "verbindung", "vorschau", "import"


class JobRunning(ImporterError):
    """Something that would change the workbook was asked for while a job runs."""


@dataclass
class Connection:
    """The AdminCenter's address and the login, for this server process only."""

    url: str
    credentials: Credentials
    locators: Path | None = None


@dataclass
class Checked:
    """The last validation: the report, and what was written into the workbook (or why not)."""

    data: WorkbookData
    report: ValidationReport
    written: Writeback | None
    write_error: str | None = None


@dataclass
class Chosen:
    """The workbook the pages work on: an upload (a copy here) or a file on this machine."""

    path: Path
    name: str
    uploaded: bool
    missing_logos: list[str] = field(default_factory=list)
    placed_logos: list[str] = field(default_factory=list)
    checked: Checked | None = None


class Workspace:
    def __init__(self, config: WebConfig) -> None:
        self.config = config
        self.slot = JobSlot()
        self.chosen: Chosen | None = None
        self.connection: Connection | None = None
        self._uploads = itertools.count(1)
        self._lock = threading.Lock()

    # -- Start and Prüfen --------------------------------------------------------------------

    def choose_upload(self, uploads: list[Upload]) -> Chosen:
        self.refuse_while_busy()
        folder = self.config.folder / f"mappe-{next(self._uploads)}"
        placed: PlacedUpload = save_upload(folder, uploads)
        chosen = Chosen(placed.workbook, placed.name, True, placed.missing, placed.placed)
        return self.choose(chosen)

    def choose_path(self, text: str) -> Chosen:
        self.refuse_while_busy()
        path = Path(text.strip().strip('"')).expanduser()
        if not text.strip() or not path.is_file():
            raise UsageError(f"Die Datei „{text.strip()}“ gibt es auf diesem Rechner nicht.")
        return self.choose(Chosen(path.resolve(), path.name, False))

    def choose(self, chosen: Chosen) -> Chosen:
        self.validate(chosen)
        with self._lock:
            self.chosen = chosen
            self.slot.forget(PLAN, RUN)
        return chosen

    def validate(self, chosen: Chosen | None = None) -> Checked:
        """Read, validate and mark the workbook as `amt24-import validate` does."""
        from importer.validation.validate import validate_workbook
        from importer.workbook.reader import read_workbook
        from importer.workbook.writeback import write_validation

        self.refuse_while_busy()
        chosen = chosen or self.require_workbook()
        data = read_workbook(chosen.path)
        report = validate_workbook(data)
        try:
            # a ValidationReport is a Report; mypy holds the Protocol's attributes invariant
            checked = Checked(data, report, write_validation(data, cast("Report", report)))
        except ImporterError as error:  # e.g. the workbook is open in Excel: findings still shown
            checked = Checked(data, report, None, error.message)
        chosen.checked = checked
        return checked

    def require_workbook(self) -> Chosen:
        if self.chosen is None:
            raise UsageError("Bitte wählen Sie zuerst eine Arbeitsmappe.")
        return self.chosen

    def refuse_while_busy(self) -> None:
        if self.slot.busy():
            raise JobRunning(
                "Ein Auftrag läuft noch. Bitte warten Sie, bis er fertig ist, oder halten Sie "
                "den Import an."
            )

    # -- Verbindung, Vorschau, Import --------------------------------------------------------

    def connect(self, connection: Connection, seen: str) -> Job | None:
        """Keep the connection and start the label check (read-only)."""
        self.refuse_while_busy()
        self.connection = connection
        return self.start(CHECK, self.check_work(connection), seen)

    def start_plan(self, seen: str) -> Job | None:
        chosen, connection = self.require_workbook(), self.require_connection()
        options = self.options(connection)

        def work(progress: WebProgress, _stop: threading.Event) -> RunSummary:
            from importer.runner.run import plan_workbook

            return plan_workbook(chosen.path, options, connection.credentials, progress)

        return self.start(PLAN, work, seen)

    def start_run(self, seen: str) -> Job | None:
        chosen, connection = self.require_workbook(), self.require_connection()
        options = self.options(connection)

        def work(progress: WebProgress, stop: threading.Event) -> RunSummary:
            from importer.runner.run import run_workbook
            from importer.web.runs import write_summary_file

            summary = run_workbook(chosen.path, options, connection.credentials, progress, stop)
            write_summary_file(summary, connection.url, STOPPED if stop.is_set() else DONE)
            return summary

        return self.start(RUN, work, seen)

    def start(self, kind: str, work: Work, seen: str) -> Job | None:
        job, _started = self.slot.start(kind, work, seen)
        return job

    def check_work(self, connection: Connection) -> Work:
        headless = self.config.headless

        def work(progress: WebProgress, _stop: threading.Event) -> CheckReport:
            from importer.admincenter.checks import run_check
            from importer.admincenter.locators import load_locators

            progress.note("Anmelden und Beschriftungen prüfen …")
            table = load_locators(connection.locators)
            return run_check(connection.url, connection.credentials, table, visible=not headless)

        return work

    def options(self, connection: Connection) -> RunOptions:
        from importer.runner.options import RunOptions

        return RunOptions(
            url=connection.url, locators=connection.locators, headed=not self.config.headless
        )

    def require_connection(self) -> Connection:
        if self.connection is None:
            raise UsageError("Bitte geben Sie zuerst unter „Verbindung“ das AdminCenter an.")
        return self.connection

    def latest(self, kind: str) -> Job | None:
        return self.slot.latest.get(kind)


def current_workspace() -> Workspace:
    """The workspace of the app serving the current request."""
    space: Workspace = current_app.extensions["amt24_workspace"]
    return space
