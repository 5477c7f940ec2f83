"""The one background job: a label check, a plan or a run, in its own thread.

At most one job runs at a time. Starting is idempotent: a start names the job the page showed
(`seen`); when another job has come since, or one is still running, nothing new starts - so a
reloaded form, a second tab or a double click never starts a job twice.
"""

from __future__ import annotations

import secrets
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from loguru import logger

from importer.errors import ImporterError
from importer.web.progress import WebProgress

RUNNING = "läuft"
DONE = "fertig"
STOPPED = "angehalten"
FAILED = "fehlgeschlagen"

Work = Callable[[WebProgress, threading.Event], Any]


@dataclass
class Job:
    """`kind`: "verbindung", "vorschau" or "import"; `result` what the work returned."""

    kind: str
    work: Work
    id: str = field(default_factory=lambda: secrets.token_hex(8))
    progress: WebProgress = field(default_factory=WebProgress)
    stop: threading.Event = field(default_factory=threading.Event)
    state: str = RUNNING
    result: Any = None
    error: str | None = None
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None

    def __post_init__(self) -> None:
        self.thread = threading.Thread(target=self._run, name=f"auftrag-{self.kind}", daemon=True)

    @property
    def running(self) -> bool:
        return self.state == RUNNING

    def _run(self) -> None:
        try:
            self.result = self.work(self.progress, self.stop)
        except ImporterError as error:
            self.error, self.state = error.message, FAILED
        except Exception as error:  # a bug must end the job, not the server
            # the traceback without the frames' variables: a login frame holds the password
            trace = "".join(traceback.format_exception(error))
            logger.error("Auftrag {} fehlgeschlagen:\n{}", self.kind, trace)
            self.error = f"Unerwarteter Fehler ({type(error).__name__}); der Auftrag wurde beendet."
            self.state = FAILED
        else:
            self.state = STOPPED if self.stop.is_set() else DONE
        finally:
            self.finished = time.monotonic()


class JobSlot:
    """The current job and the latest job of each kind."""

    def __init__(self) -> None:
        self.current: Job | None = None
        self.latest: dict[str, Job] = {}
        self._lock = threading.Lock()

    @property
    def current_id(self) -> str:
        return self.current.id if self.current else ""

    def start(self, kind: str, work: Work, seen: str) -> tuple[Job | None, bool]:
        """Start `work` unless a job runs or the page did not show the current job."""
        with self._lock:
            current = self.current
            if (current is not None and current.running) or seen != self.current_id:
                return current, False
            job = Job(kind, work)
            self.current = self.latest[kind] = job
            job.thread.start()
            return job, True

    def stop(self, job_id: str) -> bool:
        """Ask the running job `job_id` to stop (as Ctrl+C does); False when it is not running."""
        with self._lock:
            job = self.current
            if job is None or job.id != job_id or not job.running:
                return False
            job.stop.set()
            return True

    def forget(self, *kinds: str) -> None:
        """Drop the results of `kinds` (another workbook was chosen)."""
        with self._lock:
            for kind in kinds:
                self.latest.pop(kind, None)

    def busy(self) -> bool:
        return self.current is not None and self.current.running

    def shutdown(self, timeout: float | None = None) -> None:
        """Stop a running job and wait until it has saved its results."""
        job = self.current
        if job is not None and job.running:
            job.stop.set()
            job.thread.join(timeout)
