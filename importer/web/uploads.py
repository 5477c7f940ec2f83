"""An uploaded workbook and its logos, placed so that the workbook finds them.

A workbook names its logos relative to its own folder (`logos/meissen.png`); an upload has no
folder. Each upload gets a fresh private folder: the workbook goes there, a ZIP file is
unpacked with its folders, and every `Bilddatei` the workbook names but the folder lacks is
filled from an uploaded file of the same name. The workbook's cells are never changed.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import IO

from importer.errors import UnusableWorkbook
from importer.workbook.columns import LOGO
from importer.workbook.reader import read_workbook

WORKBOOK_SUFFIX = ".xlsx"
ZIP_SUFFIX = ".zip"
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_ZIP_MEMBERS = 5000
_UNSAFE = re.compile(r"[^\w .()+-]")


@dataclass(frozen=True)
class Upload:
    """One uploaded file: the name the browser gave and its content."""

    name: str
    stream: IO[bytes]


@dataclass
class PlacedUpload:
    """The saved workbook; logos found and placed, and the `Bilddatei` values still missing."""

    workbook: Path
    name: str
    placed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def safe_name(name: str) -> str:
    """The file name without any folder, reduced to harmless characters."""
    base = PureWindowsPath(PurePosixPath(name).name).name
    cleaned = _UNSAFE.sub("_", base).strip(" .")
    return cleaned or "datei"


def save_upload(folder: Path, uploads: list[Upload]) -> PlacedUpload:
    """Save `uploads` (one workbook, any logos or ZIP files) into the empty folder `folder`."""
    folder.mkdir(mode=0o700)
    files = folder / "dateien"
    files.mkdir(mode=0o700)
    for upload in uploads:
        target = files / safe_name(upload.name)
        with target.open("wb") as out:
            shutil.copyfileobj(upload.stream, out)
        if target.suffix.lower() == ZIP_SUFFIX:
            unpack(target, folder / target.stem)
            target.unlink()
    workbook = find_workbook(folder)
    placed = PlacedUpload(workbook, workbook.name)
    place_logos(placed, folder)
    return placed


def unpack(archive: Path, target: Path) -> None:
    """Unpack a ZIP file below `target`, refusing paths that leave it and oversized content."""
    try:
        with zipfile.ZipFile(archive) as zipped:
            members = [m for m in zipped.infolist() if not m.is_dir()]
            if len(members) > MAX_ZIP_MEMBERS or (
                sum(m.file_size for m in members) > MAX_UNPACKED_BYTES
            ):
                raise UnusableWorkbook(
                    f"Die ZIP-Datei „{archive.name}“ ist entpackt zu groß (höchstens "
                    f"{MAX_UNPACKED_BYTES // (1024 * 1024)} MB und {MAX_ZIP_MEMBERS} Dateien)."
                )
            for member in members:
                extract(zipped, member, target)
    except zipfile.BadZipFile:
        raise UnusableWorkbook(f"„{archive.name}“ ist keine lesbare ZIP-Datei.") from None


def extract(zipped: zipfile.ZipFile, member: zipfile.ZipInfo, target: Path) -> None:
    parts = [safe_name(p) for p in PurePosixPath(member.filename.replace("\\", "/")).parts]
    parts = [p for p in parts if p not in ("", ".", "..")]
    if not parts or parts[-1].startswith(("~$", ".~lock")):
        return
    path = target.joinpath(*parts)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with zipped.open(member) as source, path.open("wb") as out:
        shutil.copyfileobj(source, out)


def find_workbook(folder: Path) -> Path:
    """The one `.xlsx` file below `folder` (uploaded itself or inside a ZIP file)."""
    found = sorted(p for p in folder.rglob(f"*{WORKBOOK_SUFFIX}") if p.is_file())
    found = [p for p in found if not p.name.startswith("~$")]
    if len(found) == 1:
        return found[0]
    if not found:
        raise UnusableWorkbook(
            "Unter den hochgeladenen Dateien ist keine Arbeitsmappe (.xlsx). Bitte wählen Sie "
            "die Mappe aus (Logos dürfen dabei sein)."
        )
    names = ", ".join(p.name for p in found)
    raise UnusableWorkbook(f"Bitte genau eine Arbeitsmappe hochladen, nicht mehrere ({names}).")


def place_logos(placed: PlacedUpload, folder: Path) -> None:
    """Copy uploaded files to where the workbook's relative `Bilddatei` paths point."""
    data = read_workbook(placed.workbook)
    base, root = placed.workbook.parent.resolve(), folder.resolve()
    by_name: dict[str, Path] = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix.lower() != WORKBOOK_SUFFIX:
            by_name.setdefault(path.name.casefold(), path)
    for record in data.records(LOGO.name):
        value = record.values.get("bilddatei")
        text = "" if value is None else str(value).strip()
        relative = relative_path(text)
        existing = Path(text) if relative is None else base / relative
        if not text or existing.is_file():
            continue
        target = (base / relative).resolve() if relative is not None else None
        source = by_name.get(PureWindowsPath(text).name.casefold())
        if target is None or source is None or not target.is_relative_to(root):
            placed.missing.append(text)
            continue
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        placed.placed.append(text)


def relative_path(text: str) -> PurePosixPath | None:
    r"""The cell's path as a relative path (`logos\wappen.png` from Windows too); None when
    it is absolute (`C:\…`, `/home/…`): an upload cannot bring a file there."""
    windows = PureWindowsPath(text)
    if windows.drive or windows.root:
        return None
    return PurePosixPath(windows.as_posix())
