"""Writing the user's workbook safely: lock detection, backup copy, atomic replace, safe text."""

from __future__ import annotations

import errno
import glob
import os
import re
import shutil
import stat
import tempfile
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from openpyxl.cell.cell import Cell

from importer.errors import ImporterError, UnusableWorkbook, WorkbookLocked

# Leading characters that make Excel or LibreOffice treat text as a formula (OWASP CSV
# injection list); tab and carriage return as well.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# openpyxl holds every cell, styled empty ones included, at ~500 bytes each: sheets beyond
# this unpacked size would take minutes and gigabytes to rewrite (docs/reliability.md).
MAX_WRITABLE_SHEET_BYTES = 32 * 1024 * 1024
KEEP_BACKUPS = 10  # the newest backups of a workbook that are kept; older ones are removed


class WorkbookNotSaved(ImporterError):
    """Saving failed (disk full, no permission): the previous file is still intact."""

    exit_code = 2


def write_text(cell: Cell, text: str | None) -> None:
    """Put `text` into `cell` so that no spreadsheet program ever evaluates it.

    openpyxl would store a string starting with "=" as a formula: the cell is forced to be a
    string. Text starting like a formula also gets Excel's quote prefix (the hidden leading
    apostrophe), so editing the cell later keeps it text; what the user sees is unchanged.
    """
    cell.value = text
    if text is None:
        return
    cell.data_type = "s"
    cell.quotePrefix = text.startswith(FORMULA_STARTS)


def lock_files(path: Path) -> list[Path]:
    """Lock files Excel (`~$name`) or LibreOffice (`.~lock.name#`) keep while `path` is open.

    Excel shortens long names by their first two characters, so both spellings are checked.
    """
    folder, name = path.parent, path.name
    candidates = [folder / f"~${name}", folder / f"~${name[2:]}", folder / f".~lock.{name}#"]
    return [c for c in candidates if c.exists()]


def check_writable(path: Path) -> None:
    """Raise `WorkbookLocked` if `path` is open in Excel or LibreOffice or cannot be written,
    `UnusableWorkbook` if it is too big to be rewritten."""
    path = Path(path)
    locks = lock_files(path)
    if locks:
        raise WorkbookLocked(
            f"Die Arbeitsmappe „{path.name}“ ist in einem anderen Programm geöffnet "
            f"(Sperrdatei „{locks[0].name}“); bitte dort schließen und erneut starten."
        )
    check_size_for_writing(path)
    read_only = not path.stat().st_mode & stat.S_IWUSR or not os.access(path, os.W_OK)
    if read_only:
        raise WorkbookLocked(
            f"Die Arbeitsmappe „{path.name}“ ist schreibgeschützt; bitte den Schreibschutz "
            "aufheben oder mit --no-write nur prüfen."
        )
    if not os.access(path.parent, os.W_OK):
        raise WorkbookLocked(
            f"Im Ordner „{path.parent}“ darf nicht geschrieben werden; die Arbeitsmappe "
            f"„{path.name}“ kann dort nicht gespeichert werden."
        )


def check_size_for_writing(path: Path) -> None:
    """Raise `UnusableWorkbook` if the sheets are too big to be rewritten in bounded memory."""
    try:
        with zipfile.ZipFile(path) as archive:
            size = sum(
                info.file_size
                for info in archive.infolist()
                if info.filename.startswith("xl/worksheets/")
                or info.filename == "xl/sharedStrings.xml"
            )
    except (zipfile.BadZipFile, OSError) as error:
        raise UnusableWorkbook(
            f"Die Arbeitsmappe „{path.name}“ ist beschädigt und kann nicht gelesen werden."
        ) from error
    if size > MAX_WRITABLE_SHEET_BYTES:
        mb = 1024 * 1024
        raise UnusableWorkbook(
            f"Die Arbeitsmappe „{path.name}“ ist zu groß zum Beschreiben (Tabellenblätter "
            f"entpackt {size // mb} MB, höchstens {MAX_WRITABLE_SHEET_BYTES // mb} MB); bitte "
            "leere, nur formatierte Zeilen unter den Daten löschen oder mit --no-write prüfen."
        )


def backup_copy(path: Path, now: datetime | None = None) -> Path:
    """Copy `path` to `<name>.sicherung-<YYYYMMDD-HHMMSS>.xlsx` next to it; never overwrite."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.sicherung-{stamp}{path.suffix}")
    number = 1
    while target.exists():
        number += 1
        target = path.with_name(f"{path.stem}.sicherung-{stamp}-{number}{path.suffix}")
    try:
        shutil.copy2(path, target)
    except OSError as error:
        target.unlink(missing_ok=True)  # a half copy must never pass for a backup
        raise WorkbookNotSaved(
            f"Die Sicherungskopie von „{path.name}“ kann nicht angelegt werden "
            f"({error.strerror}); nichts wurde geändert."
        ) from error
    prune_backups(path)
    return target


def prune_backups(path: Path, keep: int = KEEP_BACKUPS) -> list[Path]:
    """Remove all but the `keep` newest backups of `path` (only files named exactly as
    `backup_copy` names them); returns the removed ones. A file that cannot be removed stays."""
    name = re.compile(
        re.escape(path.stem) + r"\.sicherung-(\d{8}-\d{6})(?:-(\d+))?" + re.escape(path.suffix)
    )
    found = []
    for candidate in path.parent.glob(f"{glob.escape(path.stem)}.sicherung-*{path.suffix}"):
        match = name.fullmatch(candidate.name)
        if match:
            found.append(((match[1], int(match[2] or 1)), candidate))
    removed = [candidate for _, candidate in sorted(found)[: max(len(found) - keep, 0)]]
    for candidate in removed:
        try:
            candidate.unlink()
        except OSError:
            continue
    return removed


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Let `write` fill a temporary file next to `path`, then replace `path` with it.

    If anything fails the temporary file is removed and `path` stays as it was.
    """
    mode = stat.S_IMODE(path.stat().st_mode)
    temporary: Path | None = None
    try:
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
        os.close(handle)
        temporary = Path(name)
        write(temporary)
        os.chmod(temporary, mode)
        _fsync(temporary)
        os.replace(temporary, path)
        _fsync(path.parent)
    except OSError as error:
        _remove(temporary)
        raise WorkbookNotSaved(
            f"Die Arbeitsmappe „{path.name}“ konnte nicht gespeichert werden "
            f"({_reason(error)}); die bisherige Fassung ist unverändert."
        ) from error
    except BaseException:
        _remove(temporary)
        raise


_REASONS = {
    errno.ENOSPC: "der Datenträger ist voll",
    errno.EDQUOT: "der Speicherplatz des Benutzers ist erschöpft",
    errno.EFBIG: "die Datei wäre zu groß",
    errno.EACCES: "keine Schreibberechtigung",
    errno.EPERM: "keine Schreibberechtigung",
    errno.EROFS: "der Datenträger ist schreibgeschützt",
}


def _reason(error: OSError) -> str:
    """The cause of a failed save in German, the system's own words only as a fallback."""
    return _REASONS.get(error.errno or 0, error.strerror or str(error))


def _fsync(path: Path) -> None:
    """Flush a file (or a folder's entry list) to the disk so a power cut keeps it whole."""
    flags = os.O_RDONLY | (os.O_DIRECTORY if path.is_dir() else 0)
    try:
        descriptor = os.open(path, flags)
    except OSError:
        return  # a folder that cannot be opened (some network drives): nothing to flush
    try:
        os.fsync(descriptor)
    except OSError:
        pass  # fsync unsupported on this file system: replace stays atomic all the same
    finally:
        os.close(descriptor)


def _remove(temporary: Path | None) -> None:
    if temporary is not None:
        temporary.unlink(missing_ok=True)
