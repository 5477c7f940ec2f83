"""Impressum, Datenschutzbeauftragter and Bild of a Mandant, end to end against the sandbox."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from fixtures_browser import sandbox_state
from PIL import Image
from sample_mandant import DATENSCHUTZ
from sample_mandant import IMPRESSUM as SAMPLE_IMPRESSUM

from importer.admincenter.problems import Refused

pytestmark = pytest.mark.browser

MANDANT = "Gemeinde Klipphausen"
IMPRESSUM = {**SAMPLE_IMPRESSUM, "fax": ""}  # an empty field reads back as ""


@pytest.fixture(scope="module")
def sandbox(make_module_sandbox):
    return make_module_sandbox()


def mandant_state(sandbox, name: str = MANDANT) -> dict:
    return next(m for m in sandbox_state(sandbox)["mandanten"] if m["name"] == name)


def test_impressum_is_saved_and_read_back(make_client, sandbox) -> None:
    client = make_client(sandbox)
    client.save_impressum(MANDANT, IMPRESSUM)
    assert client.read_impressum(MANDANT) == IMPRESSUM
    saved = mandant_state(sandbox)["impressum"]
    assert {k: saved.get(k) or "" for k in IMPRESSUM} == IMPRESSUM
    changed = {**IMPRESSUM, "telefon": "+49 35204 123-10", "ust_id": None}
    client.save_impressum(MANDANT, changed)  # the same page again: a new confirmation is needed
    assert client.read_impressum(MANDANT) == {**changed, "ust_id": ""}


def test_datenschutz_is_saved_and_read_back(make_client, sandbox) -> None:
    client = make_client(sandbox)
    client.save_datenschutz("Stadt Coswig", DATENSCHUTZ)
    assert client.read_datenschutz("Stadt Coswig") == DATENSCHUTZ
    saved = mandant_state(sandbox, "Stadt Coswig")["datenschutz"]
    assert {k: saved.get(k) or "" for k in DATENSCHUTZ} == DATENSCHUTZ


def test_a_rejected_value_raises_refused_with_the_field_message(make_client, sandbox) -> None:
    client = make_client(sandbox)
    with pytest.raises(Refused) as refused:
        client.save_impressum(MANDANT, {**IMPRESSUM, "email": "poststelle", "plz": "1665"})
    assert refused.value.messages == [
        "PLZ: Die PLZ muss aus fünf Ziffern bestehen.",
        "E-Mail: Bitte geben Sie eine gültige E-Mail-Adresse an.",
    ]
    assert refused.value.retryable is False


def write_png(path: Path, size: tuple[int, int], colour: str) -> Path:
    Image.new("RGB", size, colour).save(path, "PNG")
    return path


def test_bild_is_uploaded_and_recognized_by_its_checksum(make_client, sandbox, tmp_path) -> None:
    client = make_client(sandbox)
    assert client.read_bild_sha256("Gemeinde Käbschütztal") is None
    logo = write_png(tmp_path / "wappen.png", (120, 80), "darkgreen")
    client.upload_bild("Gemeinde Käbschütztal", logo)
    expected = hashlib.sha256(logo.read_bytes()).hexdigest()
    assert client.read_bild_sha256("Gemeinde Käbschütztal") == expected
    assert mandant_state(sandbox, "Gemeinde Käbschütztal")["logo"]["sha256"] == expected


def test_a_picture_too_large_is_refused(make_client, sandbox, tmp_path) -> None:
    client = make_client(sandbox)
    huge = write_png(tmp_path / "riesig.png", (2100, 10), "white")
    with pytest.raises(Refused) as refused:
        client.upload_bild(MANDANT, huge)
    assert refused.value.messages == ["Bild: Das Bild ist größer als 2000 × 2000 Pixel."]
