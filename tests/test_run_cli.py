"""The `run` command: summary and "nothing to do" on the console, exit codes 2 and 3."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from run_support import mandanten_of, options, small_workbook, statuses
from typer.testing import CliRunner

from importer.admincenter.credentials import Credentials
from importer.cli import app
from importer.errors import AdminCenterUnreachable, LoginFailed
from importer.runner.options import RunOptions
from importer.runner.run import run_workbook


@pytest.fixture
def login(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AMT24_BENUTZER", "admin")
    monkeypatch.setenv("AMT24_PASSWORT", "admin")


@pytest.mark.browser
def test_run_shows_the_summary_and_then_has_nothing_to_do(
    make_sandbox, tmp_path: Path, login: None
) -> None:
    path = small_workbook(tmp_path, mandanten=1, units=2)
    (mandant,) = mandanten_of(path)
    sandbox = make_sandbox(mandanten=[mandant], publish_delay=0.1)
    runner = CliRunner()

    first = runner.invoke(app, ["run", str(path), "--url", sandbox.url])

    assert first.exit_code == 0, first.output
    assert "Ergebnis für mappe.xlsx" in first.stdout
    assert mandant in first.stdout and "angelegt" in first.stdout
    second = runner.invoke(app, ["run", str(path), "--url", sandbox.url])
    assert second.exit_code == 0
    assert "Nichts zu tun: Alle Zeilen sind OK" in second.stdout


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--zeilen", "x"], "--zeilen „x“"),
        (["--workers", "0"], "--workers muss mindestens 1 sein"),
        (["--locators", "fehlt.toml"], "fehlt.toml gibt es nicht"),
    ],
)
def test_unusable_options_exit_2_before_anything_happens(
    tmp_path: Path, login: None, extra: list[str], message: str
) -> None:
    path = small_workbook(tmp_path, mandanten=1, units=1)
    content = path.read_bytes()
    answer = CliRunner().invoke(app, ["run", str(path), "--url", "http://127.0.0.1:9/", *extra])
    assert answer.exit_code == 2
    assert message in answer.stderr.replace("\n", " ")
    assert path.read_bytes() == content


def test_a_missing_workbook_exits_2(tmp_path: Path, login: None) -> None:
    answer = CliRunner().invoke(app, ["run", str(tmp_path / "fehlt.xlsx"), "--url", "http://x/"])
    assert answer.exit_code == 2 and "fehlt.xlsx" in answer.stderr


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.browser
def test_unreachable_adminCenter_and_wrong_password_exit_3_and_touch_nothing(
    make_sandbox, tmp_path: Path
) -> None:
    path = small_workbook(tmp_path, mandanten=1, units=1)
    unreachable = RunOptions(url=f"http://127.0.0.1:{closed_port()}/", retries=1, backoff=0.1)
    with pytest.raises(AdminCenterUnreachable) as raised:
        run_workbook(path, unreachable, Credentials("admin", "admin"))
    assert raised.value.exit_code == 3

    sandbox = make_sandbox(mandanten=mandanten_of(path))
    with pytest.raises(LoginFailed) as refused:
        run_workbook(path, options(sandbox), Credentials("admin", "falsch"))
    assert refused.value.exit_code == 3
    assert {status for status, _ in statuses(path).values()} == {""}
