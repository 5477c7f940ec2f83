"""What calamine does not tell: hidden rows and formula cells, read from the sheet XML directly.

A regular-expression scan of the raw part is an order of magnitude faster than openpyxl and
enough for these two facts; only sheets that contain formulas are parsed cell by cell.
"""

from __future__ import annotations

import io
import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field

from openpyxl.utils.cell import column_index_from_string

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"

_ROW_TAG = re.compile(rb"<(?:[A-Za-z]\w*:)?row\b([^>]*)>")
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
_HIDDEN = re.compile(rb'\bhidden="(?:1|true)"')
_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z]\w*:)?f[\s>/]")
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")


@dataclass
class SheetFacts:
    """Hidden Excel rows, and formula cells as (row, column) with whether a value is cached."""

    hidden_rows: set[int] = field(default_factory=set)
    formulas: dict[tuple[int, int], bool] = field(default_factory=dict)


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → path of its XML part inside the package."""
    workbook = ET.fromstring(archive.read("xl/workbook.xml"))
    rels = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{{{PKG_REL_NS}}}Relationship")}
    parts: dict[str, str] = {}
    for sheet in workbook.iter(f"{{{MAIN_NS}}}sheet"):
        target = targets.get(sheet.get(f"{{{REL_NS}}}id"), "")
        if target.startswith("/"):
            parts[sheet.get("name", "")] = target.lstrip("/")
        elif target:
            parts[sheet.get("name", "")] = posixpath.normpath(posixpath.join("xl", target))
    return parts


def scan_sheet(xml: bytes) -> SheetFacts:
    """Hidden rows and formula cells of one worksheet part."""
    facts = SheetFacts(hidden_rows=_hidden_rows(xml))
    if _FORMULA_TAG.search(xml):
        facts.formulas = _formula_cells(xml)
    return facts


def _hidden_rows(xml: bytes) -> set[int]:
    hidden: set[int] = set()
    number = 0
    for match in _ROW_TAG.finditer(xml):
        attributes = match.group(1)
        explicit = _ROW_NUMBER.search(attributes)
        # `r` is optional in the format: without it a row follows the previous one.
        number = int(explicit.group(1)) if explicit else number + 1
        if _HIDDEN.search(attributes):
            hidden.add(number)
    return hidden


def _formula_cells(xml: bytes) -> dict[tuple[int, int], bool]:
    formulas: dict[tuple[int, int], bool] = {}
    cell_tag, formula_tag, value_tag = (f"{{{MAIN_NS}}}{t}" for t in ("c", "f", "v"))
    for _, element in ET.iterparse(io.BytesIO(xml), events=("end",)):
        if element.tag != cell_tag:
            continue
        if element.find(formula_tag) is not None:
            match = _CELL_REF.fullmatch(element.get("r", ""))
            if match:
                value = element.find(value_tag)
                position = (int(match.group(2)), column_index_from_string(match.group(1)))
                formulas[position] = value is not None and bool(value.text)
        element.clear()
    return formulas
