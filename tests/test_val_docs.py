"""docs/validation.md lists every code with exactly the message and rule of codes.py."""

from __future__ import annotations

import re
from pathlib import Path

from data.make_val_scenarios import SCENARIOS

from importer.validation.codes import CODES

DOC = Path(__file__).resolve().parents[1] / "docs" / "validation.md"
PLACEHOLDERS = {
    "spalte": "Spalte", "wert": "Wert", "zeilen": "Zeilen", "mandant": "Mandant",
    "kette": "Kette", "art": "Art", "laenge": "Länge", "zeichen": "Zeichen", "pfad": "Pfad",
    "groesse": "Größe", "abmessungen": "Abmessungen", "mit": "verbunden mit",
    "bereich": "Bereich", "hinweis": "Hinweis",
}  # fmt: skip


def as_documented(template: str) -> str:
    """ "{spalte} ist …" → "‹Spalte› ist …"."""
    return re.sub(r"\{(\w+)\}", lambda m: f"‹{PLACEHOLDERS[m[1]]}›", template)


def documented_codes() -> dict[str, tuple[str, str]]:
    rows = re.findall(r"^\| `([a-z-]+)` \| (.+) \| (.+) \|$", DOC.read_text(), re.MULTILINE)
    return {code: (text, rule) for code, text, rule in rows}


def test_docs_list_every_code_with_its_message_and_rule() -> None:
    assert documented_codes() == {
        code: (as_documented(c.message), c.rule) for code, c in CODES.items()
    }


def test_every_code_has_a_scenario_workbook() -> None:
    found = {key[3] for scenario in SCENARIOS.values() for key in scenario.expected}
    assert found == set(CODES)
