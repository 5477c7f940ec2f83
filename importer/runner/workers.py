"""Parallel browser sessions: each worker takes the next Mandant and does all of its rows.

Partitioning by Mandant keeps one Mandant's units (and their parents) in one session. The
largest Mandanten go first so the workers finish at about the same time. A fatal error in one
worker stops the others; Ctrl+C in the main thread stops all of them after their current step.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from loguru import logger

from importer.runner.select import Row
from importer.runner.session import RunStopped, Session

JOIN_POLL = 0.2  # seconds the main thread waits per join, so Ctrl+C reaches it promptly


@dataclass
class Job:
    """One Mandant's rows. `name` is the AdminCenter's spelling, None when not permitted;
    `blocked` maps the name key of an invalid unit row to its row number (its children fail)."""

    mandant: str
    name: str | None
    rows: dict[str, list[Row]]
    blocked: dict[str, int] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return sum(len(rows) for rows in self.rows.values())


def run_jobs(
    jobs: list[Job],
    sessions: list[Session],
    work: Callable[[Session, Job], None],
    stop: threading.Event,
) -> None:
    """Run `work(session, job)` for every job on `len(sessions)` threads; re-raise the first
    fatal error of a worker after all have ended."""
    pending: queue.SimpleQueue[Job] = queue.SimpleQueue()
    for job in sorted(jobs, key=lambda j: -j.size):
        pending.put(job)
    errors: list[BaseException] = []

    def loop(session: Session) -> None:
        try:
            while not stop.is_set():
                try:
                    job = pending.get_nowait()
                except queue.Empty:
                    return
                work(session, job)
        except RunStopped:
            logger.info("Worker angehalten")
        except BaseException as error:  # noqa: BLE001 - handed to the main thread
            logger.opt(exception=error).error("Worker beendet: {}", error)
            errors.append(error)
            stop.set()
        finally:
            session.close()

    threads = [
        threading.Thread(target=loop, args=(session,), name=f"worker-{number}", daemon=True)
        for number, session in enumerate(sessions, 1)
    ]
    for thread in threads:
        thread.start()
    try:
        for thread in threads:
            while thread.is_alive():
                thread.join(JOIN_POLL)
    except KeyboardInterrupt:
        stop.set()
        for thread in threads:
            thread.join()
        raise
    if errors:
        raise errors[0]
