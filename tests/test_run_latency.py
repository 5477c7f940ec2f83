"""Real response times (300 ms ± 200 ms per request) need no change: the runner waits on
conditions, never on fixed pauses (here on the klassisch generation)."""

from __future__ import annotations

from pathlib import Path

import pytest
from run_support import (
    ADMIN,
    import_problems,
    mandanten_of,
    options,
    small_workbook,
    statuses,
)

from importer.runner.run import run_workbook

pytestmark = [pytest.mark.browser, pytest.mark.long]


def test_a_slow_adminCenter_is_imported_without_any_change(make_sandbox, tmp_path: Path) -> None:
    path = small_workbook(tmp_path, mandanten=1, units=1)
    sandbox = make_sandbox(
        mandanten=mandanten_of(path),
        latency_ms=300,
        jitter_ms=200,
        publish_delay=0.5,
        oberflaeche="klassisch",
    )

    summary = run_workbook(path, options(sandbox), ADMIN)

    assert summary.exit_code == 0, [r.message for r in summary.failed()]
    assert {status for status, _ in statuses(path).values()} == {"OK"}
    assert import_problems(sandbox, path) == []
