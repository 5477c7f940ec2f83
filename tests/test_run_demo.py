"""`amt24-import demo`: copies the example next to the user, imports it into an embedded
sandbox and says where the results are. Here with a small stand-in for the example."""

from __future__ import annotations

from pathlib import Path

import pytest
from run_support import small_workbook, statuses
from typer.testing import CliRunner

from importer.cli import app
from importer.runner import demo
from importer.workbook.reader import read_workbook

pytestmark = pytest.mark.browser


def test_demo_imports_the_example_copy_in_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    examples = tmp_path / "examples"
    examples.mkdir()
    small_workbook(examples, mandanten=2, units=3).rename(examples / demo.EXAMPLE)
    monkeypatch.setattr(demo, "EXAMPLES", examples)
    here = tmp_path / "hier"
    here.mkdir()
    monkeypatch.chdir(here)
    (here / demo.DEMO_RESULT).write_bytes(b"old result, overwritten")

    answer = CliRunner().invoke(app, ["demo", "--workers", "2"])

    assert answer.exit_code == 0, answer.output
    result = here / demo.DEMO_RESULT
    assert {status for status, _ in statuses(result).values()} == {"OK"}
    logos = [Path(r.values["bilddatei"]) for r in read_workbook(result).records("Logo")]
    assert logos and all(p.is_absolute() and p.parent == examples / "logos" for p in logos)
    names = sorted(p.name for p in here.iterdir())
    assert names[1:] == [demo.DEMO_RESULT, "amt24-laeufe"]  # nothing else lands here
    assert names[0].startswith("amt24-demo-ergebnis.sicherung-")  # the writer's backup
    shown = answer.stdout.replace("\n", "")
    assert f"Ergebnisse stehen in: {result}" in shown
    assert "Protokoll und Belege:" in shown
