"""The read-only label check: visit every page a run needs and look for every label.

Nothing is saved: forms are opened and left. Texts that only appear after saving or in an
error case cannot be seen without changing data; they are reported as "not checkable".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from importer.admincenter.browser import browser_session
from importer.admincenter.credentials import Credentials
from importer.admincenter.locators import Locators
from importer.admincenter.pages_units import UnitsPage
from importer.admincenter.problems import LabelMissing, PageProblem
from importer.admincenter.values import LabelCheck

if TYPE_CHECKING:
    from importer.admincenter.client import AdminCenter

CHECK_PATIENCE = 8.0
AFTER_SAVE = "erscheint erst nach dem Speichern"
ON_ERROR = "erscheint nur im Fehlerfall"
NAV_KEYS = ("nav.benutzerverwaltung", "nav.mandanten", "nav.organisationseinheiten", "nav.abmelden")
MANDANT_KEYS = (
    "mandant.id",
    "mandant.verwalten",
    "mandant.impressum",
    "mandant.datenschutz",
    "mandant.bild",
)
UNIT_KEYS = (
    "oe.id",
    "oe.stammdaten",
    "oe.gueltigkeit",
    "oe.versionen",
    "oe.kommunikation",
    "oe.bearbeiten",
    "oe.verwalten",
)
KOMMUNIKATION_KEYS = (
    "kommunikation.email",
    "kommunikation.telefon",
    "kommunikation.fax",
    "kommunikation.internet",
    "oe.kommunikation_speichern",
)
UNIT_FORM_KEYS = ("oe.name", "oe.parent", "oe.speichern")


@dataclass
class CheckReport:
    url: str
    checks: list[LabelCheck]

    @property
    def missing(self) -> list[LabelCheck]:
        return [c for c in self.checks if c.found is False]

    @property
    def exit_code(self) -> int:
        return 1 if self.missing else 0


def run_check(
    url: str,
    credentials: Credentials,
    locators: Locators,
    mandant: str | None = None,
    visible: bool = False,
    timeout: float = 30.0,
) -> CheckReport:
    """Log in with a fresh browser and check every label; raises `LoginFailed`,
    `AdminCenterUnreachable` or `BrowserUnavailable` (fatal, exit 3 / 2)."""
    from importer.admincenter.client import AdminCenter

    with browser_session(headless=not visible) as driver:
        client = AdminCenter(driver, url, locators, timeout)
        client.login(credentials.user, credentials.password)
        return CheckReport(url, client.check_labels(mandant))


class _Checker:
    def __init__(self, client: AdminCenter) -> None:
        self.client = client
        self.results: list[LabelCheck] = []
        self.settled = False  # whether the current page was waited for until it was quiet

    def label(self, key: str) -> str:
        return self.client.locators.label(key)

    def look(self, keys: Sequence[str]) -> dict[str, bool]:
        """Which of `keys` the current page shows. A label found is found; before one is
        called missing, the page gets (once) the time to settle: a list or tab filled by
        script may still be coming."""
        found = self.client.dom.probe(keys)
        if not self.settled and not all(found.values()):
            self.client.dom.wait_settled(timeout=5.0)
            self.settled = True
            found = self.client.dom.probe(keys)
        return found

    def probe(self, page: str, keys: Sequence[str]) -> None:
        found = self.look(keys)
        self.results += [LabelCheck(page, k, self.label(k), found[k]) for k in keys]

    def optional(self, page: str, key: str, note: str) -> None:
        """A label that only some situations show: found, or not checkable here."""
        if self.look([key])[key]:
            self.probe(page, [key])
        else:
            self.unchecked(page, [key], note)

    def unchecked(self, page: str, keys: Sequence[str], note: str) -> None:
        self.results += [LabelCheck(page, k, self.label(k), None, note) for k in keys]

    def visit(self, page: str, keys: Sequence[str], open_page: Callable[[], object]) -> bool:
        """Open a page and probe `keys` there; a page that can't be opened is reported."""
        self.settled = False
        try:
            open_page()
        except LabelMissing as missing:
            if missing.key in keys:  # the page is there, but without this label: look at all
                self.settled = True  # waited for it long enough
                self.probe(page, keys)
                return True
            self.results.append(LabelCheck(page, missing.key, missing.label, False))
            rest = [k for k in keys if k != missing.key]
            self.unchecked(page, rest, "Seite nicht erreicht")
            return False
        except PageProblem as problem:
            self.unchecked(page, keys, f"Seite nicht erreicht: {problem.message}")
            return False
        self.probe(page, keys)
        return True


def check_labels(client: AdminCenter, mandant: str | None = None) -> list[LabelCheck]:
    """Visit every page a run needs (read-only) and report each label of the table.

    A page whose label is missing is waited for at most `CHECK_PATIENCE` seconds.
    """
    patience = client.dom.timeout
    client.dom.timeout = min(patience, CHECK_PATIENCE)
    try:
        return _check_all(client, mandant)
    finally:
        client.dom.timeout = patience


def _check_all(client: AdminCenter, mandant: str | None) -> list[LabelCheck]:
    checker = _Checker(client)
    login_keys = ("login.benutzername", "login.passwort", "login.anmelden")
    checker.results += [
        LabelCheck("Anmeldung", k, checker.label(k), True, "Anmeldung gelungen") for k in login_keys
    ]
    checker.visit("Startseite", NAV_KEYS, lambda: client.dom.driver.get(client.base_url))
    names: list[str] = []

    def open_list() -> None:
        names.extend(client.mandanten_page().names())

    if checker.visit("Mandanten", ("mandanten.suchen",), open_list):
        checker.optional("Mandanten", "liste.weiter", "nur bei Listen mit mehreren Seiten")
    chosen = mandant or (names[0] if names else None)
    if chosen is not None:
        _check_mandant(checker, chosen)
        _check_units(checker, chosen)
    _check_rest(checker)
    return checker.results


def _check_mandant(checker: _Checker, mandant: str) -> None:
    client = checker.client
    checker.visit(f"Mandant „{mandant}“", MANDANT_KEYS, lambda: client.mandant_page(mandant))
    for prefix, title in (("impressum", "Impressum"), ("datenschutz", "Datenschutzbeauftragter")):
        keys = [f"{prefix}.{f}" for f in client.locators.fields(prefix)] + [f"{prefix}.speichern"]
        if checker.visit(title, keys, partial(client.form_page, mandant, prefix)):
            checker.unchecked(title, [f"{prefix}.gespeichert"], AFTER_SAVE)
    if checker.visit(
        "Bild", ("bild.bilddatei", "bild.hochladen"), lambda: client.bild_page(mandant)
    ):
        checker.unchecked("Bild", ["bild.gespeichert"], AFTER_SAVE)


def _check_units(checker: _Checker, mandant: str) -> None:
    client = checker.client
    title = "Organisationseinheiten"
    if not checker.visit(title, ("oe.suchen", "oe.anlegen"), lambda: client.units_page(mandant)):
        return
    checker.optional(title, "oe.mandant", "nur bei mehreren Mandanten vorhanden")
    shown = UnitsPage(client.dom)  # the Mandant's list, just opened
    refs = shown.units()
    create = "Organisationseinheit anlegen"
    if checker.visit(create, UNIT_FORM_KEYS, shown.open_create):
        checker.unchecked(create, ["oe.angelegt"], AFTER_SAVE)
    if not refs:
        checker.unchecked(
            "Organisationseinheit",
            [*UNIT_KEYS, *KOMMUNIKATION_KEYS],
            "keine Organisationseinheit vorhanden",
        )
        return
    _check_unit(
        checker, mandant, refs[0].name, lambda: client.unit_page(mandant, refs[0], reuse=True)
    )


def _check_unit(checker: _Checker, mandant: str, name: str, open_unit: Callable) -> None:
    page = f"Organisationseinheit „{name}“"
    if not checker.visit(page, UNIT_KEYS, open_unit):
        return
    unit = open_unit()
    if checker.visit("Kommunikation", KOMMUNIKATION_KEYS, unit.open_kommunikation):
        checker.unchecked("Kommunikation", ["oe.kommunikation_gespeichert"], AFTER_SAVE)
    if checker.visit("Versionen", (), lambda: checker.client.dom.click("oe.versionen", page)):
        for key in ("oe.veroeffentlicht", "oe.entwurf"):
            checker.optional("Versionen", key, "nur sichtbar, wenn es eine solche Version gibt")
    edit = "Organisationseinheit bearbeiten"
    if checker.visit(edit, UNIT_FORM_KEYS, lambda: open_unit().open_edit()):
        checker.unchecked(edit, ["oe.gespeichert"], AFTER_SAVE)


def _check_rest(checker: _Checker) -> None:
    """Every key of the table appears in the report: the rest only shows in error cases."""
    seen = {c.key for c in checker.results}
    for key in checker.client.locators:
        if key not in seen:
            note = ON_ERROR if key.startswith("fehler.") else "auf keiner besuchten Seite geprüft"
            checker.unchecked("–", [key], note)
