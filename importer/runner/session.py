"""One logged-in browser session with the recovery rules of a run.

Technical failures are tried again with exponential back-off: a page that timed out or showed
the server's error page is simply tried again; an expired session logs in again; a browser that
died (or a WebDriver error) is replaced by a new browser session. Business refusals are not
tried again. Waits use the run's stop event, so Ctrl+C interrupts them at once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import suppress
from typing import TypeVar

from loguru import logger
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.remote.webdriver import WebDriver
from urllib3.exceptions import HTTPError

from importer.admincenter.browser import quit_browser, start_browser
from importer.admincenter.client import AdminCenter
from importer.admincenter.credentials import Credentials
from importer.admincenter.locators import Locators
from importer.admincenter.problems import PageProblem, PageTimeout, ServerError, SessionExpired
from importer.errors import AdminCenterUnreachable, LoginPageUnknown
from importer.runner.options import RunOptions

T = TypeVar("T")

# What a dead browser or driver raises: WebDriver errors, or the driver's HTTP connection failing.
BROWSER_ERRORS = (WebDriverException, HTTPError, ConnectionError)


class RunStopped(Exception):
    """The run was asked to stop (Ctrl+C or a fatal error in another worker)."""


class Session:
    """A browser logged in to the AdminCenter; `call` runs one step under the retry rules."""

    def __init__(
        self,
        options: RunOptions,
        credentials: Credentials,
        locators: Locators,
        stop: threading.Event,
    ) -> None:
        self.options = options
        self.credentials = credentials
        self.locators = locators
        self.stop = stop
        self.driver: WebDriver | None = None
        self._client: AdminCenter | None = None

    @property
    def client(self) -> AdminCenter:
        if self._client is None:
            self.open()
        assert self._client is not None
        return self._client

    def live_client(self) -> AdminCenter | None:
        """The client of the browser open now (None: none is open; no new one is started)."""
        return self._client

    def open(self) -> None:
        """Start a browser and log in; `AdminCenterUnreachable` when the login page stays away."""
        self.close()
        self.driver = start_browser(
            headless=not self.options.headed, remote_url=self.options.remote_url
        )
        self._client = AdminCenter(
            self.driver, self.options.url, self.locators, self.options.page_timeout
        )
        self.login()

    def login(self) -> None:
        """Log in, trying again while the AdminCenter is unreachable; wrong credentials raise."""
        assert self._client is not None
        for attempt in range(self.options.retries + 1):
            try:
                self._client.login(self.credentials.user, self.credentials.password)
                return
            except LoginPageUnknown:
                raise  # the same page again would not help
            except (AdminCenterUnreachable, PageTimeout, ServerError) as error:
                logger.warning("Anmeldung fehlgeschlagen (Versuch {}): {}", attempt + 1, error)
                if attempt == self.options.retries:
                    text = first_line(error).rstrip(".")
                    if not isinstance(error, AdminCenterUnreachable):
                        text = f"Anmeldung unter {self.options.url}: {text}"
                    raise AdminCenterUnreachable(
                        f"{text} – auch nach {attempt + 1} Versuchen."
                    ) from None
                self.pause(attempt)

    def close(self) -> None:
        if self.driver is not None:
            quit_browser(self.driver)
        self.driver = None
        self._client = None

    def pause(self, attempt: int) -> None:
        """Back-off before attempt `attempt + 2`; raises RunStopped when the run stops."""
        if self.stop.wait(self.options.backoff * 2**attempt):
            raise RunStopped()

    def call(
        self,
        step: Callable[[AdminCenter], T],
        on_give_up: Callable[[Exception], None] | None = None,
    ) -> T:
        """Run `step(client)`; retry technical failures, then raise the last one.

        `on_give_up` sees the last failure while the browser still shows it (evidence), before
        any recovery. Before giving up, a fresh login proves the AdminCenter is still there:
        one that stays down ends the run (`AdminCenterUnreachable`) instead of failing row
        after row.
        """
        attempt = 0
        while True:
            if self.stop.is_set():
                raise RunStopped()
            client = self.client  # a failed (re)start or login ends the run: not retried here
            try:
                return step(client)
            except PageProblem as problem:
                if not problem.retryable:
                    raise
                failure: Exception = problem
            except (*BROWSER_ERRORS, AdminCenterUnreachable) as error:
                failure = error
            logger.warning("Versuch {} fehlgeschlagen: {}", attempt + 1, first_line(failure))
            if attempt == self.options.retries:
                if on_give_up is not None:
                    on_give_up(failure)
                if isinstance(failure, BROWSER_ERRORS):
                    self.open()
                else:
                    self.login()
                raise failure
            self.pause(attempt)
            self._recover(failure)
            attempt += 1

    def _recover(self, error: Exception) -> None:
        if isinstance(error, SessionExpired):
            logger.info("Sitzung abgelaufen: melde neu an")
            self.login()
        elif isinstance(error, (*BROWSER_ERRORS, AdminCenterUnreachable)):
            logger.info("Browser-Sitzung wird neu gestartet")
            self.open()
        elif self._client is not None and self.driver is not None:
            # start again from a clean page: an error page is no place to navigate from
            self._client.reset_cache()
            with suppress(WebDriverException):
                self.driver.get(self.options.url)

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def first_line(error: BaseException) -> str:
    text = getattr(error, "message", None) or getattr(error, "msg", None) or str(error)
    return str(text).strip().splitlines()[0] if str(text).strip() else type(error).__name__
