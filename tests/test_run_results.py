"""The one writer of a run: results land in the workbook in batches of saves; when the workbook
gets opened elsewhere meanwhile, the results go to a copy instead of being lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from run_support import UNITS, small_workbook, statuses

from importer.errors import WorkbookLocked
from importer.model import Action, RowResult, Status
from importer.runner.results import ResultSink


def ok(row: int) -> RowResult:
    return RowResult(
        UNITS,
        row,
        Status.OK,
        f"angelegt, OE-ID 60000{row}",
        Action.ANGELEGT,
        oe_id=f"60000{row}",
        fingerprint="0123456789abcdef",
    )


def test_results_are_saved_every_n_rows_and_at_the_end(tmp_path: Path) -> None:
    path = small_workbook(tmp_path, mandanten=1, units=3)
    sink = ResultSink(path, every_seconds=60, every_rows=2)
    for row in (2, 3, 4):
        sink.put(ok(row))
    assert sink.close() == [ok(2), ok(3), ok(4)]
    assert sink.saves == 2
    rows = statuses(path)
    assert [rows[(UNITS, row)] for row in (2, 3, 4)] == [
        ("OK", f"angelegt, OE-ID 60000{row}") for row in (2, 3, 4)
    ]
    assert len(list(tmp_path.glob("mappe.sicherung-*.xlsx"))) == 1


def test_a_workbook_opened_meanwhile_gets_its_results_in_a_copy(tmp_path: Path) -> None:
    path = small_workbook(tmp_path, mandanten=1, units=1)
    content = path.read_bytes()
    sink = ResultSink(path, every_seconds=60, every_rows=100)
    sink.put(ok(2))
    (tmp_path / "~$mappe.xlsx").write_bytes(b"Excel has it open")

    with pytest.raises(WorkbookLocked, match=r"stehen stattdessen in „mappe\.ergebnis-"):
        sink.close()

    assert path.read_bytes() == content
    (copy,) = tmp_path.glob("mappe.ergebnis-*.xlsx")
    assert statuses(copy)[(UNITS, 2)] == ("OK", "angelegt, OE-ID 600002")
