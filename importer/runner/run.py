"""`run_workbook` and `plan_workbook`: one workbook against the AdminCenter (docs/runner.md).

load → validate → select (no browser when nothing is to do) → check the workbook is writable
→ log in → pre-flight label check → permissions → per Mandant, one worker session at a time:
Impressum, Datenschutzbeauftragter, Bild, units in batches → results through one writer.
`plan` takes the same way as a dry run: it reads and compares, and writes nothing anywhere.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from loguru import logger

from importer.admincenter.checks import NO_UNIT, needed
from importer.admincenter.client import AdminCenter
from importer.admincenter.credentials import Credentials
from importer.admincenter.locators import load_locators
from importer.admincenter.problems import LabelMissing
from importer.errors import LabelsMissing
from importer.model import RowResult, name_key
from importer.runner import progress as phases
from importer.runner.context import Context, UnitTexts, label_line
from importer.runner.journal import Journal, journal_path
from importer.runner.mandant_steps import MandantSteps
from importer.runner.options import RunOptions
from importer.runner.progress import NoProgress, Progress
from importer.runner.results import Collector, ReportingSink, ResultSink, Sink
from importer.runner.runfolder import RunFolder, create_run_folder, logging_to
from importer.runner.select import Selection, select_rows
from importer.runner.session import Session
from importer.runner.summary import RunSummary
from importer.runner.workers import Job, run_jobs
from importer.runner.writer import LiveWriter, PlanWriter
from importer.validation.validate import validate_workbook
from importer.workbook.columns import ORGANISATIONSEINHEITEN
from importer.workbook.data import WorkbookData
from importer.workbook.reader import read_workbook
from importer.workbook.writer import check_writable

UNKNOWN_PARENT = "oe-uebergeordnet-unbekannt"


def run_workbook(
    path: Path,
    options: RunOptions,
    credentials: Credentials,
    progress: Progress | None = None,
    stop: threading.Event | None = None,
) -> RunSummary:
    """Import `path`; results go into the workbook as rows finish. Fatal problems raise
    `ImporterError`s after the results so far are saved."""
    started = time.monotonic()
    work = _Pass(Path(path), options, credentials, progress or NoProgress(), dry_run=False)
    data, selection = work.prepare()
    check_writable(work.path)
    summary = RunSummary(work.path, list(selection.unchanged), dict(selection.mandant_of))
    if not needs_browser(selection):
        summary.results += write_results(work.path, selection.invalid)
        summary.seconds = time.monotonic() - started
        return summary
    folder = create_run_folder(work.path)
    summary.run_folder = folder.path
    with logging_to(folder):
        logger.info("Lauf: {} gegen {} ({} Worker)", work.path.name, options.url, options.workers)
        try:
            work.browse(data, selection, summary, folder, stop or threading.Event())
        finally:
            summary.seconds = time.monotonic() - started
            logger.info("Lauf beendet nach {:.1f} s", summary.seconds)
    return summary


def plan_workbook(
    path: Path,
    options: RunOptions,
    credentials: Credentials,
    progress: Progress | None = None,
) -> RunSummary:
    """What a run would do, row by row (`PlannedResult`s); nothing is written anywhere."""
    started = time.monotonic()
    work = _Pass(Path(path), options, credentials, progress or NoProgress(), dry_run=True)
    data, selection = work.prepare()
    summary = RunSummary(work.path, list(selection.unchanged), dict(selection.mandant_of))
    if not needs_browser(selection):
        summary.results += selection.invalid
    else:
        work.browse(data, selection, summary, None, threading.Event())
    summary.seconds = time.monotonic() - started
    return summary


def needs_browser(selection: Selection) -> bool:
    return bool(selection.todo or unknown_parent_rows(selection))


def unknown_parent_rows(selection: Selection) -> list[RowResult]:
    """Invalid unit rows whose only problem is a parent the workbook does not contain: the
    AdminCenter may have it, so they are validated again once its units are known."""
    return [
        r
        for r in selection.invalid
        if r.sheet == ORGANISATIONSEINHEITEN.name
        and {f.code for f in r.findings} == {UNKNOWN_PARENT}
    ]


def write_results(path: Path, results: list[RowResult]) -> list[RowResult]:
    if not results:
        return []
    sink = ResultSink(path)
    for result in results:
        sink.put(result)
    return sink.close()


@dataclass
class _Pass:
    """One pass over a workbook: a run, or a dry run for `plan`."""

    path: Path
    options: RunOptions
    credentials: Credentials
    progress: Progress
    dry_run: bool

    def __post_init__(self) -> None:
        self.locators = load_locators(self.options.locators)  # a bad file stops before anything
        self.unit_texts = UnitTexts(verified=True)

    def prepare(self) -> tuple[WorkbookData, Selection]:
        """Load, validate and select: no browser is needed for this."""
        data = read_workbook(self.path)
        records = sum(len(rows) for rows in data.sheets.values())
        self.progress.start(phases.PRUEFEN, records)
        report = validate_workbook(data)
        self.progress.advance(phases.PRUEFEN, records)
        return data, select_rows(data, report, self.options)

    def browse(
        self,
        data: WorkbookData,
        selection: Selection,
        summary: RunSummary,
        folder: RunFolder | None,
        stop: threading.Event,
    ) -> None:
        """Log in, check labels and permissions, then let the workers do every Mandant."""
        session = Session(self.options, self.credentials, self.locators, stop)
        try:
            allowed = self.login(session, selection, summary)
            if allowed is None:
                return
            if unknown_parent_rows(selection):
                selection = revalidate(data, selection, session, allowed, self.options)
            jobs = make_jobs(selection, allowed)
            self.start_progress(jobs)
            journal = Journal(journal_path(self.path))
            sink = ReportingSink(
                Collector() if self.dry_run else ResultSink(self.path),
                self.progress,
                selection.mandant_of,
            )
            try:
                for result in selection.invalid:
                    sink.put(result)
                self.work(jobs, session, journal, sink, folder)
            except LabelsMissing as missing:
                logger.error("Beschriftungen fehlen an der ersten Einheit: {}", missing.lines)
                summary.label_problems = missing.lines
            finally:
                summary.results += sink.close()
                if not self.dry_run:
                    journal.close()
        finally:
            session.close()

    def login(
        self, session: Session, selection: Selection, summary: RunSummary
    ) -> dict[str, str] | None:
        """Log in, read the permitted Mandanten (name key → their spelling) and check every
        label; None when a label is missing (then nothing is changed)."""
        self.progress.note("Anmelden …")
        session.open()
        summary.browser_started = True
        try:
            allowed = {name_key(m): m for m in session.call(lambda c: c.mandanten())}
        except LabelMissing as missing:
            summary.label_problems = [label_line(missing.label, missing.page, missing.key)]
        else:
            wanted = [allowed[k] for k in map(name_key, selection.mandanten()) if k in allowed]
            summary.label_problems, verified = preflight(session, wanted)
            self.unit_texts = UnitTexts(verified)
        if summary.label_problems:
            logger.error("Vorabprüfung: {} Beschriftungen fehlen", len(summary.label_problems))
            return None
        return allowed

    def start_progress(self, jobs: list[Job]) -> None:
        units = sum(len(job.rows.get(ORGANISATIONSEINHEITEN.name, [])) for job in jobs)
        self.progress.start(phases.MANDANTEN, len(jobs))
        self.progress.start(phases.EINHEITEN, units)
        if not self.dry_run:
            self.progress.start(phases.VEROEFFENTLICHUNG, units)

    def work(
        self,
        jobs: list[Job],
        session: Session,
        journal: Journal,
        sink: Sink,
        folder: RunFolder | None,
    ) -> None:
        stop = session.stop
        count = max(1, min(self.options.workers, len(jobs)))
        sessions = [session] + [
            Session(self.options, self.credentials, self.locators, stop) for _ in range(count - 1)
        ]

        writer = PlanWriter() if self.dry_run else LiveWriter(journal)

        def work(worker: Session, job: Job) -> None:
            ctx = Context(
                self.options,
                worker,
                journal,
                sink,
                self.progress,
                folder,
                stop,
                writer,
                self.unit_texts,
            )
            MandantSteps(ctx, job).run()

        run_jobs(jobs, sessions, work, stop)


def preflight(session: Session, mandanten: list[str]) -> tuple[list[str], bool]:
    """German lines for every text the run needs but the AdminCenter does not show or the
    check could not see, and whether a unit's texts were seen (on an existing unit of the
    workbook's Mandanten the user may manage; where none has a unit, the run looks at the
    first unit it creates)."""
    first = mandanten[0] if mandanten else None
    checks = session.call(lambda c: c.check_labels(first, mandanten[1:]))
    lines = [label_line(c.label, c.page, c.key) for c in checks if c.found is False]
    lines += [
        f"„{c.label}“ ({c.key}) konnte nicht geprüft werden: {c.note}"
        for c in checks
        if c.found is None and needed(c.key, c.note) and c.note != NO_UNIT
    ]
    return lines, not any(c.note == NO_UNIT for c in checks)


def revalidate(
    data: WorkbookData,
    selection: Selection,
    session: Session,
    allowed: dict[str, str],
    options: RunOptions,
) -> Selection:
    """Validate again knowing the units the AdminCenter has for the affected Mandanten."""
    known: dict[str, set[str]] = {}
    for result in unknown_parent_rows(selection):
        mandant = selection.mandant_of[(result.sheet, result.row)]
        name = allowed.get(name_key(mandant))
        if name is not None and mandant not in known:
            refs = session.call(partial(AdminCenter.list_units, mandant=name))
            known[mandant] = {ref.name for ref in refs}
    return select_rows(data, validate_workbook(data, known_units=known), options)


def make_jobs(selection: Selection, allowed: dict[str, str]) -> list[Job]:
    """One job per Mandant with rows to send; invalid unit rows block their children."""
    jobs: dict[str, Job] = {}
    for row in selection.rows:
        key = name_key(row.mandant)
        job = jobs.setdefault(key, Job(row.mandant, allowed.get(key), {}))
        job.rows.setdefault(row.sheet, []).append(row)
    for (mandant, unit), row_number in selection.invalid_units.items():
        if mandant in jobs:
            jobs[mandant].blocked[unit] = row_number
    return list(jobs.values())
