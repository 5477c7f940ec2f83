"""Screenshots of the sandbox AdminCenter, both generations, for docs/sandbox.md and README.md.

Run from the project root: `.venv/bin/python docs/make_screenshots.py`. For each generation it
starts a sandbox with a small bestand, logs in as a person would in headless Chromium (the
importer's own browser start: explicit driver path, SE_OFFLINE, --no-sandbox as root), opens
the unit list and the Kommunikation of a unit, and writes the PNG files into docs/img/.
"""

from __future__ import annotations

import sys
from pathlib import Path

from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.wait import WebDriverWait

from importer.admincenter.browser import browser_session
from importer.sandbox import SandboxConfig, start_sandbox

IMAGES = Path(__file__).resolve().parent / "img"
WINDOW = (1440, 900)
MANDANT = "Gemeinde Klipphausen"
UNIT = "Hauptamt"
ROW_SHOWN = "035204 1234-10"  # the Telefon entry selected in the Kommunikation editor
# Per generation: the heading the Kommunikation editor shows.
EDITOR_TITLES = {
    "neu": f"Kommunikationskanäle verwalten - {UNIT}",
    "klassisch": "Kommunikationen verwalten",
}
# Per generation: the list's screenshot, the Kommunikation screenshot.
SHOTS = {
    "neu": ("sandbox-neu-liste.png", "sandbox-neu-kommunikation.png"),
    "klassisch": ("sandbox-klassisch-baum.png", "sandbox-klassisch-kommunikation.png"),
}


def channel(kanal: str, kennung: str, zusatz: str = "", public: bool = True) -> dict[str, object]:
    return {"kanal": kanal, "kennung": kennung, "zusatz": zusatz, "oeffentlich": public}


def unit(name: str, parent: str | None = None, **more: object) -> dict[str, object]:
    found: dict[str, object] = {"mandant": MANDANT, "name": name, **more}
    if parent is not None:
        found["parent"] = parent
    return found


BESTAND = {
    "units": [
        unit(
            UNIT,
            version="3.0",
            kommunikation=[
                channel("Servicekonto", "Testbehörde zur Stadt (999839970682)", public=False),
                channel("Telefon", ROW_SHOWN, "Zentrale"),
                channel("E-Mail", "hauptamt@klipphausen.example"),
                channel("Fax", "035204 1234-99"),
                channel("E-Mail", "info@klipphausen.example", public=False),
            ],
        ),
        unit("Personalamt", UNIT),
        unit("Bürgerbüro", UNIT, version="1.1"),
        unit("Bauamt"),
        unit("Tiefbau", "Bauamt"),
        unit("Ordnungsamt"),
        unit("Gewerbeamt", "Ordnungsamt"),
        unit("Fundbüro", published=False),
    ]
}


def text_xpath(text: str, scope: str = "") -> str:
    """The innermost elements showing `text`, in or at the elements of the XPath `scope`."""
    same = f"normalize-space()='{text}'"
    return f"{scope}/descendant-or-self::*[{same} and not(*[{same}])]"


class Person:
    """Reads visible texts and clicks them, waiting on what the page shows (never sleeping)."""

    def __init__(self, driver: WebDriver) -> None:
        self.driver = driver
        self.wait = WebDriverWait(
            driver, 15, poll_frequency=0.05, ignored_exceptions=(StaleElementReferenceException,)
        )

    def visible(self, xpath: str) -> WebElement:
        def found(driver: WebDriver) -> WebElement | None:
            shown = [e for e in driver.find_elements(By.XPATH, xpath) if e.is_displayed()]
            return shown[-1] if shown else None

        return self.wait.until(found)

    def idle(self) -> None:
        self.wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, "[aria-busy='true']"))

    def click(self, text: str, scope: str = "") -> None:
        self.idle()
        self.visible(text_xpath(text, scope)).click()
        self.idle()

    def type(self, caption: str, text: str) -> None:
        label = self.visible(text_xpath(caption, "//label"))
        self.driver.find_element(By.ID, label.get_attribute("for") or "").send_keys(text)

    def login(self, url: str) -> None:
        self.driver.get(url)
        self.type("Benutzername", "admin")
        self.type("Passwort", "admin")
        self.click("Anmelden")
        self.visible(text_xpath("Willkommen im AdminCenter"))

    def open_row(self, name: str) -> None:
        """Click a row of the list at its start (the panel covers the list's right part)."""
        cell = self.visible(text_xpath(name, "//*[contains(@class,'list-area')]"))
        offset = -cell.size["width"] // 2 + 12
        ActionChains(self.driver).move_to_element_with_offset(cell, offset, 0).click().perform()
        self.visible(f"//aside[@aria-label='{name}']")
        self.idle()


def shoot(driver: WebDriver, name: str) -> None:
    path = IMAGES / name
    driver.save_screenshot(str(path))
    print(f"written {path.relative_to(IMAGES.parent.parent)}")


def open_kommunikation(person: Person, generation: str) -> None:
    """The unit's Kommunikation with its Telefon row loaded into the fields."""
    person.click("Kommunikation", scope=f"//aside[@aria-label='{UNIT}']")
    person.visible(text_xpath(EDITOR_TITLES[generation]))
    person.click(ROW_SHOWN, scope="//td")
    kennung = person.visible("//input[@data-field='kennung']")
    person.wait.until(lambda _d: kennung.get_property("value") == ROW_SHOWN)


def screenshots(generation: str) -> None:
    config = SandboxConfig(
        mandanten=[MANDANT], bestand=BESTAND, oberflaeche=generation, publish_delay=0.3
    )
    list_shot, kommunikation_shot = SHOTS[generation]
    with start_sandbox(config) as sandbox, browser_session(headless=True) as driver:
        driver.set_window_size(*WINDOW)
        person = Person(driver)
        person.login(sandbox.url)
        driver.get(sandbox.url + "organisationseinheiten")
        person.visible(text_xpath("Personalamt"))
        shoot(driver, list_shot)
        person.open_row(UNIT)
        open_kommunikation(person, generation)
        shoot(driver, kommunikation_shot)


def main() -> int:
    IMAGES.mkdir(exist_ok=True)
    for generation in SHOTS:
        screenshots(generation)
    return 0


if __name__ == "__main__":
    sys.exit(main())
