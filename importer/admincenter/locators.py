"""The one table of visible labels the browser layer looks for, and the user's TOML override.

Every element is found by the German text a person sees (ADMINCENTER.md). Form fields of the
data pages are derived from the column catalogue (`Column.label`), so a label is written once.
A user remaps a label without code:

    [locators]
    "impressum.email" = "E-Mail-Adresse"
    "oe.parent" = { kind = "select", label = "Übergeordnete Einheit" }
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from importer.errors import UsageError
from importer.workbook.columns import DATENSCHUTZ, IMPRESSUM, LOGO, ORGANISATIONSEINHEITEN, Sheet

FIELD = "field"  # an input, textarea or select with a label
BUTTON = "button"  # something to press
LINK = "link"  # an entry of the navigation
TAB = "tab"  # a tab of a detail page
TEXT = "text"  # a text expected on the page (confirmation, error, heading)
SELECT = "select"  # a choice among given entries
FILE = "file"  # a file upload field
VALUE = "value"  # a shown value next to a caption (e.g. "ID" 600709)
KINDS = (FIELD, BUTTON, LINK, TAB, TEXT, SELECT, FILE, VALUE)


@dataclass(frozen=True)
class Locator:
    kind: str
    label: str


# Catalogue fields that go into the Kommunikation tab rather than the unit's Stammdaten form.
KOMMUNIKATION_FIELDS = ("email", "telefon", "fax", "internet")
OE_FORM_FIELDS = ("name", "parent")


def _form_fields(prefix: str, sheet: Sheet, fields: tuple[str, ...] | None = None) -> dict:
    table = {}
    for column in sheet.columns:
        if column.label is None or (fields is not None and column.field not in fields):
            continue
        kind = FILE if column.kind == "file" else FIELD
        if column.field == "parent":
            kind = SELECT
        table[f"{prefix}.{column.field}"] = Locator(kind, column.label)
    return table


def _manual() -> dict[str, Locator]:
    entries = {
        "login.benutzername": (FIELD, "Benutzername"),
        "login.passwort": (FIELD, "Passwort"),
        "login.anmelden": (BUTTON, "Anmelden"),
        "nav.benutzerverwaltung": (LINK, "Benutzerverwaltung"),
        "nav.mandanten": (LINK, "Mandanten"),
        "nav.organisationseinheiten": (LINK, "Organisationseinheiten"),
        "nav.abmelden": (LINK, "Abmelden"),
        "mandanten.suchen": (FIELD, "Suchen"),
        "liste.weiter": (BUTTON, "Weiter"),
        "mandant.id": (VALUE, "ID"),
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
        "oe.mandant": (SELECT, "Mandant"),
        "oe.suchen": (FIELD, "Suchen"),
        "oe.anlegen": (BUTTON, "Anlegen"),
        "oe.speichern": (BUTTON, "Speichern"),
        "oe.angelegt": (TEXT, "Organisationseinheit angelegt"),
        "oe.gespeichert": (TEXT, "Organisationseinheit gespeichert"),
        "oe.id": (VALUE, "ID"),
        "oe.stammdaten": (TAB, "Stammdaten"),
        "oe.gueltigkeit": (TAB, "Gültigkeit"),
        "oe.versionen": (TAB, "Versionen"),
        "oe.kommunikation": (TAB, "Kommunikation"),
        "oe.bearbeiten": (BUTTON, "Bearbeiten"),
        "oe.verwalten": (BUTTON, "Verwalten"),
        "oe.kommunikation_speichern": (BUTTON, "Kommunikation speichern"),
        "oe.kommunikation_gespeichert": (TEXT, "Kommunikation gespeichert"),
        "oe.veroeffentlicht": (TEXT, "veröffentlicht"),
        "oe.entwurf": (TEXT, "Entwurf"),
        "fehler.login": (TEXT, "Benutzername oder Passwort falsch"),
        "fehler.sitzung": (TEXT, "Ihre Sitzung ist abgelaufen"),
        "fehler.berechtigung": (TEXT, "Keine Berechtigung"),
        "fehler.server": (TEXT, "Es ist ein Fehler aufgetreten"),
    }
    return {key: Locator(kind, label) for key, (kind, label) in entries.items()}


def _defaults() -> dict[str, Locator]:
    table = _manual()
    table.update(_form_fields("impressum", IMPRESSUM))
    table.update(_form_fields("datenschutz", DATENSCHUTZ))
    table.update(_form_fields("bild", LOGO))
    table.update(_form_fields("oe", ORGANISATIONSEINHEITEN, OE_FORM_FIELDS))
    table.update(_form_fields("kommunikation", ORGANISATIONSEINHEITEN, KOMMUNIKATION_FIELDS))
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

    def fields(self, prefix: str) -> dict[str, Locator]:
        """The form fields of one page by catalogue field name, e.g. fields("impressum")."""
        start = prefix + "."
        return {
            key.removeprefix(start): loc
            for key, loc in self._table.items()
            if key.startswith(start) and loc.kind in (FIELD, SELECT, FILE)
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
    if isinstance(value, str):
        return Locator(table[key].kind, _label(path, key, value))
    if isinstance(value, dict) and set(value) <= {"kind", "label"}:
        kind = value.get("kind", table[key].kind)
        if kind not in KINDS:
            raise UsageError(
                f"{path}: „{key}“ hat die unbekannte Art „{kind}“ (möglich: {', '.join(KINDS)})."
            )
        return Locator(str(kind), _label(path, key, value.get("label", table[key].label)))
    raise UsageError(
        f"{path}: „{key}“ braucht eine Beschriftung als Text oder {{ kind = …, label = … }}."
    )


def _label(path: Path, key: str, label: object) -> str:
    if not isinstance(label, str) or not label.strip():
        raise UsageError(f"{path}: die Beschriftung von „{key}“ ist leer.")
    return label.strip()
