"""`check` on each generation names the generation and finds every text the import needs on a
Mandant with units; on a Mandant without units it says which texts it could not see. A unit
text renamed in the AdminCenter: `check` names it, and a run into an empty Mandant stops at
the first unit it creates, before that unit's Kommunikation is touched."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from run_support import UNITS, mandanten_of, small_workbook, state, statuses, writes
from state_support import bestand_for
from typer.testing import CliRunner, Result

from importer.cli import app
from importer.sandbox import RunningSandbox

pytestmark = pytest.mark.browser

GENERATION_LINE = {
    "neu": "Oberfläche erkannt: neu (seit 2024)",
    "klassisch": "Oberfläche erkannt: klassisch (bis 2024)",
}
ALL_FOUND = "Alle Beschriftungen, die der Import braucht, gefunden."
UNVERIFIED = "konnten nicht geprüft werden"
# a text only a unit's panel shows, in both generations' forms
RENAMED = {"Unterhalb anlegen": "Darunter anlegen"}


@pytest.fixture
def login(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AMT24_BENUTZER", "admin")
    monkeypatch.setenv("AMT24_PASSWORT", "admin")


def check(url: str) -> Result:
    """`check` on a wide terminal (no cell of its table cut short)."""
    return CliRunner().invoke(app, ["check", "--url", url], env={"COLUMNS": "250"})


def with_units(make_sandbox, path: Path, generation: str, **config: Any) -> RunningSandbox:
    """A sandbox in which every unit of the workbook exists already."""
    bestand = bestand_for(path, share=1.0)
    return make_sandbox(
        mandanten=mandanten_of(path), bestand=bestand, oberflaeche=generation, **config
    )


def plain(output: str) -> str:
    """The check's output with Rich's line breaks inside table cells undone."""
    return " ".join(output.split())


@pytest.mark.parametrize("generation", ["neu", "klassisch"])
def test_check_names_the_generation_and_finds_every_text_on_a_mandant_with_units(
    make_sandbox, tmp_path: Path, login: None, generation: str
) -> None:
    path = small_workbook(tmp_path, mandanten=1, units=3)
    sandbox = with_units(make_sandbox, path, generation)

    checked = check(sandbox.url)

    output = plain(checked.stdout)
    assert checked.exit_code == 0, checked.output
    assert GENERATION_LINE[generation] in output
    assert ALL_FOUND in output
    assert "FEHLT" not in output and UNVERIFIED not in output
    assert writes(sandbox) == {}


def test_check_on_a_mandant_without_units_says_what_it_could_not_see(
    make_sandbox, tmp_path: Path, login: None
) -> None:
    path = small_workbook(tmp_path, mandanten=1, units=2)
    sandbox = make_sandbox(mandanten=mandanten_of(path))

    checked = check(sandbox.url)

    output = plain(checked.stdout)
    assert checked.exit_code == 0, checked.output
    assert UNVERIFIED in output and ALL_FOUND not in output
    assert "FEHLT" not in output


@pytest.mark.parametrize("generation", ["neu", "klassisch"])
def test_a_renamed_unit_text_is_named_and_the_run_stops_at_the_first_unit(
    make_sandbox, tmp_path: Path, login: None, generation: str
) -> None:
    path = small_workbook(tmp_path, mandanten=1, units=3)
    checked = check(with_units(make_sandbox, path, generation, label_overrides=RENAMED).url)
    assert checked.exit_code == 1, checked.output
    assert re.search(r"oe\.unterhalb_anlegen +│ Unterhalb anlegen +│ FEHLT", checked.stdout)

    empty = make_sandbox(
        mandanten=mandanten_of(path), oberflaeche=generation, label_overrides=RENAMED
    )
    stopped = CliRunner().invoke(app, ["run", str(path), "--url", empty.url])

    assert stopped.exit_code == 1, stopped.output
    assert "„Unterhalb anlegen“ fehlt" in plain(stopped.stdout)
    assert len(state(empty)["units"]) == 1  # the first unit, looked at before anything else
    done = writes(empty)
    assert not any("kommunikation" in request for request in done), done
    units = [status for (sheet, _), (status, _) in statuses(path).items() if sheet == UNITS]
    assert "OK" not in units, units
