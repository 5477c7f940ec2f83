"""The user's workbook survives whatever happens while `validate` writes it: another program
holding it open, a full disk, a size limit, the process killed in the middle of saving.

Real processes and real file systems: a small tmpfs fills up for real (ENOSPC; needs root,
else skipped), RLIMIT_FSIZE makes the kernel refuse a bigger file (EFBIG), SIGKILL stops
`validate` at chosen moments of its save.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from rel_support import ROOT, assert_refused, folder_state, run_cli

from importer.workbook.columns import PRUEFBERICHT
from importer.workbook.template import build_template, fill_sheet

OE = "Organisationseinheiten"
PAGE = 4096
BACKUP = ".sicherung-"


def workbook(path: Path, units: int = 40) -> Path:
    """Units of which every other has a phone without number: findings, marks, a report."""
    wb = build_template()
    rows = [
        {"mandant": "Gemeinde Klipphausen", "name": f"Amt {i}", "email": f"amt{i}@k.example",
         "telefon": "0351" if i % 2 else "0351 123456"}
        for i in range(units)
    ]  # fmt: skip
    fill_sheet(wb, OE, rows)
    wb.save(path)
    return path


def backups(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if BACKUP in p.name)


def temporaries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.endswith(".tmp"))


def assert_previous_file_and_backup_kept(path: Path, original: bytes) -> None:
    """After a failed save: the workbook as it was, no temp file, one backup equal to it."""
    assert path.read_bytes() == original
    assert temporaries(path.parent) == []
    [backup] = backups(path.parent)
    assert backup.read_bytes() == original


# -- another program has the workbook ---------------------------------------------------------


@pytest.mark.libreoffice
def test_workbook_open_in_libreoffice_is_refused_untouched(tmp_path: Path) -> None:
    """LibreOffice really opens the file (and writes its own lock file)."""
    path = workbook(tmp_path / "mappe.xlsx")
    lock = tmp_path / ".~lock.mappe.xlsx#"
    profile = (tmp_path / "profil").as_uri()
    office = subprocess.Popen(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore", str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not lock.exists():
            assert time.monotonic() < deadline, "LibreOffice wrote no lock file"
            assert office.poll() is None, "LibreOffice ended"
            time.sleep(0.1)
        original = path.read_bytes()
        run = run_cli("validate", str(path))
        assert_refused(run, "in einem anderen Programm geöffnet", "„.~lock.mappe.xlsx#“")
        assert path.read_bytes() == original and backups(tmp_path) == []
    finally:
        os.killpg(office.pid, signal.SIGKILL)
        office.wait()


def test_read_only_workbook_is_refused_by_the_command_untouched(tmp_path: Path) -> None:
    path = workbook(tmp_path / "mappe.xlsx")
    path.chmod(0o444)
    before = folder_state(tmp_path)
    run = run_cli("validate", str(path))
    assert_refused(run, "ist schreibgeschützt")
    assert folder_state(tmp_path) == before


# -- the disk is full -------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs: writes beyond it fail with ENOSPC, as on a full disk."""
    mount = tmp_path / "platte"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"no tmpfs: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=True)


def fill_disk(folder: Path, leave: int) -> None:
    """Fill the file system of `folder` until `leave` bytes are free."""
    stats = os.statvfs(folder)
    free = stats.f_bavail * stats.f_frsize
    (folder / "fueller.bin").write_bytes(b"\0" * max(0, free - leave))


def test_full_disk_while_saving_keeps_the_previous_file_and_the_backup(small_disk: Path) -> None:
    path = workbook(small_disk / "mappe.xlsx")
    original = path.read_bytes()
    # Room for the backup copy (the same size) and a page to spare, not for the new file.
    fill_disk(small_disk, leave=(len(original) // PAGE + 2) * PAGE)
    run = run_cli("validate", str(path))
    assert_refused(
        run,
        "„mappe.xlsx“ konnte nicht gespeichert werden (der Datenträger ist voll)",
        "die bisherige Fassung ist unverändert",
    )
    assert_previous_file_and_backup_kept(path, original)


def test_full_disk_before_the_backup_changes_nothing(small_disk: Path) -> None:
    path = workbook(small_disk / "mappe.xlsx")
    original = path.read_bytes()
    fill_disk(small_disk, leave=PAGE)
    run = run_cli("validate", str(path))
    assert_refused(run, "Die Sicherungskopie von „mappe.xlsx“ kann nicht angelegt werden")
    assert path.read_bytes() == original
    assert backups(small_disk) == [] and temporaries(small_disk) == []


def test_file_size_limit_while_saving_keeps_the_previous_file(tmp_path: Path) -> None:
    """Without root: the kernel refuses to grow a file past RLIMIT_FSIZE (EFBIG)."""
    path = workbook(tmp_path / "mappe.xlsx")
    original = path.read_bytes()

    def limit_file_size() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # an error instead of a signal
        resource.setrlimit(resource.RLIMIT_FSIZE, (len(original) + 1024, len(original) + 1024))

    run = run_cli("validate", str(path), preexec_fn=limit_file_size)
    assert_refused(run, "konnte nicht gespeichert werden (die Datei wäre zu groß)")
    assert_previous_file_and_backup_kept(path, original)


def test_one_backup_per_command_made_before_the_first_write(tmp_path: Path) -> None:
    path = workbook(tmp_path / "mappe.xlsx")
    original = path.read_bytes()
    assert run_cli("validate", str(path)).code == 1
    [backup] = backups(tmp_path)
    assert backup.read_bytes() == original
    second = path.read_bytes()
    assert run_cli("validate", str(path)).code == 1
    assert [b.read_bytes() for b in backups(tmp_path)] in ([original, second], [second, original])


# -- killed while saving ----------------------------------------------------------------------


def statuses(path: Path) -> list[object]:
    wb = openpyxl.load_workbook(path)
    assert PRUEFBERICHT in wb.sheetnames
    return [row[0] for row in wb[OE].iter_rows(min_row=2, min_col=9, max_col=9, values_only=True)]


def kill_during_save(path: Path, delay: float | None) -> None:
    """Start `validate`, wait until its temp file appears (or it ends), wait `delay` more,
    kill it with SIGKILL. A negative delay kills that long after the start instead; `None`
    kills as soon as the backup or a temp file appears (before the workbook is replaced)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "importer", "validate", str(path)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    started = time.monotonic()
    while process.poll() is None:
        if delay is None:
            if backups(path.parent) or temporaries(path.parent):
                break
        elif delay < 0 and time.monotonic() - started >= -delay:
            break
        elif delay >= 0 and temporaries(path.parent):
            time.sleep(delay)
            break
        time.sleep(0.001)
    process.kill()
    process.wait()


def assert_old_or_new(path: Path, original: bytes, new_statuses: list[object]) -> str:
    if path.read_bytes() == original:
        return "alt"
    assert statuses(path) == new_statuses  # opens, has the report and every status
    return "neu"


KILL_DELAYS = (None, 0.0, 0.1)
MANY_KILL_DELAYS = (-3.0, -2.0, 0.0, 0.001, 0.003, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8, 1.2)


def check_kills(tmp_path: Path, delays: tuple[float | None, ...]) -> list[str]:
    pristine = workbook(tmp_path / "vorlage.xlsx", units=300)
    reference = Path(shutil.copy(pristine, tmp_path / "referenz.xlsx"))
    assert run_cli("validate", str(reference)).code == 1
    new_statuses = statuses(reference)
    folder = tmp_path / "lauf"
    outcomes = []
    for delay in delays:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        path = Path(shutil.copy(pristine, folder / "mappe.xlsx"))
        kill_during_save(path, delay)
        outcomes.append(assert_old_or_new(path, pristine.read_bytes(), new_statuses))
        for backup in backups(folder):
            assert backup.read_bytes() == pristine.read_bytes()
    return outcomes


def test_killed_while_saving_leaves_the_old_or_the_new_workbook(tmp_path: Path) -> None:
    outcomes = check_kills(tmp_path, KILL_DELAYS)
    assert outcomes[0] == "alt"  # killed before the workbook was replaced


@pytest.mark.long
def test_killed_at_many_moments_leaves_the_old_or_the_new_workbook(tmp_path: Path) -> None:
    outcomes = check_kills(tmp_path, MANY_KILL_DELAYS)
    assert "alt" in outcomes
