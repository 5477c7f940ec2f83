"""Generate the workbook scenario files of the workbook tests (`tests/data/wb-*`).

    .venv/bin/python tests/data/make_wb_scenarios.py

Needs LibreOffice (`soffice`) for the .xls/.ods/cached-formula scenarios and msoffcrypto-tool
(`pip install msoffcrypto-tool`) for the encrypted one; the generated files are committed, so
the tests need neither. Tests import the row data below to compare whole lists.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from importer.workbook.template import build_template, fill_sheet  # noqa: E402

DATA = Path(__file__).resolve().parent

IMPRESSUM_ROWS: list[dict[str, object]] = [
    {
        "mandant": "Gemeinde Klipphausen",
        "behoerde": "Gemeindeverwaltung Klipphausen",
        "vertreten_durch": "Bürgermeister Max Mustermann",
        "strasse": "Talstraße 3",
        "plz": "01665",
        "ort": "Klipphausen",
        "telefon": "035204 7870",
        "email": "poststelle@klipphausen.example",
        "internet": "www.klipphausen.example",
    },
    {
        "mandant": "Stadt Nossen",
        "behoerde": "Stadtverwaltung Nossen",
        "vertreten_durch": "Bürgermeisterin Erika Muster",
        "strasse": "Markt 31",
        "plz": "01683",
        "ort": "Nossen",
        "telefon": "(035242) 43-0",
        "fax": "035242 43-112",
        "email": "stadt@nossen.example",
        "ust_id": "DE123456789",
    },
]
UNIT_ROWS: list[dict[str, object]] = [
    {"mandant": "Gemeinde Klipphausen", "name": "Hauptamt", "email": "hauptamt@klipphausen.example",
     "telefon": "035204 7870-100"},
    {"mandant": "Gemeinde Klipphausen", "name": "Bauhof", "parent": "Hauptamt",
     "email": "bauhof@klipphausen.example", "telefon": "035204 7870-200", "oe_id": "600709"},
    {"mandant": "Stadt Nossen", "name": "Bürgeramt", "email": "buergeramt@nossen.example",
     "telefon": "+49 35242 43-300", "internet": "https://www.nossen.example/buergeramt"},
]  # fmt: skip


def soffice_convert(source: Path, folder: Path, target: str, profile: Path) -> Path:
    """Convert `source` with headless LibreOffice (fresh profile `profile`) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", target, "--outdir", str(folder), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return folder / f"{source.stem}.{target.split(':')[0]}"


def filled_workbook() -> openpyxl.Workbook:
    wb = build_template()
    fill_sheet(wb, "Impressum", IMPRESSUM_ROWS)
    fill_sheet(wb, "Organisationseinheiten", UNIT_ROWS)
    return wb


def header_variants() -> openpyxl.Workbook:
    """Headers in odd case and spacing, with a line break, reordered, with extra columns."""
    wb = openpyxl.Workbook()
    impressum = wb.active
    impressum.title = "  impressum "
    impressum.append(
        [
            "  MANDANT",
            "behörde  ",
            "Vertreten\ndurch",
            "Notiz",
            "straße und  hausnummer",
            "plz",
            "ORT",
            "Telefon",
            "e-mail",
        ]
    )
    impressum.append(
        [
            "Gemeinde Klipphausen",
            "Gemeindeverwaltung",
            "Max Mustermann",
            "intern",
            "Talstraße 3",
            "01665",
            "Klipphausen",
            "035204 7870",
            "post@k.example",
        ]
    )
    units = wb.create_sheet("ORGANISATIONSEINHEITEN")
    units.append(["Telefon", "Eigene Spalte", "E-MAIL ", "Übergeordnete\nOrganisationseinheit",
                  "organisationseinheit", "Mandant"])  # fmt: skip
    units.append(["0351 1", "egal", "a@b.example", None, "Hauptamt", "Gemeinde Klipphausen"])
    return wb


def formula_workbook() -> openpyxl.Workbook:
    """Unit rows whose Mandant and E-Mail are formulas (LibreOffice stores their results)."""
    wb = build_template()
    fill_sheet(wb, "Impressum", IMPRESSUM_ROWS[:1])
    fill_sheet(wb, "Organisationseinheiten", [
        {"mandant": "=Impressum!A2", "name": "Hauptamt", "email": '="haupt"&"amt@k.example"',
         "telefon": "0351 1"},
        {"mandant": "Gemeinde Klipphausen", "name": "Bauhof", "email": "bauhof@k.example",
         "telefon": "=1+350"},
    ])  # fmt: skip
    return wb


def _write_scenarios(profile: Path) -> None:
    filled = DATA / "wb-gefuellt.xlsx"
    filled_workbook().save(filled)
    soffice_convert(filled, DATA / "lo", "xlsx", profile)
    shutil.move(DATA / "lo" / "wb-gefuellt.xlsx", DATA / "wb-gefuellt-libreoffice.xlsx")
    header_variants().save(DATA / "wb-kopf-varianten.xlsx")
    formulas = DATA / "wb-formeln.xlsx"
    formula_workbook().save(formulas)
    soffice_convert(formulas, DATA / "lo", "xlsx", profile)
    shutil.move(DATA / "lo" / "wb-formeln.xlsx", DATA / "wb-formeln-mit-wert.xlsx")
    shutil.move(formulas, DATA / "wb-formeln-ohne-wert.xlsx")
    _unusable(profile)
    shutil.rmtree(DATA / "lo")


def _unusable(profile: Path) -> None:
    (DATA / "wb-csv-umbenannt.xlsx").write_text(
        "Mandant;Behörde\nGemeinde Klipphausen;Gemeindeverwaltung\n", encoding="utf-8"
    )
    (DATA / "wb-leer.xlsx").write_bytes(b"")
    source = DATA / "wb-gefuellt.xlsx"
    whole = source.read_bytes()
    (DATA / "wb-abgeschnitten.xlsx").write_bytes(whole[: len(whole) // 2])
    with zipfile.ZipFile(DATA / "wb-zip-ohne-mappe.xlsx", "w") as archive:
        archive.writestr("liesmich.txt", "Kein Excel.")
    soffice_convert(source, DATA / "lo", "xls", profile)
    shutil.move(DATA / "lo" / "wb-gefuellt.xls", DATA / "wb-altes-format.xls")
    soffice_convert(source, DATA / "lo", "ods", profile)
    shutil.move(DATA / "lo" / "wb-gefuellt.ods", DATA / "wb-opendocument.ods")
    from msoffcrypto.format.ooxml import OOXMLFile

    with source.open("rb") as plain, (DATA / "wb-verschluesselt.xlsx").open("wb") as out:
        OOXMLFile(plain).encrypt("geheim", out)
    only_other = openpyxl.Workbook()
    only_other.active.title = "Tabelle1"
    only_other.active["A1"] = "Mandant"
    only_other.save(DATA / "wb-ohne-datenblatt.xlsx")
    missing = build_template()
    fill_sheet(missing, "Organisationseinheiten", UNIT_ROWS)
    missing["Organisationseinheiten"].delete_cols(4)  # E-Mail
    missing.save(DATA / "wb-pflichtspalte-fehlt.xlsx")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="wb-lo-") as profile:
        _write_scenarios(Path(profile))


if __name__ == "__main__":
    main()
