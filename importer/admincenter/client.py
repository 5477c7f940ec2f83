"""The facade the runner uses: one `AdminCenter` per browser session.

Values are dicts keyed by catalogue field names (`importer/workbook/columns.py`). Problems on a
page raise `PageProblem` subclasses (problems.py). For speed, addresses the AdminCenter itself
showed (a Mandant's pages, the unit links of the list) are remembered and visited directly the
next time; a remembered address that no longer leads to the expected page is forgotten and the
way is taken again by clicking.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TypeVar

from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.remote.webdriver import WebDriver

from importer.admincenter.checks import check_labels
from importer.admincenter.dom import Dom
from importer.admincenter.locators import Locators
from importer.admincenter.pages import FormPage, Page
from importer.admincenter.pages_login import LoginPage, StartPage
from importer.admincenter.pages_mandant import FORMS, BildPage, MandantenPage, MandantPage
from importer.admincenter.pages_units import (
    CREATE_TITLE,
    UnitFormPage,
    UnitPage,
    UnitsPage,
    shown_mandant,
)
from importer.admincenter.problems import LabelMissing, PageTimeout, ServerError
from importer.admincenter.values import LabelCheck, Unit, UnitRef
from importer.admincenter.waits import wait_for

P = TypeVar("P", bound=Page)
PUBLISH_POLL = 0.25
VERIFIED_PAGES = {"mandanten", "units"}
CLEAR_PASSWORDS = (
    "for (const f of document.querySelectorAll('input[type=password]')) "
    "{ f.value = ''; f.removeAttribute('value'); }"
)


class AdminCenter:
    """Drives one logged-in AdminCenter session by visible labels."""

    def __init__(
        self, driver: WebDriver, base_url: str, locators: Locators, timeout: float = 30.0
    ) -> None:
        self.driver = driver
        self.base_url = base_url
        self.locators = locators
        self.timeout = timeout
        self.dom = Dom(driver, locators, timeout)
        driver.set_page_load_timeout(timeout)
        driver.set_script_timeout(timeout)
        self._urls: dict[tuple[str, str], str] = {}
        self._shared: set[str] = set()
        self._units: dict[str, list[UnitRef]] = {}
        self._forms: dict[str, tuple[str, str | None]] = {}  # Anlegen: address, Mandant shown

    # --- session -------------------------------------------------------------------------

    def login(self, user: str, password: str) -> None:
        """Sign in; raises `LoginFailed` or `AdminCenterUnreachable`."""
        LoginPage(self.dom).open(self.base_url).login(user, password)

    def check_labels(self, mandant: str | None = None) -> list[LabelCheck]:
        """Read-only visit of every page a run needs; each label found or missing."""
        return check_labels(self, mandant)

    def capture(self, stem: Path) -> list[Path]:
        """Save `stem.png` and `stem.html` of the current page (password fields emptied)."""
        stem.parent.mkdir(parents=True, exist_ok=True)
        png, html = (stem.parent / f"{stem.name}.{suffix}" for suffix in ("png", "html"))
        self.driver.execute_script(CLEAR_PASSWORDS)
        self.driver.save_screenshot(str(png))
        html.write_text(self.driver.page_source, encoding="utf-8")
        return [png, html]

    def reset_cache(self) -> None:
        """Forget remembered addresses and unit lists (after a lost or doubtful response)."""
        self._urls.clear()
        self._shared.clear()
        self._units.clear()
        self._forms.clear()

    # --- Mandanten -----------------------------------------------------------------------

    def mandanten(self) -> list[str]:
        """The Mandanten this user may manage, as the list shows them."""
        return self.mandanten_page().names()

    def read_impressum(self, mandant: str) -> dict[str, str | None]:
        return self.form_page(mandant, "impressum").read()

    def save_impressum(self, mandant: str, values: dict[str, str | None]) -> None:
        self._save_form(mandant, "impressum", values)

    def read_datenschutz(self, mandant: str) -> dict[str, str | None]:
        return self.form_page(mandant, "datenschutz").read()

    def save_datenschutz(self, mandant: str, values: dict[str, str | None]) -> None:
        self._save_form(mandant, "datenschutz", values)

    def read_bild_sha256(self, mandant: str) -> str | None:
        """SHA-256 of the Mandant's current image, None when there is none."""
        return self.bild_page(mandant).sha256()

    def upload_bild(self, mandant: str, path: Path) -> None:
        self.bild_page(mandant).upload(path)

    # --- Organisationseinheiten ----------------------------------------------------------

    def list_units(self, mandant: str) -> list[UnitRef]:
        """The Mandant's units by name, with the link the list offers."""
        if mandant not in self._units:
            self._units[mandant] = self.units_page(mandant).units()
        return list(self._units[mandant])

    def search_units(self, mandant: str, text: str) -> list[UnitRef]:
        """The units the list's search "Suchen" finds for `text` (it may show units the plain
        list leaves out)."""
        return self.units_page(mandant).search(text)

    def offered_units(self, mandant: str) -> set[str] | None:
        """Name keys of every unit the Anlegen form offers as parent (read-only: the form is
        opened, not saved); None where the form offers its choices only while typing."""
        return self.create_form(mandant).offered()

    def read_unit(self, mandant: str, ref: UnitRef | Unit) -> Unit:
        return self.unit_page(mandant, ref).read()

    def create_unit(self, mandant: str, name: str, parent: str | None) -> Unit:
        """Anlegen; returns the new unit as its detail page shows it (with its ID)."""
        form = self.create_form(mandant)
        form.refuse_existing(name)
        try:
            unit = form.save(name, parent, "oe.angelegt").read()
        except BaseException:
            self._units.pop(mandant, None)
            raise
        if mandant in self._units:
            self._units[mandant].append(unit.ref)
        return unit

    def update_stammdaten(self, mandant: str, unit: Unit, name: str, parent: str | None) -> None:
        """Bearbeiten: rename and/or move under another parent."""
        form: UnitFormPage = self.unit_page(mandant, unit).open_edit()
        self._units.pop(mandant, None)
        form.save(name, parent, "oe.gespeichert")

    def save_kommunikation(
        self, mandant: str, unit: Unit | UnitRef, values: dict[str, str | None]
    ) -> None:
        """Tab Kommunikation; waits for a new "Kommunikation gespeichert". The unit's page
        that is open already (just created or renamed) is used as it is."""
        self.unit_page(mandant, unit, reuse=True).save_kommunikation(values)

    def wait_published(self, mandant: str, unit: Unit | UnitRef, timeout: float) -> Unit:
        """Reload the unit until its badge says published; the last state after `timeout`."""
        page = self.unit_page(mandant, unit, reuse=True)
        if page.is_published(page.badge()):
            return page.read()

        def published(_driver: WebDriver) -> bool:
            self.driver.refresh()
            page.wait_loaded()
            return page.is_published(page.badge())

        with suppress(PageTimeout):
            wait_for(self.driver, published, timeout, poll=PUBLISH_POLL)
        return page.read()

    # --- pages (the label check visits them; each opens at its remembered address) -------

    def _get(self, url: str) -> None:
        try:
            self.driver.get(url)
        except TimeoutException:
            raise PageTimeout(f"Die Seite {url} lädt nicht.") from None
        except WebDriverException as error:
            raise ServerError(f"Das AdminCenter ist nicht erreichbar ({error.msg}).") from None

    def _visit(self, key: tuple[str, str], page: P, route: Callable[[], P], reuse: bool) -> P:
        """Open `page` at its remembered address, else by `route` (and remember where)."""
        url = self._urls.get(key)
        if url:
            if not (reuse and self._showing(url)):
                self._get(url)
            try:
                return page.wait_loaded()
            except LabelMissing:
                self._forget(key)
        opened = route()
        self._remember(key, self.driver.current_url.split("#")[0])
        return opened

    def _remember(self, key: tuple[str, str], url: str) -> None:
        """Remember where a page was; an address that two Mandanten share does not say which
        Mandant it shows (the application keeps that elsewhere), so it is not remembered.
        The units page may share one: it checks its Mandant selector on every visit."""
        mandant, kind = key
        shared = [k for k, u in self._urls.items() if k[1] == kind and k[0] != mandant and u == url]
        if kind in self._shared or (shared and kind not in VERIFIED_PAGES):
            self._shared.add(kind)
            for other in shared:
                self._forget(other)
            return
        self._urls[key] = url

    def _showing(self, url: str) -> bool:
        """Whether the browser shows `url` without a problem (e.g. from a failed save)."""
        return self.driver.current_url.split("#")[0] == url and not self.dom.problem()

    def _forget(self, key: tuple[str, str]) -> None:
        self._urls.pop(key, None)

    def mandanten_page(self) -> MandantenPage:
        return self._visit(
            ("", "mandanten"),
            MandantenPage(self.dom),
            lambda: self._start().open_mandanten(),
            reuse=False,
        )

    def _start(self) -> StartPage:
        """Begin a way by clicks on a freshly loaded start page (the current page may still
        show the answer to something earlier, e.g. a failed save)."""
        self._get(self.base_url)
        return StartPage(self.dom).wait_loaded()

    def mandant_page(self, mandant: str) -> MandantPage:
        return self._visit(
            (mandant, "detail"),
            MandantPage(self.dom),
            lambda: self.mandanten_page().open(mandant),
            reuse=False,
        )

    def form_page(self, mandant: str, prefix: str, reuse: bool = False) -> FormPage:
        return self._visit(
            (mandant, prefix),
            FormPage(self.dom, prefix, FORMS[prefix]),
            lambda: self.mandant_page(mandant).open_form(prefix),
            reuse,
        )

    def _save_form(self, mandant: str, prefix: str, values: dict[str, str | None]) -> None:
        self.form_page(mandant, prefix, reuse=True).save(values)

    def bild_page(self, mandant: str) -> BildPage:
        return self._visit(
            (mandant, "bild"),
            BildPage(self.dom),
            lambda: self.mandant_page(mandant).open_bild(),
            reuse=False,
        )

    def units_page(self, mandant: str) -> UnitsPage:
        page = self._visit(
            (mandant, "units"),
            UnitsPage(self.dom),
            lambda: self._start().open_units().select_mandant(mandant),
            reuse=False,
        )
        return page.select_mandant(mandant)

    def create_form(self, mandant: str) -> UnitFormPage:
        """The Anlegen form for `mandant`. Its address is opened directly only while the form
        shows what it showed when the address was remembered: this Mandant in its selector
        "Mandant" (or, for a user who sees one Mandant, no selector on list and form). An
        address that depends on a choice kept elsewhere then fails the check, not the data."""
        remembered = self._forms.get(mandant)
        if remembered is not None:
            url, shown = remembered
            self._get(url)
            with suppress(LabelMissing):
                form = UnitFormPage(self.dom, CREATE_TITLE).wait_loaded()
                if _same(shown_mandant(self.dom), shown):
                    return form
            self._forms.pop(mandant, None)
        units = self.units_page(mandant)
        listed = shown_mandant(self.dom)
        list_url = self.driver.current_url.split("#")[0]
        form = units.open_create()
        shown = shown_mandant(self.dom)
        url = self.driver.current_url.split("#")[0]
        # a form opened on the list page itself (a dialog) has no address of its own
        if url != list_url and (_same(shown, mandant) or (shown is None and listed is None)):
            self._forms[mandant] = (url, shown)
        return form

    def unit_page(self, mandant: str, ref: Unit | UnitRef, reuse: bool = False) -> UnitPage:
        href = ref.href or self._href_from_list(mandant, ref.name)
        if href is None:
            return self.units_page(mandant).open_unit(ref.name)
        if not (reuse and self._showing(href)):
            self._get(href)
        return UnitPage(self.dom).wait_loaded()

    def _href_from_list(self, mandant: str, name: str) -> str | None:
        matches = [r.href for r in self.list_units(mandant) if r.name == name]
        return matches[0] if matches else None


def _same(shown: str | None, expected: str | None) -> bool:
    """Whether a Mandant name shown equals the expected one (None: no selector shown)."""
    if shown is None or expected is None:
        return shown is expected
    return shown.casefold() == expected.casefold()
