"""Serve the web page with waitress on 127.0.0.1, and its private work folder.

`WebServer(config)` binds at once (port 0: a free port) and knows the address to open;
`start()` serves in a background thread, `wait()` blocks until Ctrl+C, `stop()` stops a
running job (its results are saved) and the server.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from waitress import wasyncore
from waitress.server import create_server

from importer.errors import UsageError
from importer.web.app import create_app
from importer.web.config import WebConfig
from importer.web.security import SECRET_PARAMETER
from importer.web.workspace import Workspace

HOST = "127.0.0.1"
THREADS = 6
WAIT_POLL = 0.5  # seconds per join, so that Ctrl+C reaches the main thread (also on Windows)


@contextmanager
def private_folder() -> Iterator[Path]:
    """A fresh folder only this user can read (0700), removed with everything in it."""
    folder = Path(tempfile.mkdtemp(prefix="amt24-oberflaeche-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class WebServer:
    def __init__(self, config: WebConfig) -> None:
        self.config = config
        self.app = create_app(config)
        try:
            self._server = create_server(self.app, host=HOST, port=config.port, threads=THREADS)
        except OSError as error:
            raise UsageError(
                f"Port {config.port} lässt sich nicht öffnen ({error.strerror}). Wählen Sie "
                "mit --port einen anderen oder lassen Sie --port weg."
            ) from None
        config.port = self._server.socket.getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://{HOST}:{config.port}/"
        self._thread = threading.Thread(target=self._server.run, name="oberflaeche", daemon=True)

    @property
    def entry_url(self) -> str:
        """The address to open: it carries the secret once, the page then drops it."""
        return f"{self.url}?{SECRET_PARAMETER}={self.config.secret}"

    @property
    def workspace(self) -> Workspace:
        space: Workspace = self.app.extensions["amt24_workspace"]
        return space

    def start(self) -> WebServer:
        self._thread.start()
        return self

    def wait(self) -> None:
        """Block until the server ends; Ctrl+C raises KeyboardInterrupt here."""
        while self._thread.is_alive():
            self._thread.join(WAIT_POLL)

    def stop(self) -> None:
        """Stop a running job (it saves its results), then close every connection."""
        self.workspace.slot.shutdown()
        if not self._thread.is_alive():
            return
        server = self._server
        server.task_dispatcher.shutdown(timeout=10)
        with suppress(OSError):  # the loop's wake-up pipe may be gone when it ends by itself
            server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map))  # type: ignore[union-attr]
        self._thread.join(timeout=10)

    def __enter__(self) -> WebServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
