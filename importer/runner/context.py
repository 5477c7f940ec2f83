"""What every step of one worker needs, and the run-wide check of a unit's texts."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from importer.admincenter.checks import check_unit_texts
from importer.admincenter.client import AdminCenter
from importer.errors import LabelsMissing
from importer.runner.journal import Journal
from importer.runner.options import RunOptions
from importer.runner.progress import Progress
from importer.runner.results import Sink
from importer.runner.runfolder import RunFolder
from importer.runner.session import Session
from importer.runner.writer import Writer


def label_line(label: str, page: str, key: str) -> str:
    return f"„{label}“ fehlt auf der Seite „{page}“ ({key})"


class UnitTexts:
    """Whether the texts of a unit's panel and dialogs were seen. The pre-flight sees them on
    an existing unit; where no Mandant had one, the first unit this run creates is looked at
    before anything else is done with it (`LabelsMissing` stops the run there)."""

    def __init__(self, verified: bool) -> None:
        self.verified = verified
        self._lock = threading.Lock()

    def check_once(self, client: AdminCenter, mandant: str, name: str) -> None:
        with self._lock:
            if self.verified:
                return
            checks = check_unit_texts(client, mandant, name)
            missing = [label_line(c.label, c.page, c.key) for c in checks if c.found is False]
            if missing:
                raise LabelsMissing(missing)
            self.verified = True


@dataclass
class Context:
    """What every step of one worker needs (`folder` None in a dry run: no evidence)."""

    options: RunOptions
    session: Session
    journal: Journal
    sink: Sink
    progress: Progress
    folder: RunFolder | None
    stop: threading.Event
    writer: Writer
    unit_texts: UnitTexts
