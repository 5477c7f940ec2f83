"""`plan` lists what a run then does, row by row, and writes nothing; a unit made by hand
before the run is adopted (updated in place, its Servicekonto kept), not created again."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from run_support import (
    ADMIN,
    GENERATIONS,
    UNITS,
    import_problems,
    mandanten_of,
    options,
    sent_values,
    small_workbook,
    state,
    statuses,
    writes,
)
from state_support import SERVICEKONTO, entry
from typer.testing import CliRunner

from importer.cli import app
from importer.model import Action
from importer.runner.journal import journal_path
from importer.runner.run import run_workbook
from importer.workbook.reader import read_workbook

pytestmark = pytest.mark.browser

PLAN_WORDS = {
    "anlegen": Action.ANGELEGT,
    "ändern": Action.AKTUALISIERT,
    "unverändert": Action.UNVERAENDERT,
    "ungültig": Action.UNGUELTIG,
    "nicht möglich": Action.FEHLGESCHLAGEN,
}


def bestand_of(path: Path) -> tuple[dict[str, Any], int]:
    """Mandant 1: its Impressum as the workbook has it, and one unit made by hand (name in
    capitals, a Servicekonto channel, an old phone number). Returns (bestand, unit row)."""
    first = mandanten_of(path)[0]
    values = sent_values(path)
    impressum = {k: v or "" for k, v in values[("Impressum", 2)].items() if k != "mandant"}
    record = next(r for r in read_workbook(path).records(UNITS) if r.mandant == first)
    unit = values[(UNITS, record.row)]
    kommunikation = [
        dict(SERVICEKONTO),
        entry("Telefon", "+49 351 111111", True),
        entry("E-Mail", unit["email"], True),
    ]
    units = [{"mandant": first, "name": unit["name"].upper(), "parent": unit["parent"],
              "published": True, "kommunikation": kommunikation}]  # fmt: skip
    return {"mandanten": [{"name": first, "impressum": impressum}], "units": units}, record.row


@pytest.mark.parametrize("generation", GENERATIONS)
def test_plan_matches_run_and_a_unit_made_by_hand_is_adopted(
    make_sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, generation: str
) -> None:
    path = small_workbook(tmp_path, mandanten=2, units=4)
    bestand, unit_row = bestand_of(path)
    sandbox = make_sandbox(
        mandanten=mandanten_of(path), bestand=bestand, publish_delay=0.2, oberflaeche=generation
    )
    oe_id = state(sandbox)["units"][0]["id"]
    writes_before, content_before = writes(sandbox), path.read_bytes()

    monkeypatch.setenv("AMT24_BENUTZER", "admin")
    monkeypatch.setenv("AMT24_PASSWORT", "admin")
    answer = CliRunner().invoke(app, ["plan", str(path), "--url", sandbox.url, "--json"])

    assert answer.exit_code == 0, answer.output
    planned = json.loads(answer.stdout)["rows"]
    assert writes(sandbox) == writes_before
    assert path.read_bytes() == content_before
    assert not journal_path(path).exists() and not (tmp_path / "amt24-laeufe").exists()
    adopted = next(p for p in planned if (p["sheet"], p["row"]) == (UNITS, unit_row))
    unit = sent_values(path)[(UNITS, unit_row)]
    assert adopted["action"] == "ändern"
    assert [(c["column"], c["old"] or "", c["new"]) for c in adopted["changes"]] == [
        ("Organisationseinheit", unit["name"].upper(), unit["name"]),
        ("Telefon", "+49 351 111111", unit["telefon"]),
        *([("Fax", "", unit["fax"])] if unit["fax"] else []),
        *([("Internet", "", unit["internet"])] if unit["internet"] else []),
    ]

    summary = run_workbook(path, options(sandbox), ADMIN)

    assert summary.exit_code == 0
    done = {(r.sheet, r.row): r.action for r in summary.results}
    assert {(p["sheet"], p["row"]): PLAN_WORDS[p["action"]] for p in planned} == done
    assert done[("Impressum", 2)] == Action.UNVERAENDERT
    assert done[("Impressum", 3)] == Action.ANGELEGT
    units = state(sandbox)["units"]
    assert len(units) == len(read_workbook(path).records(UNITS))
    status, message = statuses(path)[(UNITS, unit_row)]
    assert status == "OK"
    assert message.startswith(f"vorhandene Einheit übernommen (OE-ID {oe_id}), aktualisiert (")
    assert next(u for u in units if u["id"] == oe_id)["kommunikation"] == [
        SERVICEKONTO,
        entry("Telefon", unit["telefon"], True),
        entry("E-Mail", unit["email"], True),
        *([entry("Fax", unit["fax"], True)] if unit["fax"] else []),
    ]
    assert import_problems(sandbox, path, bestand) == []
