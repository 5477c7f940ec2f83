"""Write an openpyxl workbook into an .xlsx file, every part built in memory.

openpyxl writes each worksheet's XML into a temporary file in the system's temp folder first.
That folder may be full, or limited, while the workbook's own folder is not; the failed
temporary file then breaks the save and, cleaned up by the garbage collector, prints a
traceback; and it leaves a copy of the user's data there until the program ends. Our sheets
are bounded (`filesafety.MAX_WRITABLE_SHEET_BYTES`), so memory serves.
"""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

from openpyxl import Workbook
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter


class _InMemoryExcelWriter(ExcelWriter):
    def write_worksheet(self, ws: Worksheet) -> None:
        """openpyxl's own steps for a worksheet, with the XML in memory."""
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        writer = WorksheetWriter(ws, out=BytesIO())
        writer.write()
        ws._rels = writer._rels
        self._archive.writestr(ws.path[1:], writer.read())
        self.manifest.append(ws)


def write_xlsx(wb: Workbook, target: Path) -> None:
    """Save `wb` as `target`."""
    # Our own archive, closed here even when writing fails (a full disk): left to the
    # garbage collector, its close would fail again and print a traceback.
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        _InMemoryExcelWriter(wb, archive).save()
