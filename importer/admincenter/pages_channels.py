"""A unit's Kommunikation and Internetadressen: a list of entries edited row by row.

Both generations work alike (ADMINCENTER.md): the table shows the entries; selecting a row
loads it into the fields; "…anlegen" adds an empty row and selects it; "Übernehmen" takes the
fields into the row; nothing is stored until "Speichern". The editor offers exactly those
steps; which entry to edit is decided elsewhere (runner/channels.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from selenium.webdriver.remote.webdriver import WebDriver

from importer.admincenter.dom import Dom
from importer.admincenter.pages import Dialog
from importer.admincenter.problems import PageProblem, PageTimeout
from importer.admincenter.values import Entry
from importer.admincenter.waits import wait_for
from importer.model import name_key

ROW_LIMIT = 10.0  # seconds a selected row or a taken-over value may take to show


@dataclass(frozen=True)
class ListKeys:
    """The locator keys of one entry list. `kanal` is None for a list of one kind."""

    title: str
    open: str
    columns: dict[str, str]  # Entry field → locator key of its column header
    add: str
    kanal: str | None
    kennung: str
    zusatz: str
    public: str
    take: str
    save: str
    saved: str


KOMMUNIKATION = ListKeys(
    "Kommunikation",
    "oe.kommunikation",
    {
        "kanal": "kommunikation.spalte_kanal",
        "kennung": "kommunikation.spalte_kennung",
        "zusatz": "kommunikation.spalte_zusatz",
    },
    "kommunikation.anlegen",
    "kommunikation.kanal",
    "kommunikation.kennung",
    "kommunikation.zusatz",
    "kommunikation.oeffentlich",
    "kommunikation.uebernehmen",
    "kommunikation.speichern",
    "kommunikation.gespeichert",
)

INTERNETADRESSEN = ListKeys(
    "Internetadressen",
    "oe.internetadressen",
    {"kennung": "internet.spalte_adresse", "zusatz": "internet.spalte_titel"},
    "internet.anlegen",
    None,
    "internet.adresse",
    "internet.titel",
    "internet.oeffentlich",
    "internet.uebernehmen",
    "internet.speichern",
    "internet.gespeichert",
)


class ChannelEditor(Dialog):
    """The Kommunikation (or Internetadressen) dialog, or the box that replaces the panel."""

    def __init__(self, dom: Dom, keys: ListKeys) -> None:
        super().__init__(dom)
        self.keys = keys
        self.title = keys.title
        self.markers = (keys.add, keys.save)

    def _table_spec(self) -> dict[str, Any]:
        columns = {field: self.dom.labels(key) for field, key in self.keys.columns.items()}
        return {"columns": columns, "required": ["kennung"]}

    def wait_loaded(self) -> ChannelEditor:
        super().wait_loaded()
        self.dom.wait_settled()
        self._rows()
        return self

    def _rows(self) -> list[dict[str, Any]]:
        spec = self._table_spec()

        def table(_driver: WebDriver) -> dict[str, Any] | None:
            return self.dom.run("tableRows", spec)

        try:
            return wait_for(self.driver, table, self.dom.timeout)["rows"]
        except PageTimeout:
            header = self.dom.label(self.keys.columns["kennung"])
            raise PageProblem(
                f"{self.title}: die Tabelle mit der Spalte „{header}“ ist nicht zu sehen."
            ) from None

    def entries(self) -> list[Entry]:
        """The entries as the table shows them (Öffentlich not read: see `public`)."""
        return [
            Entry(r["cells"].get("kanal", ""), r["cells"]["kennung"], r["cells"].get("zusatz", ""))
            for r in self._rows()
        ]

    def select(self, index: int, entry: Entry) -> None:
        """Select row `index` and wait until the fields show `entry`."""
        spec = {**self._table_spec(), "index": index}
        if not self.dom.press_found(lambda: self.dom.run("tableRow", spec), entry.kennung):
            raise PageProblem(f"{self.title}: Eintrag {index + 1} ist nicht mehr da.")
        self.dom.wait_settled()  # the fields may show the row before only until it loads
        self._wait_fields(entry.kennung)

    def _wait_fields(self, kennung: str) -> None:
        def loaded(_driver: WebDriver) -> bool:
            shown = self.dom.read_keys([self.keys.kennung])[self.keys.kennung]
            return shown is not None and shown.strip() == kennung.strip()

        try:
            wait_for(self.driver, loaded, ROW_LIMIT)
        except PageTimeout:
            raise PageProblem(
                f"{self.title}: die Felder zeigen den gewählten Eintrag „{kennung}“ nicht."
            ) from None

    def public(self, index: int, entry: Entry) -> bool:
        """Whether entry `index` is öffentlich (the row is selected to see it)."""
        self.select(index, entry)
        return self.dom.read_keys([self.keys.public])[self.keys.public] == "true"

    def edit(self, index: int, entry: Entry, kennung: str) -> None:
        """Give entry `index` the Kennung and make it öffentlich, then "Übernehmen"."""
        self.select(index, entry)
        self._set_and_take(None, kennung)

    def is_open(self) -> bool:
        """Whether the editor is still shown (a box in the panel may stay after saving, a
        dialog closes); its texts are its own, so it need not be a dialog."""
        return bool(self.dom.probe([self.markers[0]])[self.markers[0]])

    def add(self, kanal: str | None, kennung: str) -> None:
        """A new entry of `kanal` with the Kennung, öffentlich, then "Übernehmen"."""
        before = len(self._rows())
        self.dom.click(self.keys.add, self.title)

        def added(_driver: WebDriver) -> bool:
            return len(self._rows()) > before or self._field_empty()

        try:
            wait_for(self.driver, added, ROW_LIMIT)
        except PageTimeout:
            label = self.dom.label(self.keys.add)
            raise PageProblem(f"{self.title}: „{label}“ ohne Wirkung.") from None
        self._set_and_take(kanal, kennung)

    def _field_empty(self) -> bool:
        return not (self.dom.read_keys([self.keys.kennung])[self.keys.kennung] or "").strip()

    def _set_and_take(self, kanal: str | None, kennung: str) -> None:
        """Fill the fields one by one (a choice may redraw the others), then take them over
        and wait until the table shows the entry."""
        if kanal is not None and self.keys.kanal is not None:
            self.dom.fill({self.keys.kanal: kanal}, self.title)
        self.dom.fill({self.keys.kennung: kennung}, self.title)
        self.dom.fill({self.keys.public: "true"}, self.title)
        self.dom.run("arm", {"texts": [], "button": self.dom.spec(self.keys.take)})
        self.dom.click(self.keys.take, self.title)
        problems = self.dom.problem_spec()

        def shown(_driver: WebDriver) -> bool:
            if any(
                e.kennung.strip() == kennung.strip()
                and (kanal is None or name_key(e.kanal) == name_key(kanal))
                for e in self.entries()
            ):
                return True
            self.dom.raise_problem(self.dom.run("outcome", problems))  # e.g. a field error
            return False

        try:
            wait_for(self.driver, shown, ROW_LIMIT)
        except PageTimeout:
            raise PageProblem(
                f"{self.title}: nach „{self.dom.label(self.keys.take)}“ zeigt die Tabelle "
                f"„{kennung}“ nicht."
            ) from None

    def save(self) -> None:
        """Store the list ("Speichern"); success is the notice, the dialog closing, or the
        write answered by the server."""
        self.dom.press(
            self.keys.save, self.title, confirm=[self.keys.saved], closed=True, written=True
        )
        self.dom.wait_settled()
