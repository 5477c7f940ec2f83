"""Sandbox security beyond the sandbox's own tests: every form refuses a forged request, every
page and form of a foreign Mandant answers "Keine Berechtigung", shown text is escaped, the
login does not tell whether a user exists, the session cookie is HttpOnly and renewed.

The lists of forms and Mandant pages are checked against the app's URL map, so a new form or
page cannot slip past these tests.
"""

from __future__ import annotations

import io
import re
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from fixtures_sandbox import AuthActions
from flask import Flask
from flask.testing import FlaskClient
from PIL import Image
from sb_support import create_unit as sb_create_unit

OWN, FOREIGN = 1001, 1002  # user "gemeinde" manages only the first Mandant
HYPERLINK = '=HYPERLINK("http://x","y")'
SCRIPT = "<script>alert(1)</script>"


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), (10, 20, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def state(client: FlaskClient) -> dict[str, Any]:
    """The sandbox's data, without the request counters (they change with every request)."""
    data = client.get("/_sandbox/state").json
    return {key: value for key, value in data.items() if key != "requests"}


BESTAND = {
    "units": [
        {"mandant": "Gemeinde Klipphausen", "name": "Hauptamt"},
        {"mandant": "Stadt Coswig", "name": "Bauamt"},
    ]
}
# Pages that show the working Mandant (the selector's choice, only among the user's own):
# no foreign Mandant can be named in their address.
ANLEGEN = "/organisationseinheiten/anlegen"  # in the working Mandant
WORKING_MANDANT_PAGES = {"/organisationseinheiten", "/organisationseinheiten/liste",
                         "/organisationseinheiten/anlegen"}  # fmt: skip


@pytest.fixture
def sandbox_app(make_sandbox_app, generation: str) -> Flask:
    return make_sandbox_app(oberflaeche=generation, bestand=BESTAND)


@pytest.fixture
def units(sandbox_app: Flask) -> dict[int, int]:
    """One unit in each Mandant (from the bestand): Mandant id → unit id."""
    ids = {m["name"]: m["id"] for m in state(sandbox_app.test_client())["mandanten"]}
    return {ids[u["mandant"]]: u["id"] for u in state(sandbox_app.test_client())["units"]}


def forms(units: dict[int, int], mandant: int) -> dict[str, dict[str, Any]]:
    """Every state-changing request of the sandbox with valid content, for `mandant`; a value
    under "json" is sent as a script's JSON body."""
    unit = units[mandant]
    return {
        f"/mandanten/{mandant}/impressum": {
            "behoerde": "B", "vertreten_durch": "V", "strasse": "S 1", "plz": "01665",
            "ort": "O", "telefon": "+49 351 123456", "email": "a@b.de",
        },
        f"/mandanten/{mandant}/datenschutzbeauftragter": {"name": "N", "email": "d@b.de"},
        f"/mandanten/{mandant}/bild": {"bild": (io.BytesIO(png()), "logo.png")},
        "/mandant": {"mandant": str(mandant)},
        f"/organisationseinheiten/{unit}/stammdaten": {"name": "Umbenannt"},
        f"/organisationseinheiten/{unit}/offline": {},
        f"/organisationseinheiten/{unit}/umhaengen": {"parent": ""},
        f"/organisationseinheiten/{unit}/kommunikation": {
            "json": {"eintraege": [{"kanal": "E-Mail", "kennung": "k@b.de", "zusatz": "",
                                    "oeffentlich": True}]}},
        f"/organisationseinheiten/{unit}/internetadressen": {
            "json": {"eintraege": [{"adresse": "https://b.de", "titel": "", "oeffentlich": True}]}},
    }  # fmt: skip


def generation_lacks(path: str, client: FlaskClient) -> bool:
    """Whether this generation has no such page at all (klassisch: no "Umhängen" and no
    "Offline nehmen"; neu: no tree of children) — then 404 for everyone, own units included."""
    own = re.sub(r"/organisationseinheiten/\d+", "/organisationseinheiten/OWN", path)
    for unit in state(client)["units"]:
        if unit["mandant"] == "Gemeinde Klipphausen":
            own = own.replace("OWN", str(unit["id"]))
    return "OWN" not in own and client.get(own).status_code in (404, 405)


def send(client: FlaskClient, path: str, data: dict[str, Any], token: str) -> Any:
    if "json" in data:
        return client.post(path, json=data["json"], headers={"X-CSRF-Token": token})
    return client.post(path, data={**data, "csrf_token": token})


def rule_of(path: str) -> str:
    path = path.split("?")[0]
    return re.sub(r"/\d+", "/<id>", path)


def test_the_form_list_covers_every_post_of_the_app(sandbox_app: Flask, units) -> None:
    posts = {
        re.sub(r"<int:\w+>", "<id>", rule.rule)
        for rule in sandbox_app.url_map.iter_rules()
        if "POST" in (rule.methods or ()) and not rule.rule.startswith("/_sandbox")
    }
    listed = {rule_of(path) for path in forms(units, OWN)} | {rule_of(ANLEGEN)}
    listed |= {"/anmeldung", "/anmeldung/passwort", "/abmelden"}
    assert posts == listed


@pytest.mark.parametrize("token", ["", "falsch", "fremde-sitzung"])
def test_every_form_refuses_a_forged_request(
    sandbox_app: Flask, sandbox_client: FlaskClient, sandbox_auth: AuthActions, units, token: str
) -> None:
    sandbox_auth.login()
    if token == "fremde-sitzung":  # a valid token, but of another user's session
        other = AuthActions(sandbox_app.test_client())
        other.login("gemeinde", "gemeinde")
        token = other.token("/")
    before = state(sandbox_client)
    for path, data in {**forms(units, OWN), ANLEGEN: {"name": "Neu"}}.items():
        response = send(sandbox_client, path, data, token)
        assert response.status_code == 400, path
        assert "Ungültige Anfrage" in response.get_data(as_text=True)
    response = sandbox_client.post("/abmelden", data={"csrf_token": token})
    assert response.status_code == 400
    assert state(sandbox_client) == before
    assert sandbox_client.get("/mandanten").status_code == 200  # still logged in


def test_forged_login_logs_nobody_in(sandbox_client: FlaskClient) -> None:
    sandbox_client.get("/anmeldung")
    data = {"benutzername": "admin", "passwort": "admin", "csrf_token": "falsch"}
    assert sandbox_client.post("/anmeldung", data=data).status_code == 400
    assert sandbox_client.get("/mandanten").status_code == 302


def foreign_pages(units: dict[int, int]) -> list[str]:
    unit = units[FOREIGN]
    return [
        f"/mandanten/{FOREIGN}/panel", f"/mandanten/{FOREIGN}/impressum",
        f"/mandanten/{FOREIGN}/datenschutzbeauftragter", f"/mandanten/{FOREIGN}/bild",
        f"/mandanten/{FOREIGN}/bild/datei", f"/organisationseinheiten/{unit}/panel",
        f"/organisationseinheiten/{unit}/kinder", f"/organisationseinheiten/{unit}/umhaengen",
        f"/organisationseinheiten/{unit}/umhaengen/vorschlaege",
        f"/organisationseinheiten/{unit}/kommunikation",
        f"/organisationseinheiten/{unit}/internetadressen",
    ]  # fmt: skip


def test_the_page_list_covers_every_page_of_a_mandant(sandbox_app: Flask, units) -> None:
    pages = {
        re.sub(r"<int:\w+>", "<id>", rule.rule)
        for rule in sandbox_app.url_map.iter_rules()
        if "GET" in (rule.methods or ())
        and ("<int:" in rule.rule or rule.rule.startswith("/organisationseinheiten"))
    }
    assert pages - WORKING_MANDANT_PAGES == {rule_of(path) for path in foreign_pages(units)}


def test_foreign_mandant_pages_answer_keine_berechtigung(
    sandbox_client: FlaskClient, sandbox_auth: AuthActions, units
) -> None:
    sandbox_auth.login("gemeinde", "gemeinde")
    for path in foreign_pages(units):
        response = sandbox_client.get(path)
        if response.status_code == 404 and generation_lacks(path, sandbox_client):
            continue
        assert response.status_code == 403, path
        assert "Keine Berechtigung" in response.get_data(as_text=True), path
        answer = sandbox_client.get(path, headers={"Accept": "application/json"})
        assert (answer.status_code, answer.json["message"]) == (403, "Keine Berechtigung")


def test_foreign_mandant_forms_answer_keine_berechtigung_and_change_nothing(
    sandbox_client: FlaskClient, sandbox_auth: AuthActions, units
) -> None:
    sandbox_auth.login("gemeinde", "gemeinde")
    before = state(sandbox_client)
    token = sandbox_auth.token("/")
    for path, data in forms(units, FOREIGN).items():
        response = send(sandbox_client, path, data, token)
        if response.status_code == 404 and generation_lacks(path, sandbox_client):
            continue
        assert response.status_code == 403, path
        assert "Keine Berechtigung" in response.get_data(as_text=True), path
    assert state(sandbox_client) == before


def test_a_foreign_unit_cannot_become_a_parent(
    sandbox_client: FlaskClient, sandbox_auth: AuthActions, units
) -> None:
    sandbox_auth.login("gemeinde", "gemeinde")
    before = state(sandbox_client)
    foreign = str(units[FOREIGN])
    created = sandbox_auth.fetch(ANLEGEN, {"name": "Neu", "parent": foreign})
    own = f"/organisationseinheiten/{units[OWN]}/umhaengen"
    moved = sandbox_auth.fetch(own, {"parent": foreign})
    assert created.status_code in (400, 403, 422), created.get_data(as_text=True)
    if not generation_lacks(own, sandbox_client):
        assert moved.status_code in (400, 403, 422), moved.get_data(as_text=True)
    assert state(sandbox_client) == before


@pytest.mark.parametrize("name", [SCRIPT, HYPERLINK, "\"'><img src=x onerror=alert(1)>"])
def test_unit_names_are_stored_literally_and_shown_escaped(
    sandbox_client: FlaskClient, sandbox_auth: AuthActions, name: str
) -> None:
    sandbox_auth.login()
    unit = sb_create_unit(sandbox_auth, name)
    child = sb_create_unit(sandbox_auth, "Kind", parent=unit)
    names = [u["name"] for u in state(sandbox_client)["units"]]
    assert names[-2:] == [name, "Kind"]
    escaped = (
        name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace('"', "&#34;").replace("'", "&#39;")
    )  # fmt: skip
    for path in (f"/organisationseinheiten/{unit}/panel", f"/organisationseinheiten/{child}/panel",
                 "/organisationseinheiten/liste"):  # fmt: skip
        html = sandbox_auth.fragment(path).get_data(as_text=True)
        assert escaped in html, path
        assert "<script>alert" not in html and "<img src=x" not in html, path


def test_mandant_names_with_markup_are_shown_escaped(make_sandbox_app) -> None:
    name = "<img src=x onerror=alert(1)>"
    app = make_sandbox_app(mandanten=[name, "Stadt Coswig"])
    client = app.test_client()
    AuthActions(client).login()
    mandant = client.get("/_sandbox/state").json["mandanten"][0]
    assert mandant["name"] == name
    for path in ("/mandanten", f"/mandanten/{mandant['id']}", "/organisationseinheiten", "/"):
        html = client.get(path).get_data(as_text=True)
        assert "<img src=x" not in html, path
    assert "&lt;img src=x onerror=alert(1)&gt;" in client.get("/mandanten").get_data(as_text=True)


def test_login_does_not_tell_whether_a_user_exists(sandbox_app: Flask) -> None:
    def failed_login(username: str, password: str) -> tuple[int, str]:
        client = sandbox_app.test_client()
        auth = AuthActions(client)
        response = auth.login(username, password)
        html = re.sub(r'(name="csrf_token" value=|name="csrf-token" content=)"[^"]+"', "", (
            response.get_data(as_text=True)
        ))  # fmt: skip
        return response.status_code, html.replace(username, "NAME")

    unknown = failed_login("niemand", "admin")
    wrong_password = failed_login("admin", "falsch")
    assert unknown == wrong_password
    assert unknown[0] == 200 and "Benutzername oder Passwort falsch" in unknown[1]


def test_session_cookie_is_http_only_and_renewed_at_login(
    sandbox_client: FlaskClient, sandbox_auth: AuthActions
) -> None:
    sandbox_client.get("/anmeldung")
    before_login = sandbox_client.get_cookie("ac_session")
    response = sandbox_auth.login()
    cookies = response.headers.getlist("Set-Cookie")
    assert cookies and all("HttpOnly" in c and "SameSite=Lax" in c for c in cookies)
    after_login = sandbox_client.get_cookie("ac_session")
    assert after_login is not None and before_login is not None
    assert after_login.value != before_login.value
    # The cookie from before the login (a planted one) does not open a session.
    sandbox_client.set_cookie("ac_session", before_login.value)
    assert sandbox_client.get("/mandanten").status_code == 302


def test_logout_needs_a_form_and_pages_forbid_framing(
    sandbox_client: FlaskClient, sandbox_auth: AuthActions
) -> None:
    sandbox_auth.login()
    assert sandbox_client.get("/abmelden").status_code == 405
    response = sandbox_client.get("/mandanten")
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "target", ["//evil.example", "https://evil.example", "/\\evil.example", "/\t/evil.example"]
)
def test_login_never_redirects_to_another_site(sandbox_client: FlaskClient, target: str) -> None:
    auth = AuthActions(sandbox_client)
    data = {"benutzername": "admin", "passwort": "admin", "csrf_token": auth.token("/anmeldung")}
    response = sandbox_client.post("/anmeldung", query_string={"weiter": target}, data=data)
    assert response.status_code == 302
    # Read the way a browser reads it: "\\" counts as "/", tabs and line breaks are dropped.
    location = re.sub(r"[\t\r\n]", "", response.location).replace("\\", "/")
    assert urlsplit(urljoin("http://127.0.0.1:8080/anmeldung", location)).netloc == (
        "127.0.0.1:8080"
    )
