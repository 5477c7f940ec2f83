"""Phone and fax numbers: any common German writing → "+49 351 123456", Durchwahl "-56".

Durchwahl rule: the digits after the last hyphen are the extension when the part before the
hyphen is a valid number on its own ("0351 1234-56" → "+49 351 1234-56"); otherwise the
hyphen is a mere separator ("0351-123456" → "+49 351 123456").
"""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers

from importer.validation.cells import CACHE_SIZE, Core, cell_text, invalid, is_number, number_text

# Dashes and spaces Word or a web page may bring along, mapped to their plain form.
_TRANSLATION = str.maketrans(
    {"\u2013": "-", "\u2011": "-", "\u2014": "-", "\u00a0": " ", "\u202f": " "}
)
_ALLOWED = re.compile(r"[0-9+()/. -]+")
_EXTENSION = re.compile(r"(?P<main>.*[0-9)])\s*-\s*(?P<ext>[0-9]{1,6})")
_GERMAN = re.compile(r"(?:\+49|0049|0(?!0))0?(?P<national>[1-9][0-9]*)")
_INTERNATIONAL = phonenumbers.PhoneNumberFormat.INTERNATIONAL


@lru_cache(maxsize=CACHE_SIZE, typed=True)
def phone_core(raw: object) -> Core:
    """The normalized number, or `telefon-als-zahl`, `telefon-ohne-vorwahl`,
    `telefon-ungueltig` or a cell-level problem."""
    if is_number(raw):
        return None, ("telefon-als-zahl", {"wert": number_text(raw)})  # type: ignore[arg-type]
    text, problem = cell_text(raw)
    if text is None:
        return None, problem
    cleaned = text.translate(_TRANSLATION)
    if not _ALLOWED.fullmatch(cleaned):
        return invalid("telefon-ungueltig", text)
    if not re.sub(r"[^0-9+]", "", cleaned).startswith(("0", "+")):
        return invalid("telefon-ohne-vorwahl", text)
    normalized = _with_extension(cleaned)
    return (normalized, None) if normalized else invalid("telefon-ungueltig", text)


def _with_extension(text: str) -> str | None:
    split = _EXTENSION.fullmatch(text)
    if split:
        main = international(split["main"])
        if main is not None:
            return f"{main}-{split['ext']}"
    return international(text)


def international(text: str) -> str | None:
    """A valid number in international format ("+49 351 123456"), else None."""
    return _international(re.sub(r"[^0-9+]", "", text))


@lru_cache(maxsize=CACHE_SIZE)
def _international(digits: str) -> str | None:
    if "+" in digits[1:]:
        return None
    german = _GERMAN.fullmatch(digits)
    if german:
        # Built directly: what phonenumbers.parse makes of a German number, ~3× faster.
        number = phonenumbers.PhoneNumber(country_code=49, national_number=int(german["national"]))
    else:
        try:
            number = phonenumbers.parse(digits, "DE")
        except phonenumbers.NumberParseException:
            return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, _INTERNATIONAL)
