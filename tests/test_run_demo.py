"""`amt24-import demo` end to end on a small stand-in for the example (same command, same
embedded sandbox with a bestand): exit 0, units created, adopted and updated, the result
workbook in the current folder with every row OK."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from run_support import small_workbook, statuses
from typer.testing import CliRunner

from importer.cli import app, demo_commands

pytestmark = pytest.mark.browser


def test_demo_creates_adopts_and_updates_and_leaves_every_row_ok(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    examples = tmp_path / "examples"
    examples.mkdir()
    made = small_workbook(examples, mandanten=2, units=3, seed=2)  # a bestand of one unit
    shutil.move(made, examples / demo_commands.EXAMPLE)
    monkeypatch.setattr(demo_commands, "EXAMPLES", examples)
    work = tmp_path / "arbeit"
    work.mkdir()
    monkeypatch.chdir(work)

    answer = CliRunner().invoke(app, ["demo", "--workers", "1"])

    assert answer.exit_code == 0, answer.output
    result = work / demo_commands.DEMO_RESULT
    assert {status for status, _ in statuses(result).values()} == {"OK"}
    messages = [m for (sheet, _), (_, m) in statuses(result).items() if sheet.startswith("Org")]
    assert any(m.startswith("angelegt") for m in messages), messages
    assert any(m.startswith("vorhandene Einheit übernommen") for m in messages), messages
    assert "Im Bestand vorgefunden und übernommen: " in answer.stdout
    assert (examples / demo_commands.EXAMPLE).exists()  # the example itself stays untouched
