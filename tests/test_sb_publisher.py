"""The background publisher: draft → published → edit → draft → published."""

from __future__ import annotations

import re
import time

import pytest
from fixtures_sandbox import AuthActions

KOMMUNIKATION = {"email": "bauamt@klipphausen.de", "telefon": "+49 35204 1234-20"}


def wait_for(predicate, timeout: float = 15.0):
    """Poll until `predicate()` returns something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.01)
    raise AssertionError(f"condition not met within {timeout} s")


def unit_state(client):
    return client.get("/_sandbox/state").json["units"][0]


def published_as(client, version: str):
    unit = unit_state(client)
    return unit if unit["published"] and unit["version"] == version else None


def badge(html: str) -> tuple[str, str]:
    match = re.search(r'<span class="(badge[^"]*)" title="[^"]*">([^<]+)</span>', html)
    return match.group(1), match.group(2)


def versions(html: str) -> list[tuple[str, str]]:
    table = re.search(r'<section id="versionen".*?</section>', html, re.S).group(0)
    return re.findall(r"<tr>\s*<td>([\d.]+)</td>\s*<td>([^<]+)</td>", table)


@pytest.fixture
def unit_page(sandbox_auth):
    sandbox_auth.login()
    return sandbox_auth.post_form(
        "/organisationseinheiten/anlegen?mandant=1001", {"name": "Bauamt", "parent": ""}
    ).location


def test_complete_unit_is_published_then_each_edit_drafts_again(
    sandbox_client, sandbox_auth, unit_page
):
    html = sandbox_client.get(unit_page).get_data(as_text=True)
    assert badge(html) == ("badge", "0.1")
    assert versions(html) == [("0.1", "Entwurf")]

    sandbox_auth.fetch(f"{unit_page}/kommunikation", KOMMUNIKATION, page=unit_page)
    wait_for(lambda: published_as(sandbox_client, "1.0"))
    html = sandbox_client.get(unit_page).get_data(as_text=True)
    assert badge(html) == ("badge badge-published", "1.0")
    assert versions(html) == [("1.0", "veröffentlicht")]

    sandbox_auth.post_form(
        f"{unit_page}/bearbeiten", {"name": "Bau- und Ordnungsamt", "parent": ""}
    )
    html = sandbox_client.get(unit_page).get_data(as_text=True)
    assert badge(html) == ("badge", "1.1")
    assert versions(html) == [("1.1", "Entwurf"), ("1.0", "veröffentlicht")]

    wait_for(lambda: published_as(sandbox_client, "2.0"))
    html = sandbox_client.get(unit_page).get_data(as_text=True)
    assert badge(html) == ("badge badge-published", "2.0")
    assert versions(html) == [("2.0", "veröffentlicht"), ("1.0", "veröffentlicht")]


def test_unit_without_phone_stays_draft(sandbox_client, sandbox_auth, unit_page):
    sandbox_auth.fetch(f"{unit_page}/kommunikation", {"email": "a@b.de"}, page=unit_page)
    time.sleep(0.3)  # six publish delays
    assert (unit_state(sandbox_client)["version"], unit_state(sandbox_client)["published"]) == (
        "0.1",
        False,
    )


def test_saving_unchanged_values_creates_no_draft(sandbox_client, sandbox_auth, unit_page):
    sandbox_auth.fetch(f"{unit_page}/kommunikation", KOMMUNIKATION, page=unit_page)
    wait_for(lambda: published_as(sandbox_client, "1.0"))
    response = sandbox_auth.fetch(f"{unit_page}/kommunikation", KOMMUNIKATION, page=unit_page)
    assert (response.json["version"], response.json["published"]) == ("1.0", True)
    assert published_as(sandbox_client, "1.0")


def test_kommunikation_answer_reports_the_new_draft(sandbox_client, sandbox_auth, unit_page):
    sandbox_auth.fetch(f"{unit_page}/kommunikation", KOMMUNIKATION, page=unit_page)
    wait_for(lambda: published_as(sandbox_client, "1.0"))
    changed = {**KOMMUNIKATION, "fax": "+49 35204 1234-99"}
    response = sandbox_auth.fetch(f"{unit_page}/kommunikation", changed, page=unit_page)
    assert (response.json["version"], response.json["published"]) == ("1.1", False)


def test_publication_waits_for_the_delay(make_sandbox_app):
    app = make_sandbox_app(publish_delay=0.5)
    client = app.test_client()
    auth = AuthActions(client)
    auth.login()
    page = auth.post_form("/organisationseinheiten/anlegen?mandant=1001", {"name": "Amt"}).location
    started = time.monotonic()
    auth.fetch(f"{page}/kommunikation", KOMMUNIKATION, page=page)
    wait_for(lambda: published_as(client, "1.0"))
    assert time.monotonic() - started >= 0.45  # not before the delay (wait_for bounds the rest)
