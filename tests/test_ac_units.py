"""Organisationseinheiten end to end: list, create, Kommunikation, publication, Bearbeiten."""

from __future__ import annotations

import re

import pytest
from fixtures_browser import sandbox_state

from importer.admincenter.pages_units import is_green
from importer.admincenter.problems import Refused, ServerError
from importer.admincenter.values import UnitRef
from importer.sandbox import FaultProfile

pytestmark = pytest.mark.browser

MANDANT = "Stadt Coswig"
KOMMUNIKATION = {
    "email": "hauptamt@coswig.de",
    "telefon": "+49 3523 66-100",
    "fax": "+49 3523 66-199",
    "internet": "https://www.coswig.de/hauptamt",
}


@pytest.fixture(scope="module")
def sandbox(make_module_sandbox):
    return make_module_sandbox(publish_delay=0.2)


def unit_state(sandbox, oe_id: str) -> dict:
    return next(u for u in sandbox_state(sandbox)["units"] if str(u["id"]) == oe_id)


def test_unit_lifecycle_create_publish_rename_republish(make_client, make_sandbox) -> None:
    sandbox = make_sandbox(publish_delay=1.0)  # time enough to see the draft on a busy machine
    client = make_client(sandbox)
    created = client.create_unit(MANDANT, "Hauptamt", None)
    assert re.fullmatch(r"\d{6}", created.oe_id)
    assert (created.name, created.parent, created.version, created.published) == (
        "Hauptamt",
        None,
        "0.1",
        False,
    )
    client.save_kommunikation(MANDANT, created, KOMMUNIKATION)
    published = client.wait_published(MANDANT, created, timeout=5)
    assert (published.version, published.published) == ("1.0", True)
    assert published.kommunikation() == KOMMUNIKATION
    client.update_stammdaten(MANDANT, published, "Haupt- und Personalamt", None)
    draft = client.read_unit(MANDANT, published)
    assert (draft.name, draft.version, draft.published) == ("Haupt- und Personalamt", "1.1", False)
    again = client.wait_published(MANDANT, draft, timeout=5)
    assert (again.oe_id, again.version, again.published) == (created.oe_id, "2.0", True)
    state = unit_state(sandbox, created.oe_id)
    assert (state["name"], state["email"], state["telefon"], state["published"]) == (
        "Haupt- und Personalamt",
        KOMMUNIKATION["email"],
        KOMMUNIKATION["telefon"],
        True,
    )


def test_units_are_listed_with_their_links_and_parents(make_client, sandbox) -> None:
    client = make_client(sandbox)
    bauamt = client.create_unit("Gemeinde Käbschütztal", "Bauamt", None)
    tiefbau = client.create_unit("Gemeinde Käbschütztal", "Tiefbau", "Bauamt")
    assert tiefbau.parent == "Bauamt"
    fresh = make_client(sandbox)  # nothing remembered: the list is read from the page
    assert fresh.list_units("Gemeinde Käbschütztal") == [bauamt.ref, tiefbau.ref]
    assert fresh.list_units("Gemeinde Klipphausen") == []
    by_name = fresh.read_unit("Gemeinde Käbschütztal", UnitRef("Tiefbau"))
    assert by_name == tiefbau


def test_a_parent_that_is_not_offered_is_refused(make_client, sandbox) -> None:
    client = make_client(sandbox)
    with pytest.raises(Refused) as refused:
        client.create_unit(MANDANT, "Standesamt", "Bürgeramt")
    assert refused.value.messages == [
        "„Bürgeramt“ steht bei „Übergeordnete Organisationseinheit“ nicht zur Auswahl"
    ]


def test_a_rejected_kommunikation_value_names_the_field(make_client, sandbox) -> None:
    client = make_client(sandbox)
    unit = client.create_unit(MANDANT, "Kämmerei", None)
    with pytest.raises(Refused) as refused:
        client.save_kommunikation(MANDANT, unit, {**KOMMUNIKATION, "email": "kaemmerei"})
    assert refused.value.messages == ["E-Mail: Bitte geben Sie eine gültige E-Mail-Adresse an."]
    client.save_kommunikation(MANDANT, unit, KOMMUNIKATION)  # same page, now accepted
    assert client.read_unit(MANDANT, unit).kommunikation() == KOMMUNIKATION


def test_waiting_for_an_unpublishable_unit_returns_it_unpublished(make_client, sandbox) -> None:
    client = make_client(sandbox)
    unit = client.create_unit(MANDANT, "Ordnungsamt", None)  # no e-mail, no phone: never published
    waited = client.wait_published(MANDANT, unit, timeout=0.6)
    assert (waited.version, waited.published) == ("0.1", False)


def test_after_a_failed_save_the_next_step_starts_clean(make_client, make_sandbox, tmp_path):
    database = tmp_path / "sandbox.sqlite"
    calm = make_sandbox(db_path=database)
    make_client(calm).create_unit(MANDANT, "Bauamt", None)
    calm.stop()
    failing = make_sandbox(db_path=database, faults=FaultProfile("schreiben", error_500=1.0))
    client = make_client(failing)
    unit = client.list_units(MANDANT)[0]
    with pytest.raises(ServerError):  # shown by the page's script, without a new page
        client.save_kommunikation(MANDANT, unit, KOMMUNIKATION)
    assert client.wait_published(MANDANT, unit, timeout=0.3).published is False  # same page
    client.reset_cache()  # as the runner does after a problem
    assert client.read_impressum(MANDANT)["behoerde"] == ""
    assert client.read_unit(MANDANT, unit).name == "Bauamt"


@pytest.mark.parametrize(
    ("colour", "green"),
    [
        ("rgb(46, 125, 50)", True),
        ("rgba(67, 160, 71, 1)", True),
        ("rgb(108, 117, 125)", False),  # grey
        ("rgb(13, 110, 253)", False),  # blue
        ("rgba(0, 0, 0, 0)", False),  # transparent
        ("", False),
    ],
)
def test_badge_colours(colour: str, green: bool) -> None:
    assert is_green(colour) is green
