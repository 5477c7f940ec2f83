"""Injected faults on the v2 routes: a write answered 500 stores nothing, "502 after save"
stores and loses the answer, slow answers come late; every injected fault is counted."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from fixtures_sandbox import AuthActions
from flask import Flask
from flask.testing import FlaskClient
from sb_support import IMPRESSUM, OWN, address, entry, save_entries, state, unit, units

from importer.sandbox import FaultProfile

EVERY_WRITE_FAILS = FaultProfile("test-500", error_500=1.0)
EVERY_ANSWER_LOST = FaultProfile("test-502", error_502_after_save=1.0)
EVERY_ANSWER_SLOW = FaultProfile("test-slow", slow=1.0, slow_seconds=0.05)
HALF_THE_WRITES_FAIL = FaultProfile("test-half", error_500=0.5)
HAUPTAMT = 600001  # the bestand's unit
CHANNELS = [entry("E-Mail", "amt@klipphausen.example"), entry("Telefon", "+49 35204 1234")]
BESTAND = {"units": [{"mandant": "Gemeinde Klipphausen", "name": "Hauptamt"}]}
SERVER_ERROR = "Es ist ein Fehler aufgetreten"
NO_FAULTS = {"500": 0, "502_after_save": 0, "slow": 0, "session_expired": 0}


def signed_in(
    make_sandbox_app: Callable[..., Flask], generation: str, faults: FaultProfile, **config: Any
) -> tuple[FlaskClient, AuthActions]:
    """A sandbox of `generation` with the profile and the bestand's unit, admin logged in."""
    app = make_sandbox_app(oberflaeche=generation, faults=faults, bestand=BESTAND, **config)
    client = app.test_client()
    auth = AuthActions(client)
    assert auth.login().status_code == 302  # the login itself is never faulted
    return client, auth


def faults(client: FlaskClient) -> dict[str, int]:
    return state(client)["faults"]


def writes(auth: AuthActions) -> dict[str, Any]:
    """One write of each kind the runner makes, by name: its answer."""
    return {
        "anlegen": auth.fetch("/organisationseinheiten/anlegen", {"name": "Bauamt"}),
        "kommunikation": save_entries(auth, HAUPTAMT, "kommunikation", CHANNELS),
        "internetadressen": save_entries(
            auth, HAUPTAMT, "internetadressen", [address("https://www.klipphausen.de")]
        ),
        "impressum": auth.fetch(f"/mandanten/{OWN}/impressum", IMPRESSUM),
    }


def test_a_write_answered_500_stores_nothing(make_sandbox_app, generation):
    client, auth = signed_in(make_sandbox_app, generation, EVERY_WRITE_FAILS)
    before = state(client)
    answers = writes(auth)
    assert {
        name: (a.status_code, a.json["message"]) for name, a in answers.items()
    } == dict.fromkeys(answers, (500, SERVER_ERROR))
    after = state(client)
    assert (after["units"], after["mandanten"]) == (before["units"], before["mandanten"])
    assert after["faults"] == {**NO_FAULTS, "500": 4}


def test_a_form_answered_500_shows_the_error_page(make_sandbox_app, generation):
    client, auth = signed_in(make_sandbox_app, generation, EVERY_WRITE_FAILS)
    page = auth.logout()  # a form sent by the browser, not a script: the page, not JSON
    assert page.status_code == 500 and page.mimetype == "text/html"
    assert SERVER_ERROR in page.get_data(as_text=True)
    assert client.get("/organisationseinheiten").status_code == 200  # still logged in
    assert faults(client)["500"] == 1


def test_502_after_save_stores_and_loses_the_answer(make_sandbox_app, generation):
    client, auth = signed_in(make_sandbox_app, generation, EVERY_ANSWER_LOST)
    answers = writes(auth)
    assert {name: a.status_code for name, a in answers.items()} == {
        "anlegen": 502,
        "kommunikation": 502,
        "internetadressen": 502,
        "impressum": 200,  # the Mandant pages are not among the lost answers
    }
    assert answers["anlegen"].json["message"] == SERVER_ERROR
    assert [u["name"] for u in units(client)] == ["Hauptamt", "Bauamt"]
    hauptamt = unit(client, HAUPTAMT)
    assert hauptamt["kommunikation"] == CHANNELS
    assert hauptamt["internetadressen"] == [address("https://www.klipphausen.de")]
    assert faults(client) == {**NO_FAULTS, "502_after_save": 3}


def test_a_rejected_save_is_answered_as_rejected_not_502(make_sandbox_app, generation):
    client, auth = signed_in(make_sandbox_app, generation, EVERY_ANSWER_LOST)
    refused = save_entries(auth, HAUPTAMT, "kommunikation", [entry("E-Mail", "keine-adresse")])
    assert refused.status_code == 422
    assert auth.fetch("/organisationseinheiten/anlegen", {"name": " "}).status_code == 422
    assert unit(client, HAUPTAMT)["kommunikation"] == []
    assert faults(client) == NO_FAULTS


def test_renaming_and_moving_lose_their_answer_too(make_sandbox_app):
    client, auth = signed_in(make_sandbox_app, "neu", EVERY_ANSWER_LOST)
    values = {"name": "Haupt- und Personalamt", "behoerdenschluessel": "", "externe_id": ""}
    renamed = auth.fetch(f"/organisationseinheiten/{HAUPTAMT}/stammdaten", values)
    created = auth.fetch("/organisationseinheiten/anlegen", {"name": "Bürgerbüro"})
    child = next(u["id"] for u in units(client) if u["name"] == "Bürgerbüro")
    moved = auth.fetch(f"/organisationseinheiten/{child}/umhaengen", {"parent": str(HAUPTAMT)})
    assert [a.status_code for a in (renamed, created, moved)] == [502, 502, 502]
    assert [(u["name"], u["parent"]) for u in units(client)] == [
        ("Haupt- und Personalamt", None),
        ("Bürgerbüro", "Haupt- und Personalamt"),
    ]
    assert faults(client)["502_after_save"] == 3


def test_slow_answers_come_late_and_are_counted(make_sandbox_app, generation):
    client, auth = signed_in(make_sandbox_app, generation, EVERY_ANSWER_SLOW)
    started = time.monotonic()
    assert client.get("/organisationseinheiten").status_code == 200
    assert time.monotonic() - started >= EVERY_ANSWER_SLOW.slow_seconds
    assert save_entries(auth, HAUPTAMT, "kommunikation", CHANNELS).status_code == 200
    after = state(client)  # the inspection itself is never slowed or counted
    assert after["faults"] == {**NO_FAULTS, "slow": sum(after["requests"].values())}
    assert after["faults"]["slow"] >= 4  # login page, login, list, token page, save


def test_the_same_seed_gives_the_same_faults(make_sandbox_app):
    def statuses(seed: int) -> list[int]:
        _client, auth = signed_in(make_sandbox_app, "neu", HALF_THE_WRITES_FAIL, seed=seed)
        return [
            auth.fetch("/organisationseinheiten/anlegen", {"name": f"Amt {n}"}).status_code
            for n in range(24)
        ]

    first = statuses(seed=5)
    assert statuses(seed=5) == first
    assert set(first) == {200, 500}
    assert statuses(seed=6) != first
