"""The guide's steps by hand in headless Chromium, once per generation: every step finds its
visible German text (XPath on text, no ids), and the inspection state shows what got saved."""

from __future__ import annotations

import hashlib
import json
import urllib.request
from typing import Any

import pytest
from PIL import Image
from sb_support import address, entry
from selenium.common.exceptions import (
    ElementClickInterceptedException,
    StaleElementReferenceException,
)
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.wait import WebDriverWait

pytestmark = pytest.mark.browser

MANDANTEN = ["Gemeinde Klipphausen", "Stadt Coswig"]
BESTAND = {
    "units": [
        {
            "mandant": "Stadt Coswig",
            "name": "Ordnungsamt",
            "kommunikation": [
                entry("Servicekonto", "Testbehörde zur Stadt (999839970682)", oeffentlich=False),
                entry("Telefon", "03523 66100"),
            ],
        },
        {"mandant": "Stadt Coswig", "name": "Gewerbeamt", "parent": "Ordnungsamt"},
        {"mandant": "Stadt Coswig", "name": "Marktwesen", "parent": "Gewerbeamt"},
    ]
}
CLICKABLE = "self::a or self::button or self::td or self::span or self::li or self::option"


def literal(text: str) -> str:
    return f'"{text}"' if '"' not in text else f"'{text}'"


class Guide:
    """What a person does: read a caption, type, click a text, wait for a notice."""

    def __init__(self, driver, generation: str) -> None:
        self.driver = driver
        self.neu = generation == "neu"
        self.marker = "•" if self.neu else "*"
        # a part the page's script re-renders meanwhile is looked up again (as a person's eyes)
        self.wait = WebDriverWait(
            driver, 10, poll_frequency=0.05, ignored_exceptions=(StaleElementReferenceException,)
        )

    def required(self, caption: str) -> str:
        """A caption with the required marker of the generation ("Name •", "Name *")."""
        return f"{caption} {self.marker}"

    def scope(self) -> WebElement:
        """The top-most open dialog, else the open panel, else the page."""
        for xpath in ("//*[@role='dialog']", "//aside[@role='complementary']", "/html/body"):
            found = [e for e in self.driver.find_elements(By.XPATH, xpath) if e.is_displayed()]
            if found:
                return found[-1]
        raise AssertionError("no page")

    def idle(self) -> None:
        self.wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, "[aria-busy='true']"))

    def visible(self, xpath: str, within: WebElement | None = None) -> WebElement:
        def found(_driver) -> WebElement | None:
            root = within or self.scope()
            return next((e for e in root.find_elements(By.XPATH, xpath) if e.is_displayed()), None)

        return self.wait.until(found)

    def click(self, text: str, within: WebElement | None = None) -> None:
        self.idle()
        xpath = f".//*[({CLICKABLE}) and normalize-space()={literal(text)}]"

        def clicked(_driver) -> bool:
            element = self.visible(xpath, within)
            button = element.find_elements(By.XPATH, "ancestor-or-self::button")
            if button and not button[0].is_enabled():
                return False
            try:
                element.click()
            except ElementClickInterceptedException:  # a notice lies over it: a person waits
                return False
            return True

        self.wait.until(clicked)

    def field(self, caption: str) -> WebElement:
        """The input of a caption: `<label for>` (klassisch), aria-labelledby (neu), or a field
        named by aria-label only (klassisch's Mandant selector, filter)."""
        self.idle()
        text = literal(caption)
        captions = f".//*[(self::label or self::span) and normalize-space()={text}]"
        label = self.visible(f"{captions} | .//*[@aria-label={text}]")
        if label.get_attribute("aria-label") == caption:
            return label
        target = label.get_attribute("for")
        if target:
            return self.driver.find_element(By.ID, target)
        own = label.get_attribute("id")
        return self.scope().find_element(
            By.XPATH,
            f".//*[contains(concat(' ', @aria-labelledby, ' '), {literal(' ' + own + ' ')})]",
        )

    def type(self, caption: str, text: str) -> None:
        field = self.field(caption)
        field.send_keys(Keys.CONTROL, "a")
        field.send_keys(Keys.DELETE)
        if text:
            field.send_keys(text)

    def fill(self, values: dict[str, str]) -> None:
        for caption, text in values.items():
            self.type(caption, text)

    def choose(self, caption: str, option: str) -> None:
        """A choice: the native select (klassisch) or the listbox drop-down (neu)."""
        field = self.field(caption)
        if field.tag_name == "select":
            Select(field).select_by_visible_text(option)
            return
        field.click()
        listbox = self.driver.find_element(By.ID, field.get_attribute("aria-controls"))
        self.click(option, within=listbox)

    def check(self, caption: str) -> None:
        """Tick a check box (a native one, or the drawn `role="checkbox"` of neu)."""
        text = self.visible(self.innermost(caption))
        box = text.get_attribute("for") and self.driver.find_element(
            By.ID, text.get_attribute("for")
        )
        if not box:
            own = text.get_attribute("id")
            box = self.scope().find_element(
                By.XPATH, f".//*[@role='checkbox' and @aria-labelledby={literal(own)}]"
            )
        checked = box.get_attribute("aria-checked") == "true" or box.is_selected()
        if not checked:
            box.click()

    @staticmethod
    def innermost(text: str) -> str:
        """The deepest element whose text is `text` (not its wrappers)."""
        same = f"normalize-space()={literal(text)}"
        return f".//*[{same} and not(*[{same}])]"

    def see(self, text: str) -> None:
        self.wait.until(
            lambda d: any(
                e.is_displayed()
                for e in d.find_elements(By.XPATH, f"//*[normalize-space()={literal(text)}]")
            )
        )

    def notice(self, text: str) -> None:
        self.wait.until(
            lambda d: any(
                e.text == text
                for e in d.find_elements(By.XPATH, "//*[@role='status' or @role='alert']")
            )
        )

    def row(self, text: str) -> None:
        """Open a list row (a table row or a tree node) by its name."""
        self.idle()
        xpath = f"//*[(self::td or @class='tree-name') and normalize-space()={literal(text)}]"
        cell = self.visible(xpath, within=self.driver.find_element(By.CLASS_NAME, "list-area"))
        # the panel covers the right part of the list, as in the real one: click the row's start
        start = -cell.size["width"] // 2 + 12
        ActionChains(self.driver).move_to_element_with_offset(cell, start, 0).click().perform()
        self.wait.until(
            lambda d: d.find_elements(By.XPATH, f"//aside[@aria-label={literal(text)}]")
        )
        self.idle()

    def navigate(self, group: str, entry_text: str) -> None:
        """A menu (klassisch) or a folding sidebar group (neu), then its entry."""
        # Looked up from the page on every poll: a page still being replaced (after choosing
        # the Mandant) would leave a stale <nav> behind.
        opener = self.visible(f"//nav//button[normalize-space()={literal(group)}]")
        if opener.get_attribute("aria-expanded") != "true":
            opener.click()
        listed = self.driver.find_element(By.ID, opener.get_attribute("aria-controls"))
        self.click(entry_text, within=listed)
        self.wait.until(lambda d: d.execute_script("return document.readyState") == "complete")

    def login(self, url: str, user: str = "admin") -> None:
        self.driver.get(url)
        self.type("Benutzername", user)
        self.type("Passwort", user)
        self.click("Anmelden")
        self.see("Willkommen im AdminCenter")


def inspect(sandbox) -> dict[str, Any]:
    with urllib.request.urlopen(sandbox.url + "_sandbox/state", timeout=10) as answer:
        return json.load(answer)


def unit_named(sandbox, name: str) -> dict[str, Any]:
    return next(u for u in inspect(sandbox)["units"] if u["name"] == name)


# The texts that differ between the generations (ADMINCENTER.md).
TEXTS = {
    "neu": {
        "benutzer": "Benutzer", "kommunikation.add": "Kommunikationskanal anlegen",
        "kommunikation.take": "Übernehmen", "kommunikation.save": "Speichern",
        "internet.add": "Internetadresse anlegen", "internet.take": "Übernehmen",
        "internet.save": "Speichern", "public": "Öffentlich",
    },
    "klassisch": {
        "benutzer": "Benutzerverwaltung", "kommunikation.add": "Neue Kommunikation anlegen",
        "kommunikation.take": "Kommunikation übernehmen",
        "kommunikation.save": "Kommunikation speichern",
        "internet.add": "Neue Internetadresse anlegen",
        "internet.take": "Internetadresse übernehmen",
        "internet.save": "Internetadressen speichern", "public": "Öffentlich anzeigen",
    },
}  # fmt: skip
IMPRESSUM = {
    "Behörde": "Stadtverwaltung Coswig", "Vertreten durch": "OB",
    "Straße und Hausnummer": "Karrasstraße 2", "PLZ": "01640", "Ort": "Coswig",
    "Telefon": "03523 66-0", "E-Mail": "post@coswig.example",
}  # fmt: skip


def mandant_steps(guide: Guide, texts: dict[str, str], logo) -> None:
    """Select the Mandant, then its Impressum, Datenschutzbeauftragter and Bild."""
    guide.choose("Mandant", "Stadt Coswig")
    guide.wait.until(lambda d: d.execute_script("return document.readyState") == "complete")
    guide.navigate(texts["benutzer"], "Mandanten")
    guide.row("Stadt Coswig")
    guide.click("Impressum")
    guide.see("Impressum - Stadt Coswig")
    guide.fill({guide.required(caption): value for caption, value in IMPRESSUM.items()})
    guide.click("Speichern")
    guide.notice("Impressum gespeichert")
    guide.click("Datenschutzbeauftragter")
    guide.fill(
        {guide.required("Name"): "Datenschutz KISA", guide.required("E-Mail"): "ds@kisa.example"}
    )
    guide.click("Speichern")
    guide.notice("Datenschutzbeauftragter gespeichert")
    guide.click("Bild")
    guide.field("Bild").send_keys(str(logo))
    guide.click("Hochladen")
    guide.notice("Bild gespeichert")


def create_steps(guide: Guide) -> None:
    """Anlegen at the top, then Unterhalb anlegen under the new unit."""
    guide.navigate("Organisationseinheiten", "Organisationseinheiten")
    for button, name in (("Anlegen", "Hauptamt"), ("Unterhalb anlegen", "Bürgerbüro")):
        guide.click(button)
        if name == "Bürgerbüro":
            guide.see("Übergeordnete Organisationseinheit Hauptamt")
        guide.type(guide.required("Name"), name)
        guide.click("Speichern")
        guide.notice("Organisationseinheit angelegt")
        guide.wait.until(lambda d, n=name: d.find_elements(By.XPATH, f"//aside[@aria-label='{n}']"))


def add_entry(guide: Guide, texts: dict[str, str], kind: str, values: dict[str, str]) -> None:
    """ "…anlegen", the fields (Kanal first), Öffentlich, "Übernehmen"."""
    guide.click(texts[f"{kind}.add"])
    for caption, value in values.items():
        if caption == "Kanal":
            guide.choose(guide.required("Kanal"), value)
        else:
            guide.type(caption, value)
    guide.check(texts["public"])
    guide.click(texts[f"{kind}.take"])


def save_entries(guide: Guide, texts: dict[str, str], kind: str, notice: str) -> None:
    guide.click(texts[f"{kind}.save"])
    guide.notice(notice)
    if not guide.neu:
        guide.click("Abbrechen")  # the box stays after saving: back to the panel


def entry_steps(guide: Guide, texts: dict[str, str]) -> None:
    """Kommunikation (E-Mail and Telefon added) and an Internetadresse of the new unit, then
    the outdated Telefon of an existing unit edited in place."""
    guide.click("Kommunikation")
    kennung = guide.required("Kennung")
    add_entry(guide, texts, "kommunikation", {"Kanal": "E-Mail", kennung: "buero@coswig.example"})
    add_entry(guide, texts, "kommunikation", {"Kanal": "Telefon", kennung: "03523 66-120"})
    save_entries(guide, texts, "kommunikation", "Kommunikation gespeichert")
    guide.click("Internetadressen")
    web = {guide.required("Adresse"): "https://www.coswig.example/buero", "Titel": "Bürgerbüro"}
    add_entry(guide, texts, "internet", web)
    save_entries(guide, texts, "internet", "Internetadressen gespeichert")
    guide.row("Ordnungsamt")
    guide.click("Kommunikation")
    guide.click("03523 66100")
    guide.wait.until(lambda _d: guide.field(kennung).get_attribute("value") == "03523 66100")
    guide.type(kennung, "03523 66-100")
    guide.click(texts["kommunikation.take"])
    save_entries(guide, texts, "kommunikation", "Kommunikation gespeichert")


def assert_saved(sandbox, logo) -> None:
    coswig = inspect(sandbox)["mandanten"][1]
    assert coswig["impressum"]["behoerde"] == "Stadtverwaltung Coswig"
    assert coswig["datenschutz"]["email"] == "ds@kisa.example"
    assert coswig["logo"]["sha256"] == hashlib.sha256(logo.read_bytes()).hexdigest()
    buero = unit_named(sandbox, "Bürgerbüro")
    assert (buero["mandant"], buero["parent"]) == ("Stadt Coswig", "Hauptamt")
    assert buero["kommunikation"] == [
        entry("E-Mail", "buero@coswig.example"),
        entry("Telefon", "03523 66-120"),
    ]
    assert buero["internetadressen"] == [address("https://www.coswig.example/buero", "Bürgerbüro")]
    assert unit_named(sandbox, "Ordnungsamt")["kommunikation"] == [
        entry("Servicekonto", "Testbehörde zur Stadt (999839970682)", oeffentlich=False),
        entry("Telefon", "03523 66-100"),
    ]


def expand_steps(guide: Guide) -> None:
    """The tree (klassisch): a node of the second level loads its children when expanded."""
    xpath = "//*[@role='treeitem' and @aria-level='2'][.//*[normalize-space()='Gewerbeamt']]"
    gewerbe = guide.driver.find_element(By.XPATH, xpath)
    gewerbe.find_element(By.XPATH, ".//*[@aria-label='Aufklappen']").click()
    guide.visible(".//*[normalize-space()='Marktwesen']", within=gewerbe)


def version_steps(guide: Guide, sandbox) -> None:
    """Once published, the panel shows the version green."""
    guide.wait.until(lambda _d: unit_named(sandbox, "Bürgerbüro")["published"])
    guide.row("Bürgerbüro")
    published = unit_named(sandbox, "Bürgerbüro")["version"]  # 2.0: Internetadressen came later
    badge = guide.visible(
        f".//*[normalize-space()={literal(f'Version {published}' if guide.neu else published)}]"
    )
    assert "published" in badge.get_attribute("class")
    assert badge.value_of_css_property("background-color") in (
        "rgba(207, 232, 212, 1)",
        "rgba(30, 123, 30, 1)",
    )


def move_steps(guide: Guide, sandbox) -> None:
    """Umhängen (neu): to the top level with an emptied field, then back under Hauptamt."""
    target = "Neue übergeordnete Organisationseinheit"
    for typed, now, parent in (("", "Hauptamt", None), ("Haupt", "– oberste Ebene –", "Hauptamt")):
        guide.click("Umhängen")
        guide.see(f"Derzeit übergeordnet: {now}")
        guide.type(target, typed)
        if typed:
            options = guide.driver.find_element(By.XPATH, "//*[@role='dialog']//*[@role='listbox']")
            guide.click("Hauptamt", within=options)
        guide.click("Umhängen", within=guide.scope().find_element(By.CLASS_NAME, "dialog-foot"))
        guide.notice("Organisationseinheit umgehängt")
        assert unit_named(sandbox, "Bürgerbüro")["parent"] == parent


@pytest.mark.parametrize("generation", ["neu", "klassisch"])
def test_the_guide_by_hand(driver, make_sandbox, tmp_path, generation):
    sandbox = make_sandbox(
        mandanten=MANDANTEN, oberflaeche=generation, bestand=BESTAND, publish_delay=0.2
    )
    logo = tmp_path / "wappen.png"
    Image.new("RGB", (160, 90), (30, 90, 160)).save(logo)
    guide = Guide(driver, generation)
    texts = TEXTS[generation]
    guide.login(sandbox.url)
    mandant_steps(guide, texts, logo)
    create_steps(guide)
    entry_steps(guide, texts)
    assert_saved(sandbox, logo)
    if not guide.neu:
        expand_steps(guide)
    version_steps(guide, sandbox)
    if guide.neu:
        move_steps(guide, sandbox)


def test_two_step_login_by_hand(driver, make_sandbox):
    sandbox = make_sandbox(anmeldung="zweistufig")
    guide = Guide(driver, "neu")
    driver.get(sandbox.url + "organisationseinheiten")
    guide.type("Benutzername", "admin")
    guide.click("Weiter")
    guide.see("Benutzername: admin Anderer Benutzer")
    guide.type("Passwort", "falsch")
    guide.click("Anmelden")
    guide.see("Benutzername oder Passwort falsch")
    guide.type("Passwort", "admin")
    guide.click("Anmelden")
    guide.see("Organisationseinheiten")
    assert driver.current_url.endswith("/organisationseinheiten")
