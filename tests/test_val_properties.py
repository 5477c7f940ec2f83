"""Properties of the value rules: never raise, idempotent on their own output, and the fast
paths agree with the libraries they shortcut."""

from __future__ import annotations

from pathlib import Path

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from hypothesis import example, given, settings
from hypothesis import strategies as st

from importer.model import Record
from importer.validation import mail, phone
from importer.validation.validate import validate_workbook
from importer.validation.values import normalize
from importer.workbook import columns
from importer.workbook.data import WorkbookData

ANY_CELL = st.one_of(
    st.none(),
    st.text(),
    st.integers(),
    st.floats(),
    st.booleans(),
    st.datetimes(),
    st.dates(),
    st.times(),
    st.timedeltas(),
)
PHONE_TEXT = st.one_of(
    st.text(alphabet="0123456789 +()/.-–\u00a0x", max_size=30),
    st.builds(
        "{}{}{}{}{}".format,
        st.sampled_from(["0", "+49 ", "0049 ", "+49 (0)", "(0", "+43 ", "", "00"]),
        st.sampled_from(["351", "3521", "35242", "30", "171", "1"]),
        st.sampled_from([" ", "/", ") ", "-", ""]),
        st.from_regex(r"[1-9][0-9 ]{2,9}", fullmatch=True),
        st.sampled_from(["", "-0", "-56", " - 123", "–12", "-1234567"]),
    ),
)
URL_TEXT = st.one_of(
    st.text(max_size=40),
    st.builds(
        "{}{}.{}{}".format,
        st.sampled_from(["", "www.", "https://", "http://", "ftp://", "https://a@"]),
        st.from_regex(r"[a-zäöü0-9-]{1,12}", fullmatch=True),
        st.from_regex(r"[a-z0-9]{1,5}", fullmatch=True),
        st.sampled_from(["", "/", "/amt?x=1", ":8080", ":x", " x", "/a b"]),
    ),
)
KINDS = sorted({c.kind for sheet in columns.DATA_SHEETS for c in sheet.columns})


@given(kind=st.sampled_from(KINDS), raw=ANY_CELL)
def test_no_rule_raises_on_any_cell_value(kind: str, raw: object) -> None:
    checked = normalize(kind, raw, "Spalte")
    assert (checked.value is None) or (checked.code is None)
    assert (checked.code is None) == (checked.message is None)


@given(PHONE_TEXT)
@example("0351 1234-56")
@example("+1 650-253-0000-12")
def test_phone_is_idempotent(raw: str) -> None:
    first = normalize(columns.PHONE, raw, "Telefon")
    if first.value is not None:
        assert normalize(columns.PHONE, first.value, "Telefon").value == first.value


@given(URL_TEXT)
@example("www.example.de")
def test_url_is_idempotent(raw: str) -> None:
    first = normalize(columns.URL, raw, "Internet")
    if first.value is not None:
        assert first.value.lower().startswith(("https://", "http://"))
        assert normalize(columns.URL, first.value, "Internet").value == first.value


def parsed_by_phonenumbers(digits: str) -> str | None:
    try:
        number = phonenumbers.parse(digits, "DE")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


@settings(max_examples=300)
@given(
    prefix=st.sampled_from(["0", "+49", "0049", "+490", "00490", "00", "+", "+43", "1"]),
    rest=st.from_regex(r"[0-9]{0,14}", fullmatch=True),
)
@example(prefix="0", rest="351123456")
@example(prefix="+490", rest="351123456")
def test_german_fast_path_equals_phonenumbers_parse(prefix: str, rest: str) -> None:
    digits = prefix + rest
    assert phone.international(digits) == parsed_by_phonenumbers(digits)


def validated_by_library(address: str) -> str | None:
    try:
        return validate_email(address, check_deliverability=False).normalized
    except EmailNotValidError:
        return None


@settings(max_examples=300)
@given(
    local=st.one_of(
        st.from_regex(r"[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]{1,70}", fullmatch=True),
        st.sampled_from(["INFO", "Postmaster", "a", "x" * 64, "x" * 65, '"a b"', "ü"]),
    ),
    domain=st.one_of(
        st.from_regex(r"[a-z0-9äöüß.-]{1,30}", fullmatch=True),
        st.sampled_from(["gemeinde.de", "xn--mllerdorf-q9a.de", "a." * 120 + "de", "[1.2.3.4]"]),
    ),
)
def test_email_fast_path_equals_email_validator(local: str, domain: str) -> None:
    address = f"{local}@{domain}"
    assert mail._normalized(address) == validated_by_library(address)


@settings(max_examples=25, deadline=None)
@given(
    cells=st.lists(
        st.tuples(
            st.sampled_from(columns.DATA_SHEETS),
            st.integers(min_value=2, max_value=30),
            st.dictionaries(st.sampled_from(["mandant", "name", "telefon", "email", "plz",
                                             "parent", "oe_id", "internet"]), ANY_CELL),
        ),
        max_size=12,
    )
)  # fmt: skip
def test_validate_workbook_never_raises_and_findings_stay_at_their_rows(
    cells: list[tuple[columns.Sheet, int, dict[str, object]]],
) -> None:
    data = WorkbookData(path=Path("/tmp/zufall.xlsx"))
    for sheet, row, values in cells:
        fields = {f: v for f, v in values.items() if f in sheet.fields}
        records = data.sheets.setdefault(sheet.name, [])
        if row not in {r.row for r in records}:
            records.append(Record(sheet.name, row, fields))
    report = validate_workbook(data)
    rows = {(s, r.row) for s, records in data.sheets.items() for r in records}
    assert {(f.sheet, f.row) for f in report.findings} <= rows
    assert set(report.normalized) == rows
    headers = {s.name: {c.header for c in s.columns} for s in columns.DATA_SHEETS}
    assert all(f.column in headers[f.sheet] for f in report.findings)
