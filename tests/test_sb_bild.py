"""Mandant → Bild: accepted PNG and JPEG, refusals by content, size and pixels."""

from __future__ import annotations

import hashlib
import io
import os
import re

import pytest
from PIL import Image

NOT_AN_IMAGE = "Die Datei ist kein PNG- oder JPEG-Bild."
TOO_LARGE = "Das Bild ist größer als 2000 × 2000 Pixel."


def image_bytes(fmt: str, size: tuple[int, int], noise: bool = False) -> bytes:
    if noise:
        image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    else:
        image = Image.new("RGB", size, (30, 90, 160))
    buffer = io.BytesIO()
    image.save(buffer, format=fmt)
    return buffer.getvalue()


def upload(auth, data: bytes, filename: str):
    """The dialog's "Hochladen": a multipart script request with the CSRF header."""
    return auth.fetch("/mandanten/1001/bild", {"bild": (io.BytesIO(data), filename)})


def logo_state(client):
    return client.get("/_sandbox/state").json["mandanten"][0]["logo"]


@pytest.fixture
def admin(sandbox_auth):
    sandbox_auth.login()
    return sandbox_auth


def test_the_dialog_shows_the_file_field_and_hochladen(admin):
    html = admin.fragment("/mandanten/1001/bild").get_data(as_text=True)
    assert 'role="dialog" aria-modal="true" aria-labelledby="dialog-titel"' in html
    assert '<h2 id="dialog-titel">Bild - Gemeinde Klipphausen</h2>' in html
    assert '<label for="d-bild" class="caption">Bild</label>' in html
    assert 'type="file"' in html and "disabled>Hochladen</button>" in html
    assert "Noch kein Bild hochgeladen." in html and ">Abbrechen</button>" in html


@pytest.mark.parametrize(("fmt", "filename"), [("PNG", "wappen.png"), ("JPEG", "wappen.jpg")])
def test_png_and_jpeg_are_saved_and_shown(sandbox_client, admin, fmt, filename):
    data = image_bytes(fmt, (120, 80))
    response = upload(admin, data, filename)
    assert response.json == {"message": "Bild gespeichert", "errors": {}}
    html = admin.fragment("/mandanten/1001/bild").get_data(as_text=True)
    image_url = re.search(r'<img src="([^"]+)" alt="Aktuelles Bild"', html).group(1)
    assert sandbox_client.get(image_url.replace("&amp;", "&")).data == data
    assert logo_state(sandbox_client) == {
        "sha256": hashlib.sha256(data).hexdigest(),
        "format": fmt,
        "width": 120,
        "height": 80,
    }


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (image_bytes("GIF", (50, 50)), "wappen.gif", NOT_AN_IMAGE),
        (b"\x89PNG\r\n\x1a\n" + b"kein Bild" * 50, "wappen.png", NOT_AN_IMAGE),
        (image_bytes("PNG", (400, 400))[:300], "kurz.png", NOT_AN_IMAGE),
        (image_bytes("PNG", (2001, 20)), "breit.png", TOO_LARGE),
        (image_bytes("JPEG", (20, 2400)), "hoch.jpg", TOO_LARGE),
        (image_bytes("PNG", (700, 700), noise=True), "gross.png", "Die Datei ist größer als 1 MB."),
        (b"", "leer.png", "Bitte wählen Sie eine Bilddatei aus."),
    ],
    ids=["gif", "fake-png", "truncated-png", "too-wide", "too-high", "over-1mb", "empty"],
)  # fmt: skip
def test_unacceptable_files_are_refused_at_the_field(
    sandbox_client, admin, data, filename, message
):
    response = upload(admin, data, filename)
    assert (response.status_code, response.json["errors"]) == (422, {"bild": message})
    assert logo_state(sandbox_client) is None


def test_exactly_2000_pixels_are_accepted(sandbox_client, admin):
    assert upload(admin, image_bytes("PNG", (2000, 2000)), "quadrat.png").status_code == 200
    assert logo_state(sandbox_client)["width"] == 2000


def test_no_file_chosen_is_refused(sandbox_client, admin):
    response = admin.fetch("/mandanten/1001/bild", {})
    assert response.json["errors"] == {"bild": "Bitte wählen Sie eine Bilddatei aus."}
