"""Value rules as pure functions: raw cell value → (value to send, code, message)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from importer.validation.values import Checked, normalize
from importer.workbook import columns


def rule(kind: str, column: str):
    """The value rule of one column kind, as the schema calls it for a column of that name."""
    return lambda raw, name=column: normalize(kind, raw, name)


normalize_phone = rule(columns.PHONE, "Telefon")
normalize_email = rule(columns.EMAIL, "E-Mail")
normalize_plz = rule(columns.PLZ, "PLZ")
normalize_url = rule(columns.URL, "Internet")
normalize_ust_id = rule(columns.UST_ID, "USt-IdNr.")
normalize_oe_id = rule(columns.OE_ID, "OE-ID")
normalize_text = rule(columns.TEXT, "Text")


def value_or_code(checked: Checked) -> str | None:
    return checked.code or checked.value


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0351 123456", "+49 351 123456"),
        ("0351/123456", "+49 351 123456"),
        ("(0351) 12 34 56", "+49 351 123456"),
        ("+49 351 123456", "+49 351 123456"),
        ("+49351123456", "+49 351 123456"),
        ("0049 (0)351 123456", "+49 351 123456"),
        ("+49 (0)351 123456", "+49 351 123456"),
        ("0351.123456", "+49 351 123456"),
        ("  0351 123456  ", "+49 351 123456"),
        ("0351\u00a0123456", "+49 351 123456"),
        # Durchwahl: after the last hyphen when the part before is a number on its own
        ("0351 1234-56", "+49 351 1234-56"),
        ("0351 1234 - 56", "+49 351 1234-56"),
        ("0351 1234\u201356", "+49 351 1234-56"),
        ("03521 4692-0", "+49 3521 4692-0"),
        ("(035242) 41 90-509", "+49 35242 4190-509"),
        ("+49 (0)351 1234-56", "+49 351 1234-56"),
        ("+49 351 1234-56", "+49 351 1234-56"),
        # ... else the hyphen only separates the area code
        ("0351-123456", "+49 351 123456"),
        ("0171-1234567", "+49 171 1234567"),
        ("0049-351-123456", "+49 351 123456"),
        # abroad
        ("+43 1 234567", "+43 1 234567"),
        ("0043 1 234567", "+43 1 234567"),
        ("+1 650-253-0000", "+1 650-253-0000"),
        # problems
        (351123456, "telefon-als-zahl"),
        (351123456.0, "telefon-als-zahl"),
        (4935112345, "telefon-als-zahl"),
        ("351123456", "telefon-ohne-vorwahl"),
        ("4935112345", "telefon-ohne-vorwahl"),
        ("0351", "telefon-ungueltig"),
        ("0351 12", "telefon-ungueltig"),
        ("110", "telefon-ohne-vorwahl"),
        ("siehe Rathaus", "telefon-ungueltig"),
        ("Tel. 0351 123456", "telefon-ungueltig"),
        ("0351 123456 x56", "telefon-ungueltig"),
        ("0800 FLOWERS", "telefon-ungueltig"),
        ("0351+123456", "telefon-ungueltig"),
        ("0351\n123456", "text-mehrzeilig"),
        (datetime(2024, 3, 1), "zelltyp-falsch"),
        (True, "zelltyp-falsch"),
        (None, None),
        ("   ", None),
        (float("nan"), None),
    ],
)
def test_phone(raw: object, expected: str | None) -> None:
    assert value_or_code(normalize_phone(raw)) == expected


def test_phone_as_number_message_names_column_and_value() -> None:
    assert normalize_phone(351123456.0, "Fax") == Checked(
        None,
        "telefon-als-zahl",
        "Fax wurde von Excel als Zahl gespeichert (351123456); die führende 0 fehlt. Bitte als "
        "Text eingeben, z. B. 0351 123456.",
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("01665", "01665"),
        (" 01665 ", "01665"),
        (12345, "12345"),  # nothing lost: a five-digit number is taken as text
        (12345.0, "12345"),
        (1665, "plz-als-zahl"),
        (1665.0, "plz-als-zahl"),
        (123456, "plz-ungueltig"),
        (1665.5, "plz-ungueltig"),
        ("1665", "plz-ungueltig"),
        ("016650", "plz-ungueltig"),
        ("D-01665", "plz-ungueltig"),
        ("01 665", "plz-ungueltig"),
        (date(2024, 1, 1), "zelltyp-falsch"),
        (None, None),
    ],
)
def test_plz(raw: object, expected: str | None) -> None:
    assert value_or_code(normalize_plz(raw)) == expected


def test_plz_messages() -> None:
    assert normalize_plz(1665).message == (
        "PLZ wurde von Excel als Zahl gespeichert (1665); die führende 0 fehlt. Bitte als Text "
        "eingeben, z. B. 01665."
    )
    assert normalize_plz("1665").message == (
        "PLZ „1665“ ist ungültig: Die PLZ muss aus fünf Ziffern bestehen, z. B. 01665."
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("poststelle@klipphausen.de", "poststelle@klipphausen.de"),
        ("Poststelle@Klipphausen.DE", "Poststelle@klipphausen.de"),
        ("INFO@klipphausen.de", "info@klipphausen.de"),  # email-validator's mailbox rule
        ("vorname.nachname+amt@gemeinde-x.de", "vorname.nachname+amt@gemeinde-x.de"),
        ("amt@müllerdorf.de", "amt@müllerdorf.de"),
        ("amt@xn--mllerdorf-q9a.de", "amt@müllerdorf.de"),
        ("bürgeramt@gemeinde.de", "bürgeramt@gemeinde.de"),
        ("datenschutz.nossen.example", "email-ungueltig"),
        ("a@b", "email-ungueltig"),
        ("a@@b.de", "email-ungueltig"),
        ("a b@gemeinde.de", "email-ungueltig"),
        ("a..b@gemeinde.de", "email-ungueltig"),
        ("Amt <amt@gemeinde.de>", "email-ungueltig"),
        ("amt@gemeinde..de", "email-ungueltig"),
        ("amt@localhost", "email-ungueltig"),
        (12, "email-ungueltig"),
        ("amt@gemeinde.de\tx", "text-steuerzeichen"),
        (None, None),
    ],
)
def test_email(raw: object, expected: str | None) -> None:
    assert value_or_code(normalize_email(raw)) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("www.example.de", "https://www.example.de"),
        ("example.de", "https://example.de"),
        ("www.example.de/rathaus?amt=1#kontakt", "https://www.example.de/rathaus?amt=1#kontakt"),
        ("https://www.example.de", "https://www.example.de"),
        ("http://www.example.de", "http://www.example.de"),
        ("HTTPS://WWW.Example.DE", "HTTPS://WWW.Example.DE"),
        ("www.example.de:8080/x", "https://www.example.de:8080/x"),
        ("www.müllerdorf.de", "https://www.müllerdorf.de"),
        ("https://xn--mllerdorf-q9a.de", "https://xn--mllerdorf-q9a.de"),
        ("www.meissen.example", "https://www.meissen.example"),
        ("www.ex ample.de", "internet-ungueltig"),
        ("htp//www.nossen.example", "internet-ungueltig"),
        ("ftp://example.de", "internet-ungueltig"),
        ("info@gemeinde.de", "internet-ungueltig"),
        ("mailto:info@gemeinde.de", "internet-ungueltig"),
        ("javascript:alert(1)", "internet-ungueltig"),
        ("http://localhost", "internet-ungueltig"),
        ("www", "internet-ungueltig"),
        ("https://", "internet-ungueltig"),
        ("www.-example.de", "internet-ungueltig"),
        ("www.example.de:abc", "internet-ungueltig"),
        ("www.example.123", "internet-ungueltig"),
        ('www.example.de/"x"', "internet-ungueltig"),
        ("keine", "internet-ungueltig"),
        (None, None),
    ],
)
def test_url(raw: object, expected: str | None) -> None:
    assert value_or_code(normalize_url(raw)) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("DE123456789", "DE123456789"),
        ("DE 123 456 789", "DE123456789"),
        ("de123456789", "DE123456789"),
        ("DE12345678", "ust-id-ungueltig"),
        ("DE1234567890", "ust-id-ungueltig"),
        ("AT123456789", "ust-id-ungueltig"),
        ("DE-123456789", "ust-id-ungueltig"),
        (123456789, "ust-id-ungueltig"),
        (None, None),
    ],
)
def test_ust_id(raw: object, expected: str | None) -> None:
    assert value_or_code(normalize_ust_id(raw)) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("600709", "600709"),
        (600709, "600709"),
        (600709.0, "600709"),
        (" 600709 ", "600709"),
        ("60070A", "oe-id-ungueltig"),
        ("60070", "oe-id-ungueltig"),
        (6007090, "oe-id-ungueltig"),
        (600709.5, "oe-id-ungueltig"),
        (None, None),
    ],
)
def test_oe_id(raw: object, expected: str | None) -> None:
    assert value_or_code(normalize_oe_id(raw)) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Hauptamt ", "Hauptamt"),
        ("Hauptamt\n", "Hauptamt"),  # a trailing Alt+Enter is no second line
        (2024, "2024"),
        (2024.0, "2024"),
        (2.5, "2.5"),
        ("x" * 255, "x" * 255),
        ("x" * 256, "text-zu-lang"),
        ("Haupt\namt", "text-mehrzeilig"),
        ("Haupt\r\namt", "text-mehrzeilig"),
        ("Haupt\u2028amt", "text-mehrzeilig"),
        ("Haupt\tamt", "text-steuerzeichen"),
        ("Haupt\u200bamt", "text-steuerzeichen"),
        ("Haupt\x07amt", "text-steuerzeichen"),
        (True, "zelltyp-falsch"),
        (datetime(2024, 3, 1, 8, 30), "zelltyp-falsch"),
        (date(2024, 3, 1), "zelltyp-falsch"),
        (time(8, 30), "zelltyp-falsch"),
        (timedelta(hours=1), "zelltyp-falsch"),
        (float("inf"), "zelltyp-falsch"),
        (b"bytes", "zelltyp-falsch"),
        (None, None),
    ],
)
def test_text(raw: object, expected: str | None) -> None:
    assert value_or_code(normalize_text(raw)) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("x" * 300, "Behörde ist zu lang (300 Zeichen); erlaubt sind höchstens 255 Zeichen. "
         "Bitte kürzen."),
        ("a\u200bb", "Behörde enthält ein unsichtbares Steuerzeichen (U+200B). Bitte den Wert neu "
         "eintippen statt ihn aus einem anderen Programm einzufügen."),
        (False, "Behörde enthält einen Wahrheitswert (FALSCH) statt Text. Excel hat die Eingabe "
         "vermutlich umgewandelt. Bitte den Wert als Text eingeben."),
        (date(2024, 3, 1), "Behörde enthält ein Datum (01.03.2024) statt Text. Excel hat die "
         "Eingabe vermutlich umgewandelt. Bitte den Wert als Text eingeben."),
    ],
)  # fmt: skip
def test_text_messages_name_the_column(raw: object, message: str) -> None:
    assert normalize_text(raw, "Behörde").message == message


def test_every_kind_has_a_rule_and_text_rules_apply_to_every_kind() -> None:
    kinds = {c.kind for sheet in columns.DATA_SHEETS for c in sheet.columns}
    assert {kind: normalize(kind, "a\nb", "X").code for kind in kinds} == dict.fromkeys(
        kinds, "text-mehrzeilig"
    )
