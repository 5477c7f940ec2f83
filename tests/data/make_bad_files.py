"""Bad and extreme workbooks for the reliability tests, made at test time in a temp folder.

Nothing big is committed: every function writes one file to `path` and returns it. The
small unusable files of the workbook area (`wb-*.xls`, `.ods`, encrypted, ...) are reused as
they are; these here are the ones that are big, hostile or cut at a chosen place.

    .venv/bin/python tests/data/make_bad_files.py OUT_FOLDER   # writes every file, for a look
"""

from __future__ import annotations

import os
import struct
import sys
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

OE = "Organisationseinheiten"
OE_HEADER = ("Mandant", "Organisationseinheit", "E-Mail", "Telefon")
OE_ROWS = (
    ("Gemeinde Klipphausen", "Hauptamt", "hauptamt@klipphausen.example", "035204 7870-100"),
    ("Gemeinde Klipphausen", "Bauhof", "bauhof@klipphausen.example", "035204 7870-200"),
)
EXCEL_LAST_ROW = 1_048_576
MAIN_NS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHEET_PART = "xl/worksheets/sheet1.xml"
# Billion laughs: ten levels of ten, 10^9 "a" if a parser expanded it.
LAUGHS = (
    b"<!DOCTYPE worksheet [<!ENTITY l0 'aaaaaaaaaa'>"
    + b"".join(
        b"<!ENTITY l%d '%s'>" % (level, b"&l%d;" % (level - 1) * 10) for level in range(1, 9)
    )
    + b"]>"
)


def small_workbook(path: Path) -> Path:
    """One sheet `Organisationseinheiten` with two valid rows; the first sheet's part is
    `xl/worksheets/sheet1.xml`."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = OE
    for row in (OE_HEADER, *OE_ROWS):
        ws.append(row)
    ws["B3"] = "=B2"  # a formula, so that the formula scan runs
    wb.save(path)
    return path


def replace_part(
    source: Path,
    target: Path,
    part: str,
    content: bytes | Iterable[bytes] | None,
    level: int = 6,
    zip64: bool = True,
) -> Path:
    """Copy the package `source` to `target` with `part` replaced (streamed) or left out."""
    with (
        zipfile.ZipFile(source) as old,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as new,
    ):
        for info in old.infolist():
            if info.filename != part:
                new.writestr(info.filename, old.read(info))
            elif isinstance(content, bytes):
                new.writestr(info.filename, content)
            elif content is not None:
                with new.open(info.filename, "w", force_zip64=zip64) as stream:
                    for chunk in content:
                        stream.write(chunk)
    return target


def _sheet_xml(rows: Iterable[bytes], head: bytes = b"") -> Iterator[bytes]:
    yield head + b'<worksheet xmlns="' + MAIN_NS + b'"><sheetData>'
    yield from rows
    yield b"</sheetData></worksheet>"


def _text_row(number: int, values: Iterable[str]) -> bytes:
    cells = "".join(
        f'<c r="{get_column_letter(column)}{number}" t="inlineStr"><is><t>{value}</t></is></c>'
        for column, value in enumerate(values, start=1)
    )
    return f'<row r="{number}">{cells}</row>'.encode()


def styled_to_last_row(
    path: Path, data: Iterable[Iterable[str]] = OE_ROWS, columns: int = 4
) -> Path:
    """The units sheet with `data` rows and styled empty cells in `columns` columns down to
    row 1,048,576 (what a sheet formatted "to the end" looks like)."""
    data = tuple(data)
    first_empty = 2 + len(data)
    letters = [get_column_letter(c) for c in range(1, columns + 1)]
    row_template = (
        '<row r="{0}" s="1" customFormat="1">'
        + "".join(f'<c r="{letter}{{0}}" s="1"/>' for letter in letters)
        + "</row>"
    )

    def rows() -> Iterator[bytes]:
        yield _text_row(1, OE_HEADER)
        for number, values in enumerate(data, start=2):
            yield _text_row(number, values)
        for start in range(first_empty, EXCEL_LAST_ROW + 1, 20_000):
            stop = min(start + 20_000, EXCEL_LAST_ROW + 1)
            yield "".join(map(row_template.format, range(start, stop))).encode()

    base = small_workbook(path.with_name(f"{path.stem}-basis.xlsx"))
    replace_part(base, path, SHEET_PART, _sheet_xml(rows()), level=1)
    base.unlink()
    return path


def stray_value(path: Path, cell: str = "XFD1048576") -> Path:
    """Two valid rows and one forgotten value far away in `cell` (a 5 KB file)."""
    small_workbook(path)
    wb = openpyxl.load_workbook(path)
    wb[OE][cell] = "x"
    wb.save(path)
    return path


def big_picture(path: Path, size: int = 50 * 1024 * 1024) -> Path:
    """A workbook of `size` bytes and more: a photo-sized incompressible picture inside."""
    base = small_workbook(path.with_name(f"{path.stem}-basis.xlsx"))
    with zipfile.ZipFile(base) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, old.read(info))
        picture = b"\x89PNG\r\n\x1a\n" + os.urandom(size)
        new.writestr("xl/media/image1.png", picture, compress_type=zipfile.ZIP_STORED)
    base.unlink()
    return path


def zip_bomb(path: Path, unpacked: int = 300 * 1024 * 1024, zip64: bool = True) -> Path:
    """A small file whose units sheet unpacks to `unpacked` bytes of empty rows."""
    block = b"<row/>" * (1 << 20)
    rows = (block for _ in range(max(1, unpacked // len(block))))
    base = small_workbook(path.with_name(f"{path.stem}-basis.xlsx"))
    replace_part(base, path, SHEET_PART, _sheet_xml(rows), level=1, zip64=zip64)
    base.unlink()
    return path


def lying_zip_bomb(path: Path, unpacked: int = 300 * 1024 * 1024) -> Path:
    """Like `zip_bomb`, but the zip directory claims the sheet unpacks to 10,000 bytes."""
    data = bytearray(zip_bomb(path, unpacked, zip64=False).read_bytes())
    _patch_size(data, b"PK\x03\x04", name_at=30, length_at=26, size_at=22)
    _patch_size(data, b"PK\x01\x02", name_at=46, length_at=28, size_at=24)
    path.write_bytes(bytes(data))
    return path


def _patch_size(
    data: bytearray, signature: bytes, name_at: int, length_at: int, size_at: int
) -> None:
    name = SHEET_PART.encode()
    position = data.find(signature)
    while position >= 0:
        (length,) = struct.unpack_from("<H", data, position + length_at)
        if data[position + name_at : position + name_at + length] == name:
            struct.pack_into("<I", data, position + size_at, 10_000)
        position = data.find(signature, position + 4)


def _edited(part: str, edit: Callable[[bytes], bytes]) -> Callable[[Path], Path]:
    def make(path: Path) -> Path:
        base = small_workbook(path.with_name(f"{path.stem}-basis.xlsx"))
        with zipfile.ZipFile(base) as archive:
            content = edit(archive.read(part))
        replace_part(base, path, part, content)
        base.unlink()
        return path

    return make


def _laughs(xml: bytes) -> bytes:
    return LAUGHS + xml.replace(b"<t>Hauptamt</t>", b"<t>&l8;</t>")


def _cut(fraction: float) -> Callable[[Path], Path]:
    def make(path: Path) -> Path:
        whole = small_workbook(path.with_name(f"{path.stem}-basis.xlsx"))
        data = whole.read_bytes()
        path.write_bytes(data[: int(len(data) * fraction)])
        whole.unlink()
        return path

    return make


def crc_damaged(path: Path) -> Path:
    """One flipped byte inside the compressed sheet data (a bad sector, a broken download)."""
    small_workbook(path)
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(SHEET_PART)
    data = bytearray(path.read_bytes())
    (name_length, extra_length) = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_length + extra_length
    data[start + info.compress_size // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    return path


def without_part(part: str) -> Callable[[Path], Path]:
    def make(path: Path) -> Path:
        base = small_workbook(path.with_name(f"{path.stem}-basis.xlsx"))
        replace_part(base, path, part, None)
        base.unlink()
        return path

    return make


def _replaced(part: str, old: bytes, new: bytes) -> Callable[[Path], Path]:
    return _edited(part, lambda xml: xml.replace(old, new))


# Small damaged or hostile files: name → maker. Each must be refused as unusable.
DAMAGED: dict[str, Callable[[Path], Path]] = {
    "abgeschnitten-am-anfang.xlsx": _cut(0.02),
    "abgeschnitten-in-der-mitte.xlsx": _cut(0.5),
    "ohne-zentralverzeichnis.xlsx": _cut(0.97),
    "pruefsumme-falsch.xlsx": crc_damaged,
    "blatt-xml-kaputt.xlsx": _replaced(SHEET_PART, b"</sheetData>", b"</sheetDat>"),
    "blatt-xml-halb.xlsx": _edited(SHEET_PART, lambda xml: xml[: len(xml) // 2]),
    "blatt-unbekannte-entitaet.xlsx": _replaced(SHEET_PART, b"<f>B2</f>", b"<f>&x;</f>"),
    "blatt-billion-laughs.xlsx": _edited(SHEET_PART, _laughs),
    "mappe-xml-kaputt.xlsx": _edited("xl/workbook.xml", lambda xml: xml[:-20]),
    "blatt-fehlt.xlsx": without_part(SHEET_PART),
    "beziehungen-fehlen.xlsx": without_part("xl/_rels/workbook.xml.rels"),
    "zellbezug-kaputt.xlsx": _replaced(SHEET_PART, b'r="B2"', b'r="B99999999999"'),
    "stile-kaputt.xlsx": _edited("xl/styles.xml", lambda xml: b"kein xml"),
}


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, make in DAMAGED.items():
        make(folder / name)
    styled_to_last_row(folder / "formatiert-bis-zeile-1048576-mit-daten.xlsx")
    styled_to_last_row(folder / "formatiert-bis-zeile-1048576-ohne-daten.xlsx", data=())
    stray_value(folder / "wert-in-xfd1048576.xlsx")
    big_picture(folder / "50-mb.xlsx")
    zip_bomb(folder / "zip-bombe.xlsx")
    lying_zip_bomb(folder / "zip-bombe-mit-falscher-groesse.xlsx")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
