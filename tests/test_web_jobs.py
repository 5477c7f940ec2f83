"""The one background job: idempotent start, stop like Ctrl+C, errors in German, progress with
counts per phase and Mandant and the remaining time (unit tests, no browser)."""

from __future__ import annotations

import threading

import pytest

from importer.errors import LoginFailed
from importer.model import Action, RowResult, Status
from importer.web.jobs import DONE, FAILED, RUNNING, STOPPED, JobSlot
from importer.web.progress import WebProgress, duration


class Gate:
    """Work that runs until released or stopped, and says whether it ran."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.calls = 0

    def __call__(self, _progress: WebProgress, stop: threading.Event) -> str:
        self.calls += 1
        while not (self.release.is_set() or stop.is_set()):
            self.release.wait(0.01)
        return "ergebnis"


@pytest.fixture
def slot() -> JobSlot:
    slot = JobSlot()
    yield slot
    slot.shutdown()


def test_a_start_repeated_from_the_same_page_does_not_start_twice(slot: JobSlot) -> None:
    work = Gate()
    first, started = slot.start("import", work, seen="")
    again, started_again = slot.start("import", work, seen="")
    assert started and not started_again and again is first
    work.release.set()
    first.thread.join()
    assert slot.start("import", work, seen="") == (first, False)  # the page showed no job
    assert first.state == DONE and first.result == "ergebnis" and work.calls == 1


def test_a_page_showing_the_finished_job_may_start_the_next(slot: JobSlot) -> None:
    work = Gate()
    work.release.set()
    first, _ = slot.start("vorschau", work, seen="")
    first.thread.join()
    second, started = slot.start("import", work, seen=first.id)
    assert started and second is not first and second is not None
    second.thread.join()
    assert slot.latest == {"vorschau": first, "import": second}


def test_stop_asks_only_the_running_job_shown(slot: JobSlot) -> None:
    work = Gate()
    job, _ = slot.start("import", work, seen="")
    assert not slot.stop("anderer-auftrag")
    assert job.state == RUNNING
    assert slot.stop(job.id)
    job.thread.join()
    assert job.state == STOPPED and job.result == "ergebnis"
    assert not slot.stop(job.id)


def test_a_fatal_error_ends_the_job_with_its_german_message(slot: JobSlot) -> None:
    def refuse(_progress: WebProgress, _stop: threading.Event) -> None:
        raise LoginFailed("Anmeldung abgelehnt: Benutzername oder Passwort falsch.")

    job, _ = slot.start("verbindung", refuse, seen="")
    job.thread.join()
    assert (job.state, job.error) == (
        FAILED,
        "Anmeldung abgelehnt: Benutzername oder Passwort falsch.",
    )


def test_a_bug_ends_the_job_without_showing_its_text(slot: JobSlot) -> None:
    def broken(_progress: WebProgress, _stop: threading.Event) -> None:
        raise ValueError("geheim-4711")

    job, _ = slot.start("vorschau", broken, seen="")
    job.thread.join()
    assert job.state == FAILED
    assert job.error == "Unerwarteter Fehler (ValueError); der Auftrag wurde beendet."


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_progress_counts_phases_and_rows_per_mandant_and_estimates_the_rest() -> None:
    clock = Clock()
    progress = WebProgress(clock=clock)
    progress.start("Organisationseinheiten", 10)
    progress.note("Anmelden …")
    assert progress.view().note == "Anmelden …"
    assert progress.view().phases[0].remaining is None  # no pace yet
    clock.now += 20
    progress.advance("Organisationseinheiten", 4)
    progress.row("Stadt A", RowResult("Impressum", 2, Status.OK, "", Action.AKTUALISIERT))
    progress.row("Stadt A", RowResult("Organisationseinheiten", 2, Status.FEHLER, "x"))
    progress.row("Stadt B", RowResult("Impressum", 3, Status.LEER, "", Action.ANGELEGT))
    view = progress.view()
    assert [(p.name, p.done, p.total, p.remaining) for p in view.phases] == [
        ("Organisationseinheiten", 4, 10, "etwa 30 Sekunden")
    ]
    assert view.mandanten == [
        ("Stadt A", [("FEHLER", 1), ("OK", 1)]),
        ("Stadt B", [("anlegen", 1)]),
    ]
    assert (view.rows, view.note, view.remaining) == (3, "", "etwa 30 Sekunden")
    progress.advance("Organisationseinheiten", 6)
    assert progress.view().remaining is None


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (None, None),
        (3, "weniger als 10 Sekunden"),
        (44, "etwa 40 Sekunden"),
        (150, "etwa 2 Minuten"),
        (4 * 3600, "etwa 4 Stunden"),
    ],
)
def test_remaining_time_in_words(seconds: float | None, text: str | None) -> None:
    assert duration(seconds) == text
