"""A sheet of wrapped text that reads well in Excel and LibreOffice, on screen and on paper.

Excel sizes a row to wrapped text only when it lays the sheet out itself, LibreOffice not at
all for a file it did not write: rows without a height print their text over each other. So
each row gets a height from its text: the lines a word wrap needs at the width the cell
spans, times the height of a line. The estimate errs on the generous side (a font wider than
Calibri, e.g. DejaVu Sans where Calibri is missing, still fits).
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

DEFAULT_SIZE = 11.0
# Characters of running text per unit of column width (the width of a "0"), with room for a
# wider font than the one Excel measures with; bold text is wider still.
CHARS_PER_UNIT = 1.0
BOLD_CHARS_PER_UNIT = 0.9
LINE_HEIGHT = 1.4  # points of row height per point of font size
ROW_PADDING = 3.0  # points above and below the text
GAP_HEIGHT = 8.0
TOP_WRAPPED = Alignment(vertical="top", wrap_text=True)


@dataclass(frozen=True)
class Line:
    """One row: its texts from column A on (the last spans the remaining columns), the font
    of its texts and a fill. With a fill, only the first cell is coloured (a legend)."""

    texts: tuple[str, ...] = ()
    font: Font | None = None
    fill: PatternFill | None = None


GAP = Line()


class TextSheet:
    """Writes `Line`s into a worksheet with the given column widths, one row each."""

    def __init__(self, ws: Worksheet, widths: tuple[int, ...]) -> None:
        self.ws = ws
        self.widths = widths
        self.row = 0
        for index, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width

    def write(self, lines: list[Line]) -> None:
        for line in lines:
            self.row += 1
            self.ws.row_dimensions[self.row].height = self._line(line)

    def _line(self, line: Line) -> float:
        """Write one line; return the row's height in points."""
        if not line.texts:
            return GAP_HEIGHT
        heights = [DEFAULT_SIZE * LINE_HEIGHT + 2 * ROW_PADDING]
        for index, text in enumerate(line.texts, start=1):
            cell = self.ws.cell(row=self.row, column=index, value=text or None)
            cell.alignment = TOP_WRAPPED
            if index == 1 or line.fill is None:
                if line.font is not None:
                    cell.font = line.font
                if line.fill is not None:
                    cell.fill = line.fill
            last = index == len(line.texts)
            heights.append(row_height(text, self._span(index, last), cell.font))
        if len(line.texts) < len(self.widths):
            self.ws.merge_cells(
                start_row=self.row,
                start_column=len(line.texts),
                end_row=self.row,
                end_column=len(self.widths),
            )
        return max(heights)

    def _span(self, column: int, last: bool) -> float:
        """The width a cell's text wraps in: its column, or to the right edge for the last."""
        return float(sum(self.widths[column - 1 :] if last else self.widths[column - 1 : column]))


def row_height(text: str, width: float, font: Font) -> float:
    """Points a row needs to show `text` wrapped at `width` (column width units)."""
    size = float(font.sz or DEFAULT_SIZE)
    per_unit = BOLD_CHARS_PER_UNIT if font.b else CHARS_PER_UNIT
    chars = max(1, math.floor(width * per_unit * DEFAULT_SIZE / size))
    lines = sum(
        max(1, len(textwrap.wrap(part, chars, break_on_hyphens=False)))
        for part in text.splitlines() or [""]
    )
    return round(lines * size * LINE_HEIGHT + 2 * ROW_PADDING, 1)


def fit_to_page_width(ws: Worksheet) -> None:
    """Print on A4 portrait, scaled to the page's width, as many pages long as it takes; no
    grid lines on screen (the sheet is a document, not a table to fill)."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_PORTRAIT
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(left=0.6, right=0.6, top=0.7, bottom=0.7)
    ws.sheet_view.showGridLines = False
