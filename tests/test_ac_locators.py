"""The locator table: derived from the column catalogue, overridable by a TOML file, documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from importer.admincenter.locators import DEFAULT_LOCATORS, KINDS, Locator, load_locators
from importer.errors import UsageError
from importer.workbook.columns import DATA_SHEETS

DOCS = Path(__file__).resolve().parent.parent / "docs" / "locators.md"
PREFIXES = {"Impressum": "impressum", "Datenschutzbeauftragte": "datenschutz", "Logo": "bild"}


def test_form_fields_come_from_the_catalogue_labels() -> None:
    for sheet in DATA_SHEETS:
        if sheet.name not in PREFIXES:
            continue
        for column in sheet.columns:
            if column.label is not None and column.field != "mandant":
                key = f"{PREFIXES[sheet.name]}.{column.field}"
                assert DEFAULT_LOCATORS[key].labels == (column.label,), key


def test_every_locator_has_a_known_kind_and_labels() -> None:
    assert all(loc.kind in KINDS and loc.labels for loc in DEFAULT_LOCATORS.values())
    assert load_locators(None) == DEFAULT_LOCATORS


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "beschriftungen.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_toml_file_overrides_labels_and_kinds(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[locators]\n"impressum.email" = "E-Mail-Adresse"\n'
        '"kanal.telefon" = ["Festnetz", "Telefon"]\n'
        '"oe.filter" = { kind = "select", label = "Schnellsuche" }\n',
    )
    table = load_locators(path)
    changed = {k: v for k, v in table.items() if DEFAULT_LOCATORS[k] != v}
    assert changed == {
        "impressum.email": Locator("field", ("E-Mail-Adresse",)),
        "kanal.telefon": Locator("option", ("Festnetz", "Telefon")),
        "oe.filter": Locator("select", ("Schnellsuche",)),
    }
    assert DEFAULT_LOCATORS["impressum.email"].label == "E-Mail"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[locators]\n"impresum.email" = "x"\n',
            "unbekannter Schlüssel „impresum.email“. Meinten Sie: impressum.email",
        ),
        (
            '[locators]\n"oe.filter" = { kind = "dropdown", label = "x" }\n',
            "„oe.filter“ hat die unbekannte Art „dropdown“",
        ),
        ('[locators]\n"oe.name" = "  "\n', "die Beschriftung von „oe.name“ ist leer"),
        ('[locators]\n"oe.name" = 3\n', "„oe.name“ braucht eine Beschriftung als Text"),
        ('[locators]\n"oe.name" = []\n', "die Beschriftung von „oe.name“ ist leer"),
        ("locators = 1\n", "[locators] muss eine Tabelle sein"),
        ("[locators\n", "ist nicht lesbar"),
    ],
)
def test_a_bad_file_is_refused_with_a_german_message(tmp_path: Path, text, message) -> None:
    with pytest.raises(UsageError) as refused:
        load_locators(write(tmp_path, text))
    assert message in refused.value.message
    assert refused.value.exit_code == 2


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="gibt es nicht"):
        load_locators(tmp_path / "fehlt.toml")


def test_the_docs_list_every_key_with_its_default_label() -> None:
    rows = re.findall(
        r"^\| `([\w.]+)` \| [^|]+\(`(\w+)`\) \| ([^|]+) \|$",
        DOCS.read_text("utf-8"),
        flags=re.MULTILINE,
    )
    documented = {
        key: Locator(kind, tuple(label.strip().split(" / "))) for key, kind, label in rows
    }
    assert documented == DEFAULT_LOCATORS
