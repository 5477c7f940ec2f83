"""Anmeldung on one or two steps, Abmelden, session expiry of pages and script requests."""

from __future__ import annotations

import pytest
from fixtures_sandbox import AuthActions

from importer.sandbox import FaultProfile

EXPIRES_AT_ONCE = FaultProfile("test", session_lifetime=(0.0, 0.0))


def test_login_leads_to_the_start_page(sandbox_client, sandbox_auth):
    response = sandbox_auth.login()
    assert (response.status_code, response.location) == (302, "/")
    html = sandbox_client.get("/").get_data(as_text=True)
    assert "Willkommen im AdminCenter" in html and ">Abmelden</button>" in html
    assert "Sie befinden sich im AdminCenter der Sandbox (Nachbildung, keine echten Daten)." in html


def test_login_page_has_the_contract_s_texts(sandbox_client):
    html = sandbox_client.get("/anmeldung").get_data(as_text=True)
    assert '<label for="f-benutzername">Benutzername</label>' in html
    assert '<label for="f-passwort">Passwort</label>' in html
    assert ">Anmelden</button>" in html and "Weiter" not in html


def test_pages_need_login_and_return_after_it(sandbox_client, sandbox_auth):
    response = sandbox_client.get("/mandanten")
    assert response.location == "/anmeldung?weiter=/mandanten"
    assert "Ihre Sitzung ist abgelaufen" not in sandbox_client.get(response.location).get_data(
        as_text=True
    )
    data = {
        "benutzername": "admin",
        "passwort": "admin",
        "csrf_token": sandbox_auth.token("/anmeldung"),
    }
    assert sandbox_client.post(response.location, data=data).location == "/mandanten"


@pytest.mark.parametrize(("user", "password"), [("admin", "falsch"), ("niemand", "admin")])
def test_wrong_credentials_stay_on_the_login_with_the_message(
    sandbox_client, sandbox_auth, user, password
):
    response = sandbox_auth.login(user, password)
    assert response.status_code == 200
    assert "Benutzername oder Passwort falsch" in response.get_data(as_text=True)
    assert sandbox_client.get("/mandanten").status_code == 302


def test_logout_ends_the_session(sandbox_client, sandbox_auth):
    sandbox_auth.login()
    assert sandbox_auth.logout().location == "/anmeldung"
    assert sandbox_client.get("/mandanten").status_code == 302


def test_two_step_login_asks_the_password_on_a_second_page(make_sandbox_app):
    client = make_sandbox_app(anmeldung="zweistufig").test_client()
    auth = AuthActions(client)
    first = client.get("/anmeldung?weiter=/mandanten").get_data(as_text=True)
    assert ">Weiter</button>" in first and "Passwort" not in first
    data = {"benutzername": "admin", "csrf_token": auth.token("/anmeldung")}
    step = client.post("/anmeldung?weiter=/mandanten", data=data)
    assert step.location == "/anmeldung/passwort?weiter=/mandanten"
    second = client.get(step.location).get_data(as_text=True)
    assert "Benutzername: <strong>admin</strong>" in second
    assert '<label for="f-passwort">Passwort</label>' in second and ">Anmelden</button>" in second
    wrong = client.post(
        step.location, data={"passwort": "falsch", "csrf_token": auth.token(step.location)}
    )
    assert wrong.status_code == 200
    assert "Benutzername oder Passwort falsch" in wrong.get_data(as_text=True)
    assert "Benutzername: <strong>admin</strong>" in wrong.get_data(as_text=True)
    right = client.post(
        step.location, data={"passwort": "admin", "csrf_token": auth.token(step.location)}
    )
    assert right.location == "/mandanten"


def test_two_step_login_does_not_tell_whether_the_name_exists(make_sandbox_app):
    client = make_sandbox_app(anmeldung="zweistufig").test_client()
    auth = AuthActions(client)
    answer = auth.login("niemand", "admin")
    assert "Benutzername oder Passwort falsch" in answer.get_data(as_text=True)
    assert "Benutzername: <strong>niemand</strong>" in answer.get_data(as_text=True)


def test_the_password_page_exists_only_for_two_steps(sandbox_client):
    assert sandbox_client.get("/anmeldung/passwort").status_code == 404


def test_an_expired_session_leads_a_page_to_the_login_and_back(make_sandbox_app, generation):
    client = make_sandbox_app(faults=EXPIRES_AT_ONCE, oberflaeche=generation).test_client()
    AuthActions(client).login()
    response = client.get("/organisationseinheiten")
    assert response.location == "/anmeldung?weiter=/organisationseinheiten"
    assert "Ihre Sitzung ist abgelaufen" in client.get(response.location).get_data(as_text=True)
    assert client.get("/_sandbox/state").json["faults"]["session_expired"] == 1


def test_an_expired_session_answers_a_script_with_401_and_the_way_back(make_sandbox_app):
    client = make_sandbox_app(faults=EXPIRES_AT_ONCE).test_client()
    auth = AuthActions(client)
    auth.login()
    headers = {
        "Accept": "application/json",
        "X-CSRF-Token": "egal",
        "Referer": "http://localhost/organisationseinheiten",
    }
    response = client.post("/organisationseinheiten/anlegen", data={"name": "A"}, headers=headers)
    assert response.status_code == 401
    assert response.json == {
        "message": "Ihre Sitzung ist abgelaufen",
        "redirect": "/anmeldung?weiter=/organisationseinheiten",
    }
    assert "Ihre Sitzung ist abgelaufen" in client.get("/anmeldung").get_data(as_text=True)
    assert client.get("/_sandbox/state").json["units"] == []


def test_an_idle_session_expires_after_the_timeout(make_sandbox_app):
    client = make_sandbox_app(session_timeout=0.0).test_client()
    AuthActions(client).login()
    answer = client.get(
        "/mandanten/1001/panel", headers={"Accept": "text/html, application/json;q=0.9"}
    )
    assert (answer.status_code, answer.json["message"]) == (401, "Ihre Sitzung ist abgelaufen")
