"""The one place that writes row results into the workbook during a run.

Workers put `RowResult`s into a queue; one thread owns the `WorkbookWriter`, writes each result
as it arrives and saves at most every few seconds or every N rows, at a checkpoint (end of a
batch) and when closed (end of run, Ctrl+C, fatal error). openpyxl objects never cross threads.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Protocol

from loguru import logger

from importer.errors import ImporterError, WorkbookLocked
from importer.model import RowResult
from importer.runner.progress import Progress
from importer.workbook.writer import WorkbookWriter

SAVE_EVERY_SECONDS = 5.0
SAVE_EVERY_ROWS = 50


class Sink(Protocol):
    """Where the steps hand their results: the workbook writer, or a plan's collector."""

    def put(self, result: RowResult) -> None: ...

    def checkpoint(self) -> None: ...


class Collector:
    """A sink that only collects (dry run): nothing is written anywhere."""

    def __init__(self) -> None:
        self.results: list[RowResult] = []
        self._lock = threading.Lock()

    def put(self, result: RowResult) -> None:
        with self._lock:
            self.results.append(result)

    def checkpoint(self) -> None:
        pass

    def close(self) -> list[RowResult]:
        return self.results


class ReportingSink:
    """A sink that also hands every row's final result to the progress (`Progress.row`)."""

    def __init__(
        self,
        sink: Collector | ResultSink,
        progress: Progress,
        mandant_of: Mapping[tuple[str, int], str],
    ) -> None:
        self.sink, self.progress, self.mandant_of = sink, progress, mandant_of

    def put(self, result: RowResult) -> None:
        self.sink.put(result)
        self.progress.row(self.mandant_of.get((result.sheet, result.row), ""), result)

    def checkpoint(self) -> None:
        self.sink.checkpoint()

    def close(self) -> list[RowResult]:
        return self.sink.close()


_CHECKPOINT = object()
_CLOSE = object()


class ResultSink:
    """Collects results from any thread; `close()` saves and returns every result written."""

    def __init__(
        self,
        path: Path,
        every_seconds: float = SAVE_EVERY_SECONDS,
        every_rows: int = SAVE_EVERY_ROWS,
    ) -> None:
        self.path = path
        self.every_seconds = every_seconds
        self.every_rows = every_rows
        self.results: list[RowResult] = []
        self.saves = 0
        self._queue: queue.Queue[object] = queue.Queue()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._consume, name="ergebnisse", daemon=True)
        self._writer = WorkbookWriter(path)
        self._thread.start()

    def put(self, result: RowResult) -> None:
        self._queue.put(result)

    def checkpoint(self) -> None:
        """Save soon if anything is unsaved (end of a batch)."""
        self._queue.put(_CHECKPOINT)

    def close(self) -> list[RowResult]:
        """Write what is queued, save, stop the thread; re-raise a writer failure."""
        self._queue.put(_CLOSE)
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self.results

    def _consume(self) -> None:
        unsaved = 0
        last_save = time.monotonic()
        while True:
            try:
                item = self._queue.get(timeout=self.every_seconds)
            except queue.Empty:
                item = _CHECKPOINT
            if item is _CLOSE:
                if unsaved and not self._save():
                    self._save_elsewhere()
                return
            if isinstance(item, RowResult):
                self._write(item)
                unsaved += 1
            due = time.monotonic() - last_save >= self.every_seconds
            if unsaved and (item is _CHECKPOINT or due or unsaved >= self.every_rows):
                if self._save():
                    unsaved = 0
                last_save = time.monotonic()

    def _write(self, result: RowResult) -> None:
        self.results.append(result)
        try:
            if result.findings:
                self._writer.mark_findings(result.findings)
            else:
                self._writer.clear_marks(result.sheet, result.row)
            self._writer.write_result(result)
        except Exception as error:  # keep consuming: the rows still count for the summary
            logger.exception("Ergebnis für {} Zeile {} nicht geschrieben", result.sheet, result.row)
            self._error = self._error or error

    def _save_elsewhere(self) -> None:
        """The last save was refused (workbook opened meanwhile): keep the results in a copy
        beside it rather than lose them, and say so in the error."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        copy = self.path.with_name(f"{self.path.stem}.ergebnis-{stamp}{self.path.suffix}")
        try:
            self._writer.wb.save(copy)
        except OSError as error:
            logger.error("Auch die Kopie {} ließ sich nicht speichern: {}", copy, error)
            return
        message = self._error.message if isinstance(self._error, ImporterError) else ""
        self._error = WorkbookLocked(
            f"{message} Die Ergebnisse dieses Laufs stehen stattdessen in „{copy.name}“."
        )

    def _save(self) -> bool:
        try:
            self._writer.save()
        except ImporterError as error:  # e.g. the workbook was opened in Excel meanwhile
            logger.warning("Arbeitsmappe nicht gespeichert: {}", error.message)
            self._error = error
            return False
        self._error = None if isinstance(self._error, ImporterError) else self._error
        self.saves += 1
        return True
