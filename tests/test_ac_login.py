"""Login, unreachable addresses, sessions that expire, permissions, and evidence without secrets."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

from importer.admincenter.problems import PermissionDenied, SessionExpired
from importer.errors import AdminCenterUnreachable, LoginFailed

pytestmark = pytest.mark.browser

MANDANTEN = ["Gemeinde Klipphausen", "Stadt Coswig", "Gemeinde Käbschütztal"]


@pytest.fixture(scope="module")
def sandbox(make_module_sandbox):
    return make_module_sandbox(mandanten=MANDANTEN)


def test_login_leads_to_the_mandanten_of_the_user(make_client, sandbox) -> None:
    assert sorted(make_client(sandbox).mandanten()) == sorted(MANDANTEN)


def test_a_user_sees_only_the_mandanten_assigned_to_them(make_client, sandbox) -> None:
    client = make_client(sandbox, "gemeinde")
    assert client.mandanten() == ["Gemeinde Klipphausen"]
    with pytest.raises(PermissionDenied):
        client.read_impressum("Stadt Coswig")


def test_another_mandants_page_answers_keine_berechtigung(make_client, sandbox, driver) -> None:
    client = make_client(sandbox)
    client.read_impressum("Stadt Coswig")  # remembers the address of Coswig's Impressum
    driver.execute_cdp_cmd("Network.clearBrowserCookies", {})
    client.login("gemeinde", "gemeinde")
    with pytest.raises(PermissionDenied):
        client.read_impressum("Stadt Coswig")


def test_wrong_password_is_refused_with_the_pages_message(make_client, sandbox) -> None:
    with pytest.raises(LoginFailed) as refused:
        make_client(sandbox, "admin", "falsch")
    assert refused.value.message == (
        "Die Anmeldung wurde abgelehnt: Benutzername oder Passwort falsch."
    )


def test_a_closed_port_is_unreachable(make_client) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    closed = type("Closed", (), {"url": f"http://127.0.0.1:{port}/"})()
    with pytest.raises(AdminCenterUnreachable) as unreachable:
        make_client(closed)
    assert "ist nicht erreichbar (" in unreachable.value.message
    assert unreachable.value.exit_code == 3


def test_a_page_without_login_form_is_not_taken_for_the_admincenter(make_client, tmp_path) -> None:
    page = tmp_path / "portal.html"
    page.write_text("<html lang=de><body><h1>Amt24 Portal</h1></body></html>", encoding="utf-8")
    other = type("Other", (), {"url": page.as_uri()})()
    with pytest.raises(AdminCenterUnreachable) as unreachable:
        make_client(other, timeout=1.0)
    assert "keine Anmeldeseite des AdminCenters erkannt („Benutzername“ fehlt)" in (
        unreachable.value.message
    )


def test_an_expired_session_is_detected_and_a_new_login_continues(make_client, make_sandbox):
    sandbox = make_sandbox(session_timeout=1.5)
    client = make_client(sandbox)
    assert client.read_impressum("Gemeinde Klipphausen")["behoerde"] == ""
    time.sleep(1.7)  # the sandbox's idle timeout passes
    with pytest.raises(SessionExpired):
        client.read_impressum("Gemeinde Klipphausen")
    client.login("admin", "admin")
    assert client.read_impressum("Gemeinde Klipphausen")["behoerde"] == ""


def test_capture_never_contains_the_password(make_client, sandbox, driver, tmp_path) -> None:
    client = make_client(sandbox, user=None)
    driver.get(sandbox.url)
    client.dom.fill({"login.benutzername": "admin", "login.passwort": "Geheim-123"}, "Anmeldung")
    files = client.capture(tmp_path / "beleg" / "zeile-7")
    assert [f.name for f in files] == ["zeile-7.png", "zeile-7.html"]
    assert all(f.stat().st_size > 0 for f in files)
    assert "Geheim-123" not in Path(files[1]).read_text(encoding="utf-8")
    assert client.dom.read_keys(["login.passwort"]) == {"login.passwort": ""}
