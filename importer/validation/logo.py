"""The logo file rule: it exists, is PNG or JPEG by content, ≤ 1 MB and ≤ 2000 × 2000 pixels."""

from __future__ import annotations

import os
import warnings
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from importer.validation.codes import message

LOGO_MAX_BYTES = 1024 * 1024
LOGO_MAX_PIXELS = 2000
LOGO_FORMATS = ("PNG", "JPEG")


def logo_path(text: str, folder: Path) -> Path:
    """The absolute path of a Bilddatei value: relative paths start at the workbook's folder.

    Backslashes (a path typed on Windows) count as separators on other systems too.
    """
    if os.sep == "/":
        text = text.replace("\\", "/")
    path = Path(text).expanduser()
    return (path if path.is_absolute() else folder / path).resolve()


def check_logo(
    text: str, folder: Path, column: str = "Bilddatei"
) -> tuple[str | None, list[tuple[str, str]]]:
    """The absolute path to send, or None and the (code, message) of every problem found."""
    try:
        path = logo_path(text, folder)
        size = path.stat().st_size if path.is_file() else -1
    except (OSError, RuntimeError):  # a name too long for the file system, an unknown ~user
        path, size = Path(text), -1
    if size < 0:
        return None, [("logo-fehlt", message("logo-fehlt", column, wert=text, pfad=path))]
    found: list[tuple[str, dict[str, object]]] = []
    if size > LOGO_MAX_BYTES:
        found.append(("logo-zu-gross", {"groesse": f"{size / 1_048_576:.1f} MB".replace(".", ",")}))
    dimensions = _image_dimensions(path)
    if dimensions is None:
        found.append(("logo-format", {}))
    elif dimensions:
        found.append(("logo-abmessungen", {"abmessungen": dimensions}))
    problems = [(code, message(code, column, wert=text, **params)) for code, params in found]
    return (None if problems else str(path)), problems


def _image_dimensions(path: Path) -> str | None:
    """None if the file is no PNG or JPEG; "" if its size is fine; else its size in words."""
    with warnings.catch_warnings():
        # A huge image is reported by its size, not as a decompression-bomb warning.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            with Image.open(path, formats=LOGO_FORMATS) as image:
                width, height = image.size
                if max(width, height) > LOGO_MAX_PIXELS:
                    return f"{width} × {height}"
                image.verify()  # a damaged file is refused by the AdminCenter too
        except Image.DecompressionBombError:
            return "weit über 2000 × 2000"
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            return None
    return ""
