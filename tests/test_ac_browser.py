"""Starting and stopping the browser: fresh profile removed on every way out, clear failures."""

from __future__ import annotations

from pathlib import Path

import pytest

from importer.admincenter import browser
from importer.admincenter.browser import browser_session
from importer.errors import BrowserUnavailable

pytestmark = pytest.mark.browser


def test_the_profile_is_removed_when_the_block_ends_even_by_an_error() -> None:
    with pytest.raises(KeyError), browser_session() as driver:
        profile = browser._PROFILES[driver]
        assert profile.is_dir()
        assert driver.get_window_size() == {"width": 1280, "height": 900}
        assert driver.execute_script("return navigator.language") == "de-DE"
        raise KeyError("something went wrong while the browser was open")
    assert not profile.exists()


def test_a_browser_that_cannot_start_is_a_fatal_german_error(monkeypatch, tmp_path) -> None:
    broken = tmp_path / "chromium"
    broken.write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")
    broken.chmod(0o755)
    monkeypatch.setattr(browser, "DEBIAN_CHROMIUM", broken)
    before = set(Path(browser.tempfile.gettempdir()).glob("amt24-profile-*"))
    with pytest.raises(BrowserUnavailable) as unavailable:
        browser.start_browser()
    assert unavailable.value.message.startswith("Der Browser konnte nicht gestartet werden")
    assert unavailable.value.exit_code == 2
    assert set(Path(browser.tempfile.gettempdir()).glob("amt24-profile-*")) == before
