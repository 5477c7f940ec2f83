"""Unusable input: exit 2, one German sentence, no traceback, the file untouched."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from importer.cli import app

DATA = Path(__file__).resolve().parent / "data"
SAVE_XLSX = "bitte in Excel als „Excel-Arbeitsmappe (*.xlsx)“ speichern."

CASES = {
    "wb-csv-umbenannt.xlsx": "Die Datei „wb-csv-umbenannt.xlsx“ ist keine Excel-Arbeitsmappe "
    f"(.xlsx); {SAVE_XLSX}",
    "wb-leer.xlsx": "Die Datei „wb-leer.xlsx“ ist leer (0 Byte), keine Arbeitsmappe.",
    "wb-zip-ohne-mappe.xlsx": "Die Datei „wb-zip-ohne-mappe.xlsx“ ist keine Excel-Arbeitsmappe "
    f"(.xlsx); {SAVE_XLSX}",
    "wb-altes-format.xls": "Die Datei „wb-altes-format.xls“ ist im alten Excel-Format (.xls); "
    f"{SAVE_XLSX}",
    "wb-opendocument.ods": "Die Datei „wb-opendocument.ods“ ist eine OpenDocument-Tabelle "
    "(.ods); bitte als „Excel 2007-365 (.xlsx)“ speichern.",
    "wb-abgeschnitten.xlsx": "Die Datei „wb-abgeschnitten.xlsx“ ist beschädigt oder "
    "unvollständig und kann nicht gelesen werden.",
    "wb-verschluesselt.xlsx": "Die Arbeitsmappe „wb-verschluesselt.xlsx“ ist mit einem Kennwort "
    "geschützt; bitte ohne Kennwort speichern und erneut versuchen.",
    "wb-ohne-datenblatt.xlsx": "Die Arbeitsmappe „wb-ohne-datenblatt.xlsx“ enthält keines der "
    "Blätter „Impressum“, „Datenschutzbeauftragte“, „Logo“, „Organisationseinheiten“.",
    "wb-pflichtspalte-fehlt.xlsx": "Im Blatt „Organisationseinheiten“ fehlt die Pflichtspalte "
    "„E-Mail“.",
}


def run_validate(path: Path, *options: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["validate", str(path), *options])
    return result.exit_code, result.stdout, " ".join(result.stderr.split())


def folder_state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("options", [(), ("--no-write",), ("--json",)])
def test_unusable_file_exits_2_with_one_sentence(
    tmp_path: Path, name: str, options: tuple[str, ...]
) -> None:
    path = tmp_path / name
    shutil.copy(DATA / name, path)
    before = folder_state(tmp_path)
    code, stdout, stderr = run_validate(path, *options)
    assert (code, stdout, stderr) == (2, "", f"Fehler: {CASES[name]}")
    assert folder_state(tmp_path) == before


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "gibt-es-nicht.xlsx"
    assert run_validate(path) == (2, "", f"Fehler: Die Datei „{path}“ gibt es nicht.")
    assert list(tmp_path.iterdir()) == []


def test_folder_instead_of_file(tmp_path: Path) -> None:
    folder = tmp_path / "mappe.xlsx"
    folder.mkdir()
    expected = f"Fehler: „{folder}“ ist ein Ordner, keine Arbeitsmappe."
    assert run_validate(folder) == (2, "", expected)
    assert list(folder.iterdir()) == []
