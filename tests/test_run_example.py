"""The example Landkreis Meißen imports completely into the demo's bestand (units that exist
already, outdated phones, a Servicekonto), and a second run has nothing to do.

Opt-in (`pytest -m long`): minutes of browser work."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from run_support import (
    ADMIN,
    UNITS,
    assert_mandanten_match,
    import_problems,
    mandanten_of,
    options,
    state,
    statuses,
)
from state_support import bestand_for

from importer.runner.run import run_workbook
from importer.sandbox.bestand import bestand_from_workbook
from importer.workbook.reader import read_workbook

# The full Landkreis (28 Mandanten, 400 units) takes minutes: opt-in (`make test-long`), so the
# default suite stays within its time budget; the mistakes workbook covers the same path there.
pytestmark = [pytest.mark.browser, pytest.mark.long, pytest.mark.timeout(1800)]

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.mark.parametrize("generation", ["neu", "klassisch"])
def test_example_landkreis_imports_completely_and_a_second_run_does_nothing(
    make_sandbox, tmp_path: Path, generation: str
) -> None:
    shutil.copytree(EXAMPLES / "logos", tmp_path / "logos")
    path = Path(shutil.copy(EXAMPLES / "landkreis-meissen.xlsx", tmp_path))
    # the demo's bestand moves some units elsewhere; klassisch cannot move (parents are fixed
    # at creation there), so it gets a bestand with every parent right
    bestand = bestand_from_workbook(path) if generation == "neu" else bestand_for(path)
    sandbox = make_sandbox(
        mandanten=mandanten_of(path), bestand=bestand, publish_delay=0.2, oberflaeche=generation
    )

    summary = run_workbook(path, options(sandbox, workers=2), ADMIN)

    units = len(read_workbook(path).records(UNITS))
    print(
        f"\nBeispiel ({generation}): {units} Einheiten in {summary.seconds:.1f} s "
        f"({summary.seconds / units:.2f} s je Einheit, 2 Worker)"
    )
    assert summary.exit_code == 0
    assert {status for status, _ in statuses(path).values()} == {"OK"}
    assert import_problems(sandbox, path, bestand) == []
    assert_mandanten_match(sandbox, path)
    assert all(unit["published"] for unit in state(sandbox)["units"])

    again = run_workbook(path, options(sandbox), ADMIN)
    assert again.nothing_to_do and again.exit_code == 0
