"""The guide's steps by hand in headless Chromium: every click finds its visible German text."""

from __future__ import annotations

import hashlib
import json
import urllib.request

import pytest
from PIL import Image
from selenium.webdriver.common.by import By
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.wait import WebDriverWait

pytestmark = pytest.mark.browser


class Guide:
    """What a person does: read a label, type, click a text, wait for a message."""

    def __init__(self, driver) -> None:
        self.driver = driver
        self.wait = WebDriverWait(driver, 10, poll_frequency=0.05)

    def field(self, label: str):
        element = self.wait.until(
            lambda d: next(
                (
                    e
                    for e in d.find_elements(By.XPATH, f"//label[normalize-space()='{label}']")
                    if e.is_displayed()
                ),
                None,
            )
        )
        return self.driver.find_element(By.ID, element.get_attribute("for"))

    def type(self, label: str, text: str) -> None:
        field = self.field(label)
        field.clear()
        field.send_keys(text)

    def click(self, text: str) -> None:
        xpath = f"//*[(self::a or self::button or self::summary) and normalize-space()='{text}']"
        self.wait.until(
            lambda d: next((e for e in d.find_elements(By.XPATH, xpath) if e.is_displayed()), None)
        ).click()

    def see(self, text: str) -> None:
        self.wait.until(lambda d: d.find_elements(By.XPATH, f"//*[normalize-space()='{text}']"))


def test_guide_steps_by_hand(driver, make_sandbox, tmp_path):
    sandbox = make_sandbox(publish_delay=0.2)
    logo = tmp_path / "wappen.png"
    Image.new("RGB", (160, 90), (30, 90, 160)).save(logo)
    guide = Guide(driver)

    driver.get(sandbox.url)
    guide.type("Benutzername", "admin")
    guide.type("Passwort", "admin")
    guide.click("Anmelden")

    guide.click("Benutzerverwaltung")
    guide.click("Mandanten")
    guide.click("Gemeinde Klipphausen")
    guide.see("Verwalten")
    guide.click("Impressum")
    impressum = {
        "Behörde": "Gemeindeverwaltung Klipphausen",
        "Vertreten durch": "Bürgermeister Max Mustermann",
        "Straße und Hausnummer": "Talstraße 3",
        "PLZ": "01665",
        "Ort": "Klipphausen",
        "Telefon": "+49 35204 1234-0",
        "E-Mail": "poststelle@klipphausen.de",
    }
    for label, text in impressum.items():
        guide.type(label, text)
    guide.click("Speichern")
    guide.see("Impressum gespeichert")

    guide.click("Gemeinde Klipphausen")
    guide.click("Datenschutzbeauftragter")
    guide.type("Name", "Datenschutzbeauftragter der Gemeinde")
    guide.type("E-Mail", "datenschutz@klipphausen.de")
    guide.click("Speichern")
    guide.see("Datenschutzbeauftragter gespeichert")

    guide.click("Gemeinde Klipphausen")
    guide.click("Bild")
    guide.field("Bild").send_keys(str(logo))
    guide.click("Hochladen")
    guide.see("Bild gespeichert")

    guide.click("Organisationseinheiten")
    Select(guide.field("Mandant")).select_by_visible_text("Gemeinde Klipphausen")
    guide.see("Keine Organisationseinheiten vorhanden.")
    guide.click("Anlegen")
    guide.type("Name", "Hauptamt")
    guide.click("Speichern")
    guide.see("Organisationseinheit angelegt")
    guide.see("Hauptamt")  # also in the list on the left, loaded by the page's script

    guide.click("Kommunikation")
    guide.type("E-Mail", "hauptamt(at)klipphausen.de")
    guide.type("Telefon", "+49 35204 1234-10")
    guide.click("Kommunikation speichern")
    guide.see("Bitte geben Sie eine gültige E-Mail-Adresse an.")
    guide.type("E-Mail", "hauptamt@klipphausen.de")
    guide.click("Kommunikation speichern")
    guide.see("Kommunikation gespeichert")
    assert driver.find_elements(By.XPATH, "//*[@class='field-error']") == []

    def green_badge(d):
        d.refresh()
        return d.find_elements(By.XPATH, "//span[@title='veröffentlicht' and text()='1.0']")

    badge = guide.wait.until(green_badge)[0]
    assert badge.value_of_css_property("background-color") == "rgba(46, 125, 50, 1)"

    with urllib.request.urlopen(sandbox.url + "_sandbox/state") as answer:
        state = json.load(answer)
    klipphausen = next(m for m in state["mandanten"] if m["name"] == "Gemeinde Klipphausen")
    assert klipphausen["impressum"]["behoerde"] == "Gemeindeverwaltung Klipphausen"
    assert klipphausen["impressum"]["telefon"] == "+49 35204 1234-0"
    assert klipphausen["datenschutz"]["email"] == "datenschutz@klipphausen.de"
    assert klipphausen["logo"] == {
        "sha256": hashlib.sha256(logo.read_bytes()).hexdigest(),
        "format": "PNG",
        "width": 160,
        "height": 90,
    }
    assert state["units"] == [
        {
            "id": 600001,
            "mandant": "Gemeinde Klipphausen",
            "name": "Hauptamt",
            "parent": None,
            "email": "hauptamt@klipphausen.de",
            "telefon": "+49 35204 1234-10",
            "fax": "",
            "internet": "",
            "version": "1.0",
            "published": True,
        }
    ]
    assert state["requests"]["POST /organisationseinheiten/<int:oe_id>/kommunikation"] == 2
