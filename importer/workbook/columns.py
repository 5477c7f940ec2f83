"""The one catalogue of sheets and columns (WORKBOOK.md).

Template, reader, pandera schemas, Anleitung text, the runner's field mapping and the docs are
all derived from it. Headers and sheet names are user-facing and stable.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

# Value kinds decide the validation rule of a column (validation/values.py).
TEXT = "text"
PHONE = "phone"
EMAIL = "email"
PLZ = "plz"
URL = "url"
UST_ID = "ust_id"
FILE = "file"
OE_ID = "oe_id"


@dataclass(frozen=True)
class Column:
    """One column: German header, field name, rule, and what the template tells the user."""

    header: str
    field: str
    required: bool = False
    kind: str = TEXT
    example: str = ""
    help: str = ""
    label: str | None = None  # visible label of the AdminCenter form field, None if not sent
    width: int = 22


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[Column, ...]
    description: str

    def column(self, field: str) -> Column:
        for column in self.columns:
            if column.field == field:
                return column
        raise KeyError(field)

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(c.field for c in self.columns)


MANDANT = Column(
    "Mandant",
    "mandant",
    required=True,
    example="Gemeinde Klipphausen",
    help="Name des Mandanten genau so, wie ihn das AdminCenter unter "
    "Benutzerverwaltung → Mandanten anzeigt.",
    width=28,
)


def _strasse(required: bool) -> Column:
    return Column("Straße und Hausnummer", "strasse", required=required, example="Talstraße 3",
                  help="Straße und Hausnummer der Anschrift.", label="Straße und Hausnummer",
                  width=26)


def _plz(required: bool) -> Column:
    return Column("PLZ", "plz", required=required, kind=PLZ, example="01665",
                  help="Fünfstellige Postleitzahl. Als Text eingeben, damit die führende Null "
                  "erhalten bleibt.", label="PLZ", width=9)


def _ort(required: bool) -> Column:
    return Column("Ort", "ort", required=required, example="Klipphausen", help="Ort der Anschrift.",
                  label="Ort", width=18)


def _telefon(required: bool, example: str = "0351 1234-0") -> Column:
    return Column("Telefon", "telefon", required=required, kind=PHONE, example=example,
                  help="Telefonnummer mit Vorwahl, z. B. 0351 123456 oder +49 351 123456; "
                  "Durchwahl mit Bindestrich. Als Text eingeben (führende Null).",
                  label="Telefon", width=18)


def _fax() -> Column:
    return Column("Fax", "fax", kind=PHONE, example="0351 1234-99",
                  help="Faxnummer wie Telefon (optional).", label="Fax", width=18)


def _email(example: str) -> Column:
    return Column("E-Mail", "email", required=True, kind=EMAIL, example=example,
                  help="E-Mail-Adresse, z. B. poststelle@gemeinde.de.", label="E-Mail", width=28)


def _internet() -> Column:
    return Column("Internet", "internet", kind=URL, example="www.klipphausen.de",
                  help="Internetadresse (optional); ohne https:// wird https:// ergänzt.",
                  label="Internet", width=26)


IMPRESSUM = Sheet(
    "Impressum",
    (
        MANDANT,
        Column("Behörde", "behoerde", required=True, example="Gemeindeverwaltung Klipphausen",
               help="Name der Behörde, die das Angebot betreibt.", label="Behörde", width=30),
        Column("Vertreten durch", "vertreten_durch", required=True,
               example="Bürgermeister Max Mustermann",
               help="Vertretungsberechtigte Person mit Funktion.", label="Vertreten durch",
               width=28),
        _strasse(required=True),
        _plz(required=True),
        _ort(required=True),
        _telefon(required=True),
        _fax(),
        _email("poststelle@klipphausen.de"),
        _internet(),
        Column("USt-IdNr.", "ust_id", kind=UST_ID, example="DE123456789",
               help="Umsatzsteuer-Identifikationsnummer (optional): DE und neun Ziffern.",
               label="USt-IdNr.", width=15),
        Column("Aufsichtsbehörde", "aufsichtsbehoerde", example="Landratsamt Meißen",
               help="Zuständige Aufsichtsbehörde (optional).", label="Aufsichtsbehörde",
               width=24),
        Column("Inhaltlich verantwortlich", "inhaltlich_verantwortlich",
               example="Erika Musterfrau, Hauptamt",
               help="Inhaltlich verantwortliche Person nach § 18 MStV (optional).",
               label="Inhaltlich verantwortlich", width=28),
    ),
    "Ein Impressum je Mandant. Die Mandanten dieses Blatts stehen in den anderen Blättern "
    "zur Auswahl.",
)

DATENSCHUTZ = Sheet(
    "Datenschutzbeauftragte",
    (
        MANDANT,
        Column("Name", "name", required=True, example="Datenschutzbeauftragter der Gemeinde",
               help="Name der Person oder Funktion.", label="Name", width=28),
        Column("Organisation", "organisation", example="Zweckverband KISA",
               help="Organisation, falls extern bestellt (optional).", label="Organisation",
               width=24),
        _strasse(required=False),
        _plz(required=False),
        _ort(required=False),
        _telefon(required=False, example="0351 1234-50"),
        _email("datenschutz@klipphausen.de"),
    ),
    "Eine Datenschutzbeauftragte bzw. ein Datenschutzbeauftragter je Mandant.",
)

LOGO = Sheet(
    "Logo",
    (
        MANDANT,
        Column("Bilddatei", "bilddatei", required=True, kind=FILE, example="logos/klipphausen.png",
               help="Pfad zur Bilddatei (PNG oder JPEG, höchstens 1 MB und 2000 × 2000 Pixel), "
               "relativ zum Ordner dieser Arbeitsmappe oder vollständig.", label="Bild",
               width=34),
    ),
    "Ein Logo bzw. Bild je Mandant.",
)

ORGANISATIONSEINHEITEN = Sheet(
    "Organisationseinheiten",
    (
        MANDANT,
        Column("Organisationseinheit", "name", required=True, example="Hauptamt",
               help="Name der Organisationseinheit, eindeutig innerhalb des Mandanten.",
               label="Name", width=30),
        Column("Übergeordnete Organisationseinheit", "parent", example="Bauamt",
               help="Name der übergeordneten Einheit desselben Mandanten (optional). Sie muss "
               "in diesem Blatt stehen oder im AdminCenter schon vorhanden sein.",
               label="Übergeordnete Organisationseinheit", width=30),
        _email("hauptamt@klipphausen.de"),
        _telefon(required=True),
        _fax(),
        _internet(),
        Column("OE-ID", "oe_id", kind=OE_ID, example="600709",
               help="Wird vom Importer nach dem Anlegen eingetragen. Nur ausfüllen, wenn die "
               "Einheit im AdminCenter schon existiert.", width=11),
    ),
    "Eine Zeile je Organisationseinheit. Übergeordnete Einheiten werden zuerst angelegt.",
)

DATA_SHEETS: tuple[Sheet, ...] = (IMPRESSUM, DATENSCHUTZ, LOGO, ORGANISATIONSEINHEITEN)
SHEETS_BY_NAME = {s.name: s for s in DATA_SHEETS}

ANLEITUNG = "Anleitung"
PRUEFBERICHT = "Prüfbericht"

# Columns written by the importer, never by the user (plus the hidden fingerprint).
STATUS = Column("Status", "status", help="Vom Importer geschrieben: leer, OK, UNGÜLTIG oder "
                "FEHLER.", width=12)
MELDUNG = Column("Meldung", "meldung", help="Vom Importer geschrieben: was getan wurde oder was "
                 "fehlt.", width=50)
BEARBEITET_AM = Column("Bearbeitet am", "bearbeitet_am", help="Vom Importer geschrieben: "
                       "Zeitpunkt der letzten Bearbeitung.", width=18)
PRUEFSUMME = Column("Prüfsumme", "pruefsumme", help="Vom Importer geschrieben (ausgeblendet): "
                    "erkennt Änderungen seit dem letzten OK.", width=12)
WRITTEN_COLUMNS: tuple[Column, ...] = (STATUS, MELDUNG, BEARBEITET_AM, PRUEFSUMME)

STATUS_MEANINGS = {
    "(leer)": "Noch nicht verarbeitet.",
    "OK": "Erledigt und (bei Organisationseinheiten) veröffentlicht. Die Meldung sagt, was getan "
    "wurde.",
    "UNGÜLTIG": "Die Daten der Zeile sind fehlerhaft; die Meldung nennt jedes Problem. Es wurde "
    "nichts gesendet.",
    "FEHLER": "Das Senden ist fehlgeschlagen; die Meldung sagt warum und ob ein erneuter Lauf "
    "helfen kann.",
}

_SPACES = re.compile(r"\s+")


def normalize_header(text: object) -> str:
    """Header matching key: case-insensitive, outer spaces ignored, a line break is a space."""
    if text is None:
        return ""
    return _SPACES.sub(" ", str(text)).strip().casefold()


def fingerprint(sheet: Sheet, values: dict[str, Any]) -> str:
    """A short hash of a row's user data; changes whenever a user cell of the row changes.

    The importer-written columns (and OE-ID, which the importer writes) are not part of it.
    """
    payload = [[f, _canonical(values.get(f))] for f in sheet.fields if f != "oe_id"]
    digest = hashlib.sha256(json.dumps([sheet.name, payload]).encode()).hexdigest()
    return digest[:16]


def _canonical(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()
