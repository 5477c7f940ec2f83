"""An AdminCenter whose "E-Mail" reads "E-Mail-Adresse": `check` reports it missing, `run` stops
before writing anything (exit 1); with a TOML `--locators` override the run passes."""

from __future__ import annotations

from pathlib import Path

import pytest
from run_support import mandanten_of, small_workbook, state, statuses, writes
from typer.testing import CliRunner

from importer.cli import app

pytestmark = pytest.mark.browser

OVERRIDE = """\
[locators]
"impressum.email" = "E-Mail-Adresse"
"datenschutz.email" = "E-Mail-Adresse"
"kanal.email" = "E-Mail-Adresse"
"""


@pytest.fixture
def login(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AMT24_BENUTZER", "admin")
    monkeypatch.setenv("AMT24_PASSWORT", "admin")


def test_missing_label_stops_the_run_before_any_write_and_an_override_lets_it_pass(
    make_sandbox, tmp_path: Path, login: None
) -> None:
    path = small_workbook(tmp_path, mandanten=1, units=2)
    sandbox = make_sandbox(
        mandanten=mandanten_of(path),
        publish_delay=0.1,
        label_overrides={"E-Mail": "E-Mail-Adresse"},
    )
    runner = CliRunner()

    checked = runner.invoke(app, ["check", "--url", sandbox.url])
    assert checked.exit_code == 1
    assert "FEHLT" in checked.stdout and "E-Mail" in checked.stdout

    content = path.read_bytes()
    stopped = runner.invoke(app, ["run", str(path), "--url", sandbox.url])
    assert stopped.exit_code == 1, stopped.output
    assert "Vorabprüfung fehlgeschlagen" in stopped.stdout
    assert "„E-Mail“ fehlt auf der Seite „Impressum“ (impressum.email)" in stopped.stdout
    assert writes(sandbox) == {}
    assert state(sandbox)["units"] == []
    assert path.read_bytes() == content

    locators = tmp_path / "beschriftungen.toml"
    locators.write_text(OVERRIDE, encoding="utf-8")
    passed = runner.invoke(
        app, ["run", str(path), "--url", sandbox.url, "--locators", str(locators)]
    )
    assert passed.exit_code == 0, passed.output
    assert {status for status, _ in statuses(path).values()} == {"OK"}
    assert len(state(sandbox)["units"]) == 2
