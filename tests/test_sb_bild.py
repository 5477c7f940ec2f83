"""Mandant → Bild: accepted PNG and JPEG, refusals by content, size and pixels."""

from __future__ import annotations

import hashlib
import io
import os
import re

import pytest
from PIL import Image


def image_bytes(fmt: str, size: tuple[int, int], noise: bool = False) -> bytes:
    if noise:
        image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    else:
        image = Image.new("RGB", size, (30, 90, 160))
    buffer = io.BytesIO()
    image.save(buffer, format=fmt)
    return buffer.getvalue()


def upload(auth, data: bytes, filename: str):
    return auth.post_form(
        "/mandanten/1001/bild",
        {"bild": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
    )


def shown_error(html: str) -> str | None:
    match = re.search(r'<span class="field-error" id="f-bild-fehler">([^<]*)</span>', html)
    return match.group(1) if match else None


def logo_state(client):
    return client.get("/_sandbox/state").json["mandanten"][0]["logo"]


@pytest.mark.parametrize(("fmt", "filename"), [("PNG", "wappen.png"), ("JPEG", "wappen.jpg")])
def test_png_and_jpeg_are_saved_and_shown(sandbox_client, sandbox_auth, fmt, filename):
    sandbox_auth.login()
    data = image_bytes(fmt, (120, 80))
    response = upload(sandbox_auth, data, filename)
    assert response.status_code == 302
    html = sandbox_client.get(response.location).get_data(as_text=True)
    assert "Bild gespeichert" in html
    image_url = re.search(r'<img src="([^"]+)" alt="Aktuelles Bild', html).group(1)
    assert sandbox_client.get(image_url).data == data
    assert logo_state(sandbox_client) == {
        "sha256": hashlib.sha256(data).hexdigest(),
        "format": fmt,
        "width": 120,
        "height": 80,
    }


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (image_bytes("GIF", (50, 50)), "wappen.gif", "Die Datei ist kein PNG- oder JPEG-Bild."),
        (
            b"\x89PNG\r\n\x1a\n" + b"kein Bild" * 50,
            "wappen.png",
            "Die Datei ist kein PNG- oder JPEG-Bild.",
        ),
        (
            image_bytes("PNG", (400, 400))[:300],
            "abgeschnitten.png",
            "Die Datei ist kein PNG- oder JPEG-Bild.",
        ),
        (image_bytes("PNG", (2001, 20)), "breit.png", "Das Bild ist größer als 2000 × 2000 Pixel."),
        (image_bytes("JPEG", (20, 2400)), "hoch.jpg", "Das Bild ist größer als 2000 × 2000 Pixel."),
        (image_bytes("PNG", (700, 700), noise=True), "gross.png", "Die Datei ist größer als 1 MB."),
        (b"", "leer.png", "Bitte wählen Sie eine Bilddatei aus."),
    ],
    ids=["gif", "fake-png", "truncated-png", "too-wide", "too-high", "over-1mb", "empty"],
)
def test_unacceptable_files_are_refused(sandbox_client, sandbox_auth, data, filename, message):
    sandbox_auth.login()
    response = upload(sandbox_auth, data, filename)
    assert response.status_code == 200
    assert shown_error(response.get_data(as_text=True)) == message
    assert logo_state(sandbox_client) is None


def test_exactly_2000_pixels_are_accepted(sandbox_client, sandbox_auth):
    sandbox_auth.login()
    assert upload(sandbox_auth, image_bytes("PNG", (2000, 2000)), "quadrat.png").status_code == 302
    assert logo_state(sandbox_client)["width"] == 2000


def test_no_file_chosen_is_refused(sandbox_client, sandbox_auth):
    sandbox_auth.login()
    response = sandbox_auth.post_form(
        "/mandanten/1001/bild", {}, content_type="multipart/form-data"
    )
    assert shown_error(response.get_data(as_text=True)) == "Bitte wählen Sie eine Bilddatei aus."
