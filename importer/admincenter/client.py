"""The facade the runner uses: one `AdminCenter` per browser session.

Values are dicts keyed by catalogue field names (`importer/workbook/columns.py`) and the
values of `values.py`. Problems on a page raise `PageProblem` subclasses (problems.py). Panels
and dialogs have no address of their own: the way to them is always taken by clicking, from a
list page whose address is remembered once seen (the working Mandant is chosen on every
visit, since one address serves every Mandant).
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path
from typing import TypeVar

from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.remote.webdriver import WebDriver

from importer.admincenter.checks import check_labels
from importer.admincenter.dom import Dom
from importer.admincenter.locators import Locators
from importer.admincenter.pages import FormDialog
from importer.admincenter.pages_channels import ChannelEditor
from importer.admincenter.pages_login import LoginPage
from importer.admincenter.pages_mandant import (
    MandantenPage,
    MandantPanel,
    offered_mandanten,
    select_mandant,
)
from importer.admincenter.pages_units import UnitPanel, UnitsPage
from importer.admincenter.problems import LabelMissing, PageTimeout, ServerError
from importer.admincenter.values import LabelCheck, Unit, UnitRef
from importer.admincenter.waits import wait_for
from importer.model import name_key

PUBLISH_POLL = 0.5
CLEAR_PASSWORDS = (
    "for (const f of document.querySelectorAll('input[type=password]')) "
    "{ f.value = ''; f.removeAttribute('value'); }"
)
P = TypeVar("P", MandantenPage, UnitsPage)
NAV = {MandantenPage: "nav.mandanten", UnitsPage: "nav.organisationseinheiten"}


class AdminCenter:
    """Drives one logged-in AdminCenter session by visible texts."""

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
        self._urls: dict[str, str] = {}  # list page → its address
        # the panel shown: (Mandant, unit name key), or ("", Mandant name key) for a Mandant's
        self._panel: tuple[str, str] | None = None

    # --- session -------------------------------------------------------------------------

    def login(self, user: str, password: str) -> None:
        """Sign in; raises `LoginFailed` or `AdminCenterUnreachable`."""
        LoginPage(self.dom).open(self.base_url).login(user, password)

    def check_labels(
        self, mandant: str | None = None, others: Sequence[str] = ()
    ) -> list[LabelCheck]:
        """Read-only visit of every part a run needs; each text found or missing (`others`:
        further Mandanten to look for a unit in, where `mandant` has none)."""
        return check_labels(self, mandant, others)

    def capture(self, stem: Path) -> list[Path]:
        """Save `stem.png` and `stem.html` of the current page (password fields emptied)."""
        stem.parent.mkdir(parents=True, exist_ok=True)
        png, html = (stem.parent / f"{stem.name}.{suffix}" for suffix in ("png", "html"))
        self.driver.execute_script(CLEAR_PASSWORDS)
        self.driver.save_screenshot(str(png))
        html.write_text(self.driver.page_source, encoding="utf-8")
        return [png, html]

    def reset_cache(self) -> None:
        """Forget remembered addresses and the shown panel (after a doubtful response)."""
        self._urls.clear()
        self._panel = None

    # --- Mandanten -----------------------------------------------------------------------

    def mandanten(self) -> list[str]:
        """The Mandanten this user may manage: what the selector offers, else the list."""
        self.start()
        offered = offered_mandanten(self.dom)
        return offered if offered is not None else self.list_page(MandantenPage).names()

    def read_impressum(self, mandant: str) -> dict[str, str | None]:
        return self._read_form(mandant, "impressum")

    def save_impressum(self, mandant: str, values: dict[str, str | None]) -> None:
        self.form(mandant, "impressum").save(values)

    def read_datenschutz(self, mandant: str) -> dict[str, str | None]:
        return self._read_form(mandant, "datenschutz")

    def save_datenschutz(self, mandant: str, values: dict[str, str | None]) -> None:
        self.form(mandant, "datenschutz").save(values)

    def _read_form(self, mandant: str, prefix: str) -> dict[str, str | None]:
        dialog = self.form(mandant, prefix)
        values = dialog.read()
        dialog.close()
        return values

    def read_bild_sha256(self, mandant: str) -> str | None:
        """SHA-256 of the Mandant's current image, None when there is none."""
        dialog = self.mandant_panel(mandant).open_bild()
        digest = dialog.sha256()
        dialog.close()
        return digest

    def upload_bild(self, mandant: str, path: Path) -> None:
        self.mandant_panel(mandant).open_bild().upload(path)

    def form(self, mandant: str, prefix: str) -> FormDialog:
        return self.mandant_panel(mandant).open_form(prefix)

    def mandant_panel(self, mandant: str) -> MandantPanel:
        """The panel of `mandant`: the one shown already, else clicked in the list."""
        panel = MandantPanel(self.dom)
        if self._panel == ("", name_key(mandant)) and panel.shows(mandant):
            return panel
        self.start()
        select_mandant(self.dom, mandant)
        panel = self.list_page(MandantenPage).open(mandant)
        self._panel = ("", name_key(mandant))
        return panel

    # --- Organisationseinheiten ----------------------------------------------------------

    def list_units(self, mandant: str) -> list[UnitRef]:
        """The working Mandant's units as the list shows them (a tree opened fully)."""
        return self.units_page(mandant).units()

    def search_units(self, mandant: str, text: str) -> list[UnitRef]:
        """The units the list's filter finds for `text` (a paged list shows only some)."""
        return self.units_page(mandant).search(text)

    def read_unit(self, mandant: str, ref: UnitRef | Unit) -> Unit:
        return self.unit_panel(mandant, ref.name).read(ref.parent)

    def create_unit(self, mandant: str, name: str, parent: str | None) -> Unit:
        """ "Anlegen" (top level) or the parent's "Unterhalb anlegen"; the new unit as its
        panel shows it (with its Id)."""
        if parent is None:
            form = self.units_page(mandant).open_create()
        else:
            form = self.unit_panel(mandant, parent).create_child()
        self._panel = None
        panel = form.save(name)
        self._panel = (mandant, name_key(name))
        return panel.read(parent)

    def rename_unit(self, mandant: str, unit: Unit, name: str) -> None:
        self.unit_panel(mandant, unit.name).rename(name)
        self._panel = (mandant, name_key(name))

    def can_move(self, mandant: str, unit: Unit) -> bool:
        """Whether the unit's panel offers "Umhängen" (klassisch does not)."""
        return self.unit_panel(mandant, unit.name).can_move()

    def shown_parent(self, mandant: str, unit: Unit) -> str | None:
        """The parent the "Umhängen" dialog names (opened and left without a change)."""
        dialog = self.unit_panel(mandant, unit.name).open_move()
        current = dialog.current()
        dialog.close()
        return current

    def move_unit(self, mandant: str, unit: Unit, parent: str | None) -> None:
        self.unit_panel(mandant, unit.name).open_move().move(parent)

    def channels(self, mandant: str, name: str, which: str) -> ChannelEditor:
        """The Kommunikation ("kommunikation") or Internetadressen ("internet") editor of the
        unit `name`, opened."""
        return self.unit_panel(mandant, name).open_channels(which)

    def wait_published(self, mandant: str, unit: Unit | UnitRef, timeout: float) -> Unit:
        """Look at the unit's version until it is published; its last state after `timeout`.
        The panel is opened again for every look (it may not redraw by itself)."""
        panel = self.unit_panel(mandant, unit.name)
        current = panel.read(unit.parent)
        if current.published:
            return current

        def published(_driver: WebDriver) -> Unit | None:
            self._panel = None
            self.driver.refresh()
            shown = self.unit_panel(mandant, unit.name).read(unit.parent)
            return shown if shown.published else None

        with suppress(PageTimeout):
            return wait_for(self.driver, published, timeout, poll=PUBLISH_POLL)
        return self.unit_panel(mandant, unit.name).read(unit.parent)

    # --- ways to the parts ---------------------------------------------------------------

    def _get(self, url: str) -> None:
        try:
            self.driver.get(url)
        except TimeoutException:
            raise PageTimeout(f"Die Seite {url} lädt nicht.") from None
        except WebDriverException as error:
            raise ServerError(f"Das AdminCenter ist nicht erreichbar ({error.msg}).") from None

    def start(self) -> None:
        """A freshly loaded page with the navigation (the current one may still show the
        answer to something earlier, e.g. a failed save, or an open dialog)."""
        self._panel = None
        self._get(self._urls.get(UnitsPage.title, self.base_url))
        self.dom.seek("nav.organisationseinheiten", "Startseite")

    def list_page(self, kind: type[P]) -> P:
        """A list page: at its remembered address if it still shows that list, else by the
        navigation (the current page has the navigation)."""
        url = self._urls.get(kind.title)
        if url is not None and self.driver.current_url.split("#")[0] == url:
            with suppress(LabelMissing):
                return kind(self.dom).wait_loaded()
        self.dom.click(NAV[kind], "Navigation")
        page = kind(self.dom).wait_loaded()
        self._urls[kind.title] = self.driver.current_url.split("#")[0]
        return page

    def units_page(self, mandant: str) -> UnitsPage:
        """The units list of `mandant` as the working Mandant, freshly loaded."""
        self.start()
        select_mandant(self.dom, mandant)
        return self.list_page(UnitsPage)

    def unit_panel(self, mandant: str, name: str) -> UnitPanel:
        """The panel of the unit `name`: the one shown already, else clicked in the list."""
        if self._panel == (mandant, name_key(name)):
            panel = UnitPanel(self.dom)
            if panel.shows(name):
                return panel
        self._panel = None
        panel = self.units_page(mandant).open_unit(name)
        self._panel = (mandant, name_key(name))
        return panel
