"""Helpers of the sandbox tests: the inspection state, units and entry lists made through the
sandbox's own script requests, test images, and `Guide` for hand-written browser steps."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from typing import Any

from fixtures_sandbox import AuthActions
from flask.testing import FlaskClient
from PIL import Image
from werkzeug.test import TestResponse

OWN, FOREIGN = 1001, 1002  # user "gemeinde" manages only the first Mandant
IMPRESSUM = {
    "behoerde": "Gemeindeverwaltung Klipphausen",
    "vertreten_durch": "Bürgermeister Mustermann",
    "strasse": "Talstraße 3",
    "plz": "01665",
    "ort": "Klipphausen",
    "telefon": "+49 35204 1234",
    "email": "post@klipphausen.de",
}
DATENSCHUTZ = {"name": "Datenschutz KISA", "email": "datenschutz@kisa.example"}


def state(client: FlaskClient) -> dict[str, Any]:
    return client.get("/_sandbox/state").json


def units(client: FlaskClient) -> list[dict[str, Any]]:
    return state(client)["units"]


def unit(client: FlaskClient, oe_id: int) -> dict[str, Any]:
    return next(u for u in units(client) if u["id"] == oe_id)


def entry(kanal: str, kennung: str, zusatz: str = "", oeffentlich: bool = True) -> dict[str, Any]:
    return {"kanal": kanal, "kennung": kennung, "zusatz": zusatz, "oeffentlich": oeffentlich}


def address(adresse: str, titel: str = "", oeffentlich: bool = True) -> dict[str, Any]:
    return {"adresse": adresse, "titel": titel, "oeffentlich": oeffentlich}


def create_unit(auth: AuthActions, name: str, parent: int | None = None) -> int:
    """A unit made as the panel's "Speichern" makes it (top level: the working Mandant)."""
    data = {"name": name} if parent is None else {"name": name, "parent": str(parent)}
    answer = auth.fetch("/organisationseinheiten/anlegen", data)
    assert answer.status_code == 200, answer.get_data(as_text=True)
    return answer.json["id"]


def save_entries(
    auth: AuthActions, oe_id: int, key: str, entries: list[dict[str, Any]]
) -> TestResponse:
    """Save a unit's Kommunikation or Internetadressen (`key`) as the editor's script does."""
    return auth.send_json(f"/organisationseinheiten/{oe_id}/{key}", {"eintraege": entries})


def complete_unit(auth: AuthActions, name: str, parent: int | None = None) -> int:
    """A unit with an E-Mail and a Telefon entry: the publisher will publish it."""
    oe_id = create_unit(auth, name, parent)
    entries = [entry("E-Mail", "amt@klipphausen.example"), entry("Telefon", "+49 35204 1234")]
    assert save_entries(auth, oe_id, "kommunikation", entries).status_code == 200
    return oe_id


def png(width: int = 20, height: int = 20) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (10, 20, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def wait_until(condition: Callable[[], Any], timeout: float = 10.0) -> Any:
    """Poll `condition` until it gives a true value (a wait on a state, not a timing)."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("the condition did not come true in time")
        time.sleep(0.02)
