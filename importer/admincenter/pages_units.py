"""Organisationseinheiten: the list (with the Mandant selector), the form, a unit's detail."""

from __future__ import annotations

import re
from contextlib import suppress
from typing import Any, Self

from selenium.webdriver.common.keys import Keys

from importer.admincenter.dom import Dom
from importer.admincenter.locators import KOMMUNIKATION_FIELDS
from importer.admincenter.pages import Page
from importer.admincenter.pages_mandant import list_entries, list_spec
from importer.admincenter.problems import (
    LabelMissing,
    PageProblem,
    PageTimeout,
    PermissionDenied,
    Refused,
    UnitExists,
)
from importer.admincenter.values import Unit, UnitRef
from importer.admincenter.waits import wait_for
from importer.model import name_key

NO_PARENT = {"", "-", "–", "—", "keine", "– keine –", "(keine)"}
SAVE_KOMMUNIKATION = "oe.kommunikation_speichern"
CREATE_TITLE = "Organisationseinheit anlegen"
TREE_INDENT = re.compile(r"^[\s\u00a0\-–—·•»>|]+")
SEARCH_LIMIT = 5.0  # seconds a searched list may take to show only matching entries
RGB = re.compile(r"rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\)")


class UnitsPage(Page):
    title = "Organisationseinheiten"
    markers = ("oe.anlegen",)

    def select_mandant(self, name: str) -> UnitsPage:
        """Show the units of `name` (users with several Mandanten choose in "Mandant")."""
        current = shown_mandant(self.dom)
        if current is None or current.casefold() == name.casefold():
            return self
        old = self.dom.document()
        try:
            self.dom.fill({"oe.mandant": name}, self.title)
        except Refused:
            raise PermissionDenied(
                f"Den Mandanten „{name}“ bietet die Auswahl „{self.dom.label('oe.mandant')}“ "
                "nicht an."
            ) from None
        if not self.dom.wait_replaced(old, 2.0):
            self.driver.execute_script(
                "const f = arguments[0].form; if (f) f.requestSubmit ? f.requestSubmit() : "
                "f.submit();",
                self.dom.find("oe.mandant"),
            )
            self.dom.wait_replaced(old, self.dom.timeout)
        return UnitsPage(self.dom).wait_loaded()

    def units(self) -> list[UnitRef]:
        """The Mandant's units in list order, once the list has finished loading."""
        entries = list_entries(self.dom, "oe.suchen")
        return [UnitRef(str(e["name"]), e["href"]) for e in entries]

    def search(self, text: str) -> list[UnitRef]:
        """The entries the list shows after searching for `text` in its field "Suchen": the way
        to units a list does not show (a list that shows only its first units)."""
        field = self.dom.element("oe.suchen", self.title)
        field.clear()
        field.send_keys(text, Keys.ENTER)
        needle = name_key(text)
        spec = list_spec(self.dom, "oe.suchen")

        def only_matches(_driver: object) -> bool:
            items = self.dom.run("listItems", spec)["items"]
            return all(needle in name_key(item["name"]) for item in items)

        with suppress(PageTimeout):  # a list that ignores the search is read as it is
            wait_for(self.driver, only_matches, SEARCH_LIMIT)
        return self.units()

    def open_unit(self, name: str) -> UnitPage:
        self.dom.wait_settled()
        if not self.dom.click_entry(list_spec(self.dom, "oe.suchen", name=name)):
            raise PageProblem(f"Die Organisationseinheit „{name}“ steht nicht in der Liste.")
        return UnitPage(self.dom).wait_loaded()

    def open_create(self) -> UnitFormPage:
        self.dom.click("oe.anlegen", self.title)
        return UnitFormPage(self.dom, CREATE_TITLE).wait_loaded()


class UnitFormPage(Page):
    """Anlegen and Bearbeiten: "Name" and the parent unit."""

    markers = ("oe.name", "oe.speichern")

    def __init__(self, dom: Dom, title: str) -> None:
        super().__init__(dom)
        self.title = title

    def wait_loaded(self) -> Self:
        """The form's fields, and then a quiet page: a script may still be filling the choice
        of the parent unit (e.g. from the same request that fills the list)."""
        super().wait_loaded()
        self.dom.wait_settled()
        return self

    def offered(self) -> set[str] | None:
        """Name keys of the units the choice of the parent unit offers (every unit of the
        Mandant); None where its choices only appear while typing."""
        offered = self.dom.run("choices", self.dom.spec("oe.parent"))
        if offered is None:
            return None
        return {name_key(TREE_INDENT.sub("", text)) for text in offered}

    def refuse_existing(self, name: str) -> None:
        """Raise `UnitExists` if the choice of the parent unit offers `name` already: a last
        look before Anlegen that catches a unit the list did not show."""
        if name_key(name) in (self.offered() or set()):
            raise UnitExists(name)

    def save(self, name: str, parent: str | None, confirm: str) -> UnitPage:
        values = {"oe.name": name, "oe.parent": parent or ""}
        self.dom.fill(values, self.title, near="oe.speichern")
        self.dom.press("oe.speichern", self.title, confirm=[confirm])
        return UnitPage(self.dom).wait_loaded()


class UnitPage(Page):
    title = "Organisationseinheit"
    markers = ("oe.id", "oe.kommunikation")

    def _value_spec(self, key: str) -> dict[str, Any]:
        return self.dom.spec(key, kind="value")

    def read(self) -> Unit:
        """Everything the detail page shows about the unit (one script call, two if the
        Kommunikation tab must be opened first)."""
        keys = [f"kommunikation.{f}" for f in KOMMUNIKATION_FIELDS]
        specs = [self._value_spec(k) for k in ("oe.id", "oe.name", "oe.parent")]
        specs += [self.dom.spec(k, near=SAVE_KOMMUNIKATION) for k in keys]
        values = self.dom.read(specs)
        if any(values[k] is None for k in keys):
            self.open_kommunikation()
            values = self.dom.read(specs)
        for key in ("oe.id", "oe.name", *keys):
            if values[key] is None:
                raise LabelMissing(key, self.dom.label(key), self.title)
        badge = self.badge()
        parent = values["oe.parent"]
        return Unit(
            oe_id=_digits(values["oe.id"] or ""),
            name=values["oe.name"] or "",
            parent=None if parent is None or parent.casefold() in NO_PARENT else parent,
            **{f: values[f"kommunikation.{f}"] or None for f in KOMMUNIKATION_FIELDS},
            version=f"{badge['major']}.{badge['minor']}",  # "Version 1.0" says 1.0
            published=self.is_published(badge),
            href=self.driver.current_url.split("#")[0],
        )

    def badge(self) -> dict[str, Any]:
        badge = self.dom.run("badge")
        if badge is None:
            raise LabelMissing("oe.versionen", "Versionsnummer (z. B. 1.0)", self.title)
        return badge

    def is_published(self, badge: dict[str, Any]) -> bool:
        """Whole version ≥ 1.0 with a green badge (background or text); where the colour says
        nothing clear, the "Versionen" tab decides."""
        if badge["minor"] != 0 or badge["major"] < 1:
            return False
        if is_green(badge["background"]) or is_green(badge["color"]):
            return True
        return self.versions_say_published(badge["text"])

    def versions_say_published(self, version: str) -> bool:
        spec = {
            "version": re.sub(r"^\D+", "", version).replace(",", "."),
            "published": self.dom.label("oe.veroeffentlicht"),
            "draft": self.dom.label("oe.entwurf"),
        }
        state = self.dom.run("versionState", spec)
        if state is None and self.dom.find("oe.versionen") is not None:
            self.dom.click("oe.versionen", self.title)
            self.dom.wait_settled()
            state = self.dom.run("versionState", spec)
        return state == "published"

    def open_kommunikation(self) -> None:
        hit = self.dom.run(
            "seek", {"find": self.dom.spec(SAVE_KOMMUNIKATION), "problems": self.dom.problem_spec()}
        )
        if hit and hit.get("visible"):
            return
        self.dom.click("oe.kommunikation", self.title)
        self.dom.seek(SAVE_KOMMUNIKATION, self.title)

    def save_kommunikation(self, values: dict[str, str | None]) -> None:
        self.open_kommunikation()
        fields = {f"kommunikation.{f}": values[f] for f in KOMMUNIKATION_FIELDS if f in values}
        self.dom.fill(fields, "Kommunikation", near=SAVE_KOMMUNIKATION)
        self.dom.press(
            SAVE_KOMMUNIKATION, "Kommunikation", confirm=["oe.kommunikation_gespeichert"]
        )

    def open_edit(self) -> UnitFormPage:
        self.dom.click("oe.bearbeiten", self.title)
        return UnitFormPage(self.dom, "Organisationseinheit bearbeiten").wait_loaded()


def shown_mandant(dom: Dom) -> str | None:
    """The Mandant the selector "Mandant" of the current page shows; None without one."""
    return dom.read_keys(["oe.mandant"])["oe.mandant"]


def _digits(text: str) -> str:
    match = re.search(r"\d+", text)
    return match.group(0) if match else text.strip()


def is_green(css_colour: str) -> bool:
    """Whether a computed CSS colour is a clear green (hue 75–170°, saturated, not too dark)."""
    match = RGB.match(css_colour or "")
    if not match or (match.group(4) is not None and float(match.group(4)) == 0):
        return False
    r, g, b = (int(match.group(i)) / 255 for i in (1, 2, 3))
    high, low = max(r, g, b), min(r, g, b)
    if high - low < 0.15 or high < 0.2 or high != g:
        return False
    hue = 60 * ((b - r) / (high - low) + 2)
    return 75 <= hue <= 170
