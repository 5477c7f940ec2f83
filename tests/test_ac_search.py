"""The unit list's search in real Chromium on both generations: a tree's filter keeps the
way to each match, and the runner reads that as "searched" instead of waiting for a list that
shows only matches."""

from __future__ import annotations

import pytest

from importer.admincenter.pages_mandant import list_spec, select_mandant
from importer.admincenter.pages_units import FILTER, UnitsPage, shows_only_matches
from importer.model import name_key
from importer.sandbox.config import OBERFLAECHEN

pytestmark = pytest.mark.browser

MANDANT = "Gemeinde Klipphausen"
TREE = [
    {"mandant": MANDANT, "name": "Bauamt"},
    {"mandant": MANDANT, "name": "Tiefbau", "parent": "Bauamt"},
    {"mandant": MANDANT, "name": "Straßenmeisterei", "parent": "Tiefbau"},
    {"mandant": MANDANT, "name": "Hochbau", "parent": "Bauamt"},
    {"mandant": MANDANT, "name": "Kämmerei"},
]


@pytest.mark.parametrize("generation", OBERFLAECHEN)
def test_a_search_shows_the_match_and_is_recognised_as_searched(
    make_sandbox, make_client, generation
) -> None:
    sandbox = make_sandbox(mandanten=[MANDANT], oberflaeche=generation, bestand={"units": TREE})
    client = make_client(sandbox)
    client.start()
    select_mandant(client.dom, MANDANT)
    page = client.list_page(UnitsPage)
    spec = list_spec(client.dom, FILTER)
    needle = name_key("Straßenmeisterei")
    page.expand_tree()
    assert not shows_only_matches(client.dom.run("listItems", spec)["items"], needle)

    found = page.search("Straßenmeisterei")
    shown = client.dom.run("listItems", spec)["items"]

    assert shows_only_matches(shown, needle)
    names = {item["name"] for item in shown}
    assert "Straßenmeisterei" in names and not names & {"Kämmerei", "Hochbau"}
    if generation == "klassisch":  # the tree keeps the way down to the match
        assert names == {"Bauamt", "Tiefbau", "Straßenmeisterei"}
    assert [u.name for u in found if needle in name_key(u.name)] == ["Straßenmeisterei"]
