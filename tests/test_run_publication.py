"""A unit not published within the time limit: FEHLER with a clear Meldung and evidence files,
its OE-ID kept; a later run finds it published and turns the row OK. The password appears in
nothing the runs produced."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from run_support import UNITS, files_text, mandanten_of, small_workbook, state, statuses
from typer.testing import CliRunner

from importer.cli import app
from importer.sandbox import SandboxUser
from importer.workbook.reader import read_workbook

pytestmark = [pytest.mark.browser, pytest.mark.long]

PASSWORD = "Xq7-Geheim!Pw#2024"
NOT_PUBLISHED = re.compile(
    r"nicht veröffentlicht innerhalb von 1 s \(Version 0\.\d\) – erneuter Lauf prüft erneut\. "
    r"Details: amt24-laeufe/\d{8}-\d{6}/Organisationseinheiten-Zeile(\d+)\.png"
)


def wait_until_published(sandbox, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not all(u["published"] for u in state(sandbox)["units"]):
        assert time.monotonic() < deadline, "the sandbox did not publish in time"
        time.sleep(0.2)


def test_unpublished_units_fail_clearly_and_a_later_run_finds_them_published(
    make_sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = small_workbook(tmp_path, mandanten=1, units=2)
    users = [SandboxUser("pruefer", PASSWORD)]
    sandbox = make_sandbox(mandanten=mandanten_of(path), publish_delay=5.0, users=users)
    monkeypatch.setenv("AMT24_BENUTZER", "pruefer")
    monkeypatch.setenv("AMT24_PASSWORT", PASSWORD)
    command = ["run", str(path), "--url", sandbox.url, "--veroeffentlichung-timeout", "1"]
    command += ["--batch-size", "1"]  # each unit checked right after its save

    first = CliRunner().invoke(app, command)

    assert first.exit_code == 1, first.output
    rows = statuses(path)
    ids = {r.row: r.values["oe_id"] for r in read_workbook(path).records(UNITS)}
    for row in (2, 3):
        status, message = rows[(UNITS, row)]
        match = NOT_PUBLISHED.fullmatch(message)
        assert status == "FEHLER" and match and match.group(1) == str(row), message
        evidence = tmp_path / match.group(0).split("Details: ", 1)[1]
        assert evidence.stat().st_size > 0 and evidence.with_suffix(".html").exists()
        assert ids[row]  # the unit exists: its OE-ID is kept in the row
    assert {s for (sheet, _), (s, _) in rows.items() if sheet != UNITS} == {"OK"}

    wait_until_published(sandbox, 30)
    second = CliRunner().invoke(app, command)

    assert second.exit_code == 0, second.output
    assert [statuses(path)[(UNITS, row)] for row in (2, 3)] == [
        ("OK", "unverändert, veröffentlicht 1.0")
    ] * 2
    assert len(state(sandbox)["units"]) == 2
    assert len(list(tmp_path.glob("amt24-laeufe/*/protokoll.log"))) == 2
    produced = files_text(tmp_path) + first.output + second.output
    assert PASSWORD not in produced
