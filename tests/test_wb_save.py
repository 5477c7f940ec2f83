"""Saving: one backup per writer, atomic replace, refusal when the file is open or read-only."""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from importer.cli import app
from importer.errors import WorkbookLocked
from importer.model import RowResult, Status
from importer.workbook.filesafety import KEEP_BACKUPS, WorkbookNotSaved, atomic_write, backup_copy
from importer.workbook.reader import read_workbook
from importer.workbook.writer import WorkbookWriter, check_writable

DATA = Path(__file__).resolve().parent / "data"
OE = "Organisationseinheiten"


@pytest.fixture
def mappe(tmp_path: Path) -> Path:
    return Path(shutil.copy(DATA / "wb-gefuellt.xlsx", tmp_path / "Mappe Landkreis.xlsx"))


def test_backup_is_made_once_before_the_first_save(mappe: Path) -> None:
    original = mappe.read_bytes()
    writer = WorkbookWriter(mappe)
    writer.write_result(RowResult(OE, 2, Status.OK, "angelegt"))
    writer.save()
    writer.write_result(RowResult(OE, 3, Status.OK, "angelegt"))
    writer.save()
    others = sorted(p.name for p in mappe.parent.iterdir() if p != mappe)
    assert len(others) == 1
    assert re.fullmatch(r"Mappe Landkreis\.sicherung-\d{8}-\d{6}\.xlsx", others[0])
    assert writer.backup == mappe.parent / others[0]
    assert writer.backup.read_bytes() == original
    assert [r.written["status"] for r in read_workbook(mappe).records(OE)] == ["OK", "OK", None]


def test_only_the_newest_backups_are_kept_and_nothing_else_is_removed(mappe: Path) -> None:
    folder = mappe.parent
    others = ["Mappe Landkreis.sicherung-alt.xlsx", "Andere.sicherung-20200101-000000.xlsx"]
    for name in others:
        (folder / name).write_bytes(b"not ours")
    made = [
        backup_copy(mappe, datetime(2026, 1, 1, 8, 0, 0) + timedelta(minutes=n // 2))
        for n in range(KEEP_BACKUPS + 5)  # pairs in the same second: "-2" is the newer one
    ]
    kept = sorted(p.name for p in folder.glob("Mappe Landkreis.sicherung-2*.xlsx"))
    assert kept == sorted(p.name for p in made[-KEEP_BACKUPS:])
    assert all((folder / name).read_bytes() == b"not ours" for name in others)
    assert made[-1].read_bytes() == mappe.read_bytes()


def test_failed_write_leaves_the_previous_file_and_no_temp(mappe: Path) -> None:
    original = mappe.read_bytes()
    os.chmod(mappe, 0o640)

    def disk_full(target: Path) -> None:
        target.write_bytes(original[:100])
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(WorkbookNotSaved) as caught:
        atomic_write(mappe, disk_full)
    assert caught.value.message == (
        "Die Arbeitsmappe „Mappe Landkreis.xlsx“ konnte nicht gespeichert werden (der "
        "Datenträger ist voll); die bisherige Fassung ist unverändert."
    )
    assert mappe.read_bytes() == original
    assert list(mappe.parent.iterdir()) == [mappe]


def test_save_replaces_atomically_and_keeps_permissions(mappe: Path) -> None:
    os.chmod(mappe, 0o640)
    inode = mappe.stat().st_ino
    writer = WorkbookWriter(mappe)
    writer.write_result(RowResult(OE, 2, Status.OK, "angelegt"))
    writer.save()
    assert stat.S_IMODE(mappe.stat().st_mode) == 0o640
    assert mappe.stat().st_ino != inode  # a new file was moved into place
    assert not [p for p in mappe.parent.iterdir() if p.suffix == ".tmp"]


@pytest.mark.parametrize(
    ("lock", "shown"),
    [
        ("~$Mappe Landkreis.xlsx", "~$Mappe Landkreis.xlsx"),
        ("~$ppe Landkreis.xlsx", "~$ppe Landkreis.xlsx"),
        (".~lock.Mappe Landkreis.xlsx#", ".~lock.Mappe Landkreis.xlsx#"),
    ],
)
def test_open_workbook_is_refused_untouched(mappe: Path, lock: str, shown: str) -> None:
    (mappe.parent / lock).write_text("Besitzer", encoding="utf-8")
    original = mappe.read_bytes()
    with pytest.raises(WorkbookLocked) as caught:
        check_writable(mappe)
    expected = (
        "Die Arbeitsmappe „Mappe Landkreis.xlsx“ ist in einem anderen Programm geöffnet "
        f"(Sperrdatei „{shown}“); bitte dort schließen und erneut starten."
    )
    assert caught.value.message == expected
    result = CliRunner().invoke(app, ["validate", str(mappe)])
    assert (result.exit_code, " ".join(result.stderr.split())) == (2, f"Fehler: {expected}")
    assert mappe.read_bytes() == original
    assert sorted(p.name for p in mappe.parent.iterdir()) == sorted([mappe.name, lock])


def test_read_only_workbook_is_refused_untouched(mappe: Path) -> None:
    os.chmod(mappe, 0o444)
    original = mappe.read_bytes()
    writer = WorkbookWriter(mappe)
    writer.write_result(RowResult(OE, 2, Status.OK, "angelegt"))
    with pytest.raises(WorkbookLocked) as caught:
        writer.save()
    assert "schreibgeschützt" in caught.value.message
    assert writer.backup is None
    assert mappe.read_bytes() == original and list(mappe.parent.iterdir()) == [mappe]
    # --no-write only reads: it works on a read-only file.
    assert CliRunner().invoke(app, ["validate", "--no-write", str(mappe)]).exit_code == 0
