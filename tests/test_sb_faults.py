"""Latency and injected faults: proportions, repeatability with a seed, and their effects."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest
from fixtures_sandbox import AuthActions

from importer.errors import UsageError
from importer.sandbox import PROFILES, FaultProfile, SandboxConfig
from importer.sandbox.faults import FaultInjector

QUICK_FLAKY = replace(PROFILES["flaky"], slow_seconds=0.0, session_lifetime=None)
KOMMUNIKATION = {"email": "amt@klipphausen.de", "telefon": "+49 35204 1234-20"}


def logged_in(app) -> tuple[object, AuthActions]:
    client = app.test_client()
    auth = AuthActions(client)
    auth.login()
    return client, auth


def statuses_of_writes(app, count: int) -> list[int]:
    client, auth = logged_in(app)
    page = None
    while page is None:  # the creation itself may meet a fault: try again
        created = auth.post_form("/organisationseinheiten/anlegen?mandant=1001", {"name": "Amt"})
        page = created.location
    headers = {"X-CSRF-Token": auth.token(page), "Accept": "application/json"}
    return [
        client.post(f"{page}/kommunikation", data=KOMMUNIKATION, headers=headers).status_code
        for _ in range(count)
    ]


@pytest.mark.parametrize("name", ["flaky", "hostile"])
def test_injector_rates_match_the_profile(name):
    profile = PROFILES[name]
    injector = FaultInjector(replace(profile, slow_seconds=0.0), seed=11)
    draws = 20000
    failed = sum(injector.fail_write() for _ in range(draws))
    lost = sum(injector.lose_response_after_save() for _ in range(draws))
    slow = sum(injector.slow_seconds() == 0.0 for _ in range(draws))  # slow_seconds is 0
    assert failed / draws == pytest.approx(profile.error_500, abs=0.01)
    assert lost / draws == pytest.approx(profile.error_502_after_save, abs=0.01)
    assert injector.snapshot()["500"] == failed
    assert injector.snapshot()["slow"] == pytest.approx(profile.slow * draws, rel=0.15)
    assert slow == draws


def test_session_lifetimes_lie_in_the_profile_range():
    for name in ("flaky", "hostile"):
        injector = FaultInjector(PROFILES[name], seed=5)
        low, high = PROFILES[name].session_lifetime
        lifetimes = [injector.session_lifetime() for _ in range(200)]
        assert all(low <= lifetime <= high for lifetime in lifetimes)
    assert FaultInjector(PROFILES["none"], seed=5).session_lifetime() is None


def test_flaky_writes_fail_in_proportion_and_repeatably(make_sandbox_app):
    first = make_sandbox_app(faults=QUICK_FLAKY, seed=3)
    statuses = statuses_of_writes(first, 120)
    failures = statuses.count(500)
    assert set(statuses) == {200, 500}
    assert 1 <= failures <= 15  # 5 % of 120 is 6
    counted = first.test_client().get("/_sandbox/state").json["faults"]
    assert counted["500"] == failures
    again = make_sandbox_app(faults=QUICK_FLAKY, seed=3)
    assert statuses_of_writes(again, 120) == statuses
    other_seed = make_sandbox_app(faults=QUICK_FLAKY, seed=4)
    assert statuses_of_writes(other_seed, 120) != statuses


def test_profile_none_injects_nothing(make_sandbox_app):
    app = make_sandbox_app()
    assert set(statuses_of_writes(app, 50)) == {200}
    faults = app.test_client().get("/_sandbox/state").json["faults"]
    assert faults == {"500": 0, "502_after_save": 0, "slow": 0, "session_expired": 0}


def test_500_answers_error_page_and_saves_nothing_but_login_works(make_sandbox_app):
    app = make_sandbox_app(faults=FaultProfile("test", error_500=1.0))
    client, auth = logged_in(app)  # the login POST never gets a fault
    response = auth.post_form("/mandanten/1001/datenschutzbeauftragter", KOMMUNIKATION)
    assert response.status_code == 500
    assert "Es ist ein Fehler aufgetreten" in response.get_data(as_text=True)
    state = client.get("/_sandbox/state").json
    assert state["mandanten"][0]["datenschutz"] is None
    assert state["faults"]["500"] == 1


def test_502_after_save_keeps_the_new_unit(make_sandbox_app):
    app = make_sandbox_app(faults=FaultProfile("test", error_502_after_save=1.0))
    client, auth = logged_in(app)
    response = auth.post_form("/organisationseinheiten/anlegen?mandant=1001", {"name": "Bauamt"})
    assert response.status_code == 502
    html = response.get_data(as_text=True)
    assert "Es ist ein Fehler aufgetreten" in html
    assert "Organisationseinheit angelegt" not in html
    assert "Organisationseinheit angelegt" not in client.get("/").get_data(as_text=True)
    state = client.get("/_sandbox/state").json
    assert [unit["name"] for unit in state["units"]] == ["Bauamt"]
    assert state["faults"]["502_after_save"] == 1
    refused = auth.post_form("/organisationseinheiten/anlegen?mandant=1001", {"name": ""})
    assert refused.status_code == 200  # a refused creation saves nothing and loses nothing
    assert client.get("/_sandbox/state").json["faults"]["502_after_save"] == 1


def test_forced_session_expiry(make_sandbox_app):
    app = make_sandbox_app(faults=FaultProfile("test", session_lifetime=(0.2, 0.2)))
    client, _ = logged_in(app)
    assert client.get("/mandanten").status_code == 200
    time.sleep(0.25)
    response = client.get("/mandanten")
    assert response.location == "/anmeldung?weiter=/mandanten"
    assert "Ihre Sitzung ist abgelaufen" in client.get(response.location).get_data(as_text=True)
    assert client.get("/_sandbox/state").json["faults"]["session_expired"] == 1


def test_slow_fault_delays_the_answer(make_sandbox_app):
    app = make_sandbox_app(faults=FaultProfile("test", slow=1.0, slow_seconds=0.2))
    client = app.test_client()
    started = time.monotonic()
    client.get("/anmeldung")
    assert time.monotonic() - started >= 0.2
    assert client.get("/_sandbox/state").json["faults"]["slow"] == 1


def test_latency_delays_pages_but_not_inspection_or_static(make_sandbox_app):
    app = make_sandbox_app(latency_ms=200)
    client = app.test_client()
    for path, delayed in [
        ("/anmeldung", True),
        ("/mandanten", True),
        ("/_sandbox/state", False),
        ("/static/sandbox.css", False),
    ]:
        started = time.monotonic()
        client.get(path)
        assert (time.monotonic() - started >= 0.2) == delayed, path


def test_jitter_varies_the_delay_within_its_range(make_sandbox_app):
    app = make_sandbox_app(latency_ms=200, jitter_ms=50)
    delays = [app.extensions["sandbox"].latency_seconds() for _ in range(50)]
    assert all(0.2 <= delay <= 0.25 for delay in delays)
    assert max(delays) - min(delays) > 0.03
    again = make_sandbox_app(latency_ms=200, jitter_ms=50)
    assert [again.extensions["sandbox"].latency_seconds() for _ in range(50)] == delays


def test_unknown_profile_is_a_usage_error():
    with pytest.raises(UsageError, match="Unbekanntes Fehlerprofil „wild“"):
        SandboxConfig(faults="wild").check()


def test_requests_are_counted_by_rule(make_sandbox_app):
    app = make_sandbox_app()
    client, auth = logged_in(app)
    page = auth.post_form("/organisationseinheiten/anlegen?mandant=1001", {"name": "A"}).location
    auth.fetch(f"{page}/kommunikation", KOMMUNIKATION, page=page)
    counts = client.get("/_sandbox/state").json["requests"]
    assert counts["POST /organisationseinheiten/<int:oe_id>/kommunikation"] == 1
    assert counts["POST /organisationseinheiten/anlegen"] == 1
    assert counts["POST /anmeldung"] == 1
    assert not any(key.startswith(("GET /_sandbox", "GET /static")) for key in counts)


def test_reset_restores_a_fresh_start(make_sandbox_app):
    app = make_sandbox_app()
    client, auth = logged_in(app)
    auth.post_form("/organisationseinheiten/anlegen?mandant=1001", {"name": "A"})
    auth.post_form("/mandanten/1001/datenschutzbeauftragter", {"name": "X", "email": "x@y.de"})
    assert client.post("/_sandbox/reset").json == {"ok": True}
    state = client.get("/_sandbox/state").json
    assert state["units"] == [] and state["requests"] == {}
    assert [(m["id"], m["name"], m["datenschutz"]) for m in state["mandanten"]] == [
        (1001, "Gemeinde Klipphausen", None),
        (1002, "Stadt Coswig", None),
        (1003, "Gemeinde Käbschütztal", None),
    ]
    assert client.get("/mandanten").status_code == 302  # sessions are gone too
