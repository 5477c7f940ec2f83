"""The sandbox's forms: fields with their visible labels (ADMINCENTER.md) and server-side rules.

Field names are the catalogue's field names (importer/workbook/columns.py), so that the
inspection endpoint reports values under the names the importer uses. The labels are written
here on purpose rather than taken from the catalogue: the sandbox imitates the AdminCenter
independently, and a test compares the two.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from flask import request

from importer.sandbox.texts import t

MAX_LENGTH = 255


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    required: bool = False
    kind: str = "text"  # text, email, plz, phone, url, ust_id

    @property
    def input_type(self) -> str:
        return {"email": "email", "phone": "tel", "url": "url"}.get(self.kind, "text")


def _strasse(required: bool = False) -> Field:
    return Field("strasse", "Straße und Hausnummer", required)


IMPRESSUM_FIELDS = (
    Field("behoerde", "Behörde", True),
    Field("vertreten_durch", "Vertreten durch", True),
    _strasse(required=True),
    Field("plz", "PLZ", True, "plz"),
    Field("ort", "Ort", True),
    Field("telefon", "Telefon", True, "phone"),
    Field("fax", "Fax", False, "phone"),
    Field("email", "E-Mail", True, "email"),
    Field("internet", "Internet", False, "url"),
    Field("ust_id", "USt-IdNr.", False, "ust_id"),
    Field("aufsichtsbehoerde", "Aufsichtsbehörde"),
    Field("inhaltlich_verantwortlich", "Inhaltlich verantwortlich"),
)

DATENSCHUTZ_FIELDS = (
    Field("name", "Name", True),
    Field("organisation", "Organisation"),
    _strasse(),
    Field("plz", "PLZ", False, "plz"),
    Field("ort", "Ort"),
    Field("telefon", "Telefon", False, "phone"),
    Field("email", "E-Mail", True, "email"),
)

UNIT_FIELDS = (
    Field("name", "Name", True),
    Field("behoerdenschluessel", "Behördenschlüssel"),
    Field("externe_id", "Externe ID"),
)

_RULES: dict[str, tuple[re.Pattern[str], str]] = {
    "email": (
        re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+"),
        "Bitte geben Sie eine gültige E-Mail-Adresse an.",
    ),
    "de_mail": (
        re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+"),
        "Bitte geben Sie eine gültige De-Mail-Adresse an.",
    ),
    "plz": (re.compile(r"\d{5}"), "Die PLZ muss aus fünf Ziffern bestehen."),
    "phone": (
        re.compile(r"\+?\(?[0-9][0-9 ()/-]{4,}"),
        "Bitte geben Sie eine gültige Rufnummer an, z. B. +49 351 123456.",
    ),
    "url": (
        re.compile(r"https?://[^\s/]+\.[^\s]+"),
        "Bitte geben Sie eine gültige Internetadresse an, beginnend mit https://.",
    ),
    "ust_id": (re.compile(r"DE\d{9}"), "Die USt-IdNr. besteht aus DE und neun Ziffern."),
}


def form_values(fields: Iterable[Field]) -> dict[str, str]:
    """The submitted values of the given fields, stripped of outer spaces."""
    return {f.name: request.form.get(f.name, "").strip() for f in fields}


def validate(fields: tuple[Field, ...], values: dict[str, str]) -> dict[str, str]:
    """German error text per field name; empty when the values may be saved."""
    errors = {}
    for field in fields:
        error = check(field, values.get(field.name, ""))
        if error:
            errors[field.name] = error
    return errors


def check(field: Field, value: str) -> str | None:
    """The German error text for one value of `field`, or None when it may be saved."""
    if not value:
        return f"Bitte geben Sie {t(field.label)} an." if field.required else None
    if len(value) > MAX_LENGTH:
        return f"Höchstens {MAX_LENGTH} Zeichen."
    rule = _RULES.get(field.kind)
    if rule and not rule[0].fullmatch(value):
        return rule[1]
    return None
