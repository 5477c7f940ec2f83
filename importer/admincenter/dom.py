"""Elements by visible text: the Python side of the in-page library (script.py, js/).

`Dom` knows the driver, the locator table and the timeout; page objects ask it for elements by
locator key, to fill or read forms in one call, and to press a button and wait for the page's
answer (confirmation, field errors, error page, login page, "Keine Berechtigung"). Every lookup
is scoped to the top-most open dialog, else the open panel, else the page (js/text.js).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from typing import Any

from selenium.common.exceptions import (
    ElementClickInterceptedException,
    ElementNotInteractableException,
    JavascriptException,
    StaleElementReferenceException,
    WebDriverException,
)
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
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
from importer.admincenter.script import CALL, MISSING, library, network_counter
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
        self.counts_requests = _install(driver)

    def spec(self, key: str, near: str | None = None, **extra: Any) -> dict[str, Any]:
        locator = self.locators[key]
        spec = {"key": key, "kind": locator.kind, "labels": list(locator.labels), **extra}
        spec["near"] = self.spec(near) if near else None
        return spec

    def label(self, key: str) -> str:
        return self.locators.label(key)

    def labels(self, key: str) -> list[str]:
        return list(self.locators.labels(key))

    def run(self, op: str, arg: Any = None) -> Any:
        """Call the in-page library by name; install it first where this document lacks it."""
        answer = self.driver.execute_script(CALL, op, arg)
        if isinstance(answer, dict) and answer.get(MISSING):
            self.driver.execute_script(library())
            answer = self.driver.execute_script(CALL, op, arg)
        return answer

    def problem_spec(self, on_login_page: bool = False) -> dict[str, Any]:
        """Texts of the page-level problems. Off the login page, the login form itself is one;
        on it, "Ihre Sitzung ist abgelaufen" is just the reason we are there."""
        spec: dict[str, Any] = {k: self.labels(v) for k, v in PROBLEM_KEYS.items()}
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
        timeout: float | None = None,
        enabled: bool = False,
    ) -> dict[str, Any]:
        """Wait until `key` (and every key of `also`) is on the page and nothing is busy (and,
        with `enabled`, until it can be pressed).

        Raises the page's problem as soon as it shows, `LabelMissing` after the timeout (or
        `PageTimeout` for an element that stays disabled).
        """
        arg = {
            "find": self.spec(key, near),
            "also": [self.spec(k) for k in also],
            "problems": self.problem_spec(on_login_page),
        }
        seen: list[dict[str, Any]] = []

        def found(_driver: WebDriver) -> dict[str, Any] | None:
            answer = self.run("seek", arg)
            if answer and "problem" in answer:
                self.raise_problem(answer["problem"])
            if answer and enabled and not answer["enabled"]:
                seen.append(answer)
                return None
            return answer

        try:
            return wait_for(self.driver, found, timeout or self.timeout)
        except PageTimeout:
            if seen:
                raise PageTimeout(f"„{self.label(key)}“ bleibt gesperrt.") from None
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
        """Press what `key` names like a person would: once it is there and enabled."""
        first = [self.seek(key, page, near, on_login_page=on_login_page, enabled=True)]

        def hit() -> dict[str, Any]:  # found again if the page redrew it (stale)
            return first.pop() if first else self.seek(key, page, near, on_login_page=on_login_page)

        self.press_found(hit, self.label(key))

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
                if found.get("key"):
                    found["el"].send_keys(Keys.ARROW_RIGHT)
                elif found["visible"]:
                    found["el"].click()
                elif found["href"]:
                    self.driver.get(found["href"])
                else:
                    self.driver.execute_script("arguments[0].click();", found["el"])
                return True
            except StaleElementReferenceException:
                continue
            except (ElementClickInterceptedException, ElementNotInteractableException):
                self.wait_settled()
                with suppress(StaleElementReferenceException):
                    self.driver.execute_script("arguments[0].click();", found["el"])
                    return True
        raise PageTimeout(f"„{what}“ ließ sich nicht anklicken.")

    def fill(self, values: Mapping[str, str | None], page: str, near: str | None = None) -> None:
        """Set many fields (by key) in one script call; type, pick or click where the page
        wants a person's way (a drop-down, a check box, a search-as-you-type field)."""
        specs = [self.spec(k, near, value=v or "") for k, v in values.items()]
        answers = self.run("fill", specs)
        for spec in specs:
            answer = answers.get(spec["key"])
            if answer == "missing":
                # the page may have turned into another one meanwhile (e.g. its script found
                # the session expired and showed the login page): that is the problem then
                self.raise_problem(self.problem())
                raise LabelMissing(spec["key"], spec["labels"][0], page)
            if answer == "option":
                raise Refused(_not_offered(spec))
            if answer in ("mismatch", "control", "choose"):
                element = self.element(spec["key"], page, near)
                element.clear()
                if spec["value"]:
                    element.send_keys(spec["value"])
            if answer == "choose":
                self._click_option(spec)
            elif answer == "pick":
                self.click(spec["key"], page, near)
                self._click_option(spec)
            elif answer == "click":
                self._toggle(spec, page, near)

    def _click_option(self, spec: dict[str, Any]) -> None:
        """Click the option an open drop-down or a search-as-you-type field offers for the
        value (found again when the list is redrawn under the click), then wait until the
        control shows it."""

        def clicked(_driver: WebDriver) -> bool:
            option = self.run("option", spec)
            if option is None:
                return False
            option.click()  # a stale option is "not yet" for wait_for
            return True

        try:
            wait_for(self.driver, clicked, self.timeout)
        except PageTimeout:
            raise Refused(_not_offered(spec)) from None

        def shown(_driver: WebDriver) -> bool:
            value = self.read([spec])[spec["key"]] or ""
            return " ".join(value.split()).casefold() == " ".join(spec["value"].split()).casefold()

        with suppress(PageTimeout):  # a search field may show more than the option's name
            wait_for(self.driver, shown, min(self.timeout, 3.0))

    def _toggle(self, spec: dict[str, Any], page: str, near: str | None) -> None:
        """Click a check box until it shows the wanted state (its label where the box itself
        is drawn over)."""
        want = spec["value"]
        self.click(spec["key"], page, near)

        def shown(_driver: WebDriver) -> bool:
            return self.read([spec])[spec["key"]] == want

        try:
            wait_for(self.driver, shown, min(self.timeout, 3.0))
        except PageTimeout:
            raise Refused([f"„{spec['labels'][0]}“ lässt sich nicht umschalten"]) from None

    def choices(self, key: str, page: str) -> list[str] | None:
        """The texts a choice offers (a drop-down is opened and closed again); None where its
        choices appear only while typing, or without the field."""
        spec = self.spec(key)
        offered = self.run("choices", spec)
        if isinstance(offered, dict) and offered.get("popup"):
            self.click(key, page)
            offered = wait_for(self.driver, lambda _d: _listed(self.run("choices", spec)), 5.0)
            self.close_popup(key)
        return offered

    def close_popup(self, key: str) -> None:
        """Close an open drop-down without choosing (Escape, as a person would)."""
        element = self.find(key)
        if element is not None and self.run("expanded", self.spec(key)):
            with suppress(WebDriverException):
                element.send_keys(Keys.ESCAPE)
            with suppress(PageTimeout):
                wait_for(self.driver, lambda _d: not self.run("expanded", self.spec(key)), 2.0)

    def read(self, specs: list[dict[str, Any]]) -> dict[str, str | None]:
        """Current values by key (None where the label is not on the page)."""
        return self.run("read", specs)

    def read_keys(self, keys: Sequence[str], near: str | None = None) -> dict[str, str | None]:
        return self.read([self.spec(k, near) for k in keys])

    def probe(self, keys: Sequence[str]) -> dict[str, str | None]:
        """Per key the accepted form the page shows, None where it shows none."""
        return self.run("probe", [self.spec(k) for k in keys])

    def press(
        self,
        button: str,
        page: str,
        confirm: Sequence[str] = (),
        fail: Sequence[str] = (),
        arrive: Sequence[str] = (),
        on_login_page: bool = False,
        **success: Any,
    ) -> dict[str, Any]:
        """Press `button` and wait for the page's NEW answer.

        Success is a confirmation text of `confirm`, an element of `arrive`, or what `success`
        names: `arriveId` (a shown Id: the spec of its caption), `written=True` (a script's
        save answered 2xx and the page is quiet), `closed=True` (the dialog open at the press
        went away). A text of `fail` answers {"kind": "failed"}. Problems and field errors
        raise. Messages already shown before the press don't count.
        """
        confirm_texts = [self.labels(k) for k in confirm]
        fail_texts = [self.labels(k) for k in fail]
        armed = [*confirm_texts, *fail_texts, *(self.labels(k) for k in PROBLEM_KEYS.values())]
        self.run("arm", {"texts": armed, "button": self.spec(button)})
        self.click(button, page, on_login_page=on_login_page)
        spec = self.problem_spec(on_login_page)
        spec.update(confirm=confirm_texts, fail=fail_texts, arrive=[self.spec(k) for k in arrive])
        spec.update(success)
        expected = (confirm_texts or [self.labels(k) for k in arrive] or [["eine Antwort"]])[0]
        answer = wait_for(
            self.driver,
            lambda _driver: self.run("outcome", spec),
            self.timeout,
            message=f"Nach „{self.label(button)}“ kam keine Bestätigung „{expected[0]}“.",
        )
        if answer["kind"] not in ("ok", "failed"):
            self.raise_problem(answer)
        return answer

    def wait_settled(self, timeout: float | None = None) -> None:
        """Wait until the page has loaded, no request is in flight, nothing is busy and
        nothing changed for a moment (parts drawn by script); go on after `timeout` anyway
        (a page with a ticking clock is never quiet for long)."""
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


def _listed(offered: object) -> list[str] | None:
    return offered if isinstance(offered, list) and offered else None


def _not_offered(spec: dict[str, Any]) -> list[str]:
    return [f"„{spec['value']}“ steht bei „{spec['labels'][0]}“ nicht zur Auswahl"]


def _install(driver: WebDriver) -> bool:
    """Install the network counter and the library on every new document, before the page's
    own scripts (Chromium's DevTools protocol); False where the driver cannot (the library is
    then installed on first use, without the counter)."""
    execute_cdp = getattr(driver, "execute_cdp_cmd", None)
    if execute_cdp is None:
        return False
    try:
        for source in (network_counter(), library()):
            execute_cdp("Page.addScriptToEvaluateOnNewDocument", {"source": source})
    except (WebDriverException, JavascriptException):
        return False
    return True
