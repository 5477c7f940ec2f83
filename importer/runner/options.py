"""What a run or plan may be told: connection, filters, batching, parallelism, limits."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from importer.errors import UsageError

DEFAULT_BATCH_SIZE = 20
DEFAULT_PUBLISH_TIMEOUT = 60.0
DEFAULT_RETRIES = 3
DEFAULT_BACKOFF = 1.0
DEFAULT_PAGE_TIMEOUT = 20.0

_RANGE = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$")


@dataclass(frozen=True)
class RowRange:
    """Excel rows `first` to `last` inclusive (`--zeilen 5-20`)."""

    first: int
    last: int

    def __contains__(self, row: object) -> bool:
        return isinstance(row, int) and self.first <= row <= self.last


def parse_rows(text: str) -> RowRange:
    """`"5-20"` or `"7"` → RowRange; anything else is a UsageError with a German sentence."""
    match = _RANGE.match(text or "")
    if not match:
        raise UsageError(f"--zeilen „{text}“ verstehe ich nicht: erwartet z. B. 5-20 oder 7.")
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if first < 2 or last < first:
        raise UsageError(
            f"--zeilen „{text}“: Die Daten beginnen in Zeile 2, und die erste Zeile darf nicht "
            "hinter der letzten liegen."
        )
    return RowRange(first, last)


@dataclass(frozen=True)
class RunOptions:
    """Everything `run` and `plan` accept besides the workbook and the credentials.

    `retries` counts the extra attempts after a technical failure; `backoff` is the first wait
    in seconds, doubled for every further attempt.
    """

    url: str
    locators: Path | None = None
    headed: bool = False
    remote_url: str | None = None
    batch_size: int = DEFAULT_BATCH_SIZE
    workers: int = 1
    publish_timeout: float = DEFAULT_PUBLISH_TIMEOUT
    page_timeout: float = DEFAULT_PAGE_TIMEOUT
    mandanten: tuple[str, ...] = ()
    rows: RowRange | None = None
    retries: int = DEFAULT_RETRIES
    backoff: float = DEFAULT_BACKOFF

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise UsageError("--batch-size muss mindestens 1 sein.")
        if self.workers < 1:
            raise UsageError("--workers muss mindestens 1 sein.")
        if self.publish_timeout <= 0:
            raise UsageError("--veroeffentlichung-timeout muss größer als 0 Sekunden sein.")
