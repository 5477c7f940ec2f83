"""Cell rules every column shares, whatever its kind: cell type, length, one line, no control
characters. Also the small types the value rules return (`Problem`, `Core`)."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

MAX_TEXT = 255
CACHE_SIZE = 1 << 16

Problem = tuple[str, dict[str, Any]]  # code and the parameters of its message
Core = tuple[str | None, Problem | None]  # normalized value, or None and a problem


def is_blank(raw: object) -> bool:
    """An empty cell: None, only spaces, or NaN."""
    if raw is None:
        return True
    if isinstance(raw, str):
        return not raw.strip()
    return isinstance(raw, float) and math.isnan(raw)


def is_number(raw: object) -> bool:
    """A finite int or float cell (a bool is no number here)."""
    if isinstance(raw, bool):
        return False
    return isinstance(raw, int) or (isinstance(raw, float) and math.isfinite(raw))


def number_text(raw: int | float) -> str:
    """351123456.0 → "351123456" (never through str(float): ".0" would become digits)."""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw)


def invalid(code: str, text: str) -> Core:
    """A problem whose message shows the value as the user wrote it."""
    return None, (code, {"wert": text})


_LINE_BREAK = re.compile("[\n\r\x85\u2028\u2029]")


def _too_long(text: str) -> dict[str, Any] | None:
    return {"laenge": len(text)} if len(text) > MAX_TEXT else None


def _multi_line(text: str) -> dict[str, Any] | None:
    return {} if _LINE_BREAK.search(text) else None


def _control(text: str) -> dict[str, Any] | None:
    for char in text:
        if unicodedata.category(char) in ("Cc", "Cf") and not _LINE_BREAK.match(char):
            return {"zeichen": f"U+{ord(char):04X}"}
    return None


TEXT_RULES: dict[str, Callable[[str], dict[str, Any] | None]] = {
    "text-zu-lang": _too_long,
    "text-mehrzeilig": _multi_line,
    "text-steuerzeichen": _control,
}
CELL_CODES = frozenset({"zelltyp-falsch", *TEXT_RULES})


def _odd_cell(raw: object) -> dict[str, Any]:
    """Parameters of `zelltyp-falsch` for a value that is neither text nor a number."""
    if isinstance(raw, bool):
        return {"art": "einen Wahrheitswert", "wert": "WAHR" if raw else "FALSCH"}
    if isinstance(raw, datetime):
        return {"art": "ein Datum mit Uhrzeit", "wert": raw.strftime("%d.%m.%Y %H:%M")}
    if isinstance(raw, date):
        return {"art": "ein Datum", "wert": raw.strftime("%d.%m.%Y")}
    if isinstance(raw, time):
        return {"art": "eine Uhrzeit", "wert": raw.strftime("%H:%M")}
    if isinstance(raw, timedelta):
        return {"art": "eine Zeitdauer", "wert": str(raw)}
    if isinstance(raw, float):
        return {"art": "eine ungültige Zahl", "wert": str(raw)}
    return {"art": "einen unbekannten Zellinhalt", "wert": type(raw).__name__}


@lru_cache(maxsize=CACHE_SIZE, typed=True)
def cell_problems(raw: object) -> tuple[Problem, ...]:
    """Every cell-level problem of a raw value (outer spaces and line breaks do not count)."""
    if isinstance(raw, str):
        text = raw.strip()
        found = ((code, rule(text)) for code, rule in TEXT_RULES.items())
        return tuple((code, params) for code, params in found if params is not None)
    if is_blank(raw) or is_number(raw):
        return ()
    return (("zelltyp-falsch", _odd_cell(raw)),)


def cell_text(raw: object) -> Core:
    """The stripped text of a cell (numbers as digits), or its first cell-level problem."""
    if is_blank(raw):
        return None, None
    problems = cell_problems(raw)
    if problems:
        return None, problems[0]
    if isinstance(raw, str):
        return raw.strip(), None
    return number_text(raw), None  # type: ignore[arg-type]
