"""Page objects: what every part of the AdminCenter offers, built on `Dom`.

Selenium's rules: services that return the next page object, every text from the locator
table, and no checks beyond "the right part is shown" (`wait_loaded`). The AdminCenter is a
single-page application: a "page" here may be a list page, a panel beside the list or a
dialog over everything; lookups go to the top-most dialog, else the panel (dom.py).
"""

from __future__ import annotations

from typing import Self

from selenium.webdriver.remote.webdriver import WebDriver

from importer.admincenter.dom import Dom
from importer.admincenter.problems import LabelMissing, PageTimeout
from importer.admincenter.waits import wait_for

CLOSE_LIMIT = 5.0


class Page:
    """A page, panel or dialog recognized by its marker texts (all must be present)."""

    title = "AdminCenter"
    markers: tuple[str, ...] = ()

    def __init__(self, dom: Dom) -> None:
        self.dom = dom

    @property
    def driver(self) -> WebDriver:
        return self.dom.driver

    def wait_loaded(self) -> Self:
        """Wait for the markers; raise the page's problem or `LabelMissing`."""
        self.dom.seek(self.markers[0], self.title, also=self.markers[1:])
        return self


class Dialog(Page):
    """A dialog (or a box that replaces a panel's body) left with "Abbrechen"."""

    def is_open(self) -> bool:
        """Whether the top-most open dialog shows this one's first marker."""
        return bool(self.dom.run("inDialog", self.dom.spec(self.markers[0])))

    def close(self) -> None:
        """Leave without saving, if it is still open; nothing unsaved is kept."""
        if not self.is_open():
            return
        self.dom.click("dialog.abbrechen", self.title)
        try:
            wait_for(self.driver, lambda _driver: not self.is_open(), CLOSE_LIMIT)
        except PageTimeout:
            label = self.dom.label("dialog.abbrechen")
            raise LabelMissing("dialog.abbrechen", label, self.title) from None


class FormDialog(Dialog):
    """A dialog whose fields are the locator keys `<prefix>.<field>` (Impressum,
    Datenschutzbeauftragter)."""

    def __init__(self, dom: Dom, prefix: str, title: str) -> None:
        super().__init__(dom)
        self.prefix = prefix
        self.title = title
        self.fields = dom.locators.fields(prefix)
        self.save_key = f"{prefix}.speichern"
        self.markers = (f"{prefix}.{next(iter(self.fields))}", self.save_key)

    def read(self) -> dict[str, str | None]:
        """The form's current values by catalogue field name ("" for an empty field)."""
        keys = [f"{self.prefix}.{field}" for field in self.fields]
        values = self.dom.read_keys(keys)
        return {field: values[f"{self.prefix}.{field}"] for field in self.fields}

    def save(self, values: dict[str, str | None]) -> None:
        """Fill the fields named in `values` (others stay) and save; raises `Refused` etc."""
        known = {f"{self.prefix}.{f}": v for f, v in values.items() if f in self.fields}
        self.dom.fill(known, self.title)
        self.dom.press(
            self.save_key, self.title, confirm=[f"{self.prefix}.gespeichert"], closed=True
        )
        self.close()
