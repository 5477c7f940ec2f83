"""Organisationseinheiten: Anlegen, detail, Kommunikation by fetch, Bearbeiten, list, IDs."""

from __future__ import annotations

import re

import pytest
from fixtures_sandbox import AuthActions

KOMMUNIKATION = {
    "email": "hauptamt@klipphausen.de",
    "telefon": "+49 35204 1234-10",
    "fax": "+49 35204 1234-99",
    "internet": "https://www.klipphausen.de/hauptamt",
}


NAMES = ("Hauptamt", "Bauamt", "Ordnungsamt", "Standesamt")


def create(auth, name: str, parent: str = "", mandant: int = 1001):
    return auth.post_form(
        f"/organisationseinheiten/anlegen?mandant={mandant}", {"name": name, "parent": parent}
    )


def parent_options(html: str) -> list[tuple[str, str]]:
    select = re.search(r'<select id="f-parent".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="(\d*)"[^>]*>([^<]+)</option>', select)


def units(client):
    return client.get("/_sandbox/state").json["units"]


@pytest.fixture
def admin(sandbox_auth):
    sandbox_auth.login()
    return sandbox_auth


def test_anlegen_opens_detail_with_confirmation_id_and_grey_badge(sandbox_client, admin):
    response = create(admin, "Hauptamt")
    assert response.status_code == 302
    html = sandbox_client.get(response.location).get_data(as_text=True)
    assert "Organisationseinheit angelegt" in html
    assert "<h2>Hauptamt</h2>" in html
    assert "<dt>ID</dt><dd>600001</dd>" in html
    assert re.search(r'<span class="badge" title="Entwurf, nicht veröffentlicht">0.1</span>', html)
    for label in ("Stammdaten", "Gültigkeit", "Versionen", "Kommunikation"):
        assert f'role="tab" aria-controls="{label.lower().replace("ü", "ue")}">{label}<' in html
    assert ">Bearbeiten</a>" in html and ">Verwalten</a>" in html
    assert ">Kommunikation speichern</button>" in html
    labels = re.findall(r'<label for="k-\w+">([^<]+)</label>', html)
    assert labels == ["E-Mail", "Telefon", "Fax", "Internet"]


def test_anlegen_form_has_name_and_parent_choice(sandbox_client, admin):
    create(admin, "Bauamt")
    html = sandbox_client.get("/organisationseinheiten/anlegen?mandant=1001").get_data(as_text=True)
    assert '<label for="f-name" class="required">Name</label>' in html
    assert '<label for="f-parent">Übergeordnete Organisationseinheit</label>' in html
    assert parent_options(html) == [("", "– keine –"), ("600001", "Bauamt")]


def test_ids_are_six_digits_rising_with_gaps(sandbox_client, admin):
    for name in ("A", "B", "C", "D", "E"):
        create(admin, name)
    ids = [unit["id"] for unit in units(sandbox_client)]
    assert ids[0] == 600001
    assert ids == sorted(ids) and len(set(ids)) == 5
    assert all(100000 <= oe_id <= 999999 for oe_id in ids)


def test_name_is_required(sandbox_client, admin):
    response = create(admin, " ")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert re.search(
        r'<input id="f-name"[^>]*>\s*<span class="field-error" id="f-name-fehler">'
        r"Bitte geben Sie Name an\.</span>",
        html,
    )
    assert units(sandbox_client) == []


def test_parent_must_belong_to_the_mandant(sandbox_client, admin):
    create(admin, "Amt in Coswig", mandant=1002)
    response = create(admin, "Unteramt", parent="600001")
    assert "Bitte wählen Sie eine Organisationseinheit dieses Mandanten." in response.get_data(
        as_text=True
    )
    assert [u["name"] for u in units(sandbox_client)] == ["Amt in Coswig"]


def test_unit_with_parent_is_listed_with_parent_name(sandbox_client, admin):
    create(admin, "Bauamt")
    create(admin, "Tiefbau", parent="600001")
    state = units(sandbox_client)
    assert [(u["name"], u["parent"], u["mandant"]) for u in state] == [
        ("Bauamt", None, "Gemeinde Klipphausen"),
        ("Tiefbau", "Bauamt", "Gemeinde Klipphausen"),
    ]
    html = sandbox_client.get(f"/organisationseinheiten/{state[1]['id']}").get_data(as_text=True)
    assert "<dt>Übergeordnete Organisationseinheit</dt><dd>Bauamt</dd>" in html


def test_script_in_unit_name_is_escaped_everywhere(sandbox_client, admin):
    name = '<script>alert("x")</script>'
    location = create(admin, name).location
    html = sandbox_client.get(location).get_data(as_text=True)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    listing = sandbox_client.get("/organisationseinheiten/liste?mandant=1001").json
    assert listing["units"][0]["name"] == name  # JSON; the page script sets it as text


def test_list_json_sorted_by_name_with_versions(sandbox_client, admin):
    for name in ("Ordnungsamt", "Bauamt", "Älteste Abteilung"):
        create(admin, name)
    listing = sandbox_client.get("/organisationseinheiten/liste?mandant=1001").json["units"]
    assert [(u["name"], u["version"], u["published"]) for u in listing] == [
        ("Älteste Abteilung", "0.1", False),
        ("Bauamt", "0.1", False),
        ("Ordnungsamt", "0.1", False),
    ]


def test_units_page_offers_mandant_selector_search_and_anlegen(sandbox_client, admin):
    html = sandbox_client.get("/organisationseinheiten?mandant=1002").get_data(as_text=True)
    assert '<label for="f-mandant">Mandant</label>' in html
    assert re.search(r'<option value="1002" selected>Stadt Coswig</option>', html)
    assert '<label for="suche">Suchen</label>' in html
    assert ">Anlegen</a>" in html


def test_single_mandant_user_gets_no_selector(sandbox_client, sandbox_auth):
    sandbox_auth.login("gemeinde", "gemeinde")
    html = sandbox_client.get("/organisationseinheiten").get_data(as_text=True)
    assert "<select" not in html
    assert "Gemeinde Klipphausen" in html


def test_kommunikation_saved_by_fetch(sandbox_client, admin):
    location = create(admin, "Hauptamt").location
    response = admin.fetch(f"{location}/kommunikation", KOMMUNIKATION, page=location)
    assert response.status_code == 200
    assert response.json == {
        "message": "Kommunikation gespeichert",
        "errors": {},
        "version": "0.1",
        "published": False,
    }
    saved = {key: units(sandbox_client)[0][key] for key in KOMMUNIKATION}
    assert saved == KOMMUNIKATION


def test_kommunikation_field_errors_returned_and_nothing_saved(sandbox_client, admin):
    location = create(admin, "Hauptamt").location
    values = {**KOMMUNIKATION, "email": "hauptamt(at)klipphausen.de", "telefon": "0351"}
    response = admin.fetch(f"{location}/kommunikation", values, page=location)
    assert response.status_code == 422
    assert response.json["message"] == "Bitte korrigieren Sie die markierten Eingaben."
    assert response.json["errors"] == {
        "email": "Bitte geben Sie eine gültige E-Mail-Adresse an.",
        "telefon": "Bitte geben Sie eine gültige Rufnummer an, z. B. +49 351 123456.",
    }
    assert units(sandbox_client)[0]["email"] == ""


def test_kommunikation_needs_the_csrf_header(sandbox_client, admin):
    location = create(admin, "Hauptamt").location
    headers = {"Accept": "application/json"}
    response = sandbox_client.post(f"{location}/kommunikation", data=KOMMUNIKATION, headers=headers)
    assert response.status_code == 400
    assert units(sandbox_client)[0]["email"] == ""


def test_bearbeiten_renames_and_changes_parent(sandbox_client, admin):
    create(admin, "Bauamt")
    create(admin, "Ordnungsamt")
    location = create(admin, "Bürgerbüro").location
    oe_id = location.rsplit("/", 1)[1]
    parent_id = str(units(sandbox_client)[1]["id"])
    response = admin.post_form(
        f"{location}/bearbeiten", {"name": "Bürgerbüro und Standesamt", "parent": parent_id}
    )
    assert response.location == location
    assert "Organisationseinheit gespeichert" in sandbox_client.get(location).get_data(as_text=True)
    unit = next(u for u in units(sandbox_client) if str(u["id"]) == oe_id)
    assert (unit["name"], unit["parent"]) == ("Bürgerbüro und Standesamt", "Ordnungsamt")


def test_bearbeiten_offers_no_descendant_as_parent(sandbox_client, admin):
    top = create(admin, "Dezernat").location
    middle = create(admin, "Amt", parent=top.rsplit("/", 1)[1]).location
    create(admin, "Sachgebiet", parent=middle.rsplit("/", 1)[1])
    create(admin, "Anderes Amt")
    html = sandbox_client.get(f"{top}/bearbeiten").get_data(as_text=True)
    assert [name for _, name in parent_options(html)] == ["– keine –", "Anderes Amt"]
    sachgebiet = str(units(sandbox_client)[2]["id"])
    response = admin.post_form(f"{top}/bearbeiten", {"name": "Dezernat", "parent": sachgebiet})
    assert "Bitte wählen Sie eine Organisationseinheit dieses Mandanten." in response.get_data(
        as_text=True
    )


def test_bearbeiten_requires_a_name(sandbox_client, admin):
    location = create(admin, "Bauamt").location
    response = admin.post_form(f"{location}/bearbeiten", {"name": "", "parent": ""})
    assert "Bitte geben Sie Name an." in response.get_data(as_text=True)
    assert units(sandbox_client)[0]["name"] == "Bauamt"


def test_units_of_other_mandant_are_forbidden(sandbox_client, sandbox_auth, admin):
    location = create(admin, "Amt in Coswig", mandant=1002).location
    admin.logout()
    sandbox_auth.login("gemeinde", "gemeinde")
    for path in (location, f"{location}/bearbeiten", f"{location}/verwalten"):
        response = sandbox_client.get(path)
        assert response.status_code == 403
        assert "Keine Berechtigung" in response.get_data(as_text=True)
    response = sandbox_auth.fetch(f"{location}/kommunikation", KOMMUNIKATION)
    assert response.status_code == 403
    assert response.json["message"] == "Keine Berechtigung"
    assert units(sandbox_client)[0]["email"] == ""


def test_verwalten_page_exists(sandbox_client, admin):
    location = create(admin, "Bauamt").location
    html = sandbox_client.get(f"{location}/verwalten").get_data(as_text=True)
    assert "<h2>Verwalten</h2>" in html


def test_a_limited_list_shows_its_first_units_and_finds_the_rest_on_the_server(
    make_sandbox_app,
):
    app = make_sandbox_app(list_limit=2)
    client = app.test_client()
    auth = AuthActions(client)
    auth.login()
    ids = {name: create(auth, name).headers["Location"].rsplit("/", 1)[1] for name in NAMES}
    listing = client.get("/organisationseinheiten/liste?mandant=1001").json
    assert [u["name"] for u in listing["units"]] == ["Bauamt", "Hauptamt"]
    assert listing["more"] == 2
    found = client.get("/organisationseinheiten/liste?mandant=1001&q=ordnung").json
    assert [u["name"] for u in found["units"]] == ["Ordnungsamt"] and found["more"] == 0
    by_id = client.get(f"/organisationseinheiten/liste?mandant=1001&q={ids['Standesamt']}").json
    assert [u["name"] for u in by_id["units"]] == ["Standesamt"]
    page = client.get("/organisationseinheiten?mandant=1001&q=Standes").get_data(as_text=True)
    assert re.search(r'<form method="get"[^>]*class="search">', page)
    assert '<input id="suche" type="search" name="q" value="Standes"' in page
    assert "q=Standes" in page  # the list the page loads is the search's
    form = client.get("/organisationseinheiten/anlegen?mandant=1001").get_data(as_text=True)
    assert [name for _id, name in parent_options(form) if _id] == sorted(NAMES)

