"""Fuzzed real workbooks: reading and validating raise nothing but `UnusableWorkbook`, every
finding points at an existing cell, and `validate` (with write-back) exits 0, 1 or 2 without
a traceback, leaves every user cell as it was and writes no formula.

Hypothesis builds real .xlsx files with openpyxl: random sheet subsets and orders, odd
headers, random cell types, huge strings, control and format characters, formulas, text
that looks like a formula, merged cells and hidden rows. `benchmarks/fuzz_workbooks.py` runs
the same properties with many more examples.
"""

from __future__ import annotations

import math
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils import get_column_letter
from rel_support import formula_cells
from typer.testing import CliRunner

from importer.cli import app
from importer.errors import UnusableWorkbook
from importer.validation.codes import CODES
from importer.validation.validate import ValidationReport, validate_workbook
from importer.workbook.columns import (
    ANLEITUNG,
    DATA_SHEETS,
    PRUEFBERICHT,
    SHEETS_BY_NAME,
    WRITTEN_COLUMNS,
    normalize_header,
)
from importer.workbook.data import WorkbookData
from importer.workbook.reader import read_workbook

EXAMPLES = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
EXCEL_CELL_LIMIT = 32_767
WRITTEN_HEADERS = {normalize_header(c.header) for c in WRITTEN_COLUMNS} | {"oe-id"}


@dataclass(frozen=True)
class Formula:
    """A real formula cell (openpyxl stores it without a cached value)."""

    text: str


@dataclass
class SheetSpec:
    title: str
    header: list[Any]
    rows: list[list[Any]]
    merged: list[str] = field(default_factory=list)
    hidden: list[int] = field(default_factory=list)


@dataclass
class WorkbookSpec:
    sheets: list[SheetSpec]


# -- strategies ------------------------------------------------------------------------------

CONTROL_AND_FORMAT = "\t\n\r\x7f\x85\x9f\u00ad\u200b\u200e\u2028\u2029\ufeff"
FORMULA_LIKE = (
    "=1+1", "=A2", '=HYPERLINK("http://x","y")', "+49 351 1", "-1", "@SUM(A1)", "\t=1",
    "\r=1", "=cmd|' /C calc'!A0",
)  # fmt: skip
REALISTIC = (
    "Gemeinde Klipphausen", "Hauptamt", "0351 123456", "(0351) 12 34 56", "+49 351 1234-56",
    "0351/123456", "01665", "1665", "post@klipphausen.de", "a@b", "www.klipphausen.de",
    "https://x.de/a?b=c", "DE123456789", "600709", "logos/fehlt.png", "Bauhof", "  ",
)  # fmt: skip


def _texts() -> st.SearchStrategy[str]:
    alphabet = st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\x00")
    plain = st.text(alphabet=st.sampled_from("abcÄöüß -.@/()+=0123456789"), max_size=40)
    legal = st.text(
        alphabet=alphabet.filter(lambda c: c in "\t\n\r" or ord(c) >= 0x20), max_size=30
    )
    huge = st.builds(
        lambda char, length: char * length,
        st.sampled_from("a ß=\n\u200b"),
        st.integers(256, EXCEL_CELL_LIMIT),
    )
    with_control = st.builds(
        lambda text, char, at: text[:at] + char + text[at:],
        plain,
        st.sampled_from(CONTROL_AND_FORMAT),
        st.integers(0, 40),
    )
    return st.one_of(
        st.sampled_from(REALISTIC + FORMULA_LIKE), plain, legal, huge, with_control,
        st.sampled_from(("_x0001_", "_x000D_x", "a_x0009_b")),
    )  # fmt: skip


def cell_values() -> st.SearchStrategy[Any]:
    numbers = st.one_of(
        st.integers(-(10**15), 10**15),
        st.floats(min_value=-1e307, max_value=1e307),  # Excel stops at 9.99E+307
        st.sampled_from((351123456, 1665, 600709, 0.5, 1e300, -0.0)),
    )
    moments = st.one_of(
        st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 12, 31)),
        st.dates(min_value=date(1900, 3, 1)),
        st.times().map(lambda t: t.replace(microsecond=0)),
    )
    formulas = st.sampled_from(
        ("=1+1", "=A2", '=HYPERLINK("http://x","y")', "=1/0", '="0351 "&"123456"', "=B99")
    ).map(Formula)
    return st.one_of(st.none(), _texts(), _texts(), numbers, st.booleans(), moments, formulas)


def _header_variant(header: str) -> st.SearchStrategy[str]:
    return st.sampled_from(
        (header, header.upper(), header.lower(), f"  {header} ", header.replace(" ", "\n"))
    )


@st.composite
def header_cells(draw: st.DrawFn, sheet_name: str) -> list[Any]:
    """Mostly a usable header in any order and spelling, with odd extra cells; now and then
    a required column missing or a column twice."""
    sheet = SHEETS_BY_NAME[sheet_name]
    columns = [c for c in sheet.columns if c.required or draw(st.booleans())]
    columns += [c for c in WRITTEN_COLUMNS if draw(st.booleans())]
    headers: list[Any] = [draw(_header_variant(c.header)) for c in columns]
    odd = st.one_of(
        st.none(), st.just(""), st.integers(0, 99), st.sampled_from(("Notiz", "Tele fon", "a\nb"))
    )
    headers += draw(st.lists(odd, max_size=3))
    accident = draw(st.sampled_from(("none",) * 8 + ("drop", "twice")))
    if accident == "drop":
        headers.pop(draw(st.integers(0, len(headers) - 1)))
    elif accident == "twice":
        headers.append(draw(_header_variant(draw(st.sampled_from(columns)).header)))
    return list(draw(st.permutations(headers)))


@st.composite
def sheet_specs(draw: st.DrawFn, name: str) -> SheetSpec:
    header = draw(header_cells(name))
    width = max(len(header), 1)
    row = st.lists(cell_values(), min_size=width, max_size=width + 1)
    rows = draw(st.lists(st.one_of(row, st.just([])), max_size=6))
    height = len(rows) + 1
    merged = draw(st.lists(_merge_range(width + 1, height + 1), max_size=2))
    hidden = draw(st.lists(st.integers(1, height + 1), max_size=3, unique=True))
    title = draw(st.sampled_from((name, name.upper(), f" {name.lower()} ", name)))
    return SheetSpec(title, header, rows, merged, hidden)


def _merge_range(width: int, height: int) -> st.SearchStrategy[str]:
    def ref(column: int, row: int, columns: int, rows: int) -> str:
        first = f"{get_column_letter(column)}{row}"
        last = f"{get_column_letter(min(column + columns, width))}{min(row + rows, height)}"
        return f"{first}:{last}"

    return st.builds(
        ref, st.integers(1, width), st.integers(1, height), st.integers(0, 2), st.integers(1, 3)
    )


@st.composite
def workbook_specs(draw: st.DrawFn) -> WorkbookSpec:
    names = draw(st.lists(st.sampled_from([s.name for s in DATA_SHEETS]), max_size=4, unique=True))
    sheets = [draw(sheet_specs(name)) for name in names]
    extra = draw(st.lists(st.sampled_from((ANLEITUNG, "Tabelle1", PRUEFBERICHT)), unique=True))
    sheets += [SheetSpec(title, ["Mandant"], [["Gemeinde"]]) for title in extra]
    order = draw(st.permutations(range(len(sheets))))
    return WorkbookSpec([sheets[i] for i in order])


# -- building and checking --------------------------------------------------------------------


def build_workbook(spec: WorkbookSpec, path: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for sheet in spec.sheets:
        ws = wb.create_sheet(_unique_title(wb, sheet.title))
        for row_number, values in enumerate([sheet.header, *sheet.rows], start=1):
            for column, value in enumerate(values, start=1):
                _put(ws.cell(row=row_number, column=column), value)
        for cells in sheet.merged:
            ws.merge_cells(cells)
        for row in sheet.hidden:
            ws.row_dimensions[row].hidden = True
    if not wb.sheetnames:
        wb.create_sheet("Tabelle1")
    wb.save(path)
    return path


def _unique_title(wb: openpyxl.Workbook, title: str) -> str:
    taken = {t.casefold() for t in wb.sheetnames}
    return title if title.casefold() not in taken else f"{title[:25]} {len(taken)}"


def _put(cell: Any, value: Any) -> None:
    if isinstance(value, Formula):
        cell.value = value.text
        return
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # text that starts with "=" stays text


def check_read_and_validate(path: Path) -> tuple[WorkbookData, ValidationReport] | None:
    """The library property: nothing but `UnusableWorkbook`; findings at existing cells."""
    try:
        data = read_workbook(path)
    except UnusableWorkbook as error:
        assert error.message.endswith("."), error.message
        return None
    report = validate_workbook(data)
    rows = {(sheet, r.row) for sheet, records in data.sheets.items() for r in records}
    for finding in report.findings:
        assert finding.sheet in data.sheets, finding
        assert (finding.sheet, finding.row) in rows, finding
        assert finding.code in CODES and finding.message, finding
        if finding.column is not None:
            headers = {
                normalize_header(c.header): c.field for c in SHEETS_BY_NAME[finding.sheet].columns
            }
            assert headers[normalize_header(finding.column)] in data.columns[finding.sheet]
    return data, report


def user_cells(path: Path) -> dict[tuple[str, str], tuple[Any, str]]:
    """Every cell outside the importer's columns and sheet: value and data type."""
    wb = openpyxl.load_workbook(path)
    cells = {}
    for ws in wb.worksheets:
        if ws.title == PRUEFBERICHT:
            continue
        written = {
            cell.column
            for cell in ws[1]
            if normalize_header(cell.value) in WRITTEN_HEADERS and _is_data_sheet(ws.title)
        }
        for row in ws.iter_rows():
            for cell in row:
                if cell.column not in written and cell.value is not None:
                    cells[(ws.title, cell.coordinate)] = (_comparable(cell.value), cell.data_type)
    return cells


def _is_data_sheet(title: str) -> bool:
    return normalize_header(title) in {normalize_header(s.name) for s in DATA_SHEETS}


def _comparable(value: Any) -> Any:
    return "nan" if isinstance(value, float) and math.isnan(value) else value


def check_validate_command(path: Path) -> int:
    """The CLI property: exit 0/1/2, no traceback, user cells unchanged, no new formula."""
    before, formulas = user_cells(path), formula_cells(path)
    original = path.read_bytes()
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code in (0, 1, 2), result.output
    if result.exit_code == 2:
        assert path.read_bytes() == original
        message = " ".join(result.stderr.split())
        assert message.startswith("Fehler: ") and message.endswith("."), message
        return 2
    assert user_cells(path) == before
    assert formula_cells(path) <= formulas
    return result.exit_code


# -- the properties ---------------------------------------------------------------------------


@EXAMPLES
@given(workbook_specs())
def test_reading_and_validating_any_workbook_never_fails_unexpectedly(spec: WorkbookSpec) -> None:
    with tempfile.TemporaryDirectory() as folder:
        check_read_and_validate(build_workbook(spec, Path(folder) / "mappe.xlsx"))


@settings(EXAMPLES, max_examples=40)
@given(workbook_specs())
def test_validate_command_on_any_workbook_keeps_user_cells_and_writes_no_formula(
    spec: WorkbookSpec,
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        check_validate_command(build_workbook(spec, Path(folder) / "mappe.xlsx"))
