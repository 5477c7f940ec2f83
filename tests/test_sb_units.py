"""Organisationseinheiten: Anlegen, Unterhalb anlegen, the panel, renaming, Ids, versions."""

from __future__ import annotations

import re

import pytest
from fixtures_sandbox import AuthActions
from sb_support import create_unit, unit, units

PANEL_TEXTS = {
    "neu": ["Stammdaten", "Id", "Name <span class=\"required-mark\">•</span>", "Bearbeiten",
            "Löschen", "Offline nehmen", "Text bearbeiten", "Unterhalb anlegen", "Strukturieren",
            "Umhängen", "Verwalten", "115 Teilnahme", "Behördenkonto / beA", "Kommunikation",
            "Internetadressen", "Online-Hilfe", "Version 0.1"],
    "klassisch": ["Stammdaten", "Gültigkeit", "Version", "Id", "Behördenschlüssel", "Behörde",
                  "Externe ID", "Abbrechen", "Speichern", "Bearbeiten", "Löschen",
                  "Text bearbeiten",
                  "Unterhalb anlegen", "Verwalten", "115 Leistungen", "Prozessparameter",
                  "Kommunikation", "Internetadressen", "Öffnungszeiten", "Entwurf"],
}  # fmt: skip


@pytest.fixture
def admin(sandbox_auth):
    sandbox_auth.login()
    return sandbox_auth


def panel(auth, oe_id: int) -> str:
    return auth.fragment(f"/organisationseinheiten/{oe_id}/panel").get_data(as_text=True)


def test_anlegen_makes_a_draft_at_the_top_of_the_working_mandant(sandbox_client, admin):
    answer = admin.fetch("/organisationseinheiten/anlegen", {"name": "Hauptamt"})
    assert answer.json == {
        "message": "Organisationseinheit angelegt",
        "errors": {},
        "id": 600001,
        "panel": "/organisationseinheiten/600001/panel",
    }
    assert [
        (u["mandant"], u["name"], u["parent"], u["version"], u["published"])
        for u in units(sandbox_client)
    ] == [("Gemeinde Klipphausen", "Hauptamt", None, "0.1", False)]


def test_the_empty_panel_asks_for_the_name(sandbox_client, admin, generation):
    html = admin.fragment("/organisationseinheiten/anlegen").get_data(as_text=True)
    marker = "•" if generation == "neu" else "*"
    assert '<aside role="complementary" aria-label="Neue Organisationseinheit"' in html
    assert f'Name <span class="required-mark">{marker}</span>' in html
    assert ">Speichern</button>" in html and "disabled>Speichern" in html
    assert "Übergeordnete Organisationseinheit" not in html
    parent = create_unit(admin, "Bauamt")
    below = admin.fragment(f"/organisationseinheiten/anlegen?parent={parent}").get_data(
        as_text=True
    )
    assert re.search(
        r'Übergeordnete Organisationseinheit</span> <span class="value">Bauamt<', below
    )
    assert f'name="parent" value="{parent}"' in below


def test_unterhalb_anlegen_makes_a_child(sandbox_client, admin):
    parent = create_unit(admin, "Bauamt")
    child = create_unit(admin, "Tiefbau", parent=parent)
    assert unit(sandbox_client, child)["parent"] == "Bauamt"


def test_the_name_is_required(sandbox_client, admin):
    answer = admin.fetch("/organisationseinheiten/anlegen", {"name": "  "})
    assert (answer.status_code, answer.json["errors"]) == (
        422,
        {"name": "Bitte geben Sie Name an."},
    )
    assert units(sandbox_client) == []


def test_ids_are_six_digits_rising_with_gaps(sandbox_client, admin):
    ids = [create_unit(admin, name) for name in "ABCDE"]
    assert ids[0] == 600001 and ids == sorted(ids) and len(set(ids)) == 5
    assert all(100000 <= oe_id <= 9999999 for oe_id in ids)


def test_equal_names_are_allowed(sandbox_client, admin):
    create_unit(admin, "Bauamt")
    create_unit(admin, "Bauamt")
    assert [u["name"] for u in units(sandbox_client)] == ["Bauamt", "Bauamt"]


def test_the_panel_shows_the_generation_s_texts(sandbox_client, admin, generation):
    oe_id = create_unit(admin, "Hauptamt")
    html = panel(admin, oe_id)
    assert '<aside role="complementary" aria-label="Hauptamt"' in html
    for text in PANEL_TEXTS[generation]:
        assert text in html, text
    if generation == "klassisch":
        assert "Umhängen" not in html and "Offline nehmen" not in html
        assert '<span class="version-box">0.1</span>' in html
        assert re.search(r'<span class="caption">Id</span> <span class="value">600001</span>', html)
        assert '<label for="oe-name" class="caption">Name</label>' in html and "<textarea" in html
    else:
        field = 'id="oe-id" name="id" aria-labelledby="oe-id-caption" readonly type="text"'
        assert f'{field} value="600001"' in html


def test_renaming_a_published_unit_makes_a_draft_and_no_change_no_version(
    sandbox_client, admin, make_sandbox_app
):
    oe_id = create_unit(admin, "Hauptamt")
    values = {"name": "Hauptamt", "behoerdenschluessel": "", "externe_id": ""}
    unchanged = admin.fetch(f"/organisationseinheiten/{oe_id}/stammdaten", values)
    assert unchanged.json["changed"] is False
    renamed = admin.fetch(
        f"/organisationseinheiten/{oe_id}/stammdaten", {**values, "name": "Haupt- und Personalamt"}
    )
    assert (renamed.json["message"], renamed.json["changed"]) == (
        "Organisationseinheit gespeichert",
        True,
    )
    assert unit(sandbox_client, oe_id)["name"] == "Haupt- und Personalamt"
    refused = admin.fetch(f"/organisationseinheiten/{oe_id}/stammdaten", {**values, "name": ""})
    assert refused.status_code == 422


def test_a_published_unit_becomes_a_draft_after_a_rename(make_sandbox_app):
    app = make_sandbox_app(
        bestand={"units": [{"mandant": "Gemeinde Klipphausen", "name": "Bauamt"}]}
    )
    client = app.test_client()
    auth = AuthActions(client)
    auth.login()
    values = {"name": "Bau- und Ordnungsamt", "behoerdenschluessel": "", "externe_id": ""}
    auth.fetch("/organisationseinheiten/600001/stammdaten", values)
    assert [(u["version"], u["published"]) for u in units(client)] == [("1.1", False)]
    html = auth.fragment("/organisationseinheiten/600001/panel").get_data(as_text=True)
    assert "Version 1.1" in html and "chip-version icon-history published" not in html


def test_a_parent_of_another_mandant_is_refused(make_sandbox_app, generation):
    bestand = {"units": [{"mandant": "Stadt Coswig", "name": "Fremd"}]}
    app = make_sandbox_app(oberflaeche=generation, bestand=bestand)
    auth = AuthActions(app.test_client())
    auth.login("gemeinde", "gemeinde")
    answer = auth.fetch("/organisationseinheiten/anlegen", {"name": "Neu", "parent": "600001"})
    assert (answer.status_code, answer.json["message"]) == (403, "Keine Berechtigung")
