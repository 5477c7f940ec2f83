"""Visible labels: agreement with the column catalogue, and overrides for a differing system."""

from __future__ import annotations

import re

import pytest
from fixtures_sandbox import AuthActions

from importer.sandbox.forms import DATENSCHUTZ_FIELDS, IMPRESSUM_FIELDS, KOMMUNIKATION_FIELDS
from importer.workbook.columns import DATENSCHUTZ, IMPRESSUM, ORGANISATIONSEINHEITEN


def catalogue(sheet, fields=None) -> list[tuple[str, str, bool]]:
    return [
        (column.field, column.label, column.required)
        for column in sheet.columns
        if column.label and (fields is None or column.field in fields)
    ]


@pytest.mark.parametrize(
    ("form", "sheet"), [(IMPRESSUM_FIELDS, IMPRESSUM), (DATENSCHUTZ_FIELDS, DATENSCHUTZ)]
)
def test_mandant_forms_agree_with_the_catalogue(form, sheet):
    assert [(f.name, f.label, f.required) for f in form] == catalogue(sheet)


def test_kommunikation_fields_agree_with_the_catalogue():
    names = [f.name for f in KOMMUNIKATION_FIELDS]
    sandbox = sorted((f.name, f.label) for f in KOMMUNIKATION_FIELDS)
    assert sandbox == sorted((f, label) for f, label, _ in catalogue(ORGANISATIONSEINHEITEN, names))


def test_overridden_labels_replace_the_default_texts(make_sandbox_app):
    overrides = {
        "E-Mail": "E-Mail-Adresse",
        "Impressum": "Anbieterkennzeichnung",
        "Impressum gespeichert": "Anbieterkennzeichnung wurde gespeichert",
        "Kommunikation speichern": "Kontaktdaten speichern",
    }
    app = make_sandbox_app(label_overrides=overrides)
    client = app.test_client()
    auth = AuthActions(client)
    auth.login()
    detail = client.get("/mandanten/1001").get_data(as_text=True)
    assert ">Anbieterkennzeichnung</a>" in detail and ">Impressum</a>" not in detail
    page = client.get("/mandanten/1001/impressum").get_data(as_text=True)
    assert '<label for="f-email" class="required">E-Mail-Adresse</label>' in page
    refused = auth.post_form("/mandanten/1001/impressum", {"behoerde": "x"}).get_data(as_text=True)
    assert "Bitte geben Sie E-Mail-Adresse an." in refused
    values = {
        "behoerde": "Gemeindeverwaltung",
        "vertreten_durch": "Bürgermeister",
        "strasse": "Talstraße 3",
        "plz": "01665",
        "ort": "Klipphausen",
        "telefon": "+49 35204 1234",
        "email": "post@klipphausen.de",
    }
    saved = auth.post_form("/mandanten/1001/impressum", values)
    assert "Anbieterkennzeichnung wurde gespeichert" in client.get(saved.location).get_data(
        as_text=True
    )
    unit = auth.post_form("/organisationseinheiten/anlegen?mandant=1001", {"name": "A"}).location
    unit_page = client.get(unit).get_data(as_text=True)
    assert ">Kontaktdaten speichern</button>" in unit_page
    assert re.findall(r'<label for="k-\w+">([^<]+)</label>', unit_page)[0] == "E-Mail-Adresse"
