"""The navigation of both generations (ADMINCENTER.md): menu bar (klassisch), sidebar (neu).

An entry without an endpoint leads to the small page "In der Sandbox nicht nachgebildet."
"""

from __future__ import annotations

from dataclasses import dataclass

UNITS = "unit_lists.index"
MANDANTEN = "mandanten.index"


@dataclass(frozen=True)
class NavEntry:
    caption: str
    endpoint: str | None = None  # None: a page that the sandbox does not imitate
    entries: tuple[NavEntry, ...] = ()  # a group (drop-down menu, folding sidebar group)
    more: bool = False  # neu: an entry with "›" (a further level, not imitated)

    @property
    def slug(self) -> str:
        table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", " ": "-"})
        return self.caption.lower().translate(table)


def _not_imitated(*captions: str, more: bool = False) -> tuple[NavEntry, ...]:
    return tuple(NavEntry(caption, more=more) for caption in captions)


KLASSISCH = (
    NavEntry("Neuigkeiten"),
    NavEntry("Zuständigkeitsfinder", entries=_not_imitated("Leistungen", "Zuständigkeiten")),
    NavEntry(
        "Organisationseinheiten",
        entries=(
            NavEntry("Organisationseinheiten", UNITS),
            *_not_imitated(
                "Kontaktverwaltung",
                "Anschriften",
                "Öffnungszeiten",
                "Internetadressen",
                "Externe Formulare",
            ),
        ),
    ),  # fmt: skip
    NavEntry(
        "Benutzerverwaltung",
        entries=(*_not_imitated("Benutzer", "Benutzergruppen"), NavEntry("Mandanten", MANDANTEN)),
    ),
    NavEntry("Verfahrensmanagement"),
)

NEU = (
    *_not_imitated("Neuigkeiten", "Betreute Texte", "Aufgaben"),
    *_not_imitated("Content", "Zuständigkeitsfinder", more=True),
    NavEntry(
        "Organisationseinheiten",
        entries=(
            NavEntry("Organisationseinheiten", UNITS),
            *_not_imitated(
                "Behördengruppen",
                "Kontaktpersonen",
                "Anschriften",
                "Öffnungszeiten",
                "Internetadressen",
            ),
        ),
    ),  # fmt: skip
    NavEntry(
        "Benutzer",
        entries=(
            *_not_imitated("Benutzer", "Benutzergruppen", "Rollen", "Rechte"),
            NavEntry("Mandanten", MANDANTEN),
        ),
    ),
    *_not_imitated("Servicekonto", "Verfahrensmanagement", more=True),
)

NAVIGATION = {"klassisch": KLASSISCH, "neu": NEU}


def not_imitated(generation: str) -> dict[str, str]:
    """Slug → caption of every entry of the generation that leads to "nicht nachgebildet"."""
    found: dict[str, str] = {}
    for entry in NAVIGATION[generation]:
        for item in entry.entries or (entry,):
            if item.endpoint is None:
                found[item.slug] = item.caption
    return found
