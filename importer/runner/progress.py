"""How the runner reports progress: a small protocol the CLI renders (Rich), tests record.

The library never prints; it calls these methods from any worker thread, so implementations
must be thread-safe.
"""

from __future__ import annotations

from typing import Protocol

from importer.model import RowResult

PRUEFEN = "Prüfen"
MANDANTEN = "Mandanten"
EINHEITEN = "Organisationseinheiten"
VEROEFFENTLICHUNG = "Veröffentlichung"
PHASES = (PRUEFEN, MANDANTEN, EINHEITEN, VEROEFFENTLICHUNG)


class Progress(Protocol):
    def start(self, phase: str, total: int) -> None:
        """A phase begins (or its total becomes known) with `total` steps."""

    def advance(self, phase: str, steps: int = 1) -> None:
        """`steps` more steps of `phase` are done."""

    def note(self, text: str) -> None:
        """A short German line worth showing (e.g. "Melde an …")."""

    def row(self, mandant: str, result: RowResult) -> None:
        """A row's final result (`mandant` as the workbook names it)."""


class NoProgress:
    """Progress that shows nothing (library default, plan --json)."""

    def start(self, phase: str, total: int) -> None:
        pass

    def advance(self, phase: str, steps: int = 1) -> None:
        pass

    def note(self, text: str) -> None:
        pass

    def row(self, mandant: str, result: RowResult) -> None:
        pass
