"""The live state of one sandbox app beyond its database: users, counters, faults, publisher."""

from __future__ import annotations

import random
import shutil
import tempfile
import threading
from collections import Counter
from pathlib import Path

from importer.sandbox.bestand_loader import load_bestand
from importer.sandbox.config import SandboxConfig, SandboxUser
from importer.sandbox.db import clear_db, init_db
from importer.sandbox.faults import FaultInjector
from importer.sandbox.publisher import Publisher

FIRST_UNIT_ID = 600001
MAX_UNIT_ID_GAP = 9


class SandboxRuntime:
    """Held in `app.extensions["sandbox"]`; `close()` stops the publisher and removes temp files."""

    def __init__(self, config: SandboxConfig) -> None:
        self.bestand = load_bestand(config.bestand)
        config.check([*config.mandanten, *self.bestand.mandant_names()])
        self.config = config
        self.users: dict[str, SandboxUser] = {u.name: u for u in config.effective_users()}
        self._temp_dir: Path | None = None
        if config.db_path is None:
            self._temp_dir = Path(tempfile.mkdtemp(prefix="amt24-sandbox-"))
            self.db_path = self._temp_dir / "sandbox.sqlite"
        else:
            self.db_path = Path(config.db_path)
        self.faults = FaultInjector(config.fault_profile(), config.seed)
        self._lock = threading.Lock()
        self._db_lock = threading.Lock()
        self._reset_memory()
        init_db(self.db_path, config.mandanten, self.bestand, self.next_unit_id)
        self.publisher = Publisher(self.db_path, config.publish_delay, self._db_lock)
        self.publisher.start()

    def _reset_memory(self) -> None:
        with self._lock:
            self.requests: Counter[str] = Counter()
            self._jitter = random.Random(self.config.seed + 1)
            self._ids = random.Random(self.config.seed + 2)
        self.faults.reset()

    def reset(self) -> None:
        """Back to a fresh start: the configured Mandanten and the bestand; no sessions."""
        with self._db_lock:
            self._reset_memory()
            clear_db(self.db_path)
            init_db(self.db_path, self.config.mandanten, self.bestand, self.next_unit_id)

    def count_request(self, key: str) -> None:
        with self._lock:
            self.requests[key] += 1

    def request_counts(self) -> dict[str, int]:
        with self._lock:
            return dict(sorted(self.requests.items()))

    def latency_seconds(self) -> float:
        """Configured latency plus a random jitter of up to `jitter_ms`."""
        jitter = self.config.jitter_ms
        with self._lock:
            extra = self._jitter.uniform(0, jitter) if jitter > 0 else 0.0
        return (self.config.latency_ms + extra) / 1000

    def next_unit_id(self, highest: int | None) -> int:
        """The ID after `highest`, with a random gap like a system shared with others."""
        if highest is None:
            return FIRST_UNIT_ID
        with self._lock:
            return highest + 1 + self._ids.randint(0, MAX_UNIT_ID_GAP)

    def close(self) -> None:
        self.publisher.stop()
        if self._temp_dir is not None:
            shutil.rmtree(self._temp_dir, ignore_errors=True)
