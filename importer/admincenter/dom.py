"""Elements by visible label: the Python side of `script.py`, one script call per operation.

`Dom` knows the driver, the locator table and the timeout; page objects ask it for elements by
locator key, to fill or read forms in one call, and to press a button and wait for the page's
answer (confirmation, field errors, error page, login page, "Keine Berechtigung").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from typing import Any

from selenium.common.exceptions import (
    ElementClickInterceptedException,
    ElementNotInteractableException,
    StaleElementReferenceException,
    WebDriverException,
)
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement

from importer.admincenter.locators import Locators
from importer.admincenter.problems import (
    LabelMissing,
    PageTimeout,
    PermissionDenied,
    Refused,
    ServerError,
    SessionExpired,
)
from importer.admincenter.script import CALL, NETWORK_COUNTER
from importer.admincenter.waits import wait_for

PROBLEM_KEYS = {
    "session": "fehler.sitzung",
    "permission": "fehler.berechtigung",
    "server": "fehler.server",
}
SETTLE_LIMIT = 10.0
RAISES = {"session": SessionExpired, "permission": PermissionDenied, "server": ServerError}


class Dom:
    """Finds, fills, reads and presses by locator key on the current page."""

    def __init__(self, driver: WebDriver, locators: Locators, timeout: float) -> None:
        self.driver = driver
        self.locators = locators
        self.timeout = timeout
        self.counts_requests = _install_network_counter(driver)

    def spec(self, key: str, near: str | None = None, **extra: Any) -> dict[str, Any]:
        locator = self.locators[key]
        spec = {"key": key, "kind": locator.kind, "label": locator.label, **extra}
        spec["near"] = self.spec(near) if near else None
        return spec

    def label(self, key: str) -> str:
        return self.locators.label(key)

    def run(self, op: str, arg: Any = None) -> Any:
        return self.driver.execute_script(CALL, op, arg)

    def problem_spec(self, on_login_page: bool = False) -> dict[str, Any]:
        """Labels of the page-level problems. Off the login page, the login form itself is one;
        on it, "Ihre Sitzung ist abgelaufen" is just the reason we are there."""
        spec: dict[str, Any] = {k: [self.label(v)] for k, v in PROBLEM_KEYS.items()}
        spec["loginButton"] = None if on_login_page else self.spec("login.anmelden")
        if on_login_page:
            spec["session"] = []
        return spec

    @staticmethod
    def raise_problem(answer: dict[str, Any] | None) -> None:
        if not answer:
            return
        kind = answer["kind"]
        if kind in RAISES:
            raise RAISES[kind]()
        if kind == "refused":
            raise Refused(answer["messages"])

    def problem(self) -> dict[str, Any] | None:
        """The page's problem (login page, error page, no permission) or None."""
        return self.run("problems", self.problem_spec())

    def find(self, key: str, near: str | None = None) -> WebElement | None:
        return self.run("find", self.spec(key, near))

    def seek(
        self,
        key: str,
        page: str,
        near: str | None = None,
        also: Sequence[str] = (),
        on_login_page: bool = False,
    ) -> dict[str, Any]:
        """Wait until `key` (and every key of `also`) is on the page.

        Raises the page's problem as soon as it shows, `LabelMissing` after the timeout.
        """
        arg = {
            "find": self.spec(key, near),
            "also": [self.spec(k) for k in also],
            "problems": self.problem_spec(on_login_page),
        }

        def found(_driver: WebDriver) -> dict[str, Any] | None:
            answer = self.run("seek", arg)
            if answer and "problem" in answer:
                self.raise_problem(answer["problem"])
            return answer

        try:
            return wait_for(self.driver, found, self.timeout)
        except PageTimeout:
            missing = self.first_missing([key, *also])
            raise LabelMissing(missing, self.label(missing), page) from None

    def first_missing(self, keys: list[str]) -> str:
        present = self.probe(keys)
        return next((k for k in keys if not present.get(k)), keys[0])

    def element(self, key: str, page: str, near: str | None = None) -> WebElement:
        return self.seek(key, page, near)["el"]

    def click(
        self, key: str, page: str, near: str | None = None, on_login_page: bool = False
    ) -> None:
        """Press what `key` names like a person would (waiting for it to appear)."""
        self.press_found(
            lambda: self.seek(key, page, near, on_login_page=on_login_page), self.label(key)
        )

    def click_entry(self, spec: dict[str, Any]) -> bool:
        """Click the list entry named `spec["name"]`; False when the list has no such entry."""
        return self.press_found(lambda: self.run("listItem", spec), spec["name"])

    def press_found(self, hit: Callable[[], dict[str, Any] | None], what: str) -> bool:
        """Click a found element; a folded menu entry is followed by its address, an element
        covered by something else is clicked by script, a stale one is found again."""
        for _attempt in range(3):
            found = hit()
            if found is None:
                return False
            try:
                if found["visible"]:
                    found["el"].click()
                elif found["href"]:
                    self.driver.get(found["href"])
                else:
                    self.driver.execute_script("arguments[0].click();", found["el"])
                return True
            except StaleElementReferenceException:
                continue
            except (ElementClickInterceptedException, ElementNotInteractableException):
                self.driver.execute_script("arguments[0].click();", found["el"])
                return True
        raise PageTimeout(f"„{what}“ ließ sich nicht anklicken.")

    def fill(self, values: Mapping[str, str | None], page: str, near: str | None = None) -> None:
        """Set many fields (by key) in one script call; type where a page refused the value."""
        specs = [self.spec(k, near, value=v or "") for k, v in values.items()]
        answers = self.run("fill", specs)
        for spec in specs:
            answer = answers.get(spec["key"])
            if answer == "missing":
                # the page may have turned into another one meanwhile (e.g. its script found
                # the session expired and showed the login page): that is the problem then
                self.raise_problem(self.problem())
                raise LabelMissing(spec["key"], spec["label"], page)
            if answer == "option":
                raise Refused([f"„{spec['value']}“ steht bei „{spec['label']}“ nicht zur Auswahl"])
            if answer in ("mismatch", "control", "choose"):
                element = self.element(spec["key"], page, near)
                element.clear()
                element.send_keys(spec["value"])
            if answer == "choose":
                self._choose(spec)

    def _choose(self, spec: dict[str, Any]) -> None:
        """Click the option a search-as-you-type field offers for the typed value (found again
        when the list is redrawn under the click: every keystroke may redraw it)."""

        def clicked(_driver: WebDriver) -> bool:
            option = self.run("option", spec)
            if option is None:
                return False
            option.click()  # a stale option is "not yet" for wait_for
            return True

        try:
            wait_for(self.driver, clicked, self.timeout)
        except PageTimeout:
            raise Refused(
                [f"„{spec['value']}“ steht bei „{spec['label']}“ nicht zur Auswahl"]
            ) from None

    def read(self, specs: list[dict[str, Any]]) -> dict[str, str | None]:
        """Current values by key (None where the label is not on the page)."""
        return self.run("read", specs)

    def read_keys(self, keys: Sequence[str], near: str | None = None) -> dict[str, str | None]:
        return self.read([self.spec(k, near) for k in keys])

    def probe(self, keys: Sequence[str]) -> dict[str, bool]:
        return self.run("probe", [self.spec(k) for k in keys])

    def press(
        self,
        button: str,
        page: str,
        confirm: Sequence[str] = (),
        fail: Sequence[str] = (),
        arrive: Sequence[str] = (),
        on_login_page: bool = False,
    ) -> dict[str, Any]:
        """Press `button` and wait for the page's NEW answer.

        Success is a confirmation text of `confirm` or an element of `arrive`; a text of `fail`
        answers {"kind": "failed"}. Problems and field errors raise. Messages already shown
        before the press don't count (an async save may take a while, and the previous
        save's "gespeichert" may still be on the page).
        """
        confirm_texts = [self.label(k) for k in confirm]
        fail_texts = [self.label(k) for k in fail]
        armed = confirm_texts + fail_texts + [self.label(k) for k in PROBLEM_KEYS.values()]
        self.run("arm", {"texts": armed, "button": self.spec(button)})
        self.click(button, page, on_login_page=on_login_page)
        spec = self.problem_spec(on_login_page)
        spec.update(confirm=confirm_texts, fail=fail_texts, arrive=[self.spec(k) for k in arrive])
        expected = (confirm_texts or [self.label(k) for k in arrive] or ["eine Antwort"])[0]
        answer = wait_for(
            self.driver,
            lambda _driver: self.run("outcome", spec),
            self.timeout,
            message=f"Nach „{self.label(button)}“ kam keine Bestätigung „{expected}“.",
        )
        if answer["kind"] not in ("ok", "failed"):
            self.raise_problem(answer)
        return answer

    def wait_settled(self, timeout: float | None = None) -> None:
        """Wait until the page has loaded, no request is in flight and nothing changed for a
        moment (lists loaded by script); go on after `timeout` anyway (a page with a ticking
        clock is never quiet for long)."""
        quiet_ms = 150 if self.counts_requests else 500
        limit = timeout or min(self.timeout, SETTLE_LIMIT)
        with suppress(PageTimeout):
            wait_for(self.driver, lambda _d: self.run("quiet", quiet_ms), limit)

    def document(self) -> WebElement:
        return self.driver.find_element(By.TAG_NAME, "html")

    def wait_replaced(self, old: WebElement, timeout: float) -> bool:
        """Whether the page `old` belonged to was replaced by a new one within `timeout`."""

        def replaced(_driver: WebDriver) -> bool:
            try:
                old.tag_name  # noqa: B018 (touching the element reveals staleness)
            except StaleElementReferenceException:
                return True
            return False

        try:
            return wait_for(self.driver, replaced, timeout)
        except PageTimeout:
            return False


def _install_network_counter(driver: WebDriver) -> bool:
    """Count fetch/XHR requests in flight on every new page (Chromium's DevTools protocol)."""
    execute_cdp = getattr(driver, "execute_cdp_cmd", None)
    if execute_cdp is None:
        return False
    try:
        execute_cdp("Page.addScriptToEvaluateOnNewDocument", {"source": NETWORK_COUNTER})
    except WebDriverException:
        return False
    return True
