"""Screenshots of the sandbox AdminCenter for docs/sandbox.md.

Run from the project root: `.venv/bin/python docs/make_screenshots.py`. It starts a sandbox,
fills it through the importer's own AdminCenter client in headless Chromium, and writes the
PNG files into docs/img/.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw
from selenium.webdriver.common.by import By

from importer.admincenter.browser import browser_session
from importer.admincenter.client import AdminCenter
from importer.admincenter.locators import load_locators
from importer.sandbox import SandboxConfig, start_sandbox

IMAGES = Path(__file__).resolve().parent / "img"
MANDANT = "Gemeinde Klipphausen"
IMPRESSUM = {
    "behoerde": "Gemeindeverwaltung Klipphausen",
    "vertreten_durch": "Bürgermeister Mirko Knöfel",
    "strasse": "Talstraße 3",
    "plz": "01665",
    "ort": "Klipphausen",
    "telefon": "+49 35204 1234-0",
    "email": "poststelle@klipphausen.de",
    "internet": "https://www.klipphausen.de",
}
DATENSCHUTZ = {
    "name": "Datenschutzbeauftragter der Gemeinde",
    "email": "datenschutz@klipphausen.de",
}
UNITS = (
    ("Hauptamt", None, "hauptamt"),
    ("Bauamt", None, "bauamt"),
    ("Ordnungsamt", "Hauptamt", "ordnungsamt"),
    ("Bürgerbüro", "Hauptamt", "buergerbuero"),
    ("Rechnungsprüfungsamt", None, "rpa"),
)


def wappen(path: Path) -> Path:
    image = Image.new("RGB", (240, 280), "white")
    draw = ImageDraw.Draw(image)
    draw.polygon([(20, 20), (220, 20), (220, 150), (120, 260), (20, 150)], fill=(29, 95, 168))
    draw.rectangle((70, 70, 170, 120), fill=(246, 195, 67))
    image.save(path)
    return path


def fill(client: AdminCenter, logo: Path) -> str:
    """Enter the example data; the address of the last unit's detail page."""
    client.save_impressum(MANDANT, IMPRESSUM)
    client.save_datenschutz(MANDANT, DATENSCHUTZ)
    client.upload_bild(MANDANT, logo)
    unit = None
    for name, parent, mailbox in UNITS:
        unit = client.create_unit(MANDANT, name, parent)
        values = {"email": f"{mailbox}@klipphausen.de", "telefon": "+49 35204 1234-20"}
        client.save_kommunikation(MANDANT, unit, values)
    assert unit is not None
    published = client.wait_published(MANDANT, unit, timeout=10)
    if not published.published:
        raise SystemExit("The unit was not published: no screenshot.")
    return published.href or ""


def shoot(driver, name: str) -> None:
    path = IMAGES / name
    driver.save_screenshot(str(path))
    print(f"written {path.relative_to(IMAGES.parent.parent)}")


def main() -> int:
    IMAGES.mkdir(exist_ok=True)
    with (
        tempfile.TemporaryDirectory() as folder,
        start_sandbox(SandboxConfig(publish_delay=0.3)) as sandbox,
        browser_session(headless=True) as driver,
    ):
        driver.set_window_size(1280, 720)
        client = AdminCenter(driver, sandbox.url, load_locators(), timeout=10)
        client.login("admin", "admin")
        unit_address = fill(client, wappen(Path(folder) / "wappen.png"))
        driver.get(unit_address)
        driver.find_element(By.XPATH, "//ul[contains(@class,'entitylist')]//a")  # list loaded
        shoot(driver, "sandbox-organisationseinheit.png")
        driver.find_element(By.XPATH, "//button[normalize-space()='Kommunikation']").click()
        shoot(driver, "sandbox-kommunikation.png")
        client.mandant_page(MANDANT)
        shoot(driver, "sandbox-mandant.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
