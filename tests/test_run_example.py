"""The example Landkreis Meißen imports completely, and a second run has nothing to do.

Opt-in (`pytest -m long`): minutes of browser work."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from run_support import (
    ADMIN,
    UNITS,
    actual_units,
    assert_mandanten_match,
    expected_units,
    mandanten_of,
    options,
    state,
    statuses,
)

from importer.runner.run import run_workbook
from importer.workbook.reader import read_workbook

# The full Landkreis (28 Mandanten, 400 units) takes minutes: opt-in (`make test-long`), so the
# default suite stays within its time budget; the mistakes workbook covers the same path there.
pytestmark = [pytest.mark.browser, pytest.mark.long, pytest.mark.timeout(1800)]

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_example_landkreis_imports_completely_and_a_second_run_does_nothing(
    make_sandbox, tmp_path: Path
) -> None:
    shutil.copytree(EXAMPLES / "logos", tmp_path / "logos")
    path = Path(shutil.copy(EXAMPLES / "landkreis-meissen.xlsx", tmp_path))
    sandbox = make_sandbox(mandanten=mandanten_of(path), publish_delay=0.2)

    summary = run_workbook(path, options(sandbox, workers=2), ADMIN)

    units = len(read_workbook(path).records(UNITS))
    print(
        f"\nBeispiel: {units} Einheiten in {summary.seconds:.1f} s "
        f"({summary.seconds / units:.2f} s je Einheit, 2 Worker)"
    )
    assert summary.exit_code == 0
    assert {status for status, _ in statuses(path).values()} == {"OK"}
    assert actual_units(sandbox) == expected_units(path)
    assert_mandanten_match(sandbox, path)
    assert all(unit["version"] == "1.0" for unit in state(sandbox)["units"])

    again = run_workbook(path, options(sandbox), ADMIN)
    assert again.nothing_to_do and again.seconds < 5
