"""Publication: a change to a published unit makes a draft x.1 that the publisher turns into
the next whole version; "Offline nehmen" (neu) takes a unit off, and the publisher leaves it."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from fixtures_sandbox import AuthActions
from flask import Flask
from flask.testing import FlaskClient
from sb_support import entry, save_entries, unit, wait_until

HAUPTAMT, BAUAMT = 600001, 600002  # the bestand's units, in this order
CHANNELS = [entry("E-Mail", "amt@klipphausen.example"), entry("Telefon", "+49 35204 1234")]
CHANGED = [entry("E-Mail", "amt@klipphausen.example"), entry("Telefon", "+49 35204 1234-10")]
# long enough to read the draft before it is published, short enough to wait for it
PUBLISH_DELAY = 0.5


def published_unit(name: str, **more: Any) -> dict[str, Any]:
    """A complete unit of the bestand at version 1.0."""
    return {"mandant": "Gemeinde Klipphausen", "name": name, "kommunikation": CHANNELS, **more}


def signed_in(
    make_sandbox_app: Callable[..., Flask], generation: str, *bestand_units: dict[str, Any]
) -> tuple[FlaskClient, AuthActions]:
    units = bestand_units or (published_unit("Hauptamt"), published_unit("Bauamt"))
    app = make_sandbox_app(
        oberflaeche=generation, bestand={"units": list(units)}, publish_delay=PUBLISH_DELAY
    )
    client = app.test_client()
    auth = AuthActions(client)
    auth.login()
    return client, auth


def version(client: FlaskClient, oe_id: int) -> tuple[str, bool]:
    found = unit(client, oe_id)
    return found["version"], found["published"]


def panel(auth: AuthActions, oe_id: int) -> str:
    return auth.fragment(f"/organisationseinheiten/{oe_id}/panel").get_data(as_text=True)


def shown_version(html: str, generation: str) -> tuple[str, bool]:
    """The version in the panel's head and whether it is shown as published (green)."""
    pattern = (
        r'<span class="chip chip-version icon-history( published)?">Version (\d+\.\d+)</span>'
        if generation == "neu"
        else r'<span class="version-box( published)?">(\d+\.\d+)</span>'
    )
    match = re.search(pattern, html)
    assert match is not None, html
    return match[2], bool(match[1])


def published_after_change(client: FlaskClient, auth: AuthActions, oe_id: int) -> bool:
    """Change another unit after `oe_id`'s last change and wait until it is published: by then
    the publisher has had its chance at `oe_id`, which was due earlier."""
    other = BAUAMT if oe_id == HAUPTAMT else HAUPTAMT
    save_entries(auth, other, "kommunikation", CHANGED)
    wait_until(lambda: version(client, other) == ("2.0", True))
    return unit(client, oe_id)["published"]


def test_a_channel_change_makes_a_draft_then_the_next_version(make_sandbox_app, generation):
    client, auth = signed_in(make_sandbox_app, generation)
    assert version(client, HAUPTAMT) == ("1.0", True)
    answer = save_entries(auth, HAUPTAMT, "kommunikation", CHANGED)
    assert (answer.status_code, answer.json["changed"]) == (200, True)
    assert version(client, HAUPTAMT) == ("1.1", False)
    assert shown_version(panel(auth, HAUPTAMT), generation) == ("1.1", False)
    wait_until(lambda: version(client, HAUPTAMT) == ("2.0", True))
    assert shown_version(panel(auth, HAUPTAMT), generation) == ("2.0", True)
    assert unit(client, HAUPTAMT)["kommunikation"] == CHANGED


def test_the_version_tab_lists_every_version_klassisch(make_sandbox_app):
    client, auth = signed_in(make_sandbox_app, "klassisch")
    save_entries(auth, HAUPTAMT, "kommunikation", CHANGED)
    wait_until(lambda: version(client, HAUPTAMT) == ("2.0", True))
    rows = re.findall(r"<tr><td>(\d+\.\d+)</td><td>(\w+)</td>", panel(auth, HAUPTAMT))
    assert rows == [("2.0", "veröffentlicht"), ("1.0", "veröffentlicht")]


def test_saving_the_same_channels_makes_no_draft(make_sandbox_app, generation):
    client, auth = signed_in(make_sandbox_app, generation)
    answer = save_entries(auth, HAUPTAMT, "kommunikation", CHANNELS)
    assert (answer.status_code, answer.json["changed"]) == (200, False)
    assert version(client, HAUPTAMT) == ("1.0", True)


def test_an_incomplete_unit_stays_a_draft(make_sandbox_app, generation):
    client, auth = signed_in(make_sandbox_app, generation)
    save_entries(auth, HAUPTAMT, "kommunikation", CHANNELS[:1])  # no Telefon any more
    assert published_after_change(client, auth, HAUPTAMT) is False
    assert version(client, HAUPTAMT) == ("1.1", False)


def test_offline_nehmen_takes_the_unit_off_and_the_publisher_leaves_it(make_sandbox_app):
    client, auth = signed_in(make_sandbox_app, "neu")
    answer = auth.fetch(f"/organisationseinheiten/{HAUPTAMT}/offline", {})
    assert (answer.status_code, answer.json["message"]) == (200, "Organisationseinheit ist offline")
    assert (unit(client, HAUPTAMT)["offline"], version(client, HAUPTAMT)) == (True, ("1.0", True))
    html = panel(auth, HAUPTAMT)
    assert '<span class="chip chip-offline">Offline</span>' in html
    assert ">Online nehmen<" in html and ">Offline nehmen<" not in html
    save_entries(auth, HAUPTAMT, "kommunikation", CHANGED)
    assert published_after_change(client, auth, HAUPTAMT) is False
    assert version(client, HAUPTAMT) == ("1.1", False)


def test_online_nehmen_brings_it_back_and_it_is_published(make_sandbox_app):
    bestand = (published_unit("Hauptamt", version="1.1", offline=True), published_unit("Bauamt"))
    client, auth = signed_in(make_sandbox_app, "neu", *bestand)
    answer = auth.fetch(f"/organisationseinheiten/{HAUPTAMT}/offline", {})
    assert answer.json["message"] == "Organisationseinheit ist online"
    assert unit(client, HAUPTAMT)["offline"] is False
    wait_until(lambda: version(client, HAUPTAMT) == ("2.0", True))
    html = panel(auth, HAUPTAMT)
    assert "chip-offline" not in html and ">Offline nehmen<" in html


def test_an_offline_unit_of_the_bestand_is_left_alone(make_sandbox_app, generation):
    bestand = (published_unit("Hauptamt", version="1.1", offline=True), published_unit("Bauamt"))
    client, auth = signed_in(make_sandbox_app, generation, *bestand)
    assert published_after_change(client, auth, HAUPTAMT) is False
    assert (unit(client, HAUPTAMT)["offline"], version(client, HAUPTAMT)) == (True, ("1.1", False))
