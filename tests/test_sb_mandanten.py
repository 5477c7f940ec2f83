"""Benutzerverwaltung → Mandanten: list, detail, Impressum, Datenschutzbeauftragter, permissions."""

from __future__ import annotations

import re

import pytest
from sample_mandant import DATENSCHUTZ, IMPRESSUM

IMPRESSUM_REQUIRED = {
    "behoerde": "Behörde",
    "vertreten_durch": "Vertreten durch",
    "strasse": "Straße und Hausnummer",
    "plz": "PLZ",
    "ort": "Ort",
    "telefon": "Telefon",
    "email": "E-Mail",
}


def field_error(html: str, field: str) -> str | None:
    """The error text shown right after the field's input, or None."""
    pattern = (
        rf'<input id="f-{field}"[^>]*>\s*<span class="field-error" id="f-{field}-fehler">([^<]*)'
    )
    match = re.search(pattern, html)
    return match.group(1) if match else None


def state(client):
    return client.get("/_sandbox/state").json


def test_mandanten_list_shows_only_own_mandanten(sandbox_client, sandbox_auth):
    sandbox_auth.login("gemeinde", "gemeinde")
    html = sandbox_client.get("/mandanten").get_data(as_text=True)
    assert re.findall(r'<li[^>]*><a href="/mandanten/\d+">([^<]+)</a>', html) == [
        "Gemeinde Klipphausen"
    ]
    assert "Suchen" in html


def test_admin_sees_all_mandanten_by_name(sandbox_client, sandbox_auth):
    sandbox_auth.login()
    html = sandbox_client.get("/mandanten").get_data(as_text=True)
    assert re.findall(r'<li[^>]*><a href="/mandanten/\d+">([^<]+)</a>', html) == [
        "Gemeinde Käbschütztal",
        "Gemeinde Klipphausen",
        "Stadt Coswig",
    ]


def test_mandant_detail_shows_fields_and_verwalten_buttons(sandbox_client, sandbox_auth):
    sandbox_auth.login()
    html = sandbox_client.get("/mandanten/1001").get_data(as_text=True)
    assert "<dt>ID</dt><dd>1001</dd>" in html
    assert "<dt>Name</dt><dd>Gemeinde Klipphausen</dd>" in html
    assert "<dt>Beschreibung</dt>" in html
    assert "<h3>Verwalten</h3>" in html
    buttons = re.findall(r'<a class="button" href="[^"]+">([^<]+)</a>', html)
    assert buttons == ["Benutzer", "Bild", "Datenschutzbeauftragter", "Impressum", "Mandanten"]
    for path in re.findall(r'<a class="button" href="([^"]+)">', html):
        assert sandbox_client.get(path).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/mandanten/1002",
        "/mandanten/1002/impressum",
        "/mandanten/1002/datenschutzbeauftragter",
        "/mandanten/1002/bild",
        "/organisationseinheiten?mandant=1002",
        "/organisationseinheiten/anlegen?mandant=1002",
    ],
)
def test_other_mandant_answers_keine_berechtigung(sandbox_client, sandbox_auth, path):
    sandbox_auth.login("gemeinde", "gemeinde")
    response = sandbox_client.get(path)
    assert response.status_code == 403
    assert "Keine Berechtigung" in response.get_data(as_text=True)


def test_saving_for_other_mandant_is_refused_and_nothing_saved(sandbox_client, sandbox_auth):
    sandbox_auth.login("gemeinde", "gemeinde")
    token = sandbox_auth.token("/mandanten/1001/impressum")
    response = sandbox_client.post(
        "/mandanten/1002/impressum", data={**IMPRESSUM, "csrf_token": token}
    )
    assert response.status_code == 403
    assert [m["impressum"] for m in state(sandbox_client)["mandanten"]] == [None, None, None]


def test_unknown_mandant_is_not_found(sandbox_client, sandbox_auth):
    sandbox_auth.login()
    assert sandbox_client.get("/mandanten/9999").status_code == 404


def test_impressum_form_has_the_labels_of_the_guide(sandbox_client, sandbox_auth):
    sandbox_auth.login()
    html = sandbox_client.get("/mandanten/1001/impressum").get_data(as_text=True)
    labels = re.findall(r'<label for="f-\w+"[^>]*>([^<]+)</label>', html)
    assert labels == [
        "Behörde",
        "Vertreten durch",
        "Straße und Hausnummer",
        "PLZ",
        "Ort",
        "Telefon",
        "Fax",
        "E-Mail",
        "Internet",
        "USt-IdNr.",
        "Aufsichtsbehörde",
        "Inhaltlich verantwortlich",
    ]
    assert ">Speichern</button>" in html


def test_impressum_saved_and_shown_again(sandbox_client, sandbox_auth):
    sandbox_auth.login()
    response = sandbox_auth.post_form("/mandanten/1001/impressum", IMPRESSUM)
    assert response.status_code == 302
    html = sandbox_client.get(response.location).get_data(as_text=True)
    assert "Impressum gespeichert" in html
    assert 'value="Bürgermeister Max Mustermann"' in html
    assert state(sandbox_client)["mandanten"][0]["impressum"] == IMPRESSUM


@pytest.mark.parametrize("field", list(IMPRESSUM_REQUIRED))
def test_impressum_required_field_refused_next_to_field(sandbox_client, sandbox_auth, field):
    sandbox_auth.login()
    values = {**IMPRESSUM, field: "  "}
    response = sandbox_auth.post_form("/mandanten/1001/impressum", values)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    errors = {f: field_error(html, f) for f in IMPRESSUM}
    label = IMPRESSUM_REQUIRED[field]
    assert errors == {
        f: (f"Bitte geben Sie {label} an." if f == field else None) for f in IMPRESSUM
    }
    assert 'value="Gemeindeverwaltung Klipphausen"' in html or field == "behoerde"
    assert "Impressum gespeichert" not in html
    assert state(sandbox_client)["mandanten"][0]["impressum"] is None


def test_impressum_format_errors_all_shown_at_once(sandbox_client, sandbox_auth):
    sandbox_auth.login()
    values = {
        **IMPRESSUM,
        "plz": "1665",
        "email": "poststelle",
        "internet": "klipphausen",
        "ust_id": "123",
        "telefon": "abc",
    }
    html = sandbox_auth.post_form("/mandanten/1001/impressum", values).get_data(as_text=True)
    errors = {f: field_error(html, f) for f in values if field_error(html, f)}
    assert errors == {
        "plz": "Die PLZ muss aus fünf Ziffern bestehen.",
        "telefon": "Bitte geben Sie eine gültige Rufnummer an, z. B. +49 351 123456.",
        "email": "Bitte geben Sie eine gültige E-Mail-Adresse an.",
        "internet": "Bitte geben Sie eine gültige Internetadresse an, beginnend mit https://.",
        "ust_id": "Die USt-IdNr. besteht aus DE und neun Ziffern.",
    }
    assert 'value="1665"' in html  # the entered value is kept


def test_datenschutz_saved(sandbox_client, sandbox_auth):
    sandbox_auth.login()
    response = sandbox_auth.post_form("/mandanten/1001/datenschutzbeauftragter", DATENSCHUTZ)
    html = sandbox_client.get(response.location).get_data(as_text=True)
    assert "Datenschutzbeauftragter gespeichert" in html
    assert state(sandbox_client)["mandanten"][0]["datenschutz"] == DATENSCHUTZ


@pytest.mark.parametrize(("field", "label"), [("name", "Name"), ("email", "E-Mail")])
def test_datenschutz_required_fields(sandbox_client, sandbox_auth, field, label):
    sandbox_auth.login()
    values = {**DATENSCHUTZ, field: ""}
    html = sandbox_auth.post_form("/mandanten/1001/datenschutzbeauftragter", values).get_data(
        as_text=True
    )
    assert field_error(html, field) == f"Bitte geben Sie {label} an."
    assert state(sandbox_client)["mandanten"][0]["datenschutz"] is None


def test_datenschutz_optional_fields_may_stay_empty(sandbox_client, sandbox_auth):
    sandbox_auth.login()
    values = {"name": "Datenschutzbeauftragte", "email": "ds@example.de"}
    assert (
        sandbox_auth.post_form("/mandanten/1001/datenschutzbeauftragter", values).status_code == 302
    )
    saved = state(sandbox_client)["mandanten"][0]["datenschutz"]
    assert saved == {**dict.fromkeys(DATENSCHUTZ, ""), **values}


def test_entered_markup_is_escaped(sandbox_client, sandbox_auth):
    sandbox_auth.login()
    values = {**IMPRESSUM, "behoerde": "<script>alert(1)</script>", "plz": 'x"><b>'}
    html = sandbox_auth.post_form("/mandanten/1001/impressum", values).get_data(as_text=True)
    assert "<script>alert" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_benutzer_pages_list_users_with_their_mandanten(sandbox_client, sandbox_auth):
    sandbox_auth.login()
    html = sandbox_client.get("/mandanten/1002/benutzer").get_data(as_text=True)
    assert re.findall(r"<tr><td>([^<]+)</td>", html) == ["admin"]
    html = sandbox_client.get("/benutzer").get_data(as_text=True)
    assert re.findall(r"<tr><td>([^<]+)</td>", html) == ["admin", "gemeinde"]
