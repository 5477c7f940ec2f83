"""Injected faults: server errors, a lost response after a save, slow answers, session expiry.

Every decision comes from one seeded random generator, so a sequence of requests meets the
same faults on every run with the same seed.
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass

from importer.errors import UsageError

FAULT_KINDS = ("500", "502_after_save", "slow", "session_expired")


@dataclass(frozen=True)
class FaultProfile:
    """Rates per request and the session lifetime range (seconds of use; None: no expiry)."""

    name: str
    error_500: float = 0.0  # writes answered 500 without saving
    error_502_after_save: float = 0.0  # saves of units and entry lists stored, answered 502
    slow: float = 0.0  # any page or fetch answered after `slow_seconds`
    slow_seconds: float = 4.0
    session_lifetime: tuple[float, float] | None = None
    # the Flask endpoints whose writes `error_500` hits (empty: every write but the login)
    error_500_endpoints: frozenset[str] = frozenset()


PROFILES = {
    "none": FaultProfile("none"),
    "flaky": FaultProfile("flaky", 0.05, 0.02, 0.03, 4.0, (120.0, 240.0)),
    "hostile": FaultProfile("hostile", 0.15, 0.08, 0.10, 4.0, (30.0, 60.0)),
}


def resolve_profile(faults: str | FaultProfile) -> FaultProfile:
    if isinstance(faults, FaultProfile):
        return faults
    try:
        return PROFILES[faults]
    except KeyError:
        names = ", ".join(PROFILES)
        raise UsageError(f"Unbekanntes Fehlerprofil „{faults}“ (möglich: {names}).") from None


class FaultInjector:
    """Decides faults per request and counts those that were injected."""

    def __init__(self, profile: FaultProfile, seed: int) -> None:
        self.profile = profile
        self._seed = seed
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self._random = random.Random(self._seed)
            self.counts = dict.fromkeys(FAULT_KINDS, 0)

    def _draw(self, rate: float) -> bool:
        if rate <= 0:
            return False
        with self._lock:
            return self._random.random() < rate

    def slow_seconds(self) -> float:
        """Extra delay for this request (0 when it is not one of the slow ones)."""
        if self._draw(self.profile.slow):
            self.record("slow")
            return self.profile.slow_seconds
        return 0.0

    def fail_write(self, endpoint: str | None) -> bool:
        """Whether this write (to `endpoint`) is answered 500 before anything is saved."""
        chosen = self.profile.error_500_endpoints
        if chosen and endpoint not in chosen:
            return False
        if self._draw(self.profile.error_500):
            self.record("500")
            return True
        return False

    def lose_response_after_save(self) -> bool:
        """Whether this save (hooks.LOSE_RESPONSE_ENDPOINTS) is stored and then answered 502
        (counted when applied: a rejected save keeps its answer)."""
        return self._draw(self.profile.error_502_after_save)

    def session_lifetime(self) -> float | None:
        """Seconds a new session lives before it is expired by force (None: no forced expiry)."""
        if self.profile.session_lifetime is None:
            return None
        low, high = self.profile.session_lifetime
        with self._lock:
            return self._random.uniform(low, high)

    def record(self, kind: str) -> None:
        with self._lock:
            self.counts[kind] += 1

    def snapshot(self) -> dict[str, int]:
        with self._lock:
            return dict(self.counts)
