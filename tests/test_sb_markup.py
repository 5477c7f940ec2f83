"""The "alternativ" markup: the same pages, routes, field names and visible labels as the
standard sandbox, in other HTML (another vendor's AdminCenter). Flask test client, no browser."""

from __future__ import annotations

import pytest
from fixtures_sandbox import AuthActions
from typer.testing import CliRunner

from importer.cli import app as cli
from importer.errors import UsageError
from importer.sandbox import SandboxConfig
from importer.sandbox.forms import IMPRESSUM_FIELDS, KOMMUNIKATION_FIELDS


@pytest.fixture
def alternativ(make_sandbox_app):
    app = make_sandbox_app(markup="alternativ")
    client = app.test_client()
    auth = AuthActions(client)
    auth.login()
    return client, auth


def page(client, path: str) -> str:
    answer = client.get(path)
    assert answer.status_code == 200, path
    return answer.get_data(as_text=True)


def new_unit(auth, name: str = "Hauptamt") -> str:
    answer = auth.post_form("/organisationseinheiten/anlegen?mandant=1001", {"name": name})
    assert answer.status_code == 302
    return answer.headers["Location"]


def test_an_unknown_markup_is_refused_in_german() -> None:
    with pytest.raises(UsageError, match="Seitenlayout „modern“"):
        SandboxConfig(markup="modern").check()


def test_the_command_refuses_an_unknown_markup_and_explains_the_option() -> None:
    result = CliRunner().invoke(cli, ["sandbox", "--port", "0", "--markup", "modern"])
    assert result.exit_code == 2
    assert "Die Sandbox kennt das Seitenlayout „modern“ nicht" in result.output
    helped = CliRunner().invoke(cli, ["sandbox", "--help"], env={"COLUMNS": "200"})
    assert "--markup" in helped.output and "alternativ" in helped.output


def test_the_login_is_a_table_without_label_elements(make_sandbox_app) -> None:
    html = page(make_sandbox_app(markup="alternativ").test_client(), "/anmeldung")
    assert "<th>Benutzername</th>" in html and 'placeholder="Passwort"' in html
    assert 'type="submit" value="Anmelden"' in html
    assert "<label" not in html and 'name="csrf_token"' in html


def test_the_navigation_is_a_sidebar_with_a_folding_button(alternativ) -> None:
    client, _auth = alternativ
    html = page(client, "/")
    toggle = 'aria-expanded="false" aria-controls="menu-verwaltung">Benutzerverwaltung</button>'
    assert toggle in html
    for label in ("Benutzer", "Mandanten", "Organisationseinheiten", "Abmelden"):
        assert f">{label}<" in html
    assert "<details" not in html and "<nav" not in html
    assert "alternativ.js" in html and "sandbox.js" not in html


def test_mandanten_are_clickable_table_rows_and_the_detail_a_table(alternativ) -> None:
    client, _auth = alternativ
    html = page(client, "/mandanten/1001")
    assert 'data-href="/mandanten/1001" tabindex="0"' in html
    assert 'placeholder="Suchen"' in html and 'class="entitylist"' not in html
    assert "<th>ID</th><td>1001</td>" in html and "<legend>Verwalten</legend>" in html
    for label in ("Benutzer", "Bild", "Datenschutzbeauftragter", "Impressum", "Mandanten"):
        assert f'<button type="submit">{label}</button>' in html


def test_form_fields_are_labelled_by_aria_and_errors_are_alerts(alternativ) -> None:
    client, auth = alternativ
    html = page(client, "/mandanten/1001/impressum")
    for field in IMPRESSUM_FIELDS:
        assert f'id="f-{field.name}-caption">{field.label}' in html
        assert f'aria-labelledby="f-{field.name}-caption"' in html
    assert "<label" not in html
    refused = auth.post_form("/mandanten/1001/impressum", {"behoerde": "<b>x</b>"})
    html = refused.get_data(as_text=True)
    assert 'role="alert" id="f-plz-hinweis">Bitte geben Sie PLZ an.' in html
    assert 'aria-describedby="f-plz-hinweis"' in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<b>x</b>" not in html  # still escaped


def test_the_units_list_is_a_table_with_the_anlegen_dialog(alternativ) -> None:
    client, _auth = alternativ
    html = page(client, "/organisationseinheiten?mandant=1001")
    assert 'aria-controls="dialog-anlegen">Anlegen</button>' in html
    assert '<dialog id="dialog-anlegen"' in html
    assert 'action="/organisationseinheiten/anlegen?mandant=1001"' in html
    assert '<table class="raster" data-source="/organisationseinheiten/liste?mandant=1001">' in html
    assert 'aria-label="Suchen"' in html and "<label>Mandant" in html


def test_the_dialog_posts_to_the_create_route_and_the_detail_follows(alternativ) -> None:
    client, auth = alternativ
    location = new_unit(auth)
    html = page(client, location)
    oe_id = location.rsplit("/", 1)[1]
    assert "Organisationseinheit angelegt" in html
    assert f"ID: {oe_id} · " in html and '<span class="status">Version 0.1</span>' in html
    assert '<a href="#kommunikation">Kommunikation</a>' in html and 'role="tab"' not in html
    assert "<th>Übergeordnete Organisationseinheit</th><td>–</td>" in html


def test_kommunikation_uses_wrapping_labels_and_saves_by_fetch(alternativ) -> None:
    client, auth = alternativ
    location = new_unit(auth)
    html = page(client, location)
    for field in KOMMUNIKATION_FIELDS:
        assert f'<label class="feld">{field.label}\n      <input name="{field.name}"' in html
    assert 'class="js-fetch-form"' in html and ">Kommunikation speichern</button>" in html
    saved = auth.fetch(f"{location}/kommunikation", {"email": "a@b.de"}, page=location)
    assert saved.json["message"] == "Kommunikation gespeichert"


def test_label_overrides_reach_the_alternativ_pages(make_sandbox_app) -> None:
    app = make_sandbox_app(markup="alternativ", label_overrides={"Impressum": "Anbieter"})
    client = app.test_client()
    AuthActions(client).login()
    html = page(client, "/mandanten/1001")
    assert '<button type="submit">Anbieter</button>' in html and ">Impressum<" not in html


def test_the_standard_markup_is_unchanged(sandbox_client) -> None:
    html = page(sandbox_client, "/anmeldung")
    assert '<label for="f-benutzername">Benutzername</label>' in html and "<th>" not in html
