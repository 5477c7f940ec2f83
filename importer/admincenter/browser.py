"""Starting and stopping the browser: Debian Chromium on Linux, Chrome or Edge elsewhere.

Flags and the explicit driver path come from measurements on the target machines
(PITFALLS.md): the explicit `Service` skips Selenium Manager, `SE_OFFLINE` keeps it from
hanging on a network that drops packets, a fresh profile per session keeps runs independent.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import weakref
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TypeVar

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.options import Options as ChromeOptions
from selenium.webdriver.chrome.service import Service as ChromeService
from selenium.webdriver.chromium.options import ChromiumOptions
from selenium.webdriver.edge.options import Options as EdgeOptions
from selenium.webdriver.remote.webdriver import WebDriver

from importer.errors import BrowserUnavailable

OptionsT = TypeVar("OptionsT", bound=ChromiumOptions)

DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
DEBIAN_CHROMEDRIVER = Path("/usr/bin/chromedriver")
WINDOW_SIZE = (1280, 900)
COMMAND_SECONDS = 60  # above any page-load or script timeout the importer sets
QUIT_SECONDS = 10
FLAGS = (
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--lang=de-DE",
)

# Profile folders we created, removed when their browser quits (or is garbage-collected).
_PROFILES: weakref.WeakKeyDictionary[WebDriver, Path] = weakref.WeakKeyDictionary()


def start_browser(
    headless: bool = True, remote_url: str | None = None, user_data_dir: Path | None = None
) -> WebDriver:
    """Start a browser session; stop it with `quit_browser` (or use `browser_session`).

    Raises `BrowserUnavailable` when no browser can be started.
    """
    profile = None
    if user_data_dir is None and remote_url is None:
        profile = Path(tempfile.mkdtemp(prefix="amt24-profile-"))
    try:
        driver = _launch(headless, remote_url, user_data_dir or profile)
    except BrowserUnavailable:
        _remove(profile)
        raise
    if profile is not None:
        _PROFILES[driver] = profile
        weakref.finalize(driver, _remove, profile)
    _limit_commands(driver, COMMAND_SECONDS)
    driver.set_window_size(*WINDOW_SIZE)
    return driver


def quit_browser(driver: WebDriver) -> None:
    """Quit the browser whatever state it is in and remove the profile we created for it.

    A hung browser must not hold up its replacement (measured: 8 minutes until a new session
    could start with Selenium's own waits).
    """
    with suppress(Exception):
        _limit_commands(driver, QUIT_SECONDS)
        driver.quit()
    _remove(_PROFILES.pop(driver, None))


@contextmanager
def browser_session(
    headless: bool = True, remote_url: str | None = None, user_data_dir: Path | None = None
) -> Iterator[WebDriver]:
    """A browser that is quit (and its fresh profile removed) on every way out of the block."""
    driver = start_browser(headless, remote_url, user_data_dir)
    try:
        yield driver
    finally:
        quit_browser(driver)


def _limit_commands(driver: WebDriver, seconds: float) -> None:
    """How long to wait for the driver's answer to one command. Selenium's default, 120 s
    (and it may send a command again), turns a hung browser into minutes of standstill; page
    loads and scripts are bounded by their own timeouts anyway."""
    config = getattr(driver.command_executor, "client_config", None)
    if config is not None:
        config.timeout = seconds


def _launch(headless: bool, remote_url: str | None, profile: Path | None) -> WebDriver:
    try:
        if remote_url:
            return webdriver.Remote(
                command_executor=remote_url, options=_options(ChromeOptions(), headless, profile)
            )
        if sys.platform.startswith("linux"):
            os.environ.setdefault("SE_OFFLINE", "true")
            if DEBIAN_CHROMIUM.exists() and DEBIAN_CHROMEDRIVER.exists():
                options = _options(ChromeOptions(), headless, profile)
                options.binary_location = str(DEBIAN_CHROMIUM)
                return webdriver.Chrome(options, ChromeService(str(DEBIAN_CHROMEDRIVER)))
        return _chrome_or_edge(headless, profile)
    except WebDriverException as error:
        raise BrowserUnavailable(_unavailable(error.msg or str(error))) from None
    except OSError as error:
        raise BrowserUnavailable(_unavailable(str(error))) from None


def _chrome_or_edge(headless: bool, profile: Path | None) -> WebDriver:
    """Chrome through Selenium Manager, else Edge (always present on Windows)."""
    try:
        return webdriver.Chrome(_options(ChromeOptions(), headless, profile))
    except WebDriverException:
        return webdriver.Edge(_options(EdgeOptions(), headless, profile))


def _options(options: OptionsT, headless: bool, profile: Path | None) -> OptionsT:
    if headless:
        options.add_argument("--headless=new")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        options.add_argument("--no-sandbox")
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--window-size={WINDOW_SIZE[0]},{WINDOW_SIZE[1]}")
    if profile is not None:
        options.add_argument(f"--user-data-dir={profile}")
    options.add_experimental_option("prefs", {"intl.accept_languages": "de-DE,de"})
    options.page_load_strategy = "normal"
    # A confirm() asking "really save?" must not silently cancel the save.
    options.unhandled_prompt_behavior = "accept"
    return options


def _unavailable(detail: str) -> str:
    first_line = detail.strip().splitlines()[0] if detail.strip() else "unbekannter Fehler"
    return (
        "Der Browser konnte nicht gestartet werden (Chromium, Chrome oder Edge mit passendem "
        f"Treiber wird gebraucht): {first_line}"
    )


def _remove(profile: Path | None) -> None:
    if profile is not None:
        shutil.rmtree(profile, ignore_errors=True)
