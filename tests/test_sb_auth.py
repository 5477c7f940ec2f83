"""Anmeldung, Abmelden, session expiry, CSRF."""

from __future__ import annotations

import time
import urllib.request

from fixtures_sandbox import AuthActions


def test_login_leads_to_start_page_with_navigation(sandbox_client, sandbox_auth):
    response = sandbox_auth.login()
    assert response.status_code == 302
    assert response.location == "/"
    html = sandbox_client.get("/").get_data(as_text=True)
    labels = ("Benutzerverwaltung", "Benutzer", "Mandanten", "Organisationseinheiten", "Abmelden")
    for label in labels:
        assert f">{label}<" in html


def test_pages_need_login(sandbox_client):
    response = sandbox_client.get("/mandanten")
    assert response.status_code == 302
    assert response.location == "/anmeldung?weiter=/mandanten"
    login_page = sandbox_client.get(response.location).get_data(as_text=True)
    assert "Ihre Sitzung ist abgelaufen" not in login_page


def test_login_returns_to_the_page_asked_for(sandbox_client, sandbox_auth):
    token = sandbox_auth.token("/anmeldung")
    data = {"benutzername": "admin", "passwort": "admin", "csrf_token": token}
    response = sandbox_client.post("/anmeldung?weiter=/mandanten/1001", data=data)
    assert response.location == "/mandanten/1001"


def test_wrong_password_stays_on_login_with_message(sandbox_client, sandbox_auth):
    response = sandbox_auth.login("admin", "falsch")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Benutzername oder Passwort falsch" in html
    assert sandbox_client.get("/mandanten").status_code == 302


def test_unknown_user_is_refused_like_a_wrong_password(sandbox_auth):
    html = sandbox_auth.login("niemand", "admin").get_data(as_text=True)
    assert "Benutzername oder Passwort falsch" in html


def test_logout_ends_the_session(sandbox_client, sandbox_auth):
    sandbox_auth.login()
    response = sandbox_auth.logout()
    assert response.location == "/anmeldung"
    assert sandbox_client.get("/mandanten").status_code == 302


def test_idle_session_expires_with_message(make_sandbox_app):
    app = make_sandbox_app(session_timeout=0.2)
    client = app.test_client()
    AuthActions(client).login()
    assert client.get("/mandanten").status_code == 200
    time.sleep(0.3)
    response = client.get("/mandanten/1001")
    assert response.status_code == 302
    assert response.location == "/anmeldung?weiter=/mandanten/1001"
    assert "Ihre Sitzung ist abgelaufen" in client.get(response.location).get_data(as_text=True)
    assert client.get("/_sandbox/state").json["faults"]["session_expired"] == 1


def test_expired_session_answers_a_script_with_401_and_the_login_address(make_sandbox_app):
    app = make_sandbox_app(session_timeout=0.2)
    client = app.test_client()
    auth = AuthActions(client)
    auth.login()
    headers = {"X-CSRF-Token": auth.token("/"), "Accept": "application/json"}
    time.sleep(0.3)
    response = client.get("/organisationseinheiten/liste?mandant=1001", headers=headers)
    assert response.status_code == 401
    assert response.json["message"] == "Ihre Sitzung ist abgelaufen"
    assert response.json["redirect"].startswith("/anmeldung")


def test_post_without_csrf_token_is_refused(sandbox_client, sandbox_auth):
    sandbox_auth.login()
    data = {"behoerde": "Gemeindeverwaltung"}
    response = sandbox_client.post("/mandanten/1001/impressum", data=data)
    assert response.status_code == 400
    assert "Ungültige Anfrage" in response.get_data(as_text=True)
    wrong = sandbox_client.post("/mandanten/1001/impressum", data={**data, "csrf_token": "x"})
    assert wrong.status_code == 400
    assert sandbox_client.get("/_sandbox/state").json["mandanten"][0]["impressum"] is None


def test_login_without_csrf_token_is_refused(sandbox_client):
    data = {"benutzername": "admin", "passwort": "admin"}
    response = sandbox_client.post("/anmeldung", data=data)
    assert response.status_code == 400


def test_live_server_answers_login_page(sandbox_server):
    with urllib.request.urlopen(sandbox_server.url + "anmeldung") as response:
        html = response.read().decode()
    assert "Benutzername" in html and "Passwort" in html and "Anmelden" in html
