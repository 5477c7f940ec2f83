"""Checks an uploaded Bild by its content: PNG or JPEG, at most 1 MB and 2000 × 2000 pixels."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

MAX_BYTES = 1024 * 1024
MAX_PIXELS = 2000
FORMATS = ("PNG", "JPEG")


@dataclass(frozen=True)
class Logo:
    data: bytes
    format: str
    width: int
    height: int

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


class LogoRejected(Exception):
    """The upload is not an acceptable image; the message is for the user."""


def check_logo(data: bytes) -> Logo:
    if not data:
        raise LogoRejected("Bitte wählen Sie eine Bilddatei aus.")
    if len(data) > MAX_BYTES:
        raise LogoRejected("Die Datei ist größer als 1 MB.")
    try:
        with Image.open(io.BytesIO(data)) as image:
            image_format, (width, height) = image.format, image.size
            if image_format in FORMATS and width <= MAX_PIXELS and height <= MAX_PIXELS:
                image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise LogoRejected("Die Datei ist kein PNG- oder JPEG-Bild.") from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise LogoRejected("Das Bild ist größer als 2000 × 2000 Pixel.") from None
    if image_format not in FORMATS:
        raise LogoRejected("Die Datei ist kein PNG- oder JPEG-Bild.")
    if width > MAX_PIXELS or height > MAX_PIXELS:
        raise LogoRejected("Das Bild ist größer als 2000 × 2000 Pixel.")
    return Logo(data, image_format, width, height)
