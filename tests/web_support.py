"""The web page driven as a user drives it, in a real browser: `WebUser` (a page object).

It only clicks, types and reads what the page shows (and the data attributes the page keeps
for tests); every wait is an explicit wait on a condition.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from fixtures_web import finding_key
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from importer.web.server import WebServer

T = TypeVar("T")
PATIENCE = 60.0  # a whole run of the small workbook, on a loaded machine


class WebUser:
    def __init__(self, driver: WebDriver, server: WebServer, downloads: Path) -> None:
        self.driver, self.server, self.downloads = driver, server, downloads
        downloads.mkdir(parents=True, exist_ok=True)
        driver.execute_cdp_cmd(
            "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
        )

    # -- navigation ---------------------------------------------------------------------------

    def enter(self) -> None:
        self.driver.get(self.server.entry_url)

    def open(self, path: str) -> None:
        self.driver.get(self.server.url.rstrip("/") + path)

    def css(self, selector: str) -> list:
        return self.driver.find_elements(By.CSS_SELECTOR, selector)

    def wait(self, condition: Callable[[], T], timeout: float = PATIENCE) -> T:
        """Wait until `condition()` is truthy (found again after a reload of the page)."""

        def check(_driver: WebDriver) -> T | None:
            try:
                return condition()
            except WebDriverException as error:
                if reloading(error):
                    return None
                raise

        return WebDriverWait(self.driver, timeout, poll_frequency=0.05).until(check)

    def heading(self) -> str:
        return self.driver.find_element(By.TAG_NAME, "h1").text

    def press(self, text: str) -> None:
        """Click the button with this text and wait for the next page."""
        button = self.driver.find_element(By.XPATH, f"//button[normalize-space()='{text}']")
        old = self.driver.find_element(By.TAG_NAME, "html")
        button.click()
        self.wait(lambda: not is_current(old))

    # -- the steps ---------------------------------------------------------------------------

    def upload(self, *paths: Path) -> None:
        self.open("/")
        self.driver.find_element(By.ID, "dateien").send_keys("\n".join(str(p) for p in paths))
        self.press("Hochladen und prüfen")

    def findings(self) -> list[tuple[str, int, str, str]]:
        return [finding_key(e.get_attribute("data-befund")) for e in self.css("[data-befund]")]

    def download(self, link_text: str, name: str) -> Path:
        target = self.downloads / name
        target.unlink(missing_ok=True)
        self.driver.find_element(By.LINK_TEXT, link_text).click()
        return self.wait(lambda: target if target.is_file() and target.stat().st_size else None)

    def connect(self, url: str, user: str, password: str) -> None:
        self.open("/verbindung")
        for field, value in (("url", url), ("benutzer", user), ("passwort", password)):
            box = self.driver.find_element(By.ID, field)
            box.clear()
            box.send_keys(value)
        self.press("Verbinden und prüfen")
        self.wait_until_ended()

    def job(self) -> tuple[str, str]:
        """The shown job's id and state ("läuft", "fertig", "angehalten", "fehlgeschlagen")."""
        box = self.driver.find_element(By.CSS_SELECTOR, "[data-auftrag]")
        state = box.find_element(By.CSS_SELECTOR, "[data-zustand]").get_attribute("data-zustand")
        return box.get_attribute("data-auftrag") or "", state or ""

    def progress_text(self) -> str:
        return self.driver.find_element(By.CSS_SELECTOR, "[data-fortschritt]").text

    def wait_until_ended(self) -> str:
        """Wait until the page shows its job ended (the page reloads itself then)."""
        return self.wait(lambda: (state := self.job()[1]) != "läuft" and state)

    def follow(self, stop_when: Callable[[str], bool] = lambda _text: False) -> list[str]:
        """Every different progress the page showed until the job ended (or `stop_when`)."""
        seen: list[str] = []

        def moved() -> bool:
            text = self.progress_text()
            if not seen or seen[-1] != text:
                seen.append(text)
            return self.job()[1] != "läuft" or stop_when(text)

        self.wait(moved)
        return seen


def reloading(error: WebDriverException) -> bool:
    """An element of the page that was just replaced (the page reloads itself at a job's end).
    Chromium reports it as stale, or as a node that "does not belong to the document"."""
    return isinstance(error, StaleElementReferenceException) or (
        "does not belong to the document" in (error.msg or "")
    )


def is_current(element) -> bool:
    try:
        element.is_enabled()
    except WebDriverException as error:
        if reloading(error):
            return False
        raise
    return True
