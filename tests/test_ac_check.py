"""The read-only label check (library and `amt24-import check`) against relabelled sandboxes."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures_browser import clear_session
from typer.testing import CliRunner

from importer.admincenter.checks import CheckReport
from importer.admincenter.client import AdminCenter
from importer.admincenter.locators import DEFAULT_LOCATORS, load_locators
from importer.admincenter.values import LabelCheck
from importer.cli import app
from importer.cli.admincenter_commands import print_report
from importer.cli.app import console

RENAMED_EMAIL = ["datenschutz.email", "impressum.email", "kommunikation.email"]
ENV = {"AMT24_BENUTZER": "admin", "AMT24_PASSWORT": "admin", "COLUMNS": "200"}


@pytest.fixture(scope="module")
def relabelled(make_module_sandbox):
    """A sandbox whose forms say "E-Mail-Adresse" where the guide says "E-Mail"."""
    return make_module_sandbox(label_overrides={"E-Mail": "E-Mail-Adresse"})


@pytest.fixture(scope="module")
def override(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("locators") / "beschriftungen.toml"
    lines = "".join(f'"{k}" = "E-Mail-Adresse"\n' for k in RENAMED_EMAIL)
    path.write_text("[locators]\n" + lines, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def unit(relabelled, browser, override) -> None:
    """One unit, so that the unit pages are checked too."""
    client = AdminCenter(browser, relabelled.url, load_locators(override), 10.0)
    client.login("admin", "admin")
    client.create_unit(client.mandanten()[0], "Hauptamt", None)  # the Mandant checked
    clear_session(browser)


@pytest.mark.browser
@pytest.mark.usefixtures("unit")
def test_a_renamed_label_is_reported_missing_and_nothing_else(make_client, relabelled) -> None:
    client = make_client(relabelled)
    checks = client.check_labels()
    assert sorted(c.key for c in checks if c.found is False) == RENAMED_EMAIL
    assert {c.key for c in checks} == set(DEFAULT_LOCATORS)
    visited = {c.page for c in checks if c.found}
    first = client.mandanten()[0]
    assert visited >= {
        "Startseite",
        "Mandanten",
        f"Mandant „{first}“",
        "Impressum",
        "Datenschutzbeauftragter",
        "Bild",
        "Organisationseinheiten",
        "Organisationseinheit anlegen",
        "Organisationseinheit „Hauptamt“",
        "Kommunikation",
        "Versionen",
        "Organisationseinheit bearbeiten",
    }


@pytest.mark.browser
@pytest.mark.usefixtures("unit")
def test_a_locator_file_makes_the_renamed_labels_found(make_client, relabelled, override) -> None:
    checks = make_client(relabelled, locators=load_locators(override)).check_labels()
    assert [c.key for c in checks if c.found is False] == []
    assert {c.key: c.found for c in checks if c.key in RENAMED_EMAIL} == dict.fromkeys(
        RENAMED_EMAIL, True
    )


@pytest.mark.browser
def test_check_command_exit_codes(relabelled, override) -> None:
    runner = CliRunner()
    found = runner.invoke(
        app,
        [
            "check",
            "--url",
            relabelled.url,
            "--locators",
            str(override),
            "--mandant",
            "Stadt Coswig",
        ],
        env=ENV,
    )
    assert found.exit_code == 0, found.output
    assert "Alle prüfbaren Beschriftungen gefunden." in found.output
    refused = runner.invoke(
        app, ["check", "--url", relabelled.url], env={**ENV, "AMT24_PASSWORT": "falsch"}
    )
    assert refused.exit_code == 3
    assert "Benutzername oder Passwort falsch" in refused.output
    assert "falsch" not in refused.output.replace("Passwort falsch", "")


def test_a_missing_label_makes_the_report_fail_and_say_fehlt(monkeypatch) -> None:
    checks = [
        LabelCheck("Impressum", "impressum.behoerde", "Behörde", True),
        LabelCheck("Impressum", "impressum.email", "E-Mail", False),
        LabelCheck(
            "Impressum",
            "impressum.gespeichert",
            "Impressum gespeichert",
            None,
            "erscheint erst nach dem Speichern",
        ),
    ]
    report = CheckReport("https://ac.example", checks)
    assert (report.exit_code, report.missing) == (1, [checks[1]])
    assert CheckReport("https://ac.example", [checks[0], checks[2]]).exit_code == 0
    monkeypatch.setattr(console, "width", 200)
    with console.capture() as captured:
        print_report(report)
    text = captured.get()
    assert "FEHLT" in text and "1 Beschriftung(en) fehlen." in text
    assert "erscheint erst nach dem Speichern" in text
