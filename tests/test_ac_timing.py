"""Timing of the facade's main operations at zero latency (opt-in: pytest -m long -s).

Prints a table of mean and median per operation and writes it to test-artifacts/.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import pytest
from fixtures_browser import ARTIFACTS, clear_session
from test_ac_mandant import IMPRESSUM

pytestmark = [pytest.mark.browser, pytest.mark.long]

ROUNDS = 10


def timed(samples: dict[str, list[float]], name: str, action: Callable[[], object]) -> object:
    start = time.perf_counter()
    result = action()
    samples.setdefault(name, []).append(time.perf_counter() - start)
    return result


def test_operation_timings(make_client, make_sandbox, driver) -> None:
    sandbox = make_sandbox(publish_delay=0.2)
    samples: dict[str, list[float]] = {}
    client = make_client(sandbox, user=None)
    for _ in range(ROUNDS):
        clear_session(driver)
        timed(samples, "login", lambda: client.login("admin", "admin"))
    mandant = "Gemeinde Klipphausen"
    client.read_impressum(mandant)  # the first visit finds the way by clicks
    for i in range(ROUNDS):
        timed(samples, "read_impressum", lambda: client.read_impressum(mandant))
        values = {**IMPRESSUM, "telefon": f"+49 35204 123-{i}"}
        timed(samples, "save_impressum", lambda v=values: client.save_impressum(mandant, v))
    for i in range(ROUNDS):
        unit = timed(
            samples, "create_unit", lambda n=i: client.create_unit(mandant, f"Amt {n}", None)
        )
        values = {
            "email": f"amt{i}@klipphausen.de",
            "telefon": "+49 35204 1",
            "fax": None,
            "internet": None,
        }
        timed(
            samples,
            "save_kommunikation",
            lambda u=unit, v=values: client.save_kommunikation(mandant, u, v),
        )
        done = timed(
            samples, "wait_published", lambda u=unit: client.wait_published(mandant, u, 10)
        )
        assert done.published
    lines = [f"{'Operation':<20}{'Mittel ms':>10}{'Median ms':>10}{'max ms':>9}"]
    for name, values in samples.items():
        lines.append(
            f"{name:<20}{statistics.mean(values) * 1000:>10.0f}"
            f"{statistics.median(values) * 1000:>10.0f}{max(values) * 1000:>9.0f}"
        )
    report = "\n".join(lines)
    print("\n" + report)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "ac-timing.txt").write_text(report + "\n", encoding="utf-8")
    assert all(statistics.median(v) < 3.0 for v in samples.values()), report
