"""Recognise files that cannot be an .xlsx workbook before any library tries to read them.

Every problem becomes one German sentence in `UnusableWorkbook`; the file is only read.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from importer.errors import UnusableWorkbook

OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_MAGIC = b"PK"
# An encrypted .xlsx is an OLE compound file with these streams (MS-OFFCRYPTO).
ENCRYPTION_STREAMS = ("EncryptionInfo", "EncryptedPackage")
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
WORKBOOK_PART = "xl/workbook.xml"
SAVE_AS_XLSX = "bitte in Excel als „Excel-Arbeitsmappe (*.xlsx)“ speichern"
# Limits that keep time and memory bounded (docs/reliability.md): a workbook of 50,000 rows
# is about 5 MB on disk and 40 MB unpacked; a sheet formatted down to row 1,048,576 about
# 150 MB unpacked.
MAX_FILE_BYTES = 25 * 1024 * 1024
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
MB = 1024 * 1024


def check_workbook_file(path: Path) -> None:
    """Raise `UnusableWorkbook` unless `path` is a readable file that looks like an .xlsx."""
    name = path.name
    if not path.exists():
        raise UnusableWorkbook(f"Die Datei „{path}“ gibt es nicht.")
    if path.is_dir():
        raise UnusableWorkbook(f"„{path}“ ist ein Ordner, keine Arbeitsmappe.")
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as error:
        raise UnusableWorkbook(
            f"Die Datei „{name}“ kann nicht gelesen werden ({error.strerror})."
        ) from error
    if not head:
        raise UnusableWorkbook(f"Die Datei „{name}“ ist leer (0 Byte), keine Arbeitsmappe.")
    if head.startswith(OLE_MAGIC):
        _refuse_ole(path)
    if not head.startswith(ZIP_MAGIC):
        raise UnusableWorkbook(
            f"Die Datei „{name}“ ist keine Excel-Arbeitsmappe (.xlsx); {SAVE_AS_XLSX}."
        )
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise UnusableWorkbook(
            f"Die Datei „{name}“ ist {megabytes(size)} groß, verarbeitet werden Arbeitsmappen "
            f"bis {megabytes(MAX_FILE_BYTES)}; meist stecken Bilder oder weitere Blätter darin, "
            "bitte die Daten in eine neue Vorlage kopieren (amt24-import template)."
        )
    _check_zip(path)


def megabytes(size: int) -> str:
    """1_572_864 → "1,5 MB" (German decimal comma)."""
    return f"{size / MB:.1f} MB".replace(".", ",").replace(",0 MB", " MB")


def _refuse_ole(path: Path) -> None:
    if _is_encrypted(path):
        raise UnusableWorkbook(
            f"Die Arbeitsmappe „{path.name}“ ist mit einem Kennwort geschützt; bitte ohne "
            "Kennwort speichern und erneut versuchen."
        )
    raise UnusableWorkbook(
        f"Die Datei „{path.name}“ ist im alten Excel-Format (.xls); {SAVE_AS_XLSX}."
    )


def _is_encrypted(path: Path) -> bool:
    """True if the OLE file holds the streams of an encrypted OOXML package.

    Stream names sit in the compound file's directory as UTF-16LE, so a byte search finds
    them without an OLE parser.
    """
    data = path.read_bytes()
    return any(stream.encode("utf-16-le") in data for stream in ENCRYPTION_STREAMS)


def _check_zip(path: Path) -> None:
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
            mimetype = archive.read("mimetype") if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise UnusableWorkbook(
            f"Die Datei „{name}“ ist beschädigt oder unvollständig und kann nicht gelesen werden."
        ) from error
    if mimetype.startswith(ODS_MIMETYPE):
        raise UnusableWorkbook(
            f"Die Datei „{name}“ ist eine OpenDocument-Tabelle (.ods); bitte als "
            "„Excel 2007-365 (.xlsx)“ speichern."
        )
    if WORKBOOK_PART not in names:
        raise UnusableWorkbook(
            f"Die Datei „{name}“ ist keine Excel-Arbeitsmappe (.xlsx); {SAVE_AS_XLSX}."
        )
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnusableWorkbook(
            f"Die Arbeitsmappe „{name}“ ist entpackt {megabytes(unpacked)} groß, erlaubt sind "
            f"{megabytes(MAX_UNPACKED_BYTES)}; meist ist ein Blatt bis zur letzten Zeile "
            "formatiert, bitte die leeren Zeilen unter den Daten löschen."
        )
