"""Value rules and normalization: pure functions from a raw cell value to what is sent.

Every `normalize_*` takes any raw cell value (str, int, float, bool, datetime, None ...), never
raises and returns `Checked(value, code, message)`: the normalized value, or a stable code and a
German message naming the column. An empty cell gives `Checked(None)`; whether it may be empty
is the schema's business. Results are cached per distinct raw value (typed, so `1` and `True`
differ): a Landkreis repeats the same numbers and domains many times.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from importer.validation.codes import message
from importer.workbook import columns

MAX_TEXT = 255
_CACHE = 1 << 16

Problem = tuple[str, dict[str, Any]]  # code and the parameters of its message
Core = tuple[str | None, Problem | None]  # normalized value or a problem


class Checked(NamedTuple):
    value: str | None
    code: str | None = None
    message: str | None = None


def is_blank(raw: object) -> bool:
    """An empty cell: None, only spaces, or NaN."""
    if raw is None:
        return True
    if isinstance(raw, str):
        return not raw.strip()
    return isinstance(raw, float) and math.isnan(raw)


def _is_number(raw: object) -> bool:
    """A finite int or float cell (a bool is no number here)."""
    if isinstance(raw, bool):
        return False
    return isinstance(raw, int) or (isinstance(raw, float) and math.isfinite(raw))


def _number_text(raw: int | float) -> str:
    """351123456.0 → "351123456" (never through str(float): ".0" would become digits)."""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw)


# --- cell rules: apply to every column, whatever its kind ------------------------------------

_LINE_BREAK = re.compile("[\n\r\x85\u2028\u2029]")


def _control_character(text: str) -> str | None:
    for char in text:
        if unicodedata.category(char) in ("Cc", "Cf") and not _LINE_BREAK.match(char):
            return char
    return None


def _too_long(text: str) -> dict[str, Any] | None:
    return {"laenge": len(text)} if len(text) > MAX_TEXT else None


def _multi_line(text: str) -> dict[str, Any] | None:
    return {} if _LINE_BREAK.search(text) else None


def _control(text: str) -> dict[str, Any] | None:
    char = _control_character(text)
    return None if char is None else {"zeichen": f"U+{ord(char):04X}"}


TEXT_RULES: dict[str, Callable[[str], dict[str, Any] | None]] = {
    "text-zu-lang": _too_long,
    "text-mehrzeilig": _multi_line,
    "text-steuerzeichen": _control,
}


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


@lru_cache(maxsize=_CACHE, typed=True)
def cell_problems(raw: object) -> tuple[Problem, ...]:
    """Every cell-level problem: odd cell type, too long, several lines, control characters."""
    if isinstance(raw, str):
        text = raw.strip()
        found = ((code, rule(text)) for code, rule in TEXT_RULES.items())
        return tuple((code, params) for code, params in found if params is not None)
    if is_blank(raw) or _is_number(raw):
        return ()
    return (("zelltyp-falsch", _odd_cell(raw)),)


def _text(raw: object) -> Core:
    """The stripped text of a cell (numbers as digits), or its first cell-level problem."""
    if is_blank(raw):
        return None, None
    problems = cell_problems(raw)
    if problems:
        return None, problems[0]
    if isinstance(raw, str):
        return raw.strip(), None
    return _number_text(raw), None  # type: ignore[arg-type]


def _invalid(code: str, text: str) -> Core:
    return None, (code, {"wert": text})


# --- phone -----------------------------------------------------------------------------------

# Dashes and spaces Word or a web page may bring along, mapped to their plain form.
_PHONE_TRANSLATION = str.maketrans(
    {"\u2013": "-", "\u2011": "-", "\u2014": "-", "\u00a0": " ", "\u202f": " "}
)
_PHONE_CHARS = re.compile(r"[0-9+()/. -]+")
_EXTENSION = re.compile(r"(?P<main>.*[0-9)])\s*-\s*(?P<ext>[0-9]{1,6})")


@lru_cache(maxsize=_CACHE)
def _international(text: str) -> str | None:
    """A valid number in international format ("+49 351 123456"), else None."""
    try:
        number = phonenumbers.parse(text, "DE")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _phone_text(text: str) -> str | None:
    """Durchwahl rule: digits after the last hyphen are the extension if the part before it is
    a valid number on its own ("0351 1234-56"); otherwise the hyphen is a mere separator
    ("0351-123456")."""
    split = _EXTENSION.fullmatch(text)
    if split:
        main = _international(split["main"])
        if main is not None:
            return f"{main}-{split['ext']}"
    return _international(text)


@lru_cache(maxsize=_CACHE, typed=True)
def _phone(raw: object) -> Core:
    if _is_number(raw):
        return None, ("telefon-als-zahl", {"wert": _number_text(raw)})  # type: ignore[arg-type]
    text, problem = _text(raw)
    if text is None:
        return None, problem
    cleaned = text.translate(_PHONE_TRANSLATION)
    if not _PHONE_CHARS.fullmatch(cleaned):
        return _invalid("telefon-ungueltig", text)
    digits = re.sub(r"[^0-9+]", "", cleaned)
    if not digits.startswith(("0", "+")):
        return _invalid("telefon-ohne-vorwahl", text)
    normalized = None if "+" in digits[1:] else _phone_text(cleaned)
    if normalized is None:
        return _invalid("telefon-ungueltig", text)
    return normalized, None


# --- e-mail, PLZ, internet, USt-IdNr., OE-ID ------------------------------------------------


@lru_cache(maxsize=_CACHE, typed=True)
def _email(raw: object) -> Core:
    text, problem = _text(raw)
    if text is None:
        return None, problem
    try:
        return validate_email(text, check_deliverability=False).normalized, None
    except EmailNotValidError:
        return _invalid("email-ungueltig", text)


@lru_cache(maxsize=_CACHE, typed=True)
def _plz(raw: object) -> Core:
    if _is_number(raw):
        digits = _number_text(raw)  # type: ignore[arg-type]
        if re.fullmatch(r"[0-9]{5}", digits):
            return digits, None
        if re.fullmatch(r"[1-9][0-9]{0,3}", digits):
            return None, ("plz-als-zahl", {"wert": digits})
        return _invalid("plz-ungueltig", digits)
    text, problem = _text(raw)
    if text is None:
        return None, problem
    if re.fullmatch(r"[0-9]{5}", text):
        return text, None
    return _invalid("plz-ungueltig", text)


_URL_FORBIDDEN = re.compile(r"[\s<>\"'`{}|\\^]")
_HOST_LABEL = re.compile(r"(?!-)[^\W_](?:[\w-]{0,61}[^\W_])?")
_TOP_LEVEL = re.compile(r"[^\W\d_]{2,63}|xn--[a-z0-9-]{1,59}", re.IGNORECASE)


def _valid_host(host: str) -> bool:
    labels = host.split(".")
    return (
        len(labels) >= 2
        and all(_HOST_LABEL.fullmatch(label) for label in labels)
        and bool(_TOP_LEVEL.fullmatch(labels[-1]))
    )


@lru_cache(maxsize=_CACHE, typed=True)
def _url(raw: object) -> Core:
    text, problem = _text(raw)
    if text is None:
        return None, problem
    url = text if "://" in text else f"https://{text}"
    if _URL_FORBIDDEN.search(url):
        return _invalid("internet-ungueltig", text)
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises ValueError for a port that is no number
    except ValueError:
        return _invalid("internet-ungueltig", text)
    valid = (
        parts.scheme.lower() in ("http", "https")
        and "@" not in parts.netloc
        and _valid_host(parts.hostname or "")
    )
    return (url, None) if valid else _invalid("internet-ungueltig", text)


@lru_cache(maxsize=_CACHE, typed=True)
def _ust_id(raw: object) -> Core:
    text, problem = _text(raw)
    if text is None:
        return None, problem
    compact = re.sub(r"\s+", "", text).upper()
    if re.fullmatch(r"DE[0-9]{9}", compact):
        return compact, None
    return _invalid("ust-id-ungueltig", text)


@lru_cache(maxsize=_CACHE, typed=True)
def _oe_id(raw: object) -> Core:
    text, problem = _text(raw)
    if text is None:
        return None, problem
    if re.fullmatch(r"[0-9]{6}", text):
        return text, None
    return _invalid("oe-id-ungueltig", text)


# --- public functions ------------------------------------------------------------------------


def _checked(core: Core, column: str) -> Checked:
    value, problem = core
    if problem is None:
        return Checked(value)
    code, params = problem
    return Checked(None, code, message(code, column, **params))


def normalize_text(raw: object, column: str = "Text") -> Checked:
    """Single-line text up to 255 characters, without control characters; outer spaces cut."""
    return _checked(_text(raw), column)


def normalize_phone(raw: object, column: str = "Telefon") -> Checked:
    """Any common German writing → "+49 351 1234-56"; a number cell is flagged, not guessed."""
    return _checked(_phone(raw), column)


def normalize_email(raw: object, column: str = "E-Mail") -> Checked:
    """Syntax check without network lookup; the normalized address (domain lower-cased)."""
    return _checked(_email(raw), column)


def normalize_plz(raw: object, column: str = "PLZ") -> Checked:
    """Five digits as text; a number that lost its leading zero is flagged."""
    return _checked(_plz(raw), column)


def normalize_url(raw: object, column: str = "Internet") -> Checked:
    """A web address; without scheme "https://" is put in front."""
    return _checked(_url(raw), column)


def normalize_ust_id(raw: object, column: str = "USt-IdNr.") -> Checked:
    """DE and nine digits; spaces allowed ("DE 123 456 789" → "DE123456789")."""
    return _checked(_ust_id(raw), column)


def normalize_oe_id(raw: object, column: str = "OE-ID") -> Checked:
    """A six-digit number, as text or as number cell."""
    return _checked(_oe_id(raw), column)


# A logo path is checked as text here; the file itself in logo.py (it needs the folder).
_CORES: dict[str, Callable[[object], Core]] = {
    columns.TEXT: _text,
    columns.PHONE: _phone,
    columns.EMAIL: _email,
    columns.PLZ: _plz,
    columns.URL: _url,
    columns.UST_ID: _ust_id,
    columns.OE_ID: _oe_id,
    columns.FILE: _text,
}


def normalize(kind: str, raw: object, column: str) -> Checked:
    """The rule of a column kind (columns.py) applied to one raw value."""
    return _checked(_CORES[kind](raw), column)


def kind_problem(kind: str, raw: object) -> Problem | None:
    """The problem only the kind's own rule finds (None if the cell fails a cell rule)."""
    problem = _CORES[kind](raw)[1]
    if problem is None or problem[0] in TEXT_RULES or problem[0] == "zelltyp-falsch":
        return None
    return problem
