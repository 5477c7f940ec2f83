"""Start and Prüfen with the Flask client: a workbook uploaded with its logos (files or ZIP) or
chosen by path, its findings as `validate` finds them, marks written, filters, the template."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import openpyxl
from fixtures_web import WebClient
from test_ex_examples import EXAMPLES, MISTAKES, build_examples, marked_cells

from importer.workbook.reader import read_workbook

EXPECTED = sorted(build_examples.EXPECTED_MISTAKES)
LOGOS = sorted((EXAMPLES / "logos").iterdir())
LOGO_FINDINGS = [f for f in EXPECTED if f[0] == "Logo"]


def zipped(tmp_path: Path, members: dict[str, Path]) -> Path:
    archive = tmp_path / "mappe.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for name, path in members.items():
            out.write(path, name)
    return archive


def test_the_example_uploaded_with_its_logos_has_exactly_its_findings(web: WebClient) -> None:
    answer = web.upload(MISTAKES, *LOGOS)
    assert answer.status_code == 303 and answer.headers["Location"] == "/pruefen"
    assert sorted(web.findings()) == EXPECTED


def test_a_zip_with_the_workbook_and_its_logos_folder_works_alike(
    web: WebClient, tmp_path: Path
) -> None:
    members = {f"beispiel/{MISTAKES.name}": MISTAKES}
    members |= {f"beispiel/logos/{p.name}": p for p in LOGOS}
    web.upload(zipped(tmp_path, members))
    assert sorted(web.findings()) == EXPECTED


def test_logos_in_a_zip_beside_the_workbook_are_found_by_name(
    web: WebClient, tmp_path: Path
) -> None:
    web.upload(MISTAKES, zipped(tmp_path, {p.name: p for p in LOGOS}))
    assert sorted(web.findings()) == EXPECTED


def test_an_upload_without_logos_says_on_the_page_what_to_do(web: WebClient) -> None:
    web.upload(MISTAKES)
    missing = [("Logo", row, "Bilddatei", "logo-fehlt") for row in range(2, 6)]
    assert web.findings("?code=logo-fehlt") == missing
    page = web.get("/pruefen").get_data(as_text=True)
    assert "Ein Logo wurde nicht gefunden." in page
    assert "zusammen mit den Bilddateien noch einmal hoch" in page
    start = web.get("/").get_data(as_text=True)
    assert "Nicht gefundene Logos:" in start and "logos/meissen.png" in start


def test_the_marked_workbook_downloads_with_every_mistake_marked(
    web: WebClient, tmp_path: Path
) -> None:
    web.upload(MISTAKES, *LOGOS)
    answer = web.get("/mappe/herunterladen")
    assert answer.status_code == 200
    assert MISTAKES.name in answer.headers["Content-Disposition"]
    copy = tmp_path / MISTAKES.name
    copy.write_bytes(answer.data)
    marked, statuses = marked_cells(copy)
    assert marked == {(sheet, row, header) for sheet, row, header, _ in EXPECTED}
    assert statuses == {(sheet, row): "UNGÜLTIG" for sheet, row, _, _ in EXPECTED}
    assert "Prüfbericht" in openpyxl.load_workbook(copy, read_only=True).sheetnames


def test_filters_by_sheet_and_problem_type_and_counts_per_sheet(web: WebClient) -> None:
    web.upload(MISTAKES, *LOGOS)
    assert web.findings("?blatt=Logo") == LOGO_FINDINGS
    assert web.findings("?code=oe-doppelt") == [f for f in EXPECTED if f[3] == "oe-doppelt"]
    assert web.findings("?blatt=Impressum&code=plz-als-zahl") == [
        ("Impressum", 3, "PLZ", "plz-als-zahl")
    ]
    page = web.get("/pruefen").get_data(as_text=True)
    units = page.split('data-blatt="Organisationseinheiten"')[1].split("</tr>")[0]
    assert units.count('<td class="zahl">') == 3
    assert '"zahl">41</td><td class="zahl">7</td><td class="zahl">7</td>' in units


def test_the_table_shows_the_cell_and_the_value_that_would_be_sent(
    web: WebClient, tmp_path: Path
) -> None:
    book = tmp_path / "mappe.xlsx"
    shutil.copyfile(MISTAKES, book)
    wb = openpyxl.load_workbook(book)
    wb["Impressum"]["G3"] = "(0351) 83 11-0"  # Telefon: valid, sent normalized
    wb.save(book)
    web.upload(book, *LOGOS)
    page = web.get("/pruefen?blatt=Impressum&code=plz-als-zahl").get_data(as_text=True)
    assert '<td class="wert">1683</td>' in page
    assert '<td class="wert">(nichts)</td>' in page


def test_a_path_on_this_machine_is_used_in_place_and_checked_again_after_a_fix(
    web: WebClient, tmp_path: Path
) -> None:
    book = tmp_path / MISTAKES.name
    shutil.copyfile(MISTAKES, book)
    shutil.copytree(EXAMPLES / "logos", tmp_path / "logos")
    assert web.post("/mappe/pfad", {"pfad": f'"{book}"'}).status_code == 303
    assert sorted(web.findings()) == EXPECTED
    assert read_workbook(book).records("Impressum")[1].written["status"] == "UNGÜLTIG"

    wb = openpyxl.load_workbook(book)
    wb["Impressum"]["E3"] = "01683"  # the PLZ typed as text, as the message asks
    wb.save(book)
    assert web.post("/pruefen").status_code == 303
    assert ("Impressum", 3, "PLZ", "plz-als-zahl") not in web.findings()
    assert len(web.findings()) == len(EXPECTED) - 1


def test_a_missing_path_or_a_second_workbook_is_refused_in_german(
    web: WebClient, tmp_path: Path
) -> None:
    answer = web.post("/mappe/pfad", {"pfad": str(tmp_path / "fehlt.xlsx")})
    assert answer.status_code == 400
    assert "gibt es auf diesem Rechner nicht" in answer.get_data(as_text=True)
    other = tmp_path / "zweite.xlsx"
    shutil.copyfile(MISTAKES, other)
    answer = web.upload(MISTAKES, other)
    assert answer.status_code == 400
    assert "genau eine Arbeitsmappe" in answer.get_data(as_text=True)


def test_a_zip_cannot_write_outside_its_folder(web: WebClient, tmp_path: Path) -> None:
    archive = tmp_path / "boese.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.write(MISTAKES, MISTAKES.name)
        out.writestr("../../ausserhalb.txt", "nein")
        out.writestr("/absolut.txt", "nein")
    web.upload(archive)
    assert not (web.config.folder.parent / "ausserhalb.txt").exists()
    assert sorted(p.name for p in web.config.folder.rglob("*.txt")) == [
        "absolut.txt",
        "ausserhalb.txt",
    ]
    assert all(p.is_relative_to(web.config.folder) for p in web.config.folder.rglob("*"))


def test_the_empty_template_downloads(web: WebClient) -> None:
    answer = web.get("/vorlage")
    assert answer.status_code == 200
    assert "amt24-import-vorlage.xlsx" in answer.headers["Content-Disposition"]
    names = openpyxl.load_workbook(io.BytesIO(answer.data), read_only=True).sheetnames
    assert {"Anleitung", "Impressum", "Organisationseinheiten"} <= set(names)


def test_uploads_go_to_a_private_folder_each(web: WebClient) -> None:
    web.upload(MISTAKES, *LOGOS)
    web.upload(MISTAKES, *LOGOS)
    folders = sorted(p for p in web.config.folder.iterdir() if p.is_dir())
    assert [p.name for p in folders] == ["mappe-1", "mappe-2"]
    assert all(p.stat().st_mode & 0o077 == 0 for p in folders)
