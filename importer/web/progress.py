"""The runner's `Progress` recorded for the page: phases with counts and remaining time, and
the rows finished per Mandant. Called from the runner's threads, read by the page's requests."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from importer.model import RowResult
from importer.overview import plan_word


@dataclass
class Phase:
    name: str
    total: int
    started: float
    done: int = 0

    def remaining_seconds(self, now: float) -> float | None:
        """Estimate from the pace so far; None before the first step or when complete."""
        if self.done <= 0 or self.done >= self.total:
            return None
        pace = (now - self.started) / self.done
        return pace * (self.total - self.done)


@dataclass(frozen=True)
class PhaseView:
    name: str
    total: int
    done: int
    remaining: str | None


@dataclass(frozen=True)
class ProgressView:
    """What the page shows at one moment."""

    phases: list[PhaseView]
    mandanten: list[tuple[str, list[tuple[str, int]]]]
    note: str
    remaining: str | None
    rows: int


@dataclass
class WebProgress:
    """Thread-safe recorder of the `importer.runner.progress.Progress` protocol."""

    clock: Callable[[], float] = time.monotonic
    _phases: dict[str, Phase] = field(default_factory=dict)
    _rows: dict[str, Counter[str]] = field(default_factory=dict)
    _note: str = ""
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self, phase: str, total: int) -> None:
        with self._lock:
            if phase in self._phases:
                self._phases[phase].total = total
            else:
                self._phases[phase] = Phase(phase, total, self.clock())

    def advance(self, phase: str, steps: int = 1) -> None:
        with self._lock:
            self._note = ""  # a note says what happens until the work moves on
            if phase in self._phases:
                self._phases[phase].done += steps

    def note(self, text: str) -> None:
        with self._lock:
            self._note = text

    def row(self, mandant: str, result: RowResult) -> None:
        word = result.status.value or plan_word(result)
        with self._lock:
            self._note = ""
            self._rows.setdefault(mandant or "–", Counter())[word] += 1

    def view(self) -> ProgressView:
        now = self.clock()
        with self._lock:
            phases = [
                PhaseView(p.name, p.total, min(p.done, p.total), duration(p.remaining_seconds(now)))
                for p in self._phases.values()
            ]
            estimates = [p.remaining_seconds(now) for p in self._phases.values()]
            mandanten = [(m, sorted(c.items())) for m, c in self._rows.items()]
            rows = sum(sum(c.values()) for c in self._rows.values())
            note = self._note
        known = [e for e in estimates if e is not None]
        return ProgressView(phases, mandanten, note, duration(max(known, default=None)), rows)


def duration(seconds: float | None) -> str | None:
    """ "etwa 3 Minuten", "etwa 40 Sekunden", "weniger als 10 Sekunden"."""
    if seconds is None:
        return None
    if seconds < 10:
        return "weniger als 10 Sekunden"
    if seconds < 90:
        return f"etwa {round(seconds / 10) * 10} Sekunden"
    minutes = round(seconds / 60)
    return f"etwa {minutes} Minuten" if minutes < 120 else f"etwa {round(minutes / 60)} Stunden"
