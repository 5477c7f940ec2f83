"""Screenshots of every page of `amt24-import oberflaeche` for docs/oberflaeche.md.

Run from the project root: `.venv/bin/python docs/make_web_screenshots.py`. It starts an
embedded sandbox and the web page, goes through the pages as a user does in headless Chromium
(the example with mistakes, then a small valid workbook: connect, import, change a cell,
preview) and writes the PNG files `docs/img/oberflaeche-*.png`.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import openpyxl
from selenium.webdriver.remote.webdriver import WebDriver

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "benchmarks")]

import make_workbook  # noqa: E402
from web_support import WebUser  # noqa: E402

from importer.admincenter.browser import browser_session  # noqa: E402
from importer.sandbox import SandboxConfig, start_sandbox  # noqa: E402
from importer.web.config import WebConfig  # noqa: E402
from importer.web.server import WebServer, private_folder  # noqa: E402
from importer.workbook.reader import read_workbook  # noqa: E402

IMAGES = ROOT / "docs" / "img"
EXAMPLES = ROOT / "examples"
WIDTH = 1280


def shoot(driver: WebDriver, name: str) -> None:
    """The whole page, as tall as its content."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(WIDTH, min(max(height + 140, 700), 2400))
    path = IMAGES / f"oberflaeche-{name}.png"
    driver.save_screenshot(str(path))
    driver.set_window_size(WIDTH, 900)
    print(path.relative_to(ROOT))


def valid_workbook(folder: Path) -> Path:
    return make_workbook.build(folder / "gemeinden.xlsx", 3, 4, seed=7, logos=True)


def change_a_phone(path: Path) -> None:
    """A user's correction in Excel: one unit gets a new phone number."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Organisationseinheiten"]
    column = next(c.column for c in ws[1] if c.value == "Telefon")
    ws.cell(row=3, column=column, value="0351 4455-120")
    wb.save(path)


def tour(user: WebUser, sandbox_url: str, book: Path) -> None:
    driver = user.driver
    user.open("/")
    shoot(driver, "start")
    user.upload(EXAMPLES / "landkreis-meissen-mit-fehlern.xlsx", *(EXAMPLES / "logos").iterdir())
    shoot(driver, "pruefen")

    user.open("/")
    driver.find_element("id", "pfad").send_keys(str(book))
    user.press("Öffnen und prüfen")
    user.connect(sandbox_url, "admin", "admin")
    shoot(driver, "verbindung")

    user.open("/import")
    user.press("Import starten")
    user.follow(stop_when=lambda text: text.count(" OK") >= 2)
    shoot(driver, "import-laeuft")
    user.wait_until_ended()
    shoot(driver, "import-fertig")

    change_a_phone(book)
    user.open("/pruefen")
    user.press("Erneut prüfen")
    user.open("/vorschau")
    user.press("Vorschau erstellen")
    user.wait_until_ended()
    shoot(driver, "vorschau")

    user.open("/import")
    user.press("Erneut starten (nur, was nicht OK ist)")
    user.wait_until_ended()
    user.open("/laeufe")
    shoot(driver, "laeufe")


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="amt24-bilder-"))
    try:
        book = valid_workbook(work)
        mandanten = [r.mandant for r in read_workbook(book).records("Impressum")]
        config = SandboxConfig(mandanten=mandanten, publish_delay=0.3, latency_ms=60)
        with (
            start_sandbox(config) as sandbox,
            private_folder() as folder,
            WebServer(WebConfig(folder)) as server,
            browser_session(headless=True) as driver,
        ):
            driver.set_window_size(WIDTH, 900)
            user = WebUser(driver, server, work / "downloads")
            user.enter()
            tour(user, sandbox.url, book)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
