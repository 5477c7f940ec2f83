"""The one wait helper: explicit waits on conditions with short polling, never fixed sleeps."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, cast

from selenium.common.exceptions import (
    NoSuchElementException,
    StaleElementReferenceException,
    TimeoutException,
)
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from importer.admincenter.problems import PageTimeout

T = TypeVar("T")

POLL = 0.05
IGNORED = (StaleElementReferenceException, NoSuchElementException)


def wait_for(
    driver: WebDriver,
    condition: Callable[[WebDriver], T | None],
    timeout: float,
    poll: float = POLL,
    message: str = "",
) -> T:
    """The first truthy result of `condition(driver)`; `PageTimeout(message)` after `timeout`.

    A stale or vanished element during a check counts as "not yet" (the page is changing).
    Exceptions raised by the condition (e.g. a `PageProblem`) end the wait at once.
    """
    waiting = WebDriverWait(driver, timeout, poll_frequency=poll, ignored_exceptions=IGNORED)
    try:
        result = cast(T, waiting.until(condition))
    except TimeoutException:
        raise PageTimeout(message or "Das AdminCenter hat nicht rechtzeitig geantwortet.") from None
    return result
