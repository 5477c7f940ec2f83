"""Sandbox fixtures: an app with a test client per test, and live servers on free ports.

- `make_sandbox_app(**config)` / `sandbox_app`: a fresh app and database per test (Flask test
  client via `sandbox_client`, login via `sandbox_auth`). `sandbox_app` runs each test once per
  generation of the AdminCenter (`generation`: "neu", "klassisch").
- `make_sandbox(**config)` (per test) and `make_module_sandbox(**config)` (per module): start a
  `RunningSandbox` on a free port and stop it at teardown; `sandbox_server` is the default one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from importer.sandbox import RunningSandbox, SandboxConfig, close_app, create_app, start_sandbox
from importer.sandbox.config import OBERFLAECHEN

# The test-suite default: publication after 50 ms instead of about a second.
TEST_DEFAULTS: dict[str, Any] = {"publish_delay": 0.05}

_FORM_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
_META_TOKEN = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


def sandbox_config(**overrides: Any) -> SandboxConfig:
    return SandboxConfig(**{**TEST_DEFAULTS, **overrides})


class AuthActions:
    """Login and CSRF handling for the Flask test client, kept out of test bodies."""

    def __init__(self, client: FlaskClient) -> None:
        self._client = client

    def login(self, username: str = "admin", password: str = "admin") -> TestResponse:
        """Log in on one page, or on two when the sandbox asks for the password on a second."""
        token = self.token("/anmeldung")
        data = {"benutzername": username, "passwort": password, "csrf_token": token}
        answer = self._client.post("/anmeldung", data=data)
        if answer.status_code == 302 and answer.location.startswith("/anmeldung/passwort"):
            data = {"passwort": password, "csrf_token": self.token(answer.location)}
            answer = self._client.post(answer.location, data=data)
        return answer

    def logout(self) -> TestResponse:
        return self._client.post("/abmelden", data={"csrf_token": self.token("/")})

    def token(self, path: str = "/") -> str:
        """The CSRF token the page at `path` carries (form field or meta tag)."""
        html = self._client.get(path).get_data(as_text=True)
        match = _FORM_TOKEN.search(html) or _META_TOKEN.search(html)
        if match is None:
            raise AssertionError(f"no CSRF token on {path}")
        return match.group(1)

    def post_form(self, path: str, data: dict[str, Any], **kwargs: Any) -> TestResponse:
        """Open the form page like a browser, then send it with the page's token."""
        return self._client.post(path, data={**data, "csrf_token": self.token(path)}, **kwargs)

    def fetch(self, path: str, data: dict[str, Any], page: str = "/") -> TestResponse:
        """A script's POST of form data: token in the X-CSRF-Token header, JSON answer."""
        headers = {"X-CSRF-Token": self.token(page), "Accept": "application/json"}
        return self._client.post(path, data=data, headers=headers)

    def send_json(self, path: str, payload: Any, page: str = "/") -> TestResponse:
        """A script's POST of a JSON body (an entry list), as the page's script sends it."""
        headers = {"X-CSRF-Token": self.token(page), "Accept": "application/json"}
        return self._client.post(path, json=payload, headers=headers)

    def fragment(self, path: str) -> TestResponse:
        """A part of a page as the script fetches it (errors come as JSON)."""
        return self._client.get(path, headers={"Accept": "text/html, application/json;q=0.9"})


@pytest.fixture
def make_sandbox_app() -> Iterator[Callable[..., Flask]]:
    apps: list[Flask] = []

    def make(**config: Any) -> Flask:
        app = create_app(sandbox_config(**config))
        apps.append(app)
        return app

    yield make
    for app in apps:
        close_app(app)


@pytest.fixture(params=OBERFLAECHEN)
def generation(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def sandbox_app(make_sandbox_app: Callable[..., Flask], generation: str) -> Flask:
    return make_sandbox_app(oberflaeche=generation)


@pytest.fixture
def sandbox_client(sandbox_app: Flask) -> FlaskClient:
    return sandbox_app.test_client()


@pytest.fixture
def sandbox_auth(sandbox_client: FlaskClient) -> AuthActions:
    return AuthActions(sandbox_client)


class _SandboxFactory:
    def __init__(self) -> None:
        self.running: list[RunningSandbox] = []

    def __call__(self, **config: Any) -> RunningSandbox:
        sandbox = start_sandbox(sandbox_config(**config))
        self.running.append(sandbox)
        return sandbox

    def stop_all(self) -> None:
        for sandbox in self.running:
            sandbox.stop()


@pytest.fixture
def make_sandbox() -> Iterator[Callable[..., RunningSandbox]]:
    """`make_sandbox(**config)` starts a live sandbox (config as `SandboxConfig` fields)."""
    factory = _SandboxFactory()
    yield factory
    factory.stop_all()


@pytest.fixture(scope="module")
def make_module_sandbox() -> Iterator[Callable[..., RunningSandbox]]:
    """Like `make_sandbox`, but the servers live until the end of the test module."""
    factory = _SandboxFactory()
    yield factory
    factory.stop_all()


@pytest.fixture
def sandbox_server(make_sandbox: Callable[..., RunningSandbox]) -> RunningSandbox:
    return make_sandbox()
