"""Serve a sandbox app with waitress on 127.0.0.1 in a background thread."""

from __future__ import annotations

import threading
from contextlib import suppress
from types import TracebackType

from flask import Flask
from waitress import wasyncore
from waitress.server import create_server

from importer.errors import ImporterError
from importer.sandbox.app import close_app, create_app
from importer.sandbox.config import SandboxConfig

HOST = "127.0.0.1"
THREADS = 8


class PortInUse(ImporterError):
    """The sandbox cannot listen on the requested port."""

    exit_code = 2


class RunningSandbox:
    """A served sandbox: `url` (with trailing slash), `app`, `stop()`; a context manager."""

    def __init__(self, app: Flask, config: SandboxConfig) -> None:
        self.app = app
        try:
            self._server = create_server(app, host=HOST, port=config.port, threads=THREADS)
        except OSError as error:
            close_app(app)
            raise PortInUse(
                f"Die Sandbox kann Port {config.port} nicht öffnen ({error.strerror}). "
                "Ist dort schon etwas gestartet? Wählen Sie mit --port einen anderen Port."
            ) from None
        port = self._server.socket.getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://{HOST}:{port}/"
        self._thread = threading.Thread(target=self._server.run, name="sandbox-server", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Close every connection, end the worker threads and the publisher."""
        if not self._thread.is_alive():
            return
        server = self._server
        server.task_dispatcher.shutdown(timeout=10)  # lets running requests finish
        # closing the sockets inside the loop thread ends its loop without a race; a wake-up
        # pipe that is gone already (OSError) means the loop is ending by itself
        with suppress(OSError):
            server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map))  # type: ignore[union-attr]
        self._thread.join(timeout=10)
        close_app(self.app)

    def __enter__(self) -> RunningSandbox:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def start_sandbox(config: SandboxConfig | None = None) -> RunningSandbox:
    """Create the app and serve it; returns once the port is listening."""
    config = config or SandboxConfig()
    return RunningSandbox(create_app(config), config)
