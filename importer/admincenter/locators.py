"""The one table of visible texts the browser layer looks for, and the user's TOML override.

Every element is found by the German text a person sees (ADMINCENTER.md version 2). One table
covers both generations of the AdminCenter: a text may have several accepted forms, the more
specific first ("Kommunikation speichern" | "Speichern"). Form fields of the Mandant dialogs
are derived from the column catalogue (`Column.label`), so a label is written once. A user
remaps any text without code:

    [locators]
    "impressum.email" = "E-Mail-Adresse"
    "kanal.telefon" = ["Telefon", "Festnetz"]
    "oe.filter" = { kind = "field", label = "Suche" }
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from importer.errors import UsageError
from importer.workbook.columns import DATENSCHUTZ, IMPRESSUM, LOGO, Sheet

FIELD = "field"  # an input, textarea or drop-down with a caption
SELECT = "select"  # a choice among given entries (select, listbox drop-down, combobox)
CHECK = "check"  # a check box
FILE = "file"  # a file upload field
BUTTON = "button"  # something to press
LINK = "link"  # an entry of the navigation
TAB = "tab"  # a tab of a panel
TEXT = "text"  # a text expected somewhere (confirmation, error, heading)
STATE = "state"  # a text shown on its own, exactly (a chip "Offline")
VALUE = "value"  # a shown value next to its caption ("Id" 600709)
OPTION = "option"  # a caption among the choices of a drop-down (a Kanal)
HEADER = "header"  # a column header of a table
KINDS = (FIELD, SELECT, CHECK, FILE, BUTTON, LINK, TAB, TEXT, STATE, VALUE, OPTION, HEADER)


@dataclass(frozen=True)
class Locator:
    kind: str
    labels: tuple[str, ...]

    @property
    def label(self) -> str:
        """The first accepted form (the one shown in messages)."""
        return self.labels[0]


# Workbook fields and the Kanal each goes to in the unit's Kommunikation.
CHANNEL_FIELDS = ("email", "telefon", "fax")


def _form_fields(prefix: str, sheet: Sheet) -> dict[str, Locator]:
    table = {}
    for column in sheet.columns:
        if column.label is None or column.field == "mandant":
            continue
        table[f"{prefix}.{column.field}"] = Locator(
            FILE if column.kind == "file" else FIELD, (column.label,)
        )
    return table


ENTRIES: dict[str, tuple[str, str | tuple[str, ...]]] = {
    "login.benutzername": (FIELD, "Benutzername"),
    "login.passwort": (FIELD, "Passwort"),
    "login.anmelden": (BUTTON, "Anmelden"),
    "login.weiter": (BUTTON, ("Weiter", "Fortfahren")),
    "nav.benutzerverwaltung": (LINK, ("Benutzerverwaltung", "Benutzer")),
    "nav.mandanten": (LINK, "Mandanten"),
    "nav.organisationseinheiten": (LINK, "Organisationseinheiten"),
    "nav.abmelden": (LINK, "Abmelden"),
    "mandant.auswahl": (SELECT, "Mandant"),
    "mandanten.filter": (FIELD, ("Tabelle filtern", "Filter", "Suchbegriff", "Suchen")),
    "liste.weiter": (BUTTON, ("Nächste Seite", "Weiter")),
    "dialog.abbrechen": (BUTTON, ("Abbrechen", "Schließen")),
    "mandant.id": (VALUE, ("Id", "ID")),
    "mandant.name": (FIELD, "Name"),
    "mandant.verwalten": (TEXT, "Verwalten"),
    "mandant.impressum": (BUTTON, "Impressum"),
    "mandant.datenschutz": (BUTTON, "Datenschutzbeauftragter"),
    "mandant.bild": (BUTTON, "Bild"),
    "impressum.speichern": (BUTTON, "Speichern"),
    "impressum.gespeichert": (TEXT, "Impressum gespeichert"),
    "datenschutz.speichern": (BUTTON, "Speichern"),
    "datenschutz.gespeichert": (TEXT, "Datenschutzbeauftragter gespeichert"),
    "bild.hochladen": (BUTTON, "Hochladen"),
    "bild.gespeichert": (TEXT, "Bild gespeichert"),
    "oe.filter": (FIELD, ("Suchbegriff", "Filter", "Tabelle filtern", "Suchen")),
    "oe.anlegen": (BUTTON, "Anlegen"),
    "oe.unterhalb_anlegen": (BUTTON, "Unterhalb anlegen"),
    "oe.name": (FIELD, "Name"),
    "oe.speichern": (BUTTON, "Speichern"),
    "oe.gespeichert": (
        TEXT,
        ("Organisationseinheit gespeichert", "Organisationseinheit angelegt", "gespeichert"),
    ),
    "oe.id": (VALUE, ("Id", "ID")),
    "oe.uebergeordnet": (VALUE, ("Übergeordnete Organisationseinheit", "Derzeit übergeordnet")),
    "oe.stammdaten": (TAB, "Stammdaten"),
    "oe.version": (TAB, ("Version", "Versionen")),
    "oe.veroeffentlicht": (TEXT, "veröffentlicht"),
    "oe.entwurf": (TEXT, "Entwurf"),
    "oe.offline": (STATE, "Offline"),
    "oe.verwalten": (TEXT, "Verwalten"),
    "oe.kommunikation": (BUTTON, "Kommunikation"),
    "oe.internetadressen": (BUTTON, "Internetadressen"),
    "oe.umhaengen": (BUTTON, "Umhängen"),
    "umhaengen.ziel": (FIELD, "Neue übergeordnete Organisationseinheit"),
    "umhaengen.ausfuehren": (BUTTON, "Umhängen"),
    "kommunikation.spalte_kanal": (HEADER, "Kanal"),
    "kommunikation.spalte_kennung": (HEADER, "Kennung"),
    "kommunikation.spalte_zusatz": (HEADER, "Kennungszusatz"),
    "kommunikation.anlegen": (
        BUTTON,
        ("Neue Kommunikation anlegen", "Kommunikationskanal anlegen"),
    ),
    "kommunikation.kanal": (SELECT, "Kanal"),
    "kommunikation.kennung": (FIELD, "Kennung"),
    "kommunikation.zusatz": (FIELD, "Kennungszusatz"),
    "kommunikation.oeffentlich": (CHECK, ("Öffentlich anzeigen", "Öffentlich")),
    "kommunikation.uebernehmen": (BUTTON, ("Kommunikation übernehmen", "Übernehmen")),
    "kommunikation.speichern": (BUTTON, ("Kommunikation speichern", "Speichern")),
    "kommunikation.gespeichert": (TEXT, "Kommunikation gespeichert"),
    "kanal.email": (OPTION, "E-Mail"),
    "kanal.telefon": (OPTION, "Telefon"),
    "kanal.fax": (OPTION, "Fax"),
    "internet.spalte_adresse": (HEADER, "Adresse"),
    "internet.spalte_titel": (HEADER, "Titel"),
    "internet.anlegen": (BUTTON, ("Neue Internetadresse anlegen", "Internetadresse anlegen")),
    "internet.adresse": (FIELD, "Adresse"),
    "internet.titel": (FIELD, "Titel"),
    "internet.oeffentlich": (CHECK, ("Öffentlich anzeigen", "Öffentlich")),
    "internet.uebernehmen": (BUTTON, ("Internetadresse übernehmen", "Übernehmen")),
    "internet.speichern": (BUTTON, ("Internetadressen speichern", "Speichern")),
    "internet.gespeichert": (TEXT, ("Internetadressen gespeichert", "Internetadresse gespeichert")),
    "fehler.login": (TEXT, "Benutzername oder Passwort falsch"),
    "fehler.sitzung": (TEXT, "Ihre Sitzung ist abgelaufen"),
    "fehler.berechtigung": (TEXT, "Keine Berechtigung"),
    "fehler.server": (TEXT, "Es ist ein Fehler aufgetreten"),
}

# Forms that only one generation shows: what `check` recognises a generation by.
GENERATION_FORMS: dict[tuple[str, str], str] = {
    ("nav.benutzerverwaltung", "Benutzerverwaltung"): "klassisch",
    ("kommunikation.anlegen", "Neue Kommunikation anlegen"): "klassisch",
    ("kommunikation.uebernehmen", "Kommunikation übernehmen"): "klassisch",
    ("kommunikation.speichern", "Kommunikation speichern"): "klassisch",
    ("kommunikation.oeffentlich", "Öffentlich anzeigen"): "klassisch",
    ("nav.benutzerverwaltung", "Benutzer"): "neu",
    ("oe.filter", "Suchbegriff"): "neu",
    ("mandanten.filter", "Tabelle filtern"): "neu",
    ("kommunikation.anlegen", "Kommunikationskanal anlegen"): "neu",
    ("kommunikation.uebernehmen", "Übernehmen"): "neu",
    ("kommunikation.speichern", "Speichern"): "neu",
    ("kommunikation.oeffentlich", "Öffentlich"): "neu",
    ("oe.umhaengen", "Umhängen"): "neu",
}


def _defaults() -> dict[str, Locator]:
    table = {
        key: Locator(kind, (labels,) if isinstance(labels, str) else labels)
        for key, (kind, labels) in ENTRIES.items()
    }
    table.update(_form_fields("impressum", IMPRESSUM))
    table.update(_form_fields("datenschutz", DATENSCHUTZ))
    table.update(_form_fields("bild", LOGO))
    return table


DEFAULT_LOCATORS: dict[str, Locator] = _defaults()


class Locators(Mapping[str, Locator]):
    """The effective table: defaults plus the user's overrides (read-only)."""

    def __init__(self, table: Mapping[str, Locator]) -> None:
        self._table = dict(table)

    def __getitem__(self, key: str) -> Locator:
        return self._table[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)

    def label(self, key: str) -> str:
        return self._table[key].label

    def labels(self, key: str) -> tuple[str, ...]:
        return self._table[key].labels

    def fields(self, prefix: str) -> dict[str, Locator]:
        """The form fields of one dialog by catalogue field name, e.g. fields("impressum")."""
        start = prefix + "."
        return {
            key.removeprefix(start): loc
            for key, loc in self._table.items()
            if key.startswith(start) and loc.kind in (FIELD, SELECT, FILE, CHECK)
        }


def load_locators(path: Path | None = None) -> Locators:
    """The default table, with the `[locators]` table of the TOML file at `path` applied.

    Raises `UsageError` (German) for a missing or unreadable file, an unknown key or kind.
    """
    if path is None:
        return Locators(DEFAULT_LOCATORS)
    overrides = _read_overrides(path)
    table = dict(DEFAULT_LOCATORS)
    for key, value in overrides.items():
        table[key] = _override(path, key, value, table)
    return Locators(table)


def _read_overrides(path: Path) -> dict[str, object]:
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"Die Datei mit den Beschriftungen {path} gibt es nicht.") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise UsageError(
            f"Die Datei mit den Beschriftungen {path} ist nicht lesbar: {error}"
        ) from None
    overrides = document.get("locators", {})
    if not isinstance(overrides, dict):
        raise UsageError(f"{path}: [locators] muss eine Tabelle sein.")
    return overrides


def _override(path: Path, key: str, value: object, table: dict[str, Locator]) -> Locator:
    if key not in table:
        close = difflib.get_close_matches(key, list(table), n=3, cutoff=0.5)
        hint = f" Meinten Sie: {', '.join(close)}?" if close else ""
        raise UsageError(f"{path}: unbekannter Schlüssel „{key}“.{hint}")
    if isinstance(value, str | list):
        return Locator(table[key].kind, _labels(path, key, value))
    if isinstance(value, dict) and set(value) <= {"kind", "label", "labels"}:
        kind = value.get("kind", table[key].kind)
        if kind not in KINDS:
            raise UsageError(
                f"{path}: „{key}“ hat die unbekannte Art „{kind}“ (möglich: {', '.join(KINDS)})."
            )
        labels = value.get("labels", value.get("label", list(table[key].labels)))
        return Locator(str(kind), _labels(path, key, labels))
    raise UsageError(
        f"{path}: „{key}“ braucht eine Beschriftung als Text, als Liste von Texten oder "
        "{ kind = …, label = … }."
    )


def _labels(path: Path, key: str, value: object) -> tuple[str, ...]:
    texts = [value] if isinstance(value, str) else value
    if not isinstance(texts, list) or not texts:
        raise UsageError(f"{path}: die Beschriftung von „{key}“ ist leer.")
    if not all(isinstance(t, str) and t.strip() for t in texts):
        raise UsageError(f"{path}: die Beschriftung von „{key}“ ist leer.")
    return tuple(t.strip() for t in texts)
