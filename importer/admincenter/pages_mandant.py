"""The working Mandant, the Mandanten list, a Mandant's panel, its Impressum,
Datenschutzbeauftragter and Bild dialogs."""

from __future__ import annotations

import base64
import hashlib
from contextlib import suppress
from pathlib import Path

from selenium.common.exceptions import ElementNotInteractableException
from selenium.webdriver.common.keys import Keys

from importer.admincenter.dom import Dom
from importer.admincenter.pages import Dialog, FormDialog, Page
from importer.admincenter.problems import PageProblem, PageTimeout, PermissionDenied, Refused
from importer.admincenter.script import FETCH_BASE64
from importer.admincenter.waits import wait_for
from importer.model import name_key

FORMS = {"impressum": "Impressum", "datenschutz": "Datenschutzbeauftragter"}
SELECTOR = "mandant.auswahl"
MAX_LIST_PAGES = 200
PAGE_TURN = 10.0  # seconds a list may take to show its next page
# Paging controls that are never list entries (besides the table's "liste.weiter").
PAGER_WORDS = {
    "Zurück",
    "Vorherige",
    "Nächste",
    "Erste",
    "Letzte",
    "Vorherige Seite",
    "Nächste Seite",
    "Erste Seite",
    "Letzte Seite",
}


def list_spec(dom: Dom, search_key: str, **extra: object) -> dict[str, object]:
    """What the page script needs to tell list entries from buttons and navigation."""
    exclude = sorted({label for loc in dom.locators.values() for label in loc.labels} | PAGER_WORDS)
    return {"search": dom.spec(search_key), "exclude": exclude, **extra}


def list_entries(dom: Dom, search_key: str) -> list[dict[str, str | None]]:
    """Every entry of the list next to the search field, following its pages."""
    spec = list_spec(dom, search_key, next=dom.spec("liste.weiter"))
    entries: list[dict[str, str | None]] = []
    dom.wait_settled()
    for _page in range(MAX_LIST_PAGES):
        answer = dom.run("listItems", spec)
        # the list may have ended on the login or error page while it loaded (e.g. the session
        # expired): what that page shows are no entries, and "no units" would be a wrong answer
        dom.raise_problem(dom.problem())
        new = [e for e in answer["items"] if e not in entries]
        entries += new
        if not new or not answer["next"]:
            break
        dom.press_found(lambda: dom.run("listItems", spec)["next"], dom.label("liste.weiter"))
        _wait_turned(dom, spec, answer["items"])
    return entries


def _wait_turned(dom: Dom, spec: dict[str, object], before: list[object]) -> None:
    """After "next page": wait until the list shows other entries, then for a quiet page."""
    with suppress(PageTimeout):
        wait_for(dom.driver, lambda _d: dom.run("listItems", spec)["items"] != before, PAGE_TURN)
    dom.wait_settled()


def shown_mandant(dom: Dom) -> str | None:
    """The working Mandant the selector shows; None where the page has no selector."""
    return dom.read_keys([SELECTOR])[SELECTOR]


def offered_mandanten(dom: Dom) -> list[str] | None:
    """The Mandanten the selector offers (None without a selector)."""
    return dom.choices(SELECTOR, "Mandant")


def select_mandant(dom: Dom, name: str) -> None:
    """Make `name` the working Mandant (a user with one Mandant may have no selector)."""
    current = shown_mandant(dom)
    if current is None or name_key(current) == name_key(name):
        return
    old = dom.document()
    try:
        dom.fill({SELECTOR: name}, "Mandant")
    except Refused:
        raise PermissionDenied(
            f"Den Mandanten „{name}“ bietet die Auswahl „{dom.label(SELECTOR)}“ nicht an."
        ) from None
    dom.wait_replaced(old, 1.0)  # a selector may reload the page or redraw parts of it
    dom.wait_settled()
    shown = shown_mandant(dom)
    if shown is None or name_key(shown) != name_key(name):
        raise PageProblem(f"Die Auswahl „{dom.label(SELECTOR)}“ zeigt „{shown}“ statt „{name}“.")


class MandantenPage(Page):
    title = "Mandanten"
    markers = ("mandanten.filter",)

    def names(self) -> list[str]:
        return [str(entry["name"]) for entry in list_entries(self.dom, self.markers[0])]

    def open(self, name: str) -> MandantPanel:
        """Click the Mandant with this name; filter for it if the list doesn't show it."""
        spec = list_spec(self.dom, self.markers[0], name=name)
        self.dom.wait_settled()
        if not self.dom.click_entry(spec):
            search = self.dom.element(self.markers[0], self.title)
            search.clear()
            search.send_keys(name, Keys.ENTER)
            self.dom.wait_settled()
            if not self.dom.click_entry(spec):
                raise PermissionDenied(
                    f"Den Mandanten „{name}“ zeigt das AdminCenter diesem Benutzer nicht an."
                )
        return MandantPanel(self.dom).wait_loaded()


class MandantPanel(Page):
    title = "Mandant"
    markers = ("mandant.impressum", "mandant.datenschutz", "mandant.bild")

    def shows(self, name: str) -> bool:
        """Whether the panel shows the Mandant `name` now, and no dialog is open over it."""
        shown = self.dom.read_keys(["mandant.name", "mandant.impressum"])
        return shown["mandant.impressum"] is not None and name_key(shown["mandant.name"]) == (
            name_key(name)
        )

    def open_form(self, prefix: str) -> FormDialog:
        self.dom.click(f"mandant.{prefix}", self.title, near="mandant.verwalten")
        return FormDialog(self.dom, prefix, FORMS[prefix]).wait_loaded()

    def open_bild(self) -> BildDialog:
        self.dom.click("mandant.bild", self.title, near="mandant.verwalten")
        return BildDialog(self.dom).wait_loaded()


class BildDialog(Dialog):
    title = "Bild"
    markers = ("bild.bilddatei", "bild.hochladen")

    def sha256(self) -> str | None:
        """SHA-256 of the image the dialog shows, fetched within the session; None without."""
        self.dom.wait_settled()
        src = self.dom.run("image", {"field": self.dom.spec("bild.bilddatei")})
        if not src:
            return None
        answer = self.driver.execute_async_script(FETCH_BASE64, src)
        if "error" in answer:
            raise PageProblem(f"Das aktuelle Bild ließ sich nicht laden ({answer['error']}).")
        return hashlib.sha256(base64.b64decode(answer["data"])).hexdigest()

    def upload(self, path: Path) -> None:
        field = self.dom.element("bild.bilddatei", self.title)
        try:
            field.send_keys(str(path.resolve()))
        except ElementNotInteractableException:
            self.driver.execute_script(
                "arguments[0].hidden = false; arguments[0].style.display = 'block';"
                "arguments[0].style.visibility = 'visible';",
                field,
            )
            field.send_keys(str(path.resolve()))
        self.dom.press("bild.hochladen", self.title, confirm=["bild.gespeichert"], closed=True)
        self.close()
