"""Organisationseinheiten: the list (table or tree, paged or searched on the server), a unit's
panel, the empty panel of "Anlegen" / "Unterhalb anlegen", and the "Umhängen" dialog."""

from __future__ import annotations

import re
from contextlib import suppress
from functools import partial
from typing import Any

from selenium.webdriver.common.keys import Keys

from importer.admincenter.pages import Dialog, Page
from importer.admincenter.pages_channels import INTERNETADRESSEN, KOMMUNIKATION, ChannelEditor
from importer.admincenter.pages_mandant import list_entries, list_spec
from importer.admincenter.problems import LabelMissing, PageProblem, PageTimeout
from importer.admincenter.values import PARENT_UNKNOWN, Unit, UnitRef
from importer.admincenter.waits import wait_for
from importer.model import name_key

NO_PARENT = {
    "",
    "-",
    "–",
    "—",
    "keine",
    "– keine –",
    "(keine)",
    "– oberste ebene –",
    "oberste ebene",
}
SEARCH_LIMIT = 5.0  # seconds a searched list may take to show only matching entries
MAX_EXPANSIONS = 500
RGB = re.compile(r"rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\)")
FILTER = "oe.filter"


class UnitsPage(Page):
    title = "Organisationseinheiten"
    markers = ("oe.anlegen", FILTER)

    def units(self) -> list[UnitRef]:
        """The Mandant's units in list order (a tree opened fully first), each with its
        parent where the list is a tree."""
        self.expand_tree()
        entries = list_entries(self.dom, FILTER)
        return [
            UnitRef(str(e["name"]), _parent(e["parent"]) if e["tree"] else PARENT_UNKNOWN)
            for e in entries
        ]

    def expand_tree(self) -> None:
        """Open every collapsed node of a tree (its children may load only then)."""
        spec = list_spec(self.dom, FILTER)
        pressed: list[object] = []
        for _ in range(MAX_EXPANSIONS):
            self.dom.wait_settled()
            node = self.dom.run("collapsedNode", spec)
            if node is None:
                return
            if pressed.count(node["el"]) >= 2:
                raise PageProblem(
                    "Ein Knoten der Liste der Organisationseinheiten lässt sich nicht aufklappen."
                )
            pressed.append(node["el"])
            self.dom.press_found(partial(_same, node), "▸")
            with suppress(PageTimeout):  # opened once the node says so (children may load)
                wait_for(self.driver, partial(self._opened, spec, node["el"]), 10.0)

    def _opened(self, spec: dict[str, Any], element: object, _driver: object) -> bool:
        """Whether the first collapsed node is another one than `element` (or none is)."""
        node = self.dom.run("collapsedNode", spec)
        return node is None or node["el"] != element

    def search(self, text: str) -> list[UnitRef]:
        """The entries the list shows after searching for `text` in its filter field: the way
        to units a paged or long list does not show at once."""
        self.type_filter(text)
        needle = name_key(text)
        spec = list_spec(self.dom, FILTER)

        def only_matches(_driver: object) -> bool:
            items = self.dom.run("listItems", spec)["items"]
            return shows_only_matches(items, needle)

        with suppress(PageTimeout):  # a list that ignores the search is read as it is
            wait_for(self.driver, only_matches, SEARCH_LIMIT)
        return self.units()

    def type_filter(self, text: str) -> None:
        field = self.dom.element(FILTER, self.title)
        field.clear()
        field.send_keys(text, Keys.ENTER)
        self.dom.wait_settled()

    def open_unit(self, name: str) -> UnitPanel:
        """Click the unit called `name` (searching for it where the list does not show it)."""
        spec = list_spec(self.dom, FILTER, name=name)
        self.dom.wait_settled()
        if not self.dom.click_entry(spec):
            self.search(name)
            if not self.dom.click_entry(spec):
                raise PageProblem(f"Die Organisationseinheit „{name}“ steht nicht in der Liste.")
        return UnitPanel(self.dom).wait_showing(name)

    def open_create(self) -> CreatePanel:
        self.dom.click("oe.anlegen", self.title)
        return CreatePanel(self.dom).wait_loaded()


class CreatePanel(Page):
    """The panel in its empty state after "Anlegen" or "Unterhalb anlegen"."""

    title = "Organisationseinheit anlegen"
    markers = ("oe.name", "oe.speichern")

    def save(self, name: str) -> UnitPanel:
        """Save the new unit; the panel then shows it with its Id."""
        self.dom.fill({"oe.name": name}, self.title)
        self.dom.press(
            "oe.speichern",
            self.title,
            confirm=["oe.gespeichert"],
            arriveId=self.dom.spec("oe.id"),
            written=True,
        )
        return UnitPanel(self.dom).wait_showing(name)


class UnitPanel(Page):
    title = "Organisationseinheit"
    markers = ("oe.kommunikation", "oe.id")

    def shows(self, name: str) -> bool:
        """Whether the panel shows the unit `name` with its Id now, and no dialog is open."""
        shown = self.dom.read_keys(["oe.name", "oe.id", "oe.kommunikation"])
        return (
            shown["oe.kommunikation"] is not None
            and name_key(shown["oe.name"]) == name_key(name)
            and bool(re.search(r"\d{4,}", shown["oe.id"] or ""))
        )

    def wait_showing(self, name: str) -> UnitPanel:
        """Wait until the panel shows the unit `name` with its Id (a panel redrawn by script
        may still show the unit before)."""
        self.wait_loaded()
        try:
            wait_for(self.driver, lambda _driver: self.shows(name), self.dom.timeout)
        except PageTimeout:
            raise PageProblem(
                f"Das AdminCenter zeigt die Organisationseinheit „{name}“ nicht an."
            ) from None
        return self

    def read(self, parent: str | None = PARENT_UNKNOWN) -> Unit:
        """Everything the panel shows about the unit (`parent`: what the list showed)."""
        values = self.dom.read_keys(["oe.id", "oe.name", "oe.uebergeordnet", "oe.offline"])
        for key in ("oe.id", "oe.name"):
            if values[key] is None:
                raise LabelMissing(key, self.dom.label(key), self.title)
        if values["oe.uebergeordnet"] is not None:
            parent = _parent(values["oe.uebergeordnet"])
        badge = self.badge()
        return Unit(
            oe_id=_digits(values["oe.id"] or ""),
            name=values["oe.name"] or "",  # as stored: a stray space is renamed away
            parent=parent,
            version=f"{badge['major']}.{badge['minor']}",  # "Version 1.0" says 1.0
            published=self.is_published(badge),
            offline=values["oe.offline"] is not None,
        )

    def badge(self) -> dict[str, Any]:
        badge = self.dom.run("badge")
        if badge is None:
            raise LabelMissing("oe.version", "Versionsnummer (z. B. 1.0)", self.title)
        return badge

    def is_published(self, badge: dict[str, Any]) -> bool:
        """Whole version ≥ 1.0 with a green badge (background or text); where the colour says
        nothing clear, the version tab decides."""
        if badge["minor"] != 0 or badge["major"] < 1:
            return False
        if any(is_green(badge[k]) for k in ("background", "border", "color")):
            return True
        return self.versions_say_published(badge["text"])

    def versions_say_published(self, version: str) -> bool:
        spec = {
            "version": re.sub(r"^\D+", "", version).replace(",", "."),
            "published": self.dom.labels("oe.veroeffentlicht"),
            "draft": self.dom.labels("oe.entwurf"),
        }
        state = self.dom.run("versionState", spec)
        if state is None and self.dom.find("oe.version") is not None:
            self.dom.click("oe.version", self.title)
            self.dom.wait_settled()
            state = self.dom.run("versionState", spec)
            with suppress(PageProblem):
                self.dom.click("oe.stammdaten", self.title)
        return state == "published"

    def rename(self, name: str) -> None:
        """Stammdaten: "Name", "Speichern"."""
        self.dom.fill({"oe.name": name}, self.title)
        self.dom.press("oe.speichern", self.title, confirm=["oe.gespeichert"], written=True)
        self.wait_showing(name)

    def create_child(self) -> CreatePanel:
        self.dom.click("oe.unterhalb_anlegen", self.title)
        return CreatePanel(self.dom).wait_loaded()

    def can_move(self) -> bool:
        return bool(self.dom.probe(["oe.umhaengen"])["oe.umhaengen"])

    def open_move(self) -> MoveDialog:
        self.dom.click("oe.umhaengen", self.title)
        return MoveDialog(self.dom).wait_loaded()

    def open_channels(self, which: str) -> ChannelEditor:
        keys = KOMMUNIKATION if which == "kommunikation" else INTERNETADRESSEN
        self.dom.click(keys.open, self.title, near="oe.verwalten")
        return ChannelEditor(self.dom, keys).wait_loaded()


class MoveDialog(Dialog):
    title = "Umhängen"
    markers = ("umhaengen.ziel", "umhaengen.ausfuehren")

    def current(self) -> str | None:
        """The parent the dialog says the unit has now (PARENT_UNKNOWN where it says none)."""
        shown = self.dom.read_keys(["oe.uebergeordnet"])["oe.uebergeordnet"]
        return PARENT_UNKNOWN if shown is None else _parent(shown)

    def move(self, parent: str | None) -> None:
        """Move under `parent` (None: to the top level, by an emptied field)."""
        self.dom.fill({"umhaengen.ziel": parent or ""}, self.title)
        self.dom.press(
            "umhaengen.ausfuehren",
            self.title,
            confirm=["oe.gespeichert"],
            written=True,
            closed=True,
        )
        self.close()


def shows_only_matches(items: list[dict[str, Any]], needle: str) -> bool:
    """Whether a searched list shows only entries matching `needle` - and, in a tree, the
    entries above them (a tree's filter keeps the way to each match)."""
    above = {name_key(item["parent"]) for item in items if item.get("parent")}
    return all(
        needle in name_key(item["name"]) or name_key(item["name"]) in above for item in items
    )


def _same(value: dict[str, Any]) -> dict[str, Any]:
    return value


def _parent(shown: str | None) -> str | None:
    if shown is None or shown.strip().casefold() in NO_PARENT:
        return None
    return shown.strip()


def _digits(text: str) -> str:
    match = re.search(r"\d+", text)
    return match.group(0) if match else text.strip()


def is_green(css_colour: str) -> bool:
    """Whether a computed CSS colour is a green (hue 75–170°, not grey, not too dark): a
    pastel green chip counts, a grey one does not."""
    match = RGB.match(css_colour or "")
    if not match or (match.group(4) is not None and float(match.group(4)) == 0):
        return False
    r, g, b = (int(match.group(i)) / 255 for i in (1, 2, 3))
    high, low = max(r, g, b), min(r, g, b)
    if high - low < 0.06 or high < 0.2 or high != g:
        return False
    hue = 60 * ((b - r) / (high - low) + 2)
    return 75 <= hue <= 170
