"""Value rules and normalization: pure functions from a raw cell value to what is sent.

`normalize(kind, raw, column)` takes a column kind of columns.py and any raw cell value (str,
int, float, bool, datetime, None ...), never raises and returns `Checked(value, code,
message)`: the normalized value, or a stable code and a German message naming the column. An
empty cell gives `Checked(None)`; whether it may be empty is the schema's business. Results are
cached per distinct raw value (typed, so `1` and `True` differ): a Landkreis repeats the same
numbers and domains many times.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import urlsplit

from importer.validation.cells import (
    CACHE_SIZE,
    CELL_CODES,
    Core,
    Problem,
    cell_problems,
    cell_text,
    invalid,
    is_blank,
    is_number,
    number_text,
)
from importer.validation.codes import message
from importer.validation.mail import email_core
from importer.validation.phone import phone_core
from importer.workbook import columns

__all__ = [
    "Checked", "Problem", "cell_problems", "is_blank", "kind_problem", "normalize",
]  # fmt: skip


class Checked(NamedTuple):
    value: str | None
    code: str | None = None
    message: str | None = None


# --- PLZ, internet, USt-IdNr., OE-ID ---------------------------------------------------------


@lru_cache(maxsize=CACHE_SIZE, typed=True)
def _plz(raw: object) -> Core:
    if is_number(raw):
        digits = number_text(raw)  # type: ignore[arg-type]
        if re.fullmatch(r"[0-9]{5}", digits):
            return digits, None
        if re.fullmatch(r"[1-9][0-9]{0,3}", digits):
            return None, ("plz-als-zahl", {"wert": digits})
        return invalid("plz-ungueltig", digits)
    text, problem = cell_text(raw)
    if text is None:
        return None, problem
    if re.fullmatch(r"[0-9]{5}", text):
        return text, None
    return invalid("plz-ungueltig", text)


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


@lru_cache(maxsize=CACHE_SIZE, typed=True)
def _url(raw: object) -> Core:
    text, problem = cell_text(raw)
    if text is None:
        return None, problem
    url = text if "://" in text else f"https://{text}"
    if _URL_FORBIDDEN.search(url):
        return invalid("internet-ungueltig", text)
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises ValueError for a port that is no number
    except ValueError:
        return invalid("internet-ungueltig", text)
    valid = (
        parts.scheme.lower() in ("http", "https")
        and "@" not in parts.netloc
        and _valid_host(parts.hostname or "")
    )
    return (url, None) if valid else invalid("internet-ungueltig", text)


@lru_cache(maxsize=CACHE_SIZE, typed=True)
def _ust_id(raw: object) -> Core:
    text, problem = cell_text(raw)
    if text is None:
        return None, problem
    compact = re.sub(r"\s+", "", text).upper()
    if re.fullmatch(r"DE[0-9]{9}", compact):
        return compact, None
    return invalid("ust-id-ungueltig", text)


@lru_cache(maxsize=CACHE_SIZE, typed=True)
def _oe_id(raw: object) -> Core:
    text, problem = cell_text(raw)
    if text is None:
        return None, problem
    if re.fullmatch(r"[0-9]{6}", text):
        return text, None
    return invalid("oe-id-ungueltig", text)


# --- public functions ------------------------------------------------------------------------


def _checked(core: Core, column: str) -> Checked:
    value, problem = core
    if problem is None:
        return Checked(value)
    code, params = problem
    return Checked(None, code, message(code, column, **params))


# A logo path is checked as text here; the file itself in logo.py (it needs the folder).
_CORES: dict[str, Callable[[object], Core]] = {
    columns.TEXT: cell_text,
    columns.PHONE: phone_core,
    columns.EMAIL: email_core,
    columns.PLZ: _plz,
    columns.URL: _url,
    columns.UST_ID: _ust_id,
    columns.OE_ID: _oe_id,
    columns.FILE: cell_text,
}


def normalize(kind: str, raw: object, column: str) -> Checked:
    """The rule of a column kind (columns.py) applied to one raw value."""
    return _checked(_CORES[kind](raw), column)


def kind_problem(kind: str, raw: object) -> Problem | None:
    """The problem only the kind's own rule finds (None if the cell fails a cell rule)."""
    problem = _CORES[kind](raw)[1]
    if problem is None or problem[0] in CELL_CODES:
        return None
    return problem
