"""The lists: the working Mandant's data only; neu's paged, sorted, searched table "Titel";
klassisch's tree with its lazy children and the filter that keeps ancestors."""

from __future__ import annotations

import re

import pytest
from fixtures_sandbox import AuthActions

KLIPPHAUSEN, COSWIG = "Gemeinde Klipphausen", "Stadt Coswig"
TREE = [
    {"mandant": KLIPPHAUSEN, "name": "Bauamt"},
    {"mandant": KLIPPHAUSEN, "name": "Tiefbau", "parent": "Bauamt"},
    {"mandant": KLIPPHAUSEN, "name": "Straßen", "parent": "Tiefbau"},
    {"mandant": KLIPPHAUSEN, "name": "Ämter-Übersicht"},
    {"mandant": COSWIG, "name": "Coswiger Amt"},
]
NAMES = [f"Amt {n:02d}" for n in range(1, 24)]


def signed_in(make_sandbox_app, user: str = "admin", **config) -> AuthActions:
    auth = AuthActions(make_sandbox_app(**config).test_client())
    auth.login(user, user)
    return auth


def table_rows(html: str) -> list[str]:
    return re.findall(r'data-url="/organisationseinheiten/\d+/panel"><td>([^<]+)</td>', html)


def tree_rows(html: str) -> list[tuple[str, str, str | None]]:
    """(level, name, aria-expanded or None) per treeitem, in document order."""
    items = re.findall(
        r'role="treeitem" aria-level="(\d)" aria-selected="false"(?: aria-expanded="(\w+)")?>'
        r'.*?<span class="tree-name">([^<]+)</span>',
        html,
        re.S,
    )
    return [(level, name, expanded or None) for level, expanded, name in items]


@pytest.fixture
def neu(make_sandbox_app) -> AuthActions:
    units = [
        {"mandant": KLIPPHAUSEN, "name": name, "id": 700001 + n} for n, name in enumerate(NAMES)
    ]
    return signed_in(make_sandbox_app, bestand={"units": [*units, TREE[-1]]}, seitengroesse=10)


def test_neu_pages_the_table_on_the_server(neu):
    first = neu.fragment("/organisationseinheiten/liste").get_data(as_text=True)
    assert table_rows(first) == NAMES[:10]
    assert "Seite 1 von 3" in first
    assert 'aria-label="Vorherige Seite" disabled' in first
    next_page = 'data-action="list" data-url="/organisationseinheiten/liste?seite=2"'
    assert f'aria-label="Nächste Seite" {next_page}' in first
    last = neu.fragment("/organisationseinheiten/liste?seite=3").get_data(as_text=True)
    assert table_rows(last) == NAMES[20:] and "Seite 3 von 3" in last
    assert 'aria-label="Nächste Seite" disabled' in last


def test_neu_sorts_by_titel_both_ways(neu):
    html = neu.fragment("/organisationseinheiten/liste").get_data(as_text=True)
    assert '<th scope="col" aria-sort="ascending">' in html
    down = neu.fragment("/organisationseinheiten/liste?sortierung=absteigend").get_data(
        as_text=True
    )
    assert '<th scope="col" aria-sort="descending">' in down
    assert table_rows(down) == NAMES[::-1][:10]


def test_neu_searches_by_name_or_id_and_keeps_the_search_while_paging(neu):
    found = neu.fragment("/organisationseinheiten/liste?suchbegriff=amt 1").get_data(as_text=True)
    assert table_rows(found) == [f"Amt {n}" for n in range(10, 20)]
    paged = neu.fragment("/organisationseinheiten/liste?suchbegriff=amt").get_data(as_text=True)
    assert 'data-url="/organisationseinheiten/liste?suchbegriff=amt&amp;seite=2"' in paged
    by_id = neu.fragment("/organisationseinheiten/liste?suchbegriff=700003").get_data(as_text=True)
    assert table_rows(by_id) == ["Amt 03"]
    none = neu.fragment("/organisationseinheiten/liste?suchbegriff=Rathaus").get_data(as_text=True)
    assert "Keine Einträge gefunden." in none and "Seite 1 von 1" in none


def test_neu_shows_the_own_mandant_until_the_filter_is_removed(neu):
    page = neu.fragment("/organisationseinheiten").get_data(as_text=True)
    assert (
        'Eigener Mandant<button type="button" class="chip-remove"' in page
        and "Filter entfernen" in page
    )
    assert "Coswiger Amt" not in page
    everyone = neu.fragment("/organisationseinheiten/liste?mandanten=alle&seite=3").get_data(
        as_text=True
    )
    assert "Coswiger Amt" in everyone and "Filter entfernen" not in everyone


def test_neu_page_has_the_search_caption_and_the_filters(neu):
    page = neu.fragment("/organisationseinheiten").get_data(as_text=True)
    assert '<label for="suchbegriff" class="caption">Suchbegriff</label>' in page
    for text in ("Mandanten", "Behördengruppen", ">Titel</button>", "Anlegen"):
        assert text in page


def test_klassisch_tree_expands_the_first_level_and_loads_deeper_ones(make_sandbox_app):
    auth = signed_in(make_sandbox_app, oberflaeche="klassisch", bestand={"units": TREE})
    html = auth.fragment("/organisationseinheiten").get_data(as_text=True)
    assert '<ul role="tree" class="tree" aria-label="Organisationseinheiten">' in html
    assert tree_rows(html) == [
        ("1", "Ämter-Übersicht", None),
        ("1", "Bauamt", "true"),
        ("2", "Tiefbau", "false"),
    ]
    assert 'aria-label="Zuklappen"' in html and 'aria-label="Aufklappen"' in html
    assert "Straßen" not in html and "Coswiger Amt" not in html
    children = auth.fragment("/organisationseinheiten/600002/kinder").get_data(as_text=True)
    assert tree_rows(children) == [("3", "Straßen", None)]


def test_klassisch_filter_shows_matches_with_their_ancestors(make_sandbox_app):
    auth = signed_in(make_sandbox_app, oberflaeche="klassisch", bestand={"units": TREE})
    html = auth.fragment("/organisationseinheiten/liste?filter=straß").get_data(as_text=True)
    assert tree_rows(html) == [
        ("1", "Bauamt", "true"),
        ("2", "Tiefbau", "true"),
        ("3", "Straßen", None),
    ]
    page = auth.fragment("/organisationseinheiten?filter=straß").get_data(as_text=True)
    assert '<input type="text" aria-label="Filter" autocomplete="off" value="straß"' in page


def test_only_one_generation_has_each_route(make_sandbox_app):
    neu = signed_in(make_sandbox_app, bestand={"units": TREE})
    klassisch = signed_in(make_sandbox_app, oberflaeche="klassisch", bestand={"units": TREE})
    assert neu.fragment("/organisationseinheiten/600001/kinder").status_code == 404
    assert klassisch.fragment("/organisationseinheiten/600001/umhaengen").status_code == 404
    assert klassisch.fetch("/organisationseinheiten/600001/offline", {}).status_code == 404


@pytest.mark.parametrize("oberflaeche", ["neu", "klassisch"])
def test_the_working_mandant_is_chosen_in_the_selector(make_sandbox_app, oberflaeche):
    auth = signed_in(make_sandbox_app, oberflaeche=oberflaeche, bestand={"units": TREE})
    assert "Coswiger Amt" not in auth.fragment("/organisationseinheiten").get_data(as_text=True)
    assert auth.fetch("/mandant", {"mandant": "1002"}).json["message"] == ""
    units = auth.fragment("/organisationseinheiten").get_data(as_text=True)
    assert "Coswiger Amt" in units and "Bauamt" not in units
    mandanten = auth.fragment("/mandanten").get_data(as_text=True)
    assert re.findall(r'/mandanten/(\d+)/panel"', mandanten) == ["1002"]
    if oberflaeche == "klassisch":
        assert '<select class="mandant-selector" aria-label="Mandant" name="mandant"' in mandanten
        assert '<option value="1002" selected>Stadt Coswig</option>' in mandanten
    else:
        button = 'aria-haspopup="listbox" aria-expanded="false"'
        assert f'{button} aria-labelledby="mandant-caption mandant-auswahl"' in mandanten
        assert (
            '<li role="option" data-value="1002" aria-selected="true">Stadt Coswig</li>'
            in mandanten
        )


def test_a_user_with_one_mandant_sees_only_it_and_cannot_choose_another(make_sandbox_app):
    auth = signed_in(make_sandbox_app, "gemeinde")
    page = auth.fragment("/mandanten").get_data(as_text=True)
    assert re.findall(r'role="option" data-value="(\d+)"', page) == ["1001"]
    answer = auth.fetch("/mandant", {"mandant": "1002"})
    assert (answer.status_code, answer.json["message"]) == (403, "Keine Berechtigung")
