"""What users see of `run`, `plan` and `demo`: Rich progress bars and German summaries."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from importer.cli.app import console, err_console
from importer.model import Action, RowResult, Status
from importer.overview import PLAN_WORDS, count_rows, plan_rows, plan_word, sorted_results
from importer.runner.summary import COUNTED, RunSummary

SHOWN_FAILURES = 15


class RichProgress:
    """The runner's Progress protocol as Rich bars, one per phase (thread-safe)."""

    def __init__(self) -> None:
        self._bars = Progress(
            TextColumn("{task.description:<24}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("Rest"),
            TimeRemainingColumn(),
            console=err_console,
            transient=False,
        )
        self._tasks: dict[str, TaskID] = {}
        self._lock = threading.Lock()

    def start(self, phase: str, total: int) -> None:
        with self._lock:
            if phase in self._tasks:
                self._bars.update(self._tasks[phase], total=total)
            else:
                self._tasks[phase] = self._bars.add_task(phase, total=total)

    def advance(self, phase: str, steps: int = 1) -> None:
        with self._lock:
            if phase in self._tasks:
                self._bars.advance(self._tasks[phase], steps)

    def note(self, text: str) -> None:
        self._bars.console.print(text, highlight=False)

    def row(self, mandant: str, result: RowResult) -> None:
        pass  # the bars count phases; rows show in the summary

    def __enter__(self) -> RichProgress:
        self._bars.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._bars.stop()


@contextmanager
def progress_bars(enabled: bool = True) -> Iterator[RichProgress | None]:
    if not enabled:
        yield None
        return
    with RichProgress() as bars:
        yield bars


def print_run_summary(summary: RunSummary) -> None:
    """Counts per Mandant, the failed rows, where results and the run folder are."""
    if summary.label_problems:
        print_label_problems(summary.label_problems)
        return
    if summary.nothing_to_do:
        reason = (
            "Alle Zeilen sind OK und unverändert seit dem letzten Lauf."
            if summary.results
            else "Die Mappe enthält keine Zeile, oder --mandant/--zeilen schließen alle aus."
        )
        console.print(
            f"Nichts zu tun: {reason} Der Browser wurde nicht gestartet.", highlight=False
        )
        return
    console.print(count_table(summary, f"Ergebnis für {summary.workbook.name}"))
    print_failures(summary.results)
    # soft_wrap: paths stay on one line, so they can be copied
    console.print(f"Ergebnisse stehen in: {summary.workbook}", highlight=False, soft_wrap=True)
    if summary.run_folder is not None:
        console.print(
            f"Protokoll und Belege: {summary.run_folder}", highlight=False, soft_wrap=True
        )
    minutes, seconds = divmod(round(summary.seconds), 60)
    console.print(f"Dauer: {f'{minutes} min ' if minutes else ''}{seconds} s", highlight=False)


def print_label_problems(problems: list[str]) -> None:
    console.print(
        "[bold red]Vorabprüfung fehlgeschlagen:[/] Nicht jede Beschriftung, die der Import "
        "braucht, ist im AdminCenter zu finden. Es wurde nichts geändert.",
        highlight=False,
    )
    for line in problems:
        console.print(f"• {line}", highlight=False)
    console.print(
        "Passen Sie die Beschriftungen mit einer Datei für --locators an (siehe "
        "docs/locators.md) und prüfen Sie mit „amt24-import check“.",
        highlight=False,
    )


def count_table(summary: RunSummary, title: str, words: dict[Action, str] | None = None) -> Table:
    table = Table(title=title)
    table.add_column("Mandant", no_wrap=True)
    for action in COUNTED:
        table.add_column((words or {}).get(action, action.value), justify="right")
    for entry in count_rows(summary):
        style = "bold" if entry.mandant == "Summe" else None
        cells = [str(entry.count(action)) for action in COUNTED]
        table.add_row(entry.mandant or "–", *cells, style=style)
    return table


def print_failures(results: list[RowResult]) -> None:
    failed = [r for r in results if r.status in (Status.FEHLER, Status.UNGUELTIG)]
    for result in failed[:SHOWN_FAILURES]:
        console.print(
            f"• {result.sheet}, Zeile {result.row}: {result.status.value} – {result.message}",
            highlight=False,
        )
    if len(failed) > SHOWN_FAILURES:
        console.print(
            f"… und {len(failed) - SHOWN_FAILURES} weitere (siehe Spalte „Meldung“).",
            highlight=False,
        )


def print_plan(summary: RunSummary) -> None:
    """Every row with what a run would do; changed fields with old → new."""
    if summary.label_problems:
        print_label_problems(summary.label_problems)
        return
    table = Table(title=f"Vorschau für {summary.workbook.name} (es wurde nichts geändert)")
    for header in ("Blatt", "Zeile", "Mandant", "Aktion", "Einzelheiten"):
        table.add_column(header, justify="right" if header == "Zeile" else "left")
    for result in sorted_results(summary):
        mandant = summary.mandant_of.get((result.sheet, result.row), "")
        word = plan_word(result)
        details = result.message if result.action != Action.UEBERSPRUNGEN else ""
        table.add_row(result.sheet, str(result.row), mandant, word, details)
    console.print(table)
    console.print(count_table(summary, "Zusammenfassung", PLAN_WORDS))


def plan_json(summary: RunSummary) -> str:
    """The plan as JSON: one object per row (sheet, row, mandant, action, changes, message)."""
    return json.dumps(
        {"rows": plan_rows(summary), "label_problems": summary.label_problems},
        ensure_ascii=False,
        indent=2,
    )
