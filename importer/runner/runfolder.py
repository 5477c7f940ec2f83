"""The run folder `<Mappe-Ordner>/amt24-laeufe/<JJJJMMTT-HHMMSS>/`: log file and evidence.

Mode 0700, files 0600: screenshots and page HTML can show personal data of the AdminCenter.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from loguru import logger

RUNS_FOLDER = "amt24-laeufe"
LOG_NAME = "protokoll.log"
PRIVATE_FILE = 0o600
LOG_FORMAT = "{time:YYYY-MM-DD HH:mm:ss.SSS} | {level: <7} | {thread.name} | {message}"


@dataclass(frozen=True)
class RunFolder:
    path: Path
    workbook_folder: Path

    @property
    def log(self) -> Path:
        return self.path / LOG_NAME

    def evidence_stem(self, sheet: str, row: int) -> Path:
        """Where screenshot and HTML of a failed row go, without suffix."""
        return self.path / f"{sheet}-Zeile{row}"

    def keep_private(self, files: Iterable[Path]) -> None:
        """Readable by the user only, like the folder (the umask usually allows more)."""
        for file in files:
            os.chmod(file, PRIVATE_FILE)

    def relative(self, path: Path) -> str:
        """`path` as the user finds it from the workbook's folder (for a Meldung)."""
        try:
            return path.relative_to(self.workbook_folder).as_posix()
        except ValueError:
            return str(path)


def create_run_folder(workbook: Path, now: datetime | None = None) -> RunFolder:
    """Create a fresh, private run folder beside the workbook (a suffix if the second is taken)."""
    base = workbook.resolve().parent
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    parent = base / RUNS_FOLDER
    parent.mkdir(exist_ok=True)
    for attempt in range(1, 100):
        path = parent / (stamp if attempt == 1 else f"{stamp}-{attempt}")
        try:
            path.mkdir(mode=0o700)
        except FileExistsError:
            continue
        os.chmod(path, 0o700)  # mkdir's mode is reduced by the umask
        folder = RunFolder(path, base)
        folder.log.touch()  # the log sink appends to it, keeping its mode
        folder.keep_private([folder.log])
        return folder
    raise FileExistsError(path)


@contextmanager
def logging_to(folder: RunFolder) -> Iterator[None]:
    """Add the run's log file as a loguru sink for the duration of the block.

    `diagnose=False`: an error's traceback must not show the values of variables - a frame
    of the login would show the password in clear text.
    """
    sink = logger.add(
        folder.log,
        level="DEBUG",
        format=LOG_FORMAT,
        encoding="utf-8",
        enqueue=False,
        diagnose=False,
    )
    try:
        yield
    finally:
        logger.remove(sink)
