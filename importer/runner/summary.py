"""What a run hands back: every row's result, counts per Mandant, the exit status."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from importer.model import Action, RowResult, Status

# Columns of the summary table, in order (Action values are the German words).
COUNTED = (
    Action.ANGELEGT,
    Action.AKTUALISIERT,
    Action.UNVERAENDERT,
    Action.UNGUELTIG,
    Action.FEHLGESCHLAGEN,
)

EXIT_OK = 0
EXIT_ROWS_FAILED = 1


@dataclass
class MandantCounts:
    mandant: str
    counts: Counter[Action] = field(default_factory=Counter)

    def count(self, action: Action) -> int:
        return self.counts[action]


@dataclass
class RunSummary:
    """The outcome of `run_workbook`.

    `results` holds one RowResult per row this run decided about (skipped unchanged rows
    included, as UEBERSPRUNGEN); `mandant_of` maps (sheet, row) to the row's Mandant.
    `label_problems` lists German lines when the pre-flight check stopped the run.
    """

    workbook: Path
    results: list[RowResult] = field(default_factory=list)
    mandant_of: dict[tuple[str, int], str] = field(default_factory=dict)
    run_folder: Path | None = None
    browser_started: bool = False
    label_problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def nothing_to_do(self) -> bool:
        return not self.browser_started and all(
            r.action == Action.UEBERSPRUNGEN for r in self.results
        )

    @property
    def exit_code(self) -> int:
        if self.label_problems:
            return EXIT_ROWS_FAILED
        bad = {Status.UNGUELTIG, Status.FEHLER}
        return EXIT_ROWS_FAILED if any(r.status in bad for r in self.results) else EXIT_OK

    def failed(self) -> list[RowResult]:
        return [r for r in self.results if r.status == Status.FEHLER]

    def per_mandant(self) -> list[MandantCounts]:
        """Counts per Mandant in workbook order, skipped rows counted as unverändert."""
        table = {mandant: MandantCounts(mandant) for mandant in self.mandant_of.values()}
        for result in self.results:
            mandant = self.mandant_of.get((result.sheet, result.row), "")
            entry = table.setdefault(mandant, MandantCounts(mandant))
            action = result.action or _action_of(result.status)
            if action == Action.UEBERSPRUNGEN:
                action = Action.UNVERAENDERT
            entry.counts[action] += 1
        return [entry for entry in table.values() if entry.counts]

    def totals(self) -> MandantCounts:
        total = MandantCounts("Summe")
        for entry in self.per_mandant():
            total.counts.update(entry.counts)
        return total


def _action_of(status: Status) -> Action:
    if status == Status.UNGUELTIG:
        return Action.UNGUELTIG
    if status == Status.FEHLER:
        return Action.FEHLGESCHLAGEN
    return Action.UNVERAENDERT
