"""docs/reliability.md names existing tests and the limits the code enforces."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from importer.workbook import filesafety, reader, sniff

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")
MB = 1024 * 1024


def function_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}


def test_every_test_named_in_the_developer_section_exists() -> None:
    developers = DOC.split("## For developers (English)")[1]
    named = set(re.findall(r"`(test_\w+)(?![\w.])", developers))
    existing = set().union(*(function_names(p) for p in (ROOT / "tests").glob("test_*.py")))
    assert named and named <= existing, sorted(named - existing)


def test_every_test_of_a_documented_file_is_named_in_the_developer_section() -> None:
    """Each test file the section mentions has all its tests named there."""
    developers = DOC.split("## For developers (English)")[1]
    files = set(re.findall(r"`tests/(test_rel_\w+\.py)`", developers))
    assert files
    unnamed = {
        f"{name}::{test}"
        for name in files
        for test in function_names(ROOT / "tests" / name)
        if test.startswith("test_") and f"`{test}" not in developers
    }
    assert unnamed == set()


def test_limits_table_states_the_limits_of_the_code() -> None:
    rows = dict(re.findall(r"^\| ([^|]+?) \| ([^|]+?) \| [^|]+ \|$", DOC, re.MULTILINE))
    assert rows["Dateigröße"] == f"{sniff.MAX_FILE_BYTES // MB} MB"
    assert rows["Entpackte Größe der Mappe"] == f"{sniff.MAX_UNPACKED_BYTES // MB} MB"
    cells = "Zellen je Datenblatt (Zeilen × Spalten bis zur letzten Zelle mit Inhalt)"
    assert rows[cells] == f"{reader.MAX_CELLS // 10**6} Millionen"
    writing = "Zurückschreiben (`validate` ohne `--no-write`, Lauf): entpackte Tabellenblätter"
    assert rows[writing] == f"{filesafety.MAX_WRITABLE_SHEET_BYTES // MB} MB"


def test_the_runner_sections_are_there_for_the_runner_area() -> None:
    headings = re.findall(r"^## (.+)$", DOC, re.MULTILINE)
    assert "Abstürze und Netzfehler (Lauf)" in headings and "Zugangsdaten" in headings
