"""Browser fixtures: one headless Chromium per test module, evidence saved for failed tests.

- `browser` (module): a fresh headless Chromium with its own profile, quit at module end.
- `driver` (test): that browser with cookies cleared after the test; when the test failed, the
  page's URL, HTML and a screenshot go to `test-artifacts/<test>/`.
- `make_client(sandbox, user="admin", ...)` (test): an `AdminCenter` on `driver`, logged in.
- `sandbox_state(sandbox)`: the sandbox's inspection JSON (what really got saved).
"""

from __future__ import annotations

import json
import re
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import suppress
from pathlib import Path

import pytest
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.remote.webdriver import WebDriver

from importer.admincenter.browser import browser_session
from importer.admincenter.client import AdminCenter
from importer.admincenter.locators import Locators, load_locators

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator:
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    with browser_session(headless=True) as driver:
        yield driver


@pytest.fixture
def driver(browser: WebDriver, request: pytest.FixtureRequest) -> Iterator[WebDriver]:
    yield browser
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        save_evidence(browser, request.node.nodeid)
    clear_session(browser)


def clear_session(driver: WebDriver) -> None:
    """Forget every cookie (all hosts and ports) and leave the page."""
    with suppress(WebDriverException):
        driver.execute_cdp_cmd("Network.clearBrowserCookies", {})
        driver.get("about:blank")


def save_evidence(driver: WebDriver, nodeid: str) -> Path:
    folder = ARTIFACTS / re.sub(r"[^\w.-]+", "_", nodeid)
    folder.mkdir(parents=True, exist_ok=True)
    with suppress(WebDriverException):
        (folder / "url.txt").write_text(driver.current_url + "\n", encoding="utf-8")
        (folder / "page.html").write_text(driver.page_source, encoding="utf-8")
        driver.save_screenshot(str(folder / "screenshot.png"))
    return folder


@pytest.fixture
def make_client(driver: WebDriver) -> Callable[..., AdminCenter]:
    def make(
        sandbox,
        user: str | None = "admin",
        password: str | None = None,
        locators: Locators | None = None,
        timeout: float = 10.0,
    ) -> AdminCenter:
        client = AdminCenter(driver, sandbox.url, locators or load_locators(), timeout)
        if user is not None:
            client.login(user, password or user)
        return client

    return make


def sandbox_state(sandbox) -> dict:
    with urllib.request.urlopen(sandbox.url.rstrip("/") + "/_sandbox/state") as answer:
        return json.load(answer)
