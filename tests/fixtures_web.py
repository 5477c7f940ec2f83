"""Web page fixtures: the app with a test client that holds the secret, and a served page.

- `web_config` / `web_app` (test): a fresh app on a private folder below `tmp_path`.
- `web` (test): a `WebClient` that opened the address with the secret (cookie set) and adds the
  CSRF token to every POST.
- `make_web_server()` (module): serve a fresh app on a free port (`WebServer`); stopped, and
  its private folder removed, at module end.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.test import TestResponse

from importer.web.app import create_app
from importer.web.config import WebConfig
from importer.web.server import WebServer, private_folder

TEST_PORT = 5999  # the client's requests name it in Host; nothing listens there
_FINDING = re.compile(r'data-befund="([^"]+)"')


class WebClient:
    """The Flask test client as the browser that opened the page."""

    def __init__(self, app: Flask, config: WebConfig) -> None:
        self.app, self.config = app, config
        self.client = app.test_client()
        self.base = f"http://127.0.0.1:{config.port}"
        self.responses: list[TestResponse] = []

    def enter(self) -> TestResponse:
        return self.get(f"/?zugang={self.config.secret}")

    def get(self, path: str, **kwargs: Any) -> TestResponse:
        kwargs.setdefault("base_url", self.base)
        return self.keep(self.client.get(path, **kwargs))

    def post(self, path: str, data: dict[str, Any] | None = None, **kwargs: Any) -> TestResponse:
        kwargs.setdefault("base_url", self.base)
        form = {"csrf_token": self.config.csrf_token, **(data or {})}
        return self.keep(self.client.post(path, data=form, **kwargs))

    def upload(self, *paths: Path, names: list[str] | None = None) -> TestResponse:
        files = [
            (path.open("rb"), name)
            for path, name in zip(paths, names or [p.name for p in paths], strict=True)
        ]
        try:
            return self.post("/mappe/hochladen", {"dateien": files})
        finally:
            for handle, _ in files:
                handle.close()

    def findings(self, query: str = "") -> list[tuple[str, int, str, str]]:
        """The findings table of Prüfen as (sheet, row, column, code)."""
        page = self.get(f"/pruefen{query}").get_data(as_text=True)
        return [finding_key(html.unescape(value)) for value in _FINDING.findall(page)]

    def keep(self, response: TestResponse) -> TestResponse:
        self.responses.append(response)
        return response


def finding_key(value: str) -> tuple[str, int, str, str]:
    sheet, row, column, code = value.split("|")
    return sheet, int(row), column, code


def private(folder: Path) -> Path:
    folder.mkdir(mode=0o700)
    return folder


@pytest.fixture
def web_config(tmp_path: Path) -> WebConfig:
    return WebConfig(private(tmp_path / "privat"), port=TEST_PORT)


@pytest.fixture
def web_app(web_config: WebConfig) -> Flask:
    return create_app(web_config)


@pytest.fixture
def web(web_app: Flask, web_config: WebConfig) -> WebClient:
    client = WebClient(web_app, web_config)
    client.enter()
    return client


@pytest.fixture(scope="module")
def make_web_server() -> Iterator[Callable[[], WebServer]]:
    servers: list[WebServer] = []
    with private_folder() as folder:

        def make() -> WebServer:
            server = WebServer(WebConfig(private(folder / f"web-{len(servers)}"))).start()
            servers.append(server)
            return server

        yield make
        for server in servers:
            server.stop()
