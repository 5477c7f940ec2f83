"""Mandanten: the list of the working Mandant, its panel, the dialogs Impressum and
Datenschutzbeauftragter with their rules, and the navigation around them."""

from __future__ import annotations

import re

import pytest
from sb_support import DATENSCHUTZ, IMPRESSUM, state

URL = "Bitte geben Sie eine gültige Internetadresse an, beginnend mit https://."
IMPRESSUM_REQUIRED = {
    "behoerde": "Behörde", "vertreten_durch": "Vertreten durch", "strasse": "Straße und Hausnummer",
    "plz": "PLZ", "ort": "Ort", "telefon": "Telefon", "email": "E-Mail",
}  # fmt: skip
PANEL_TEXTS = {
    "neu": ["Stammdaten", "Mit • markierte Felder sind Pflichtangaben.", "Bearbeiten", "Löschen",
            "Verwalten", "Freistaat Sachsen", "Online-Hilfe"],
    "klassisch": ["Stammdaten", "Abbrechen", "Speichern", "Verwalten", "Freistaat Sachsen"],
}  # fmt: skip
NAVIGATION = {
    "neu": ["Neuigkeiten", "Betreute Texte", "Aufgaben", "Content", "Zuständigkeitsfinder",
            "Organisationseinheiten", "Organisationseinheiten", "Behördengruppen",
            "Kontaktpersonen", "Anschriften", "Öffnungszeiten", "Internetadressen", "Benutzer",
            "Benutzer", "Benutzergruppen", "Rollen", "Rechte", "Mandanten", "Servicekonto",
            "Verfahrensmanagement"],
    "klassisch": ["Neuigkeiten", "Zuständigkeitsfinder", "Leistungen", "Zuständigkeiten",
                  "Organisationseinheiten", "Organisationseinheiten", "Kontaktverwaltung",
                  "Anschriften", "Öffnungszeiten", "Internetadressen", "Externe Formulare",
                  "Benutzerverwaltung", "Benutzer", "Benutzergruppen", "Mandanten",
                  "Verfahrensmanagement"],
}  # fmt: skip


@pytest.fixture
def admin(sandbox_auth):
    sandbox_auth.login()
    return sandbox_auth


def dialog(auth, page: str) -> str:
    return auth.fragment(f"/mandanten/1001/{page}").get_data(as_text=True)


def test_the_list_shows_the_working_mandant_only(admin, generation):
    html = admin.fragment("/mandanten").get_data(as_text=True)
    assert re.findall(r'data-url="/mandanten/(\d+)/panel"><td>([^<]+)</td>', html) == [
        ("1001", "Gemeinde Klipphausen")
    ]
    if generation == "neu":
        assert '<label for="tabelle-filtern" class="caption">Tabelle filtern</label>' in html
    else:
        assert 'aria-label="Filter"' in html and ">übergeordneter Mandant</th>" in html


def test_the_panel_shows_stammdaten_and_the_verwalten_buttons(admin, generation):
    html = admin.fragment("/mandanten/1001/panel").get_data(as_text=True)
    assert '<aside role="complementary" aria-label="Gemeinde Klipphausen"' in html
    for text in PANEL_TEXTS[generation]:
        assert text in html, text
    buttons = re.findall(r'<span class="btn-text">([^<]+)</span></button>', html)
    expected = ["Bild", "Benutzer", "Datenschutzbeauftragter", "Impressum", "Mandanten"]
    if generation == "neu":
        assert buttons == ["Löschen", *expected]
    else:
        assert buttons == ["Benutzer", "Bild", "Datenschutzbeauftragter", "Impressum", "Mandanten"]
    disabled = r'disabled>(?:<span class="btn-icon icon-tags" aria-hidden="true"></span>)?'
    assert re.search(disabled + r'<span class="btn-text">Mandanten<', html)


def test_the_impressum_dialog_has_the_contract_s_fields_and_markers(admin, generation):
    html = dialog(admin, "impressum")
    assert '<h2 id="dialog-titel">Impressum - Gemeinde Klipphausen</h2>' in html
    marker = "•" if generation == "neu" else "*"
    pattern = r'class="caption"[^>]*>([^<]+?)(?: <span class="required-mark">(.)</span>)?</'
    captions = re.findall(pattern, html)
    assert captions == [
        ("Behörde", marker), ("Vertreten durch", marker), ("Straße und Hausnummer", marker),
        ("PLZ", marker), ("Ort", marker), ("Telefon", marker), ("Fax", ""), ("E-Mail", marker),
        ("Internet", ""), ("USt-IdNr.", ""), ("Aufsichtsbehörde", ""),
        ("Inhaltlich verantwortlich", ""),
    ]  # fmt: skip
    assert "disabled>Speichern</button>" in html and ">Abbrechen</button>" in html
    if generation == "neu":
        assert 'aria-labelledby="d-behoerde-caption"' in html
    else:
        assert '<label for="d-behoerde" class="caption">' in html


def test_impressum_is_saved_and_shown_again(sandbox_client, admin):
    answer = admin.fetch("/mandanten/1001/impressum", IMPRESSUM)
    assert answer.json == {"message": "Impressum gespeichert", "errors": {}}
    saved = state(sandbox_client)["mandanten"][0]["impressum"]
    assert {k: v for k, v in saved.items() if v} == IMPRESSUM
    assert 'value="Talstraße 3"' in dialog(admin, "impressum")


def test_missing_required_fields_are_named_at_their_fields(sandbox_client, admin):
    answer = admin.fetch("/mandanten/1001/impressum", {"fax": "x"})
    assert answer.status_code == 422
    assert answer.json["errors"] == {
        **{name: f"Bitte geben Sie {label} an." for name, label in IMPRESSUM_REQUIRED.items()},
        "fax": "Bitte geben Sie eine gültige Rufnummer an, z. B. +49 351 123456.",
    }
    assert state(sandbox_client)["mandanten"][0]["impressum"] is None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("plz", "1665", "Die PLZ muss aus fünf Ziffern bestehen."),
        ("email", "post-at-klipphausen", "Bitte geben Sie eine gültige E-Mail-Adresse an."),
        ("internet", "klipphausen.de", URL),
        ("ust_id", "DE12", "Die USt-IdNr. besteht aus DE und neun Ziffern."),
        ("ort", "x" * 256, "Höchstens 255 Zeichen."),
    ],
)  # fmt: skip
def test_impressum_values_follow_the_rules(sandbox_client, admin, field, value, message):
    answer = admin.fetch("/mandanten/1001/impressum", {**IMPRESSUM, field: value})
    assert answer.json["errors"] == {field: message}


def test_datenschutzbeauftragter_needs_name_and_email(sandbox_client, admin):
    html = dialog(admin, "datenschutzbeauftragter")
    assert "Datenschutzbeauftragter - Gemeinde Klipphausen" in html
    refused = admin.fetch("/mandanten/1001/datenschutzbeauftragter", {"organisation": "KISA"})
    assert refused.json["errors"] == {
        "name": "Bitte geben Sie Name an.",
        "email": "Bitte geben Sie E-Mail an.",
    }
    answer = admin.fetch("/mandanten/1001/datenschutzbeauftragter", DATENSCHUTZ)
    assert answer.json["message"] == "Datenschutzbeauftragter gespeichert"
    assert state(sandbox_client)["mandanten"][0]["datenschutz"]["name"] == "Datenschutz KISA"


def test_entered_markup_is_escaped(sandbox_client, admin):
    admin.fetch("/mandanten/1001/impressum", {**IMPRESSUM, "behoerde": "<b>Amt</b>"})
    html = dialog(admin, "impressum")
    assert "<b>Amt</b>" not in html and "&lt;b&gt;Amt&lt;/b&gt;" in html


def test_a_foreign_mandant_answers_keine_berechtigung(sandbox_auth):
    sandbox_auth.login("gemeinde", "gemeinde")
    for path in ("/mandanten/1002/panel", "/mandanten/1002/impressum"):
        answer = sandbox_auth.fragment(path)
        assert (answer.status_code, answer.json["message"]) == (403, "Keine Berechtigung")
    saved = sandbox_auth.fetch("/mandanten/1002/impressum", IMPRESSUM)
    assert saved.status_code == 403


def test_the_navigation_has_the_generation_s_entries(admin, generation):
    html = admin.fragment("/").get_data(as_text=True)
    entry = r'(?:role="menuitem" href="[^"]+"|class="nav-item[^"]*"[^>]*|class="menubar-item"[^>]*)'
    shown = re.findall(entry + r">([^<]+)<", html)
    assert [text for text in shown if text != "Abmelden"] == NAVIGATION[generation]
    if generation == "neu":
        group = 'class="nav-item nav-toggle" aria-expanded="false" aria-controls="nav-benutzer"'
        assert f"{group}>Benutzer</button>" in html
    else:
        menu = 'aria-haspopup="menu" aria-expanded="false" aria-controls="menue-benutzerverwaltung"'
        assert f"{menu}>Benutzerverwaltung</button>" in html


def test_an_entry_not_imitated_says_so(admin, generation):
    slug = "rollen" if generation == "neu" else "externe-formulare"
    html = admin.fragment(f"/bereich/{slug}").get_data(as_text=True)
    assert "In der Sandbox nicht nachgebildet." in html
    assert admin.fragment("/bereich/unbekannt").status_code == 404
