"""The live server, the `sandbox` command, seeding from a workbook and the users file."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from importer.cli import app
from importer.errors import UsageError
from importer.sandbox import (
    PortInUse,
    SandboxConfig,
    SandboxUser,
    create_app,
    load_users,
    start_sandbox,
)
from importer.sandbox.seed import mandanten_from_workbook
from importer.workbook.columns import SHEETS_BY_NAME


def get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read().decode()


def write_workbook(path: Path, mandanten: dict[str, list[str]]) -> Path:
    """A workbook with the catalogue's headers and one row per Mandant name (others empty)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet_name, names in mandanten.items():
        sheet = SHEETS_BY_NAME[sheet_name]
        worksheet = workbook.create_sheet(sheet.name)
        worksheet.append([column.header for column in sheet.columns])
        for name in names:
            worksheet.append([name])
    workbook.save(path)
    return path


def test_running_sandbox_serves_and_stops(make_sandbox):
    sandbox = make_sandbox()
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", sandbox.url)
    status, html = get(sandbox.url + "anmeldung")
    assert status == 200 and "Anmelden" in html
    sandbox.stop()
    with pytest.raises(OSError):
        get(sandbox.url + "anmeldung")


def test_context_manager_stops_the_server():
    with start_sandbox(SandboxConfig(publish_delay=0.05)) as sandbox:
        url = sandbox.url
        assert get(url + "_sandbox/state")[0] == 200
    with pytest.raises(OSError):
        get(url + "anmeldung")


def test_port_in_use_is_reported(make_sandbox):
    sandbox = make_sandbox()
    port = int(sandbox.url.rsplit(":", 1)[1].strip("/"))
    with pytest.raises(PortInUse, match=f"Port {port}"):
        start_sandbox(SandboxConfig(port=port))


def test_persistent_database_keeps_data_between_starts(tmp_path, make_sandbox):
    db = tmp_path / "sandbox.sqlite"
    first = make_sandbox(db_path=db, mandanten=["Gemeinde A"])
    request = urllib.request.Request(first.url + "_sandbox/state")
    assert json.load(urllib.request.urlopen(request))["mandanten"][0]["name"] == "Gemeinde A"
    first.stop()
    second = make_sandbox(db_path=db, mandanten=["Gemeinde A", "Gemeinde B"])
    state = json.loads(get(second.url + "_sandbox/state")[1])
    assert [(m["id"], m["name"]) for m in state["mandanten"]] == [
        (1001, "Gemeinde A"),
        (1002, "Gemeinde B"),
    ]


def test_mandanten_from_workbook_in_order_of_appearance(tmp_path):
    path = write_workbook(
        tmp_path / "kreis.xlsx",
        {
            "Impressum": ["Stadt Riesa", "Gemeinde Nünchritz"],
            "Organisationseinheiten": ["Gemeinde Nünchritz", "Gemeinde Hirschstein", "Stadt Riesa"],
        },
    )
    expected = ["Stadt Riesa", "Gemeinde Nünchritz", "Gemeinde Hirschstein"]
    assert mandanten_from_workbook(path) == expected


def test_workbook_without_mandant_is_a_usage_error(tmp_path):
    path = write_workbook(tmp_path / "leer.xlsx", {"Impressum": []})
    with pytest.raises(UsageError, match="nennt keinen Mandanten"):
        mandanten_from_workbook(path)


def test_users_file(tmp_path):
    path = tmp_path / "benutzer.toml"
    path.write_text(
        '[[benutzer]]\nname = "kreis"\npasswort = "geheim"\n\n'
        '[[benutzer]]\nname = "riesa"\npasswort = "r1"\nmandanten = ["Stadt Riesa"]\n',
        encoding="utf-8",
    )
    assert load_users(path) == [
        SandboxUser("kreis", "geheim"),
        SandboxUser("riesa", "r1", ("Stadt Riesa",)),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name = 1", "keine \\[\\[benutzer\\]\\]-Einträge"),
        ('[[benutzer]]\nname = "a"\n', "braucht name und passwort"),
        ('[[benutzer]]\nname = "a"\npasswort = "b"\nmandanten = "x"\n', "ist keine Liste"),
        ("[[benutzer]\n", "nicht lesbar"),
    ],
)
def test_bad_users_file_is_a_usage_error(tmp_path, text, message):
    path = tmp_path / "benutzer.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError, match=message):
        load_users(path)


def test_user_with_unknown_mandant_is_refused():
    config = SandboxConfig(mandanten=["Stadt Riesa"], users=[SandboxUser("a", "b", ("Riesa",))])
    with pytest.raises(UsageError, match="den Mandanten „Riesa“ gibt es in der Sandbox nicht"):
        create_app(config)


def start_command(*args: str) -> tuple[subprocess.Popen[str], str, str, float]:
    """Start `amt24-import sandbox`: the process, its URL, what it printed up to "Beenden mit
    Strg+C." and the seconds to a first 200."""
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "importer", "sandbox", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
    )
    lines = [process.stdout.readline()]
    match = re.search(r"(http://127\.0\.0\.1:\d+/)", lines[0])
    assert match, lines[0] + process.stdout.read()
    assert get(match.group(1) + "anmeldung")[0] == 200
    seconds = time.monotonic() - started
    while not lines[-1].startswith("Beenden mit Strg+C."):
        lines.append(process.stdout.readline())
    return process, match.group(1), "".join(lines), seconds


def test_command_serves_seeded_mandanten_and_stops_on_ctrl_c(tmp_path):
    path = write_workbook(
        tmp_path / "kreis.xlsx",
        {"Impressum": ["Stadt Riesa", "Gemeinde Zeithain"]},
    )
    process, url, printed, seconds = start_command("--seed", str(path), "--publish-delay", "0.1")
    try:
        state = json.loads(get(url + "_sandbox/state")[1])
        assert [m["name"] for m in state["mandanten"]] == ["Stadt Riesa", "Gemeinde Zeithain"]
    finally:
        process.send_signal(signal.SIGINT)
        rest = process.communicate(timeout=20)[0]
    assert process.returncode == 0
    assert printed == (
        f"Sandbox-AdminCenter läuft: {url}\n"
        "Mandanten: Stadt Riesa; Gemeinde Zeithain\n"
        "Anmeldung: Benutzername admin, Passwort admin (alle Mandanten)\n"
        "Anmeldung: Benutzername gemeinde, Passwort gemeinde (nur Stadt Riesa)\n"
        "Beenden mit Strg+C.\n"
    )
    assert rest == "Sandbox beendet.\n"


def test_command_refuses_seed_and_mandanten_together():
    result = CliRunner().invoke(app, ["sandbox", "--seed", "a.xlsx", "--mandanten", "A"])
    assert result.exit_code == 2
    assert "entweder --seed oder --mandanten" in result.output
