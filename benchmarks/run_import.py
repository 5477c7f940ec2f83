"""Wall time of a real import against the embedded sandbox, with 1 and with 2 workers.

    .venv/bin/python benchmarks/run_import.py [--mandanten 3] [--einheiten 20]
        [--latenz-ms 0] [--jitter-ms 0] [--publish-delay 1.0] [--profile]
        [--oberflaeche neu|klassisch] [--bestand 0.5]

For each worker count a fresh workbook (`make_workbook.build`, with logos) goes into a fresh
sandbox (its Mandanten seeded from the workbook, in the generation asked for; `--bestand`: that
share of the units exists already, with Servicekonto and outdated entries) through
`run_workbook`, as `amt24-import run` does it. Printed per worker count: wall time, seconds
per unit row, units per minute, HTTP requests per unit (from `/_sandbox/state`), CPU seconds
per unit (browsers, and this process with runner and sandbox: steadier than wall time on a
busy machine), and the time of a second, no-op run; then the ratio of the two wall times
measured in this same invocation.
`--profile` also prints where the time went: per `AdminCenter` method (outermost calls, timed
by a subclass installed here, not in the product) and per `Dom` operation (inclusive,
overlapping).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import threading
import time
import urllib.request
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import wraps
from pathlib import Path
from typing import Any

from loguru import logger

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))

from make_workbook import build  # noqa: E402
from state_support import bestand_for  # noqa: E402

from importer.admincenter import client as client_module  # noqa: E402
from importer.admincenter import dom as dom_module  # noqa: E402
from importer.admincenter.credentials import Credentials  # noqa: E402
from importer.model import Status  # noqa: E402
from importer.runner import session as session_module  # noqa: E402
from importer.runner.options import RunOptions  # noqa: E402
from importer.runner.run import run_workbook  # noqa: E402
from importer.runner.summary import RunSummary  # noqa: E402
from importer.sandbox import SandboxConfig, start_sandbox  # noqa: E402
from importer.sandbox.config import OBERFLAECHEN  # noqa: E402
from importer.workbook.reader import read_workbook  # noqa: E402

ADMIN = Credentials("admin", "admin")
DOM_OPERATIONS = ("seek", "press", "fill", "wait_settled", "wait_replaced", "run")


@dataclass
class Timings:
    """Seconds and calls per name, from any thread; `outermost` skips nested calls."""

    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    calls: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    lock: threading.Lock = field(default_factory=threading.Lock)
    local: threading.local = field(default_factory=threading.local)

    def wrap(self, name: str, method: Callable[..., Any], outermost: bool) -> Callable[..., Any]:
        @wraps(method)
        def timed(*args: Any, **kwargs: Any) -> Any:
            key = "depth" if outermost else name
            depth = getattr(self.local, key, 0)
            setattr(self.local, key, depth + 1)
            started = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                setattr(self.local, key, depth)
                if depth == 0:
                    with self.lock:
                        self.seconds[name] += time.perf_counter() - started
                        self.calls[name] += 1

        return timed


@contextmanager
def profiled(facade: Timings, dom: Timings) -> Iterator[None]:
    """Time the facade's public methods (outermost calls only) and the Dom's operations."""
    client_class = client_module.AdminCenter
    methods = {
        name: facade.wrap(name, member, outermost=True)
        for name, member in vars(client_class).items()
        if callable(member) and not name.startswith("_")
    }
    timed_client = type("TimedAdminCenter", (client_class,), methods)
    originals = {name: getattr(dom_module.Dom, name) for name in DOM_OPERATIONS}
    for name, method in originals.items():
        setattr(dom_module.Dom, name, dom.wrap(name, method, outermost=False))
    start_browser = session_module.start_browser
    session_module.AdminCenter = timed_client  # type: ignore[misc]
    session_module.start_browser = facade.wrap("(Browser starten)", start_browser, outermost=True)
    try:
        yield
    finally:
        session_module.AdminCenter = client_class  # type: ignore[misc]
        session_module.start_browser = start_browser
        for name, method in originals.items():
            setattr(dom_module.Dom, name, method)


@dataclass
class Measurement:
    workers: int
    units: int
    rows: int
    seconds: float
    requests: int
    cpu_here: float  # CPU seconds of this process: runner, Selenium client, sandbox server
    cpu_browser: float  # CPU seconds of the browsers and their drivers (ended child processes)
    rerun_seconds: float
    failed: list[str]
    facade: Timings
    dom: Timings


def sandbox_state(url: str) -> dict[str, Any]:
    with urllib.request.urlopen(url + "_sandbox/state") as answer:
        return json.load(answer)


def failures(summary: RunSummary) -> list[str]:
    return [
        f"{r.sheet} Zeile {r.row}: {r.status.value} {r.message}"
        for r in summary.results
        if r.status != Status.OK
    ]


def measure(args: argparse.Namespace, workers: int, folder: Path) -> Measurement:
    """One import with `workers` into a fresh sandbox, then the no-op re-run."""
    path = build(folder / f"mappe-{workers}.xlsx", args.mandanten, args.einheiten, logos=True)
    mandanten = [r.mandant for r in read_workbook(path).records("Impressum")]
    config = SandboxConfig(
        mandanten=mandanten,
        latency_ms=args.latenz_ms,
        jitter_ms=args.jitter_ms,
        publish_delay=args.publish_delay,
        oberflaeche=args.oberflaeche,
        bestand=bestand_for(path, share=args.bestand) if args.bestand else None,
    )
    facade, dom = Timings(), Timings()
    with start_sandbox(config) as sandbox:
        options = RunOptions(url=sandbox.url, workers=workers, batch_size=args.batch_size)
        here, browser = time.process_time(), children_cpu()
        with profiled(facade, dom) if args.profile else _nothing():
            summary = run_workbook(path, options, ADMIN)
        here, browser = time.process_time() - here, children_cpu() - browser
        requests = sum(sandbox_state(sandbox.url)["requests"].values())
        rerun = run_workbook(path, options, ADMIN)
    if not rerun.nothing_to_do:
        raise SystemExit("Der zweite Lauf hatte noch etwas zu tun: " + "; ".join(failures(rerun)))
    units = args.mandanten * args.einheiten
    return Measurement(
        workers,
        units,
        len(summary.results),
        summary.seconds,
        requests,
        here,
        browser,
        rerun.seconds,
        failures(summary),
        facade,
        dom,
    )


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@contextmanager
def _nothing() -> Iterator[None]:
    yield


def report(m: Measurement) -> None:
    print(f"--workers {m.workers}: {m.rows} Zeilen, davon {m.units} Einheiten")
    print(f"  Wanduhr gesamt            {m.seconds:8.2f} s")
    print(f"  je Einheit                {m.seconds / m.units:8.3f} s")
    print(f"  Einheiten je Minute       {60 * m.units / m.seconds:8.1f}")
    print(f"  HTTP-Anfragen je Einheit  {m.requests / m.units:8.2f}  ({m.requests} insgesamt)")
    print(
        f"  CPU je Einheit            {m.cpu_browser / m.units:8.3f} s Browser, "
        f"{m.cpu_here / m.units:.3f} s Importer und Sandbox"
    )
    print(f"  zweiter Lauf (nichts zu tun) {m.rerun_seconds:5.2f} s")
    for line in m.failed:
        print(f"  NICHT OK: {line}")


def report_profile(title: str, timings: Timings, wall: float, rest: bool = False) -> None:
    print(f"  {title}")
    print(f"    {'':<22} {'Aufrufe':>7} {'gesamt':>9} {'je Aufruf':>10} {'Anteil':>7}")
    for name, seconds in sorted(timings.seconds.items(), key=lambda item: -item[1]):
        calls = timings.calls[name]
        share = 100 * seconds / wall
        print(
            f"    {name:<22} {calls:7d} {seconds:8.2f}s {1000 * seconds / calls:8.0f}ms "
            f"{share:6.1f}%"
        )
    if rest:
        outside = wall - sum(timings.seconds.values())
        share = 100 * outside / wall
        print(f"    {'(außerhalb, Summe)':<22} {'':>7} {outside:8.2f}s {'':>10} {share:6.1f}%")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Misst einen Import gegen die Sandbox.")
    parser.add_argument("--mandanten", type=int, default=3, help="Anzahl Mandanten")
    parser.add_argument("--einheiten", type=int, default=20, help="Einheiten je Mandant")
    parser.add_argument("--latenz-ms", type=int, default=0, help="Antwortzeit der Sandbox")
    parser.add_argument("--jitter-ms", type=int, default=0, help="zufällige Zusatzzeit bis ms")
    parser.add_argument("--publish-delay", type=float, default=1.0, help="Sekunden bis veröff.")
    parser.add_argument("--batch-size", type=int, default=20, help="Einheiten je Stapel")
    parser.add_argument("--workers", default="1,2", help="Worker-Zahlen, z. B. 1,2")
    parser.add_argument("--profile", action="store_true", help="Zeit je Methode ausgeben")
    parser.add_argument("--oberflaeche", choices=OBERFLAECHEN, default="neu", help="Generation")
    parser.add_argument("--bestand", type=float, default=0.0, help="Anteil schon vorhandener")
    args = parser.parse_args(argv)
    logger.remove()  # the runner logs every row; the figures are what this prints
    counts = [int(n) for n in args.workers.split(",")]
    print(
        f"{args.mandanten} Mandanten × {args.einheiten} Einheiten, Latenz {args.latenz_ms} ms "
        f"± {args.jitter_ms} ms, Veröffentlichung nach {args.publish_delay:g} s, "
        f"Oberfläche {args.oberflaeche}, Bestand {args.bestand:.0%}"
    )
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-run-") as folder:
        for workers in counts:
            m = measure(args, workers, Path(folder))
            results.append(m)
            report(m)
            if args.profile:
                # with several workers the sums run in parallel: no rest to show
                title = "AdminCenter-Methoden (äußerste Aufrufe, Summe aller Worker)"
                report_profile(title, m.facade, m.seconds, rest=workers == 1)
                report_profile("Dom-Operationen (inklusiv, überlappend)", m.dom, m.seconds)
    if len(results) > 1:
        first = results[0]
        for other in results[1:]:
            ratio = other.seconds / first.seconds
            print(
                f"Verhältnis --workers {other.workers} / --workers {first.workers}: "
                f"{ratio:.2f} (Beschleunigung {1 / ratio:.2f}×)"
            )


if __name__ == "__main__":
    main()
