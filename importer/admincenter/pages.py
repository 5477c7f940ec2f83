"""Page objects: what every AdminCenter page offers, built on `Dom` (labels, waits, outcomes).

Selenium's rules: services that return the next page object, every label from the locator
table, and no checks beyond "the right page is loaded" (`wait_loaded`).
"""

from __future__ import annotations

from typing import Self

from selenium.webdriver.remote.webdriver import WebDriver

from importer.admincenter.dom import Dom


class Page:
    """A page recognized by its marker labels (all must be present)."""

    title = "AdminCenter"
    markers: tuple[str, ...] = ()

    def __init__(self, dom: Dom) -> None:
        self.dom = dom

    @property
    def driver(self) -> WebDriver:
        return self.dom.driver

    def wait_loaded(self) -> Self:
        """Wait for the page's markers; raise its problem or `LabelMissing`."""
        self.dom.seek(self.markers[0], self.title, also=self.markers[1:])
        return self


class FormPage(Page):
    """A form whose fields are the locator keys `<prefix>.<field>` (Impressum, Datenschutz)."""

    def __init__(self, dom: Dom, prefix: str, title: str) -> None:
        super().__init__(dom)
        self.prefix = prefix
        self.title = title
        self.fields = dom.locators.fields(prefix)
        self.save_key = f"{prefix}.speichern"
        self.markers = (self.save_key, f"{prefix}.{next(iter(self.fields))}")

    def read(self) -> dict[str, str | None]:
        """The form's current values by catalogue field name ("" for an empty field)."""
        keys = [f"{self.prefix}.{field}" for field in self.fields]
        values = self.dom.read_keys(keys, near=self.save_key)
        return {field: values[f"{self.prefix}.{field}"] for field in self.fields}

    def save(self, values: dict[str, str | None]) -> None:
        """Fill the fields named in `values` (others stay) and save; raises `Refused` etc."""
        known = {f"{self.prefix}.{f}": v for f, v in values.items() if f in self.fields}
        self.dom.fill(known, self.title, near=self.save_key)
        self.dom.press(self.save_key, self.title, confirm=[f"{self.prefix}.gespeichert"])
