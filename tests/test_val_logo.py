"""The logo file rule on real files: found, PNG or JPEG by content, ≤ 1 MB, ≤ 2000 × 2000 px."""

from __future__ import annotations

import random
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from importer.model import Record
from importer.validation.logo import check_logo
from importer.validation.validate import validate_workbook
from importer.workbook.data import WorkbookData


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header_only(path: Path, width: int, height: int) -> Path:
    """A tiny PNG whose header claims a huge size (Pillow reads no further than the header)."""
    header = png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + header + png_chunk(b"IDAT", b"") + png_chunk(b"IEND", b"")
    )
    return path


def noise_png(path: Path, width: int, height: int) -> Path:
    """An incompressible PNG: larger than 1 MB from about 650 × 650 pixels."""
    pixels = random.Random(7).randbytes(width * height * 3)
    Image.frombytes("RGB", (width, height), pixels).save(path)
    return path


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp_path = tmp_path_factory.mktemp("mappe")
    logos = tmp_path / "logos"
    logos.mkdir()
    Image.new("RGB", (200, 100), "navy").save(logos / "klipphausen.png")
    Image.new("RGB", (200, 100), "red").save(logos / "riesa.jpg", "JPEG")
    Image.new("RGB", (20, 20), "green").save(logos / "gif-als.png", "GIF")
    (logos / "text.jpg").write_text("kein Bild")
    whole = (logos / "klipphausen.png").read_bytes()
    (logos / "abgeschnitten.png").write_bytes(whole[: len(whole) - 30])
    Image.new("RGB", (2400, 60), "navy").save(logos / "banner.png")
    noise_png(logos / "gross.png", 700, 700)
    noise_png(logos / "gross-und-breit.png", 2100, 300)
    png_header_only(logos / "riesig.png", 10000, 10000)
    png_header_only(logos / "bombe.png", 20000, 20000)
    return tmp_path


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("logos/klipphausen.png", []),
        ("logos/riesa.jpg", []),
        ("logos\\klipphausen.png", []),  # typed on Windows
        ("logos/fehlt.png", ["logo-fehlt"]),
        ("logos", ["logo-fehlt"]),
        ("logos/gif-als.png", ["logo-format"]),
        ("logos/text.jpg", ["logo-format"]),
        ("logos/abgeschnitten.png", ["logo-format"]),
        ("logos/banner.png", ["logo-abmessungen"]),
        ("logos/gross.png", ["logo-zu-gross"]),
        ("logos/gross-und-breit.png", ["logo-zu-gross", "logo-abmessungen"]),
        ("logos/riesig.png", ["logo-abmessungen"]),
        ("logos/bombe.png", ["logo-abmessungen"]),
    ],
)
def test_logo_rule(folder: Path, text: str, codes: list[str]) -> None:
    value, problems = check_logo(text, folder)
    assert [code for code, _ in problems] == codes
    expected = None if codes else str((folder / text.replace("\\", "/")).resolve())
    assert value == expected


def test_logo_messages(folder: Path) -> None:
    messages = {
        text: [m for _, m in check_logo(text, folder)[1]]
        for text in ("logos/fehlt.png", "logos/gross-und-breit.png", "logos/bombe.png")
    }
    assert messages == {
        "logos/fehlt.png": [
            f"Bilddatei „logos/fehlt.png“ wurde nicht gefunden (gesucht: "
            f"{folder.resolve() / 'logos' / 'fehlt.png'}). Bitte den Pfad relativ zum Ordner der "
            "Arbeitsmappe oder vollständig angeben."
        ],
        "logos/gross-und-breit.png": [
            "Bilddatei „logos/gross-und-breit.png“ ist zu groß (1,8 MB); erlaubt ist höchstens "
            "1 MB. Bitte das Bild verkleinern oder stärker komprimieren.",
            "Bilddatei „logos/gross-und-breit.png“ ist 2100 × 300 Pixel groß; erlaubt sind "
            "höchstens 2000 × 2000 Pixel. Bitte das Bild verkleinern.",
        ],
        "logos/bombe.png": [
            "Bilddatei „logos/bombe.png“ ist weit über 2000 × 2000 Pixel groß; erlaubt sind "
            "höchstens 2000 × 2000 Pixel. Bitte das Bild verkleinern."
        ],
    }


def test_logo_sheet_sends_absolute_paths_and_flags_every_row(folder: Path) -> None:
    absolute = str(folder / "logos" / "riesa.jpg")
    rows = [
        ("Gemeinde Klipphausen", "logos/klipphausen.png"),
        ("Stadt Riesa", absolute),
        ("Stadt Meißen", "logos/fehlt.png"),
        ("Stadt Nossen", "logos/fehlt.png"),
        ("Gemeinde Moritzburg", None),
    ]
    data = WorkbookData(path=folder / "mappe.xlsx")
    data.sheets["Logo"] = [
        Record("Logo", row, {"mandant": m, "bilddatei": b}) for row, (m, b) in enumerate(rows, 2)
    ]
    report = validate_workbook(data)
    assert [f.key() for f in report.findings] == [
        ("Logo", 4, "Bilddatei", "logo-fehlt"),
        ("Logo", 5, "Bilddatei", "logo-fehlt"),
        ("Logo", 6, "Bilddatei", "pflichtfeld-leer"),
    ]
    assert [report.normalized["Logo", row]["bilddatei"] for row in range(2, 7)] == [
        str(folder.resolve() / "logos" / "klipphausen.png"),
        absolute,
        None,
        None,
        None,
    ]
