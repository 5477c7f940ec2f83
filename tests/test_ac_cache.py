"""Speed without blindness: remembered addresses are used, and only where they name the Mandant."""

from __future__ import annotations

import pytest
from fixtures_browser import sandbox_state

from importer.admincenter.client import AdminCenter
from importer.admincenter.locators import load_locators

pytestmark = pytest.mark.browser


def requests(sandbox) -> dict[str, int]:
    return sandbox_state(sandbox)["requests"]


def grown(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    return {k: v - before.get(k, 0) for k, v in after.items() if v != before.get(k, 0)}


def test_a_second_visit_goes_straight_to_the_remembered_page(make_client, make_sandbox) -> None:
    sandbox = make_sandbox()
    client = make_client(sandbox)
    client.read_impressum("Stadt Coswig")
    before = requests(sandbox)
    client.read_impressum("Stadt Coswig")
    client.read_datenschutz("Stadt Coswig")  # its Mandant page is remembered too
    assert grown(before, requests(sandbox)) == {
        "GET /mandanten/<int:mandant_id>": 1,
        "GET /mandanten/<int:mandant_id>/datenschutzbeauftragter": 1,
        "GET /mandanten/<int:mandant_id>/impressum": 1,
    }
    client.reset_cache()
    before = requests(sandbox)
    client.read_impressum("Stadt Coswig")
    assert grown(before, requests(sandbox))["GET /mandanten"] == 1  # the way by clicks again


def test_an_address_shared_by_two_mandanten_is_not_remembered(browser) -> None:
    client = AdminCenter(browser, "http://127.0.0.1:9/", load_locators(), 1.0)
    client._remember(("Gemeinde Klipphausen", "impressum"), "http://ac/impressum")
    client._remember(("Gemeinde Klipphausen", "detail"), "http://ac/mandanten/1")
    client._remember(("Stadt Coswig", "detail"), "http://ac/mandanten/2")
    client._remember(("Stadt Coswig", "impressum"), "http://ac/impressum")  # says nothing
    client._remember(("Gemeinde Käbschütztal", "impressum"), "http://ac/impressum/3")
    client._remember(("Stadt Coswig", "units"), "http://ac/oe")
    client._remember(("Gemeinde Klipphausen", "units"), "http://ac/oe")  # checked on each visit
    assert client._urls == {
        ("Gemeinde Klipphausen", "detail"): "http://ac/mandanten/1",
        ("Stadt Coswig", "detail"): "http://ac/mandanten/2",
        ("Stadt Coswig", "units"): "http://ac/oe",
        ("Gemeinde Klipphausen", "units"): "http://ac/oe",
    }


def units_of(sandbox) -> list[tuple[str, str]]:
    return sorted((u["mandant"], u["name"]) for u in sandbox_state(sandbox)["units"])


def test_a_second_creation_opens_the_remembered_form_of_its_mandant(
    make_client, make_sandbox
) -> None:
    sandbox = make_sandbox()
    client = make_client(sandbox)
    client.create_unit("Stadt Coswig", "Hauptamt", None)
    client.create_unit("Gemeinde Klipphausen", "Bauamt", None)
    before = requests(sandbox)
    client.create_unit("Stadt Coswig", "Kämmerei", "Hauptamt")
    client.create_unit("Gemeinde Klipphausen", "Bauhof", "Bauamt")
    grew = grown(before, requests(sandbox))
    assert "GET /organisationseinheiten" not in grew  # no list page, no Mandant selector
    assert grew["GET /organisationseinheiten/anlegen"] == 2
    assert units_of(sandbox) == [
        ("Gemeinde Klipphausen", "Bauamt"),
        ("Gemeinde Klipphausen", "Bauhof"),
        ("Stadt Coswig", "Hauptamt"),
        ("Stadt Coswig", "Kämmerei"),
    ]
    parents = {u["name"]: u["parent"] for u in sandbox_state(sandbox)["units"]}
    assert parents["Kämmerei"] == "Hauptamt" and parents["Bauhof"] == "Bauamt"


def test_a_remembered_form_showing_another_mandant_is_not_used(make_client, make_sandbox) -> None:
    """An imitation whose Anlegen address depends on a choice kept elsewhere: the address
    remembered for one Mandant now shows another one. The unit still lands in its Mandant."""
    sandbox = make_sandbox()
    client = make_client(sandbox)
    client.create_unit("Stadt Coswig", "Hauptamt", None)
    client.create_unit("Gemeinde Klipphausen", "Bauamt", None)
    coswig_form, _shown = client._forms["Stadt Coswig"]
    client._forms["Gemeinde Klipphausen"] = (coswig_form, "Gemeinde Klipphausen")
    before = requests(sandbox)
    client.create_unit("Gemeinde Klipphausen", "Bauhof", None)
    assert grown(before, requests(sandbox))["GET /organisationseinheiten"] == 1  # the long way
    assert units_of(sandbox) == [
        ("Gemeinde Klipphausen", "Bauamt"),
        ("Gemeinde Klipphausen", "Bauhof"),
        ("Stadt Coswig", "Hauptamt"),
    ]
    assert client._forms["Gemeinde Klipphausen"][0] != coswig_form  # its own address again


def test_a_user_with_one_mandant_also_goes_straight_to_the_form(make_client, make_sandbox) -> None:
    sandbox = make_sandbox()
    client = make_client(sandbox, user="gemeinde")  # sees only Gemeinde Klipphausen
    client.create_unit("Gemeinde Klipphausen", "Hauptamt", None)
    before = requests(sandbox)
    client.create_unit("Gemeinde Klipphausen", "Bauamt", None)
    assert "GET /organisationseinheiten" not in grown(before, requests(sandbox))
    assert units_of(sandbox) == [
        ("Gemeinde Klipphausen", "Bauamt"),
        ("Gemeinde Klipphausen", "Hauptamt"),
    ]
