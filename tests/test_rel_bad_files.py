"""Bad, hostile and huge files: refused with exit 2 and one German sentence, in bounded memory
(and far from the CPU time an unpacked bomb would take), the file and its folder untouched; a
huge but usable workbook is read. How fast is measured by benchmarks/reading.py.

The files are made at test time (`data/make_bad_files.py`); the small unusable files the
workbook area committed (`data/wb-*`) are reused.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from data import make_bad_files as bad
from rel_support import GIB, assert_refused, folder_state, run_cli
from typer.testing import CliRunner

from importer.cli import app
from importer.errors import UnusableWorkbook
from importer.workbook.reader import read_workbook
from importer.workbook.writer import WorkbookWriter

DATA = Path(__file__).resolve().parent / "data"
# A guard, not a speed target: refusing takes about 1.3 s of CPU (most of it the CLI's start);
# unpacking the bomb or expanding the entities would take many times that.
MAX_CPU_SECONDS = 30.0  # a guard against runaway work, not a speed target (typ. ~5 s)
MAX_RSS = 1 * GIB
DAMAGED_WORDS = ("ist beschädigt", "kann nicht gelesen werden")

# Hostile or too big: maker → words the one sentence must contain.
HOSTILE: dict[str, tuple[Callable[[Path], Path], tuple[str, ...]]] = {
    "50-mb.xlsx": (bad.big_picture, ("MB groß, verarbeitet werden Arbeitsmappen bis 25 MB",)),
    "zip-bombe.xlsx": (bad.zip_bomb, ("ist entpackt 300 MB groß, erlaubt sind 256 MB",)),
    "zip-bombe-mit-falscher-groesse.xlsx": (bad.lying_zip_bomb, DAMAGED_WORDS),
    "wert-in-xfd1048576.xlsx": (
        bad.stray_value,
        ("reicht bis Zeile 1.048.576 und Spalte XFD", "versehentlich eingetragene Werte"),
    ),
    "blatt-billion-laughs.xlsx": (bad.DAMAGED["blatt-billion-laughs.xlsx"], DAMAGED_WORDS),
}
# Committed by the workbook area: file → words of its sentence.
COMMITTED = {
    "wb-abgeschnitten.xlsx": ("beschädigt oder unvollständig",),
    "wb-zip-ohne-mappe.xlsx": ("keine Excel-Arbeitsmappe (.xlsx)",),
    "wb-verschluesselt.xlsx": ("mit einem Kennwort geschützt",),
    "wb-csv-umbenannt.xlsx": ("keine Excel-Arbeitsmappe (.xlsx)",),
    "wb-altes-format.xls": ("im alten Excel-Format (.xls)",),
    "wb-opendocument.ods": ("OpenDocument-Tabelle (.ods)",),
    "wb-leer.xlsx": ("ist leer (0 Byte)",),
}


def assert_bounded(run) -> None:
    assert run.cpu_seconds < MAX_CPU_SECONDS, f"{run.cpu_seconds:.1f} s CPU"
    assert run.peak_rss < MAX_RSS, f"{run.peak_rss / 2**20:.0f} MB"


def refuse_in_process(path: Path, *words: str) -> None:
    before = folder_state(path.parent)
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 2
    message = " ".join(result.stderr.split())
    assert message.startswith("Fehler: ") and message.endswith("."), message
    assert all(word in message for word in words), message
    assert folder_state(path.parent) == before


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_is_refused_quickly_in_bounded_memory(tmp_path: Path, name: str) -> None:
    make, words = HOSTILE[name]
    path = make(tmp_path / name)
    before = folder_state(tmp_path)
    run = run_cli("validate", str(path))
    assert_refused(run, f"„{name}“", *words)
    assert_bounded(run)
    assert folder_state(tmp_path) == before


@pytest.mark.parametrize("name", sorted(bad.DAMAGED))
def test_damaged_file_is_refused_as_damaged(tmp_path: Path, name: str) -> None:
    path = bad.DAMAGED[name](tmp_path / name)
    words = ("ist beschädigt", "gelesen werden")
    if name == "zellbezug-kaputt.xlsx":  # a cell reference in row 99,999,999,999
        words = ("reicht bis Zeile 99.999.999.999",)
    refuse_in_process(path, f"„{name}“", *words)


def test_missing_file_and_folder_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "mappe.xlsx"
    folder.mkdir()
    refuse_in_process(folder, "ist ein Ordner, keine Arbeitsmappe")
    refuse_in_process(tmp_path / "fehlt.xlsx", "gibt es nicht")


@pytest.fixture(scope="module")
def formatted_to_the_end(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two data rows (the second with a bad e-mail) above a million styled empty rows."""
    rows = [bad.OE_ROWS[0], ("Gemeinde Klipphausen", "Bauhof", "bauhof(at)example", "0351 123456")]
    return bad.styled_to_last_row(tmp_path_factory.mktemp("formatiert") / "mappe.xlsx", rows)


def test_sheet_formatted_to_the_last_row_is_read_in_little_memory(
    tmp_path: Path, formatted_to_the_end: Path
) -> None:
    """Usable, so used: the data rows are read and validated, the styled empty rows cost
    little memory (and a few seconds: benchmarks/reading.py)."""
    path = shutil.copy(formatted_to_the_end, tmp_path / "mappe.xlsx")
    before = folder_state(tmp_path)
    run = run_cli("validate", "--no-write", "--json", str(path))
    assert (run.code, run.stderr) == (1, "")
    findings = [(f["sheet"], f["row"], f["column"], f["code"]) for f in json.loads(run.stdout)]
    assert findings == [(bad.OE, 3, "E-Mail", "email-ungueltig")]
    assert run.peak_rss < 512 * 2**20, f"{run.peak_rss / 2**20:.0f} MB"
    assert folder_state(tmp_path) == before


def test_sheet_formatted_to_the_last_row_is_too_big_to_rewrite(
    tmp_path: Path, formatted_to_the_end: Path
) -> None:
    """Writing it back would need openpyxl to hold four million cells: refused up front."""
    path = shutil.copy(formatted_to_the_end, tmp_path / "mappe.xlsx")
    before = folder_state(tmp_path)
    run = run_cli("validate", str(path))
    assert_refused(run, "zu groß zum Beschreiben", "mit --no-write prüfen")
    assert run.peak_rss < 512 * 2**20, f"{run.peak_rss / 2**20:.0f} MB"
    assert folder_state(tmp_path) == before


def test_writer_itself_refuses_a_sheet_too_big_to_rewrite(formatted_to_the_end: Path) -> None:
    """Also for callers that do not ask `check_writable` first (the runner's result writer)."""
    with pytest.raises(UnusableWorkbook) as refused:
        WorkbookWriter(formatted_to_the_end)
    assert "zu groß zum Beschreiben (Tabellenblätter entpackt 132 MB" in refused.value.message


@pytest.mark.long
def test_empty_sheet_formatted_to_the_last_row_has_no_rows(tmp_path: Path) -> None:
    path = bad.styled_to_last_row(tmp_path / "formatiert-leer.xlsx", data=())
    assert read_workbook(path).sheets == {bad.OE: []}


@pytest.mark.long
@pytest.mark.parametrize("name", sorted(COMMITTED))
def test_committed_unusable_file_is_refused_by_a_real_process(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    shutil.copy(DATA / name, path)
    before = folder_state(tmp_path)
    run = run_cli("validate", str(path))
    assert_refused(run, *COMMITTED[name])
    assert_bounded(run)
    assert folder_state(tmp_path) == before


@pytest.mark.long
@pytest.mark.parametrize("name", sorted(bad.DAMAGED))
def test_damaged_file_is_refused_by_a_real_process(tmp_path: Path, name: str) -> None:
    path = bad.DAMAGED[name](tmp_path / name)
    before = folder_state(tmp_path)
    run = run_cli("validate", str(path))
    assert_refused(run, f"„{name}“")
    assert_bounded(run)
    assert folder_state(tmp_path) == before


@pytest.mark.long
def test_four_gigabyte_zip_bomb_is_refused_from_its_directory(tmp_path: Path) -> None:
    path = bad.zip_bomb(tmp_path / "bombe.xlsx", unpacked=4 * GIB)
    run = run_cli("validate", str(path))
    assert_refused(run, "erlaubt sind 256 MB")
    assert_bounded(run)


@pytest.mark.long
def test_lying_two_gigabyte_zip_bomb_stays_in_bounds(tmp_path: Path) -> None:
    path = bad.lying_zip_bomb(tmp_path / "bombe.xlsx", unpacked=2 * GIB - 2**26)
    run = run_cli("validate", str(path))
    assert_refused(run, *DAMAGED_WORDS)
    assert_bounded(run)
