"""Colours and fonts the template and the writer share (the Anleitung legend explains them)."""

from __future__ import annotations

from openpyxl.styles import Font, PatternFill


def solid(rgb: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=rgb, end_color=rgb)


REQUIRED_RGB = "1F4E78"  # dark blue: the user must fill this column
OPTIONAL_RGB = "DDEBF7"  # light blue: the user may fill this column
WRITTEN_HEADER_RGB = "A6A6A6"  # grey: written by the importer
WRITTEN_RGB = "EDEDED"
FINDING_RGB = "FFC7CE"  # light red: a problem the importer found (only ours is ever removed)

# The workbook's own font: a font without a name is drawn in the program's default (a serif
# one in LibreOffice).
FONT_NAME = "Calibri"

REQUIRED_FILL = solid(REQUIRED_RGB)
OPTIONAL_FILL = solid(OPTIONAL_RGB)
WRITTEN_HEADER_FILL = solid(WRITTEN_HEADER_RGB)
WRITTEN_FILL = solid(WRITTEN_RGB)
FINDING_FILL = solid(FINDING_RGB)

REQUIRED_FONT = Font(name=FONT_NAME, bold=True, color="FFFFFF")
HEADER_FONT = Font(name=FONT_NAME, bold=False, color="000000")
TITLE_FONT = Font(name=FONT_NAME, bold=True, size=14)
HEADING_FONT = Font(name=FONT_NAME, bold=True, size=12)
BOLD = Font(name=FONT_NAME, bold=True)
