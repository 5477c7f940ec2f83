"""Who may use the page: the secret, the Host check, CSRF tokens, upload size, served files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fixtures_web import WebClient
from flask import Flask

from importer.web.config import WebConfig

VALID = Path(__file__).parent / "data" / "gueltig.xlsx"
PAGES = ("/", "/pruefen", "/verbindung", "/vorschau", "/import", "/laeufe", "/auftrag.json")


@pytest.mark.parametrize("path", PAGES)
def test_a_request_without_the_secret_is_refused_in_german(web_app: Flask, path: str) -> None:
    answer = web_app.test_client().get(path, base_url="http://127.0.0.1:5999")
    assert answer.status_code == 403
    assert "Zugang verweigert" in answer.get_data(as_text=True)


def test_a_wrong_secret_is_refused(web_app: Flask, web_config: WebConfig) -> None:
    client = WebClient(web_app, web_config)
    answer = client.get("/?zugang=" + "x" * len(web_config.secret))
    assert answer.status_code == 403
    assert "Set-Cookie" not in answer.headers
    assert client.get("/").status_code == 403


def test_the_opened_address_sets_a_strict_http_only_cookie_and_drops_the_secret(
    web_app: Flask, web_config: WebConfig
) -> None:
    client = WebClient(web_app, web_config)
    answer = client.get(f"/verbindung?zugang={web_config.secret}")
    assert answer.status_code == 303
    assert answer.headers["Location"] == "/verbindung"
    cookie = answer.headers["Set-Cookie"]
    assert f"amt24_zugang={web_config.secret}" in cookie
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert client.get("/verbindung").status_code == 200


@pytest.mark.parametrize(
    "host", ["evil.example:5999", "127.0.0.1:6000", "localhost", "127.0.0.1.evil.example:5999"]
)
def test_another_host_is_refused_even_with_the_secret(web: WebClient, host: str) -> None:
    answer = web.get("/", base_url=f"http://{host}")
    assert answer.status_code == 400
    assert "nur unter 127.0.0.1 oder localhost" in answer.get_data(as_text=True)


def test_localhost_with_the_port_is_accepted(web: WebClient) -> None:
    local = "http://localhost:5999"
    assert web.get(f"/?zugang={web.config.secret}", base_url=local).status_code == 303
    assert web.get("/", base_url=local).status_code == 200


@pytest.mark.parametrize("token", [None, "falsch"])
def test_a_post_without_the_pages_csrf_token_is_refused(web: WebClient, token: str | None) -> None:
    data = {"pfad": "/etc/hosts"} if token is None else {"pfad": "/etc/hosts", "csrf_token": token}
    answer = web.client.post("/mappe/pfad", data=data, base_url=web.base)
    assert answer.status_code == 403
    assert "Sicherheitsprüfung fehlgeschlagen" in answer.get_data(as_text=True)


def test_the_csrf_token_is_on_every_form(web: WebClient, web_config: WebConfig) -> None:
    page = web.get("/").get_data(as_text=True)
    forms = page.count("<form")
    assert forms >= 2
    assert page.count(f'name="csrf_token" value="{web_config.csrf_token}"') == forms


def test_a_60_mb_upload_is_refused_with_a_german_message(web: WebClient, tmp_path: Path) -> None:
    big = tmp_path / "gross.xlsx"
    with big.open("wb") as out:
        out.truncate(60 * 1024 * 1024)
    answer = web.upload(big)
    assert answer.status_code == 413
    text = answer.get_data(as_text=True)
    assert "Datei zu groß" in text and "größer als 50 MB" in text
    assert list((web.config.folder).iterdir()) == []


def test_pages_forbid_framing_and_foreign_scripts(web: WebClient) -> None:
    headers = web.get("/").headers
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Cache-Control"] == "no-store"


def test_only_the_static_files_are_served_without_the_secret(web_app: Flask) -> None:
    client = web_app.test_client()
    assert client.get("/static/web.css", base_url="http://127.0.0.1:5999").status_code == 200
    assert client.get("/static/web.css", base_url="http://evil.example:5999").status_code == 400


@pytest.mark.parametrize("name", ["..%2Fmappe.xlsx", "%2Fetc%2Fpasswd", ".versteckt"])
def test_run_files_outside_a_run_folder_are_not_served(
    web: WebClient, tmp_path: Path, name: str
) -> None:
    workbook = tmp_path / "mappe.xlsx"
    shutil.copyfile(VALID, workbook)
    folder = tmp_path / "amt24-laeufe" / "20250101-120000"
    folder.mkdir(parents=True)
    (folder / "protokoll.log").write_text("Lauf\n", encoding="utf-8")
    (folder / ".versteckt").write_text("geheim\n", encoding="utf-8")
    assert web.post("/mappe/pfad", {"pfad": str(workbook)}).status_code == 303
    assert web.get("/laeufe/20250101-120000/protokoll.log").status_code == 200
    assert web.get(f"/laeufe/20250101-120000/{name}").status_code == 404
    assert web.get(f"/laeufe/..%2F..%2F/{name}").status_code == 404


def test_a_refused_connection_form_does_not_show_the_password_again(web: WebClient) -> None:
    form = {"url": "ftp://admin.example/", "benutzer": "admin", "passwort": "Streng-Geheim-77"}
    answer = web.post("/verbindung", form)
    assert answer.status_code == 400
    page = answer.get_data(as_text=True)
    assert "mit http:// oder https://" in page and "ftp://admin.example/" in page
    assert "Streng-Geheim-77" not in page
    assert web.app.extensions["amt24_workspace"].connection is None
