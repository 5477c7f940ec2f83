"""The streamed sheet scan finds the same facts (hidden rows, formulas, extent, merged ranges)
whatever the chunk boundaries cut through, in every way a worksheet may be written (with or
without `r`, with a namespace prefix)."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from importer.workbook import sheetxml
from importer.workbook.data import MergedRange
from importer.workbook.sheetxml import SheetFacts, scan_sheet

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
PREFIXED = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
SHEETS = {
    "excel": (
        f"<worksheet {NS}><sheetData>"
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="2"/></row>'
        '<row r="2" hidden="1"><c r="A2"><f>1+1</f><v>2</v></c><c r="C2" s="1"/></row>'
        '<row r="5" spans="1:4" hidden="true"><c r="D5"><f>A1</f></c></row>'
        + "".join(f'<row r="{n}" s="1"><c r="E{n}" s="1"/></row>' for n in range(6, 60))
        + '</sheetData><mergeCells count="2"><mergeCell ref="A2:A4"/>'
        '<mergeCell ref="D7:E7"/></mergeCells></worksheet>'
    ),
    "ohne-r": (
        f"<worksheet {NS}><sheetData>"
        "<row><c><v>1</v></c><c/><c><v>2</v></c></row>"
        '<row hidden="1"><c t="s"><v>0</v></c></row>'
        '<row r="9"><c s="1"/><c s="1"/><c s="1"/><c s="1"/><c><v>3</v></c></row>'
        "</sheetData></worksheet>"
    ),
    "praefix": (
        f"<x:worksheet {PREFIXED}><x:sheetData>"
        '<x:row r="3" hidden="1"><x:c r="B3"><x:v>1</x:v></x:c><x:c r="Z3" s="1"/></x:row>'
        '<x:row r="4"><x:c r="AA4" t="s"><x:v>0</x:v></x:c></x:row>'
        '</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="B3:Z4"/></x:mergeCells>'
        "</x:worksheet>"
    ),
}  # fmt: skip
EXPECTED = {
    "excel": SheetFacts(
        {2, 5},
        {(2, 1): True, (5, 4): False},
        last_row=5,
        last_column=4,
        merged=[MergedRange(2, 1, 4, 1), MergedRange(7, 4, 7, 5)],
    ),
    "ohne-r": SheetFacts({2}, {}, last_row=9, last_column=5),
    "praefix": SheetFacts({3}, {}, last_row=4, last_column=27, merged=[MergedRange(3, 2, 4, 26)]),
}


def archive(xml: str) -> zipfile.ZipFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("blatt.xml", xml)
    return zipfile.ZipFile(buffer)


@pytest.mark.parametrize("name", sorted(SHEETS))
def test_scan_finds_hidden_rows_formulas_and_extent(name: str) -> None:
    assert scan_sheet(archive(SHEETS[name]), "blatt.xml") == EXPECTED[name]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(SHEETS)), st.integers(1, 400))
def test_scan_does_not_depend_on_where_chunks_end(name: str, chunk: int) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sheetxml, "CHUNK_BYTES", chunk)
        assert scan_sheet(archive(SHEETS[name]), "blatt.xml") == EXPECTED[name]
