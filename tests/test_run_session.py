"""The session's recovery rules with a real browser: an expired session logs in again, a dead
browser is replaced by a new one; both without the step noticing."""

from __future__ import annotations

import threading
import time

import pytest
from run_support import ADMIN, options

from importer.admincenter.locators import load_locators
from importer.runner.options import RunOptions
from importer.runner.session import RunStopped, Session

pytestmark = pytest.mark.browser

MANDANTEN = ["Stadt Meißen", "Stadt Riesa"]


def test_an_expired_session_logs_in_again(make_sandbox) -> None:
    sandbox = make_sandbox(mandanten=MANDANTEN, session_timeout=3.0)
    with Session(options(sandbox), ADMIN, load_locators(None), threading.Event()) as session:
        session.open()
        time.sleep(3.5)  # let the sandbox's session run out
        assert session.call(lambda client: client.mandanten()) == MANDANTEN


def test_a_dead_browser_is_replaced_and_logged_in(make_sandbox) -> None:
    sandbox = make_sandbox(mandanten=MANDANTEN)
    with Session(options(sandbox), ADMIN, load_locators(None), threading.Event()) as session:
        session.open()
        dead = session.driver
        dead.quit()
        assert session.call(lambda client: client.mandanten()) == MANDANTEN
        assert session.driver is not dead


def test_a_stop_interrupts_the_back_off_at_once() -> None:
    stop = threading.Event()
    slow = RunOptions(url="http://127.0.0.1:9/", backoff=30.0)
    session = Session(slow, ADMIN, load_locators(None), stop)
    threading.Timer(0.2, stop.set).start()
    started = time.monotonic()
    with pytest.raises(RunStopped):
        session.pause(0)
    assert time.monotonic() - started < 5
