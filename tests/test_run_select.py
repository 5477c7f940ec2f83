"""Step "select" and the pieces around it, without a browser: which rows a run sends, the row
filters, parents-first order, the journal, the one diff, the summary's counts and exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from run_support import UNITS, set_cell, small_workbook

from importer.errors import UsageError
from importer.model import Action, Record, RowResult, Status, name_key
from importer.runner.diff import diff_fields
from importer.runner.journal import Journal, journal_path
from importer.runner.options import RowRange, RunOptions, parse_rows
from importer.runner.results import ResultSink
from importer.runner.select import Row, select_rows
from importer.runner.summary import RunSummary
from importer.runner.units import parents_first
from importer.validation.validate import validate_workbook
from importer.workbook.columns import IMPRESSUM
from importer.workbook.reader import read_workbook

URL = "http://127.0.0.1:9/"


def selected(path: Path, **options: object) -> dict[str, list[int]]:
    data = read_workbook(path)
    selection = select_rows(data, validate_workbook(data), RunOptions(url=URL, **options))
    return {sheet: [row.number for row in rows] for sheet, rows in selection.todo.items()}


def mark_all_ok(path: Path) -> None:
    """Write OK with the current fingerprint into every row, as a finished run does."""
    data = read_workbook(path)
    selection = select_rows(data, validate_workbook(data), RunOptions(url=URL))
    sink = ResultSink(path)
    for row in selection.rows:
        sink.put(row.result(Status.OK, "erledigt", Action.ANGELEGT))
    sink.close()


def test_a_fresh_workbook_sends_every_row(tmp_path: Path) -> None:
    path = small_workbook(tmp_path, mandanten=2, units=3)
    assert selected(path) == {
        "Impressum": [2, 3],
        "Datenschutzbeauftragte": [2, 3],
        "Logo": [2, 3],
        UNITS: [2, 3, 4, 5, 6, 7],
    }


def test_ok_rows_with_matching_pruefsumme_are_skipped_and_a_changed_row_is_sent(
    tmp_path: Path,
) -> None:
    path = small_workbook(tmp_path, mandanten=2, units=3)
    mark_all_ok(path)
    assert selected(path) == {}
    set_cell(path, UNITS, 4, "Telefon", "0351 999999")
    assert selected(path) == {UNITS: [4]}


def test_an_ok_the_importer_did_not_write_counts_as_changed(tmp_path: Path) -> None:
    path = small_workbook(tmp_path, mandanten=1, units=2)
    mark_all_ok(path)
    set_cell(path, UNITS, 3, "Prüfsumme", None)
    set_cell(path, "Impressum", 2, "Prüfsumme", "0123456789abcdef")
    assert selected(path) == {"Impressum": [2], UNITS: [3]}


def test_filters_by_mandant_and_rows(tmp_path: Path) -> None:
    path = small_workbook(tmp_path, mandanten=3, units=2)
    second = read_workbook(path).records("Impressum")[1].mandant
    assert selected(path, mandanten=(f"  {second.upper()} ",)) == {
        "Impressum": [3],
        "Datenschutzbeauftragte": [3],
        "Logo": [3],
        UNITS: [4, 5],
    }
    assert selected(path, rows=RowRange(3, 5)) == {
        "Impressum": [3, 4],
        "Datenschutzbeauftragte": [3, 4],
        "Logo": [3, 4],
        UNITS: [3, 4, 5],
    }


def test_invalid_rows_become_ungueltig_results_with_their_findings(tmp_path: Path) -> None:
    path = small_workbook(tmp_path, mandanten=1, units=2)
    set_cell(path, UNITS, 3, "E-Mail", "kein-at-zeichen")
    data = read_workbook(path)
    selection = select_rows(data, validate_workbook(data), RunOptions(url=URL))
    assert [(r.sheet, r.row, r.status, r.action) for r in selection.invalid] == [
        (UNITS, 3, Status.UNGUELTIG, Action.UNGUELTIG)
    ]
    assert "kein-at-zeichen" in selection.invalid[0].message
    assert [f.code for f in selection.invalid[0].findings] == ["email-ungueltig"]
    assert [row.number for row in selection.todo[UNITS]] == [2]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("5-20", RowRange(5, 20)), (" 7 ", RowRange(7, 7)), ("2 - 3", RowRange(2, 3))],
)
def test_parse_rows(text: str, expected: RowRange) -> None:
    assert parse_rows(text) == expected


@pytest.mark.parametrize("text", ["", "a-b", "1-5", "9-3", "5-"])
def test_parse_rows_rejects_nonsense_in_german(text: str) -> None:
    with pytest.raises(UsageError, match="--zeilen"):
        parse_rows(text)


def unit_row(number: int, name: str, parent: str | None = None) -> Row:
    record = Record(UNITS, number, {"mandant": "M", "name": name, "parent": parent})
    return Row(record, {"mandant": "M", "name": name, "parent": parent}, "x")


def test_parents_come_first_otherwise_the_workbook_order_stays() -> None:
    rows = [
        unit_row(2, "Standesamt", "bürgeramt"),
        unit_row(3, "Kasse"),
        unit_row(4, "Vollstreckung", "Stadtkasse"),
        unit_row(5, "Stadtkasse", "Kämmerei"),
        unit_row(6, "Bürgeramt"),
        unit_row(7, "Kämmerei"),
        unit_row(8, "Hof", "Bauamt"),  # parent not in the sheet (exists in the AdminCenter)
    ]
    assert [row.number for row in parents_first(rows)] == [6, 2, 3, 7, 5, 4, 8]


def test_journal_keeps_pending_intents_across_runs_and_vanishes_when_all_are_done(
    tmp_path: Path,
) -> None:
    path = journal_path(tmp_path / "mappe.xlsx")
    assert path.name == "mappe.xlsx.amt24-journal.jsonl"
    journal = Journal(path)
    journal.intent("Stadt Riesa", "Bauamt", 4)
    journal.intent("Stadt Riesa", "Kasse", 5)
    journal.done("Stadt Riesa", "Kasse", 5, "600001")
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"event": "done", "mandant": "Stadt Ri')  # cut short by a crash
    again = Journal(path)
    assert again.is_pending("stadt  riesa", "BAUAMT")
    assert not again.is_pending("Stadt Riesa", "Kasse")
    again.close()
    assert path.exists()
    again.done("Stadt Riesa", "Bauamt", 4, "600002")
    again.close()
    assert not path.exists()


def test_one_diff_treats_empty_and_missing_alike_and_names_the_columns() -> None:
    changes = diff_fields(
        IMPRESSUM,
        ("behoerde", "fax", "telefon", "internet"),
        {"behoerde": "Amt ", "fax": "", "telefon": "+49 351 1", "internet": None},
        {"behoerde": "Amt", "fax": None, "telefon": "+49 351 2", "internet": "https://a.de"},
    )
    assert [c.describe() for c in changes] == [
        "Telefon: „+49 351 1“ → „+49 351 2“",
        "Internet: „https://a.de“",
    ]
    assert name_key("  Stadt   Coswig ") == name_key("stadt coswig")


def test_summary_counts_per_mandant_and_exit_codes(tmp_path: Path) -> None:
    summary = RunSummary(tmp_path / "m.xlsx")
    summary.mandant_of = {("Impressum", 2): "A", (UNITS, 2): "A", (UNITS, 3): "B"}
    summary.results = [
        RowResult("Impressum", 2, Status.OK, "", action=Action.UEBERSPRUNGEN),
        RowResult(UNITS, 2, Status.OK, "", action=Action.ANGELEGT),
        RowResult(UNITS, 3, Status.FEHLER, "", action=Action.FEHLGESCHLAGEN),
    ]
    counts = {e.mandant: dict(e.counts) for e in summary.per_mandant()}
    assert counts == {
        "A": {Action.UNVERAENDERT: 1, Action.ANGELEGT: 1},
        "B": {Action.FEHLGESCHLAGEN: 1},
    }
    assert summary.exit_code == 1
    summary.results.pop()
    assert summary.exit_code == 0
    summary.label_problems = ["„E-Mail“ fehlt"]
    assert summary.exit_code == 1


def test_options_reject_impossible_values() -> None:
    for bad in ({"batch_size": 0}, {"workers": 0}, {"publish_timeout": 0}):
        with pytest.raises(UsageError):
            RunOptions(url=URL, **bad)  # type: ignore[arg-type]
