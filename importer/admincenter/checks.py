"""The read-only label check: visit every part a run needs and look for every text.

Nothing is saved: dialogs are opened and left with "Abbrechen", an "anlegen" that only adds a
row to an unsaved table is left the same way. Texts that only appear after saving or in an
error case cannot be seen without changing data; they are reported as "not checkable". A text
the run needs that no visited part showed is *not verified* (the run checks it before its
first write). The generation is recognised by the forms of the texts found.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Generic, TypeVar

from importer.admincenter.browser import browser_session
from importer.admincenter.credentials import Credentials
from importer.admincenter.locators import GENERATION_FORMS, Locators
from importer.admincenter.pages import Dialog
from importer.admincenter.pages_channels import INTERNETADRESSEN, KOMMUNIKATION, ListKeys
from importer.admincenter.pages_mandant import MandantenPage
from importer.admincenter.problems import LabelMissing, PageProblem
from importer.admincenter.values import LabelCheck

if TYPE_CHECKING:
    from importer.admincenter.client import AdminCenter

T = TypeVar("T")

CHECK_PATIENCE = 8.0
MAX_MANDANTEN_LOOKED_AT = 5
AFTER_SAVE = "erscheint erst nach dem Speichern"
ON_ERROR = "erscheint nur im Fehlerfall"
NOT_VISITED = "auf keiner besuchten Seite geprüft"
NO_UNIT = "keine Organisationseinheit vorhanden – wird an der ersten angelegten geprüft"
NAV_KEYS = ("nav.benutzerverwaltung", "nav.mandanten", "nav.organisationseinheiten")
MANDANT_KEYS = (
    "mandant.id",
    "mandant.name",
    "mandant.verwalten",
    "mandant.impressum",
    "mandant.datenschutz",
    "mandant.bild",
)
UNIT_KEYS = (
    "oe.id",
    "oe.name",
    "oe.speichern",
    "oe.verwalten",
    "oe.kommunikation",
    "oe.internetadressen",
    "oe.unterhalb_anlegen",
)
KANAL_KEYS = ("kanal.email", "kanal.telefon", "kanal.fax")
# Texts a run can do without, each with the situation that needs it.
OPTIONAL = {
    "login.weiter": "nur bei einer Anmeldung in zwei Schritten",
    "mandant.auswahl": "nur bei mehreren Mandanten",
    "liste.weiter": "nur bei Listen mit mehreren Seiten",
    "nav.abmelden": "nur, wenn eine Sitzung noch offen ist",
    "oe.umhaengen": "nur in der Oberfläche „neu“ (klassisch: Verschieben von Hand)",
    "umhaengen.ziel": "nur mit „Umhängen“",
    "umhaengen.ausfuehren": "nur mit „Umhängen“",
    "oe.uebergeordnet": "nicht jede Oberfläche zeigt die übergeordnete Einheit an",
    "oe.stammdaten": "nur mit Reitern",
    "oe.version": "nur, wenn die Farbe der Versionsnummer nichts sagt",
    "oe.offline": "nur bei offline genommenen Einheiten",
    "oe.veroeffentlicht": "nur im Reiter der Versionen",
    "oe.entwurf": "nur im Reiter der Versionen",
    "oe.gespeichert": AFTER_SAVE,
}


@dataclass
class CheckReport:
    url: str
    checks: list[LabelCheck]
    generation: str | None = None
    forms: Counter[str] = field(default_factory=Counter)

    @property
    def missing(self) -> list[LabelCheck]:
        return [c for c in self.checks if c.found is False]

    @property
    def unverified(self) -> list[LabelCheck]:
        """Texts the run needs that the check could not see."""
        return [c for c in self.checks if c.found is None and needed(c.key, c.note)]

    @property
    def exit_code(self) -> int:
        return 1 if self.missing else 0


def needed(key: str, note: str = "") -> bool:
    """Whether a run needs `key` wherever it goes (not only after saving, in an error case or
    in a situation the AdminCenter may never show)."""
    return not (key in OPTIONAL or key.startswith("fehler.") or note == AFTER_SAVE)


def recognise(checks: Sequence[LabelCheck]) -> tuple[str | None, Counter[str]]:
    """The generation whose own forms were found (None when neither or both equally)."""
    votes: Counter[str] = Counter(
        GENERATION_FORMS[(c.key, c.form)]
        for c in checks
        if c.found and c.form and (c.key, c.form) in GENERATION_FORMS
    )
    ranked = votes.most_common()
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None, votes
    return ranked[0][0], votes


def run_check(
    url: str,
    credentials: Credentials,
    locators: Locators,
    mandant: str | None = None,
    visible: bool = False,
    timeout: float = 30.0,
) -> CheckReport:
    """Log in with a fresh browser and check every text; raises `LoginFailed`,
    `AdminCenterUnreachable` or `BrowserUnavailable` (fatal, exit 3 / 2)."""
    from importer.admincenter.client import AdminCenter

    with browser_session(headless=not visible) as driver:
        client = AdminCenter(driver, url, locators, timeout)
        client.login(credentials.user, credentials.password)
        checks = client.check_labels(mandant)
    generation, votes = recognise(checks)
    return CheckReport(url, checks, generation, votes)


@dataclass(frozen=True)
class Visit(Generic[T]):
    """Whether a part was reached, and what opening it returned (None where it was reached
    only in part)."""

    reached: bool
    opened: T | None


class _Checker:
    def __init__(self, client: AdminCenter) -> None:
        self.client = client
        self.results: dict[str, LabelCheck] = {}
        self.settled = False  # whether the current part was waited for until it was quiet

    def label(self, key: str) -> str:
        return self.client.locators.label(key)

    def look(self, keys: Sequence[str]) -> dict[str, str | None]:
        """Which of `keys` the current part shows (the form shown). A text found is found;
        before one is called missing, the part gets (once) the time to settle."""
        found = self.client.dom.probe(keys)
        if not self.settled and not all(found.values()):
            self.client.dom.wait_settled(timeout=5.0)
            self.settled = True
            found = self.client.dom.probe(keys)
        return found

    def record(self, check: LabelCheck) -> None:
        """Keep the best answer per key: found beats missing beats not checked."""
        old = self.results.get(check.key)
        rank = {True: 2, False: 1, None: 0}
        if old is None or rank[check.found] > rank[old.found]:
            self.results[check.key] = check

    def probe(self, page: str, keys: Sequence[str]) -> None:
        found = self.look(keys)
        for k in keys:
            note = OPTIONAL.get(k, "")
            if found[k] is None and k in OPTIONAL:
                self.record(LabelCheck(page, k, self.label(k), None, note))
            else:
                self.record(LabelCheck(page, k, self.label(k), found[k] is not None, "", found[k]))

    def unchecked(self, page: str, keys: Sequence[str], note: str) -> None:
        for k in keys:
            self.record(LabelCheck(page, k, self.label(k), None, note))

    def visit(self, page: str, keys: Sequence[str], open_part: Callable[[], T]) -> Visit[T]:
        """Open a part and probe `keys` there; a part that can't be opened is reported."""
        self.settled = False
        try:
            opened = open_part()
        except LabelMissing as missing:
            if missing.key in keys:  # the part is there, but without this text: look at all
                self.settled = True
                self.probe(page, keys)
                return Visit(True, None)
            self.record(LabelCheck(page, missing.key, missing.label, False))
            self.unchecked(page, [k for k in keys if k != missing.key], "Seite nicht erreicht")
            return Visit(False, None)
        except PageProblem as problem:
            self.unchecked(page, keys, f"Seite nicht erreicht: {problem.message}")
            return Visit(False, None)
        self.probe(page, keys)
        return Visit(True, opened)


def check_labels(
    client: AdminCenter, mandant: str | None = None, others: Sequence[str] = ()
) -> list[LabelCheck]:
    """Visit every part a run needs (read-only) and report each text of the table.

    `mandant` is looked at first; where it has no unit, up to a few of `others` are, to find
    a unit whose panel and dialogs can be checked. Without `mandant` (the `check` command)
    any Mandant the user may manage is looked at; a run never opens a Mandant it does not name.
    """
    patience = client.dom.timeout
    client.dom.timeout = min(patience, CHECK_PATIENCE)
    try:
        return _check_all(client, mandant, others)
    finally:
        client.dom.timeout = patience


def _check_all(client: AdminCenter, mandant: str | None, others: Sequence[str]) -> list[LabelCheck]:
    checker = _Checker(client)
    for key in ("login.benutzername", "login.passwort", "login.anmelden"):
        checker.record(LabelCheck("Anmeldung", key, checker.label(key), True, "Anmeldung gelungen"))
    checker.visit("Startseite", (*NAV_KEYS, "mandant.auswahl"), client.start)
    names = checker.visit("Mandanten", (), client.mandanten).opened or []
    checker.visit("Mandanten", ("mandanten.filter",), partial(client.list_page, MandantenPage))
    # a run looks only at its own Mandanten; `check` alone at any the user may manage
    candidates = [m for m in dict.fromkeys([mandant, *others] if mandant else names) if m]
    if candidates:
        _check_mandant(checker, candidates[0])
        _check_units(checker, candidates[:MAX_MANDANTEN_LOOKED_AT])
    _check_rest(checker)
    return list(checker.results.values())


def _check_mandant(checker: _Checker, mandant: str) -> None:
    client = checker.client
    checker.visit(f"Mandant „{mandant}“", MANDANT_KEYS, lambda: client.mandant_panel(mandant))
    for prefix, title in (("impressum", "Impressum"), ("datenschutz", "Datenschutzbeauftragter")):
        keys = [f"{prefix}.{f}" for f in client.locators.fields(prefix)] + [f"{prefix}.speichern"]
        form = checker.visit(title, keys, partial(client.form, mandant, prefix))
        if form.reached:
            checker.unchecked(title, [f"{prefix}.gespeichert"], AFTER_SAVE)
            _close(checker, title, form.opened)
    bild = checker.visit(
        "Bild",
        ("bild.bilddatei", "bild.hochladen"),
        lambda: client.mandant_panel(mandant).open_bild(),
    )
    if bild.reached:
        checker.unchecked("Bild", ["bild.gespeichert"], AFTER_SAVE)
        _close(checker, "Bild", bild.opened)


def _close(checker: _Checker, page: str, dialog: Dialog | None) -> None:
    """Leave a dialog with "Abbrechen" (the check of that text)."""
    key = "dialog.abbrechen"
    if dialog is None:
        return
    try:
        dialog.close()
    except LabelMissing:
        checker.record(LabelCheck(page, key, checker.label(key), False))
    else:
        checker.record(LabelCheck(page, key, checker.label(key), True))


def _check_units(checker: _Checker, mandanten: Sequence[str]) -> None:
    client = checker.client
    title = "Organisationseinheiten"
    for mandant in mandanten:
        listed = checker.visit(
            title,
            ("oe.anlegen", "oe.filter", "liste.weiter"),
            partial(client.list_units, mandant),
        )
        if not listed.reached:
            return
        if listed.opened:
            _check_unit(checker, mandant, listed.opened[0].name)
            break
    else:
        keys = [*UNIT_KEYS, *KANAL_KEYS]
        keys += [*_editor_keys(KOMMUNIKATION), *_editor_keys(INTERNETADRESSEN)]
        checker.unchecked("Organisationseinheit", keys, NO_UNIT)
    create = "Organisationseinheit anlegen"
    checker.visit(
        create, ("oe.name", "oe.speichern"), lambda: client.units_page(mandanten[0]).open_create()
    )
    client.start()  # leave the empty panel unsaved


def _editor_keys(keys: ListKeys) -> list[str]:
    fields = [keys.kennung, keys.zusatz, keys.public, keys.add, keys.take, keys.save]
    return [*keys.columns.values(), *([keys.kanal] if keys.kanal else []), *fields]


def _check_unit(checker: _Checker, mandant: str, name: str) -> None:
    client = checker.client
    page = f"Organisationseinheit „{name}“"
    keys = (*UNIT_KEYS, "oe.umhaengen", "oe.uebergeordnet", "oe.stammdaten", "oe.version")
    if not checker.visit(page, keys, lambda: client.unit_panel(mandant, name)).reached:
        return
    for which, editor in (("kommunikation", KOMMUNIKATION), ("internet", INTERNETADRESSEN)):
        _check_editor(checker, mandant, name, which, editor)
    if checker.results["oe.umhaengen"].found:
        move = checker.visit(
            "Umhängen",
            ("umhaengen.ziel", "umhaengen.ausfuehren"),
            lambda: client.unit_panel(mandant, name).open_move(),
        )
        _close(checker, "Umhängen", move.opened)


def _check_editor(checker: _Checker, mandant: str, name: str, which: str, keys: ListKeys) -> None:
    client = checker.client
    shown = checker.visit(
        keys.title,
        [keys.add, keys.save, *keys.columns.values()],
        lambda: client.channels(mandant, name, which),
    )
    editor = shown.opened
    if editor is None:
        return
    with suppress(PageProblem):
        entries = editor.entries()
        if entries:
            editor.select(0, entries[0])
        else:
            client.dom.click(keys.add, keys.title)  # an unsaved empty row shows the fields
            client.dom.wait_settled()
        fields = [k for k in (keys.kanal, keys.kennung, keys.zusatz, keys.public, keys.take) if k]
        checker.probe(keys.title, fields)
        if keys.kanal is not None:
            _check_kanal_choices(checker, keys)
    checker.unchecked(keys.title, [keys.saved], AFTER_SAVE)
    _close(checker, keys.title, editor)


def _check_kanal_choices(checker: _Checker, keys: ListKeys) -> None:
    """The Kanal captions the workbook's columns map to, among the choices of "Kanal"."""
    assert keys.kanal is not None
    offered = checker.client.dom.choices(keys.kanal, keys.title) or []
    shown = {" ".join(o.split()).casefold() for o in offered}
    for key in KANAL_KEYS:
        forms = checker.client.locators.labels(key)
        hit = next((f for f in forms if " ".join(f.split()).casefold() in shown), None)
        checker.record(LabelCheck(keys.title, key, checker.label(key), hit is not None, "", hit))


def check_unit_texts(client: AdminCenter, mandant: str, name: str) -> list[LabelCheck]:
    """The texts of one unit's panel and dialogs (the run's look at its first new unit)."""
    checker = _Checker(client)
    _check_unit(checker, mandant, name)
    return list(checker.results.values())


def _check_rest(checker: _Checker) -> None:
    """Every key of the table appears in the report: the rest only shows in error cases."""
    for key in checker.client.locators:
        if key not in checker.results:
            note = OPTIONAL.get(key, NOT_VISITED)
            if key.startswith("fehler."):
                note = ON_ERROR
            elif key.endswith(".gespeichert"):
                note = AFTER_SAVE
            checker.unchecked("–", [key], note)
