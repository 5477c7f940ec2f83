"""Kommunikation and Internetadressen: ordered entry lists saved whole, checked per Kanal."""

from __future__ import annotations

import pytest
from sb_support import address, create_unit, entry, save_entries, unit

PHONE = "Bitte geben Sie eine gültige Rufnummer an, z. B. +49 351 123456."
SERVICEKONTO = entry("Servicekonto", "Testbehörde zur Stadt (999839970682)", oeffentlich=False)


@pytest.fixture
def admin(sandbox_auth):
    sandbox_auth.login()
    return sandbox_auth


@pytest.fixture
def oe_id(admin) -> int:
    return create_unit(admin, "Hauptamt")


def test_several_entries_of_one_kanal_are_kept_in_their_order(sandbox_client, admin, oe_id):
    entries = [
        SERVICEKONTO,
        entry("Telefon", "+49 35204 1234-10", "Zentrale"),
        entry("E-Mail", "hauptamt@klipphausen.de"),
        entry("Telefon", "0351 1234-11", "Sekretariat", oeffentlich=False),
        entry("E-Mail", "zweite@klipphausen.de"),
    ]
    answer = save_entries(admin, oe_id, "kommunikation", entries)
    assert (answer.status_code, answer.json["message"]) == (200, "Kommunikation gespeichert")
    assert unit(sandbox_client, oe_id)["kommunikation"] == entries
    reordered = [entries[2], *entries[:2], *entries[3:]]
    save_entries(admin, oe_id, "kommunikation", reordered)
    assert unit(sandbox_client, oe_id)["kommunikation"] == reordered


@pytest.mark.parametrize(
    ("kanal", "kennung", "field", "message"),
    [
        ("E-Mail", "keine-adresse", "kennung", "Bitte geben Sie eine gültige E-Mail-Adresse an."),
        ("De-Mail", "post@", "kennung", "Bitte geben Sie eine gültige De-Mail-Adresse an."),
        ("Telefon", "0351 abc", "kennung", PHONE),
        ("Telefon mobil", "mobil", "kennung", PHONE),
        ("Fax", "12", "kennung", PHONE),
        ("Servicekonto", "", "kennung", "Bitte geben Sie Kennung an."),
        ("Brieftaube", "Dach", "kanal", "Bitte wählen Sie einen Kanal."),
        ("", "irgendwas", "kanal", "Bitte wählen Sie einen Kanal."),
        ("Sonstiges", "x" * 256, "kennung", "Höchstens 255 Zeichen."),
    ],
)  # fmt: skip
def test_a_rejected_entry_stores_nothing_and_names_index_and_field(
    sandbox_client, admin, oe_id, kanal, kennung, field, message
):
    stored = [entry("E-Mail", "alt@klipphausen.de")]
    save_entries(admin, oe_id, "kommunikation", stored)
    before = unit(sandbox_client, oe_id)
    entries = [entry("Telefon", "+49 351 1"), entry(kanal, kennung)]
    answer = save_entries(admin, oe_id, "kommunikation", entries)
    assert answer.status_code == 422
    assert answer.json == {
        "message": "Bitte korrigieren Sie die markierten Eingaben.",
        "errors": {"1": {field: message}},
    }
    assert unit(sandbox_client, oe_id) == before


@pytest.mark.parametrize(
    "kennung", ["+49 35204 1234-10", "(0351) 12 34 56", "0351/123456", "0049 351 123456"]
)
def test_phone_numbers_in_their_usual_forms_are_accepted(sandbox_client, admin, oe_id, kennung):
    assert save_entries(admin, oe_id, "kommunikation", [entry("Fax", kennung)]).status_code == 200


def test_free_kanal_takes_any_text(sandbox_client, admin, oe_id):
    entries = [SERVICEKONTO, entry("Sonstiges", "Briefkasten am Rathaus")]
    assert save_entries(admin, oe_id, "kommunikation", entries).status_code == 200
    assert unit(sandbox_client, oe_id)["kommunikation"] == entries


def test_internetadressen_are_an_ordered_list_of_web_addresses(sandbox_client, admin, oe_id):
    entries = [
        address("https://www.klipphausen.de", "Startseite"),
        address("http://alt.example", "", False),
    ]
    answer = save_entries(admin, oe_id, "internetadressen", entries)
    assert (answer.status_code, answer.json["message"]) == (200, "Internetadressen gespeichert")
    assert unit(sandbox_client, oe_id)["internetadressen"] == entries
    refused = save_entries(admin, oe_id, "internetadressen", [address("www.klipphausen.de")])
    assert refused.json["errors"] == {
        "0": {"adresse": "Bitte geben Sie eine gültige Internetadresse an, beginnend mit https://."}
    }
    assert unit(sandbox_client, oe_id)["internetadressen"] == entries


def test_values_are_stored_without_outer_spaces(sandbox_client, admin, oe_id):
    save_entries(admin, oe_id, "kommunikation", [entry(" E-Mail ", "  a@b.de ", " Zusatz ")])
    assert unit(sandbox_client, oe_id)["kommunikation"] == [entry("E-Mail", "a@b.de", "Zusatz")]


@pytest.mark.parametrize(
    "payload",
    [[], {"eintraege": "x"}, {"eintraege": [1]}, {"eintraege": [{"kanal": 1}]},
     {"eintraege": [{"kanal": "E-Mail", "kennung": "a@b.de", "oeffentlich": "ja"}]}],
)  # fmt: skip
def test_a_malformed_list_is_a_bad_request(sandbox_client, admin, oe_id, payload):
    answer = admin.send_json(f"/organisationseinheiten/{oe_id}/kommunikation", payload)
    assert (answer.status_code, answer.json["message"]) == (400, "Ungültige Anfrage")


def test_the_editor_shows_the_stored_entries_escaped_in_order(sandbox_client, admin, oe_id):
    script = '<script>alert("x")</script>'
    save_entries(admin, oe_id, "kommunikation", [entry("Sonstiges", script), SERVICEKONTO])
    html = admin.fragment(f"/organisationseinheiten/{oe_id}/kommunikation").get_data(as_text=True)
    assert "<script>alert" not in html
    assert html.count("&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;") == 2  # cell and data
    assert html.index("Sonstiges</td>") < html.index("Servicekonto</td>")
    data = 'data-kennung="Testbehörde zur Stadt (999839970682)" data-zusatz=""'
    assert f'{data} data-oeffentlich="false"' in html
