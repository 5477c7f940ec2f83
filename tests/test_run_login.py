"""Logging in, in real Chromium against the sandbox: on one or two steps on both generations; a
login page the runner cannot handle ends the run before anything else (exit 3, a German
sentence, no write, the workbook untouched); and the evidence of a failed row shows the page
on which it failed, not the start page a recovery led to."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from run_support import (
    ADMIN,
    GENERATIONS,
    UNITS,
    all_ok,
    import_problems,
    mandanten_of,
    options,
    small_workbook,
    state,
    statuses,
    writes,
)
from typer.testing import CliRunner

from importer.cli import app
from importer.model import Status
from importer.runner.run import run_workbook
from importer.sandbox import FaultProfile

pytestmark = pytest.mark.browser

# every Impressum save answered 500; the rest of the AdminCenter works
IMPRESSUM_FAILS = FaultProfile(
    "impressum-500", error_500=1.0, error_500_endpoints=frozenset({"mandanten.impressum"})
)
EVIDENCE = re.compile(r"Details: (amt24-laeufe/\d{8}-\d{6}/Impressum-Zeile2\.png)")
SERVER_ERROR = "Es ist ein Fehler aufgetreten"


@pytest.fixture
def login(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AMT24_BENUTZER", "admin")
    monkeypatch.setenv("AMT24_PASSWORT", "admin")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("generation", GENERATIONS)
def test_a_two_step_login_imports_the_workbook(make_sandbox, tmp_path: Path, generation) -> None:
    path = small_workbook(tmp_path, mandanten=1, units=2)
    sandbox = make_sandbox(
        mandanten=mandanten_of(path), oberflaeche=generation, anmeldung="zweistufig"
    )

    result = run_workbook(path, options(sandbox), ADMIN)

    assert result.exit_code == 0
    assert all_ok(path), statuses(path)
    assert import_problems(sandbox, path) == []
    requests = state(sandbox)["requests"]
    assert requests.get("POST /anmeldung", 0) >= 1
    assert requests.get("POST /anmeldung/passwort", 0) >= 1


def test_a_login_page_the_runner_cannot_handle_ends_the_run_before_anything_else(
    make_sandbox, tmp_path: Path, login: None
) -> None:
    path = small_workbook(tmp_path, mandanten=1, units=2)
    sandbox = make_sandbox(
        mandanten=mandanten_of(path),
        label_overrides={"Benutzername": "Kennung", "Passwort": "PIN"},
    )
    before = digest(path)

    result = CliRunner().invoke(app, ["run", str(path), "--url", sandbox.url])

    assert result.exit_code == 3, result.output
    text = " ".join(result.output.split())
    assert "kann der Importer nicht bedienen" in text
    assert "„Benutzername“, „Passwort“" in text and "--locators" in text
    assert "Traceback" not in result.output
    assert writes(sandbox) == {}
    requests = state(sandbox)["requests"]
    assert "POST /anmeldung" not in requests
    assert requests["GET /anmeldung"] == 1  # looked at once: the same page again cannot help
    assert digest(path) == before  # not even a backup's worth of change
    assert not list(tmp_path.glob("mappe.sicherung-*.xlsx"))


def test_the_evidence_of_a_failed_row_shows_the_page_it_failed_on(
    make_sandbox, tmp_path: Path
) -> None:
    path = small_workbook(tmp_path, mandanten=1, units=1)
    sandbox = make_sandbox(mandanten=mandanten_of(path), faults=IMPRESSUM_FAILS)

    result = run_workbook(path, options(sandbox, retries=1), ADMIN)

    assert result.exit_code == 1
    status, message = statuses(path)[("Impressum", 2)]
    found = EVIDENCE.search(message)
    assert status == Status.FEHLER.value and found, message
    picture = tmp_path / found.group(1)
    page = picture.with_suffix(".html").read_text(encoding="utf-8")
    assert picture.stat().st_size > 0
    assert SERVER_ERROR in page  # the failed save's answer ...
    assert "Impressum" in page  # ... on the Impressum, not the start page after a new login
    assert statuses(path)[(UNITS, 2)][0] == Status.OK.value  # the other rows went on
    assert state(sandbox)["faults"]["500"] == 2  # both attempts of the Impressum save
