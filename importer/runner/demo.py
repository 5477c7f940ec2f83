"""`amt24-import demo`: the example Landkreis end to end against an embedded sandbox.

The example workbook names its logos relative to its own folder (`logos/meissen.png`). The
demo copies only the workbook (to the current folder) and points the copy's `Bilddatei` cells
at the example's logo files by absolute path: nothing else lands in the user's folder, no
existing `logos/` folder there is touched, and the copy stays importable wherever it is.
"""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import openpyxl

from importer.admincenter.credentials import Credentials
from importer.errors import UsageError
from importer.runner.options import RunOptions
from importer.runner.progress import Progress
from importer.runner.run import run_workbook
from importer.runner.summary import RunSummary
from importer.sandbox import SandboxConfig, start_sandbox
from importer.workbook.columns import IMPRESSUM, LOGO, normalize_header
from importer.workbook.reader import read_workbook

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXAMPLE = "landkreis-meissen.xlsx"
DEMO_RESULT = "amt24-demo-ergebnis.xlsx"
DEMO_USER = Credentials("admin", "admin")
PUBLISH_DELAY = 0.5


def run_demo(
    target: Path, workers: int = 2, latency_ms: int = 0, progress: Progress | None = None
) -> RunSummary:
    """Copy the example to `target` (overwritten), import it into a fresh sandbox, stop it."""
    example = EXAMPLES / EXAMPLE
    if not example.is_file():
        raise UsageError(f"Die Beispielmappe {example} fehlt (nur im Projektordner vorhanden).")
    shutil.copyfile(example, target)
    absolute_logo_paths(target, example.parent)
    mandanten = [record.mandant for record in read_workbook(target).records(IMPRESSUM.name)]
    config = SandboxConfig(mandanten=mandanten, latency_ms=latency_ms, publish_delay=PUBLISH_DELAY)
    with start_sandbox(config) as sandbox:
        options = RunOptions(url=sandbox.url, workers=workers)
        return run_workbook(target, options, DEMO_USER, progress)


def absolute_logo_paths(workbook: Path, folder: Path) -> None:
    """Rewrite relative `Bilddatei` paths of `workbook` as absolute paths below `folder`."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        wb = openpyxl.load_workbook(workbook)
    if LOGO.name not in wb.sheetnames:
        return
    ws = wb[LOGO.name]
    header = {normalize_header(cell.value): cell.column for cell in ws[1]}
    column = header.get(normalize_header(LOGO.column("bilddatei").header))
    if column is None:
        return
    for (cell,) in ws.iter_rows(min_row=2, min_col=column, max_col=column):
        if isinstance(cell.value, str) and cell.value.strip():
            path = Path(cell.value.strip())
            if not path.is_absolute():
                cell.value = str((folder / path).resolve())
    wb.save(workbook)
