"""A Mandant the user may not manage: every one of its rows is FEHLER with a clear reason, and
nothing of it is touched; the Mandant the user may manage is imported."""

from __future__ import annotations

from pathlib import Path

import pytest
from run_support import UNITS, mandanten_of, options, small_workbook, state, statuses

from importer.admincenter.credentials import Credentials
from importer.runner.run import run_workbook

pytestmark = pytest.mark.browser


def test_rows_of_a_mandant_without_permission_fail_and_nothing_of_it_is_touched(
    make_sandbox, tmp_path: Path
) -> None:
    path = small_workbook(tmp_path, mandanten=2, units=2)
    allowed, forbidden = mandanten_of(path)
    sandbox = make_sandbox(mandanten=[allowed, forbidden], publish_delay=0.1)  # gemeinde: first

    summary = run_workbook(path, options(sandbox), Credentials("gemeinde", "gemeinde"))

    assert summary.exit_code == 1
    rows = statuses(path)
    expected = (
        f"Keine Berechtigung für den Mandanten „{forbidden}“: Das AdminCenter bietet ihn diesem "
        "Benutzer nicht an (oder der Name ist dort anders geschrieben). Ein erneuter Lauf hilft "
        "erst, wenn der Mandant dem Benutzer zugeordnet oder der Name korrigiert ist."
    )
    assert {key: value for key, value in rows.items() if value[0] != "OK"} == {
        ("Impressum", 3): ("FEHLER", expected),
        ("Datenschutzbeauftragte", 3): ("FEHLER", expected),
        ("Logo", 3): ("FEHLER", expected),
        (UNITS, 4): ("FEHLER", expected),
        (UNITS, 5): ("FEHLER", expected),
    }
    assert len([value for value in rows.values() if value[0] == "OK"]) == 5
    mandanten = {m["name"]: m for m in state(sandbox)["mandanten"]}
    assert mandanten[forbidden]["impressum"] is None
    assert mandanten[forbidden]["datenschutz"] is None
    assert mandanten[forbidden]["logo"] is None
    assert {u["mandant"] for u in state(sandbox)["units"]} == {allowed}
