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
