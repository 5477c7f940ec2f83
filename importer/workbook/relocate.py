"""A copy of a workbook that still finds its logos: relative `Bilddatei` paths made absolute.

A workbook names its logos relative to its own folder (`logos/meissen.png`). A copy placed
elsewhere (the demo's result, an uploaded workbook) keeps working once those paths point at
the original folder.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import openpyxl

from importer.workbook.columns import LOGO, normalize_header


def make_logo_paths_absolute(workbook: Path, folder: Path) -> None:
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
