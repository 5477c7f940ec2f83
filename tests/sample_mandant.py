"""One Mandant's Impressum and Datenschutzbeauftragter as sent: the sample the tests share."""

from __future__ import annotations

IMPRESSUM = {
    "behoerde": "Gemeindeverwaltung Klipphausen",
    "vertreten_durch": "Bürgermeister Max Mustermann",
    "strasse": "Talstraße 3",
    "plz": "01665",
    "ort": "Klipphausen",
    "telefon": "+49 35204 1234-0",
    "fax": "+49 35204 1234-99",
    "email": "poststelle@klipphausen.de",
    "internet": "https://www.klipphausen.de",
    "ust_id": "DE123456789",
    "aufsichtsbehoerde": "Landratsamt Meißen",
    "inhaltlich_verantwortlich": "Erika Musterfrau, Hauptamt",
}
DATENSCHUTZ = {
    "name": "Datenschutzbeauftragter der Gemeinde",
    "organisation": "Zweckverband KISA",
    "strasse": "Eilenburger Straße 1a",
    "plz": "04317",
    "ort": "Leipzig",
    "telefon": "+49 341 123456",
    "email": "datenschutz@klipphausen.de",
}
