"""pandera models per sheet, derived from the column catalogue, and their failures as findings.

Each sheet becomes a `DataFrameModel` with one object column per catalogue field and three
element-wise checks, each named so that its failure cases translate back into findings:
`pflichtfeld-leer` (required columns), `zelle` (cell type, length, one line, control
characters: all columns) and the column's kind (`phone`, `email`, ... for all but plain text).
The DataFrame's index is the Excel row number, so a failure case names its row directly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors
from pandera.typing import Series

from importer.model import Finding, Record
from importer.validation import values
from importer.validation.codes import message
from importer.workbook.columns import TEXT, Sheet

REQUIRED_CHECK = "pflichtfeld-leer"
CELL_CHECK = "zelle"


def _filled(cls: Any, raw: object) -> bool:
    return not values.is_blank(raw)


def _cell_ok(cls: Any, raw: object) -> bool:
    return not values.cell_problems(raw)


def _kind_check(kind: str) -> Callable[[Any, object], bool]:
    def check(cls: Any, raw: object) -> bool:
        return values.kind_problem(kind, raw) is None

    return check


@cache
def sheet_model(sheet: Sheet) -> type[pa.DataFrameModel]:
    """The pandera model of a sheet: a nullable object column per field plus the checks."""
    fields = sheet.fields
    namespace: dict[str, Any] = {
        "__annotations__": {field: Series[object] for field in fields},
        "Config": type("Config", (), {"strict": False, "coerce": False}),
    }
    namespace.update({field: pa.Field(nullable=True) for field in fields})
    required = [c.field for c in sheet.columns if c.required]
    if required:
        namespace["check_required"] = pa.check(
            *required, name=REQUIRED_CHECK, element_wise=True, ignore_na=False
        )(_filled)
    namespace["check_cell"] = pa.check(*fields, name=CELL_CHECK, element_wise=True)(_cell_ok)
    kinds = sorted({c.kind for c in sheet.columns if c.kind != TEXT})
    for kind in kinds:
        kind_fields = [c.field for c in sheet.columns if c.kind == kind]
        namespace[f"check_{kind}"] = pa.check(*kind_fields, name=kind, element_wise=True)(
            _kind_check(kind)
        )
    name = "".join(part.capitalize() for part in sheet.name.split()) + "Model"
    return type(name, (pa.DataFrameModel,), namespace)


def sheet_frame(sheet: Sheet, records: list[Record]) -> pd.DataFrame:
    """One object column per field (absent fields empty), indexed by Excel row number."""
    rows = [record.row for record in records]
    return pd.DataFrame(
        {
            field: pd.Series([r.values.get(field) for r in records], index=rows, dtype=object)
            for field in sheet.fields
        },
        index=pd.Index(rows, name="row"),
    )


def schema_findings(sheet: Sheet, records: list[Record]) -> list[Finding]:
    """Validate the sheet's records with its model (lazy) and translate every failure case."""
    try:
        sheet_model(sheet).validate(sheet_frame(sheet, records), lazy=True)
    except SchemaErrors as errors:
        by_row = {record.row: record for record in records}
        cases = errors.failure_cases[["column", "check", "index"]]
        return [
            finding
            for column, check, row in cases.itertuples(index=False)
            for finding in _translate(sheet, by_row[int(row)], str(column), str(check))
        ]
    return []


def _translate(sheet: Sheet, record: Record, field: str, check: str) -> Iterator[Finding]:
    """The findings behind one failure case; the raw value comes from the record itself."""
    column = sheet.column(field)
    raw = record.values.get(field)
    if check == REQUIRED_CHECK:
        problems: list[values.Problem] = [(REQUIRED_CHECK, {})]
    elif check == CELL_CHECK:
        problems = list(values.cell_problems(raw))
    else:
        problem = values.kind_problem(check, raw)
        problems = [] if problem is None else [problem]
    for code, params in problems:
        yield Finding(
            sheet.name, record.row, column.header, code, message(code, column.header, **params)
        )
