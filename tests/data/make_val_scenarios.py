"""Generate the validation scenario workbooks (`tests/data/<mistake>.xlsx`) and their logos.

    .venv/bin/python tests/data/make_val_scenarios.py

Each workbook is the template filled with a small valid Landkreis plus one kind of mistake; the
file is named after the mistake. `SCENARIOS` also holds the findings each must yield, as
(sheet, Excel row, column, code); `tests/test_val_scenarios.py` compares whole lists and checks
that this script reproduces the committed files.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from importer.workbook.template import build_template, fill_sheet  # noqa: E402

DATA = Path(__file__).resolve().parent
LOGOS = "val-logos"
IMP, DSB, LOGO, OE = "Impressum", "Datenschutzbeauftragte", "Logo", "Organisationseinheiten"
PARENT = "Übergeordnete Organisationseinheit"
KLIPPHAUSEN, NOSSEN = "Gemeinde Klipphausen", "Stadt Nossen"

Row = dict[str, Any]
Key = tuple[str, int, str, str]


def impressum(mandant: str = KLIPPHAUSEN, **changes: Any) -> Row:
    place = mandant.split()[-1]
    return {
        "mandant": mandant,
        "behoerde": f"Verwaltung {place}",
        "vertreten_durch": "Bürgermeister Max Mustermann",
        "strasse": "Talstraße 3",
        "plz": "01665",
        "ort": place,
        "telefon": "035204 7870-0",
        "fax": "(035204) 78 70-99",
        "email": f"poststelle@{place.lower()}.example",
        "internet": f"www.{place.lower()}.example",
        **changes,
    }


def dsb(mandant: str = KLIPPHAUSEN, **changes: Any) -> Row:
    return {"mandant": mandant, "name": "Datenschutzbeauftragte", "plz": "01683",
            "telefon": "+49 35242 43-50", "email": "dsb@kisa.example", **changes}  # fmt: skip


def unit(name: str, parent: str | None = None, mandant: str = KLIPPHAUSEN, **changes: Any) -> Row:
    slug = name.lower().replace(" ", "-")
    return {"mandant": mandant, "name": name, "parent": parent, "email": f"{slug}@amt.example",
            "telefon": "0351/123456", **changes}  # fmt: skip


def logo(file: str, mandant: str = KLIPPHAUSEN) -> Row:
    return {"mandant": mandant, "bilddatei": f"{LOGOS}/{file}"}


_SHEET_ARGS = {"IMP": IMP, "DSB": DSB, "LOGO": LOGO, "OE": OE}


def base(**sheets: list[Row]) -> dict[str, list[Row]]:
    """A small valid Landkreis; `sheets` replaces whole sheets (IMP=, DSB=, LOGO=, OE=)."""
    rows = {
        IMP: [impressum(), impressum(NOSSEN, ust_id="DE 123 456 789")],
        DSB: [dsb(), dsb(NOSSEN)],
        LOGO: [logo("wappen.png"), logo("wappen.jpg", NOSSEN)],
        OE: [unit("Hauptamt"), unit("Bauhof", "Hauptamt"), unit("Bürgeramt", mandant=NOSSEN)],
    }
    return {**rows, **{_SHEET_ARGS[name]: value for name, value in sheets.items()}}


@dataclass
class Scenario:
    rows: dict[str, list[Row]]  # an empty dict leaves an empty row (a gap)
    expected: list[Key]
    hidden: dict[str, tuple[int, ...]] = field(default_factory=dict)
    merged: dict[str, tuple[str, ...]] = field(default_factory=dict)  # cell ranges, e.g. "A2:A4"


SCENARIOS: dict[str, Scenario] = {
    "gueltig": Scenario(base(), []),
    "impressum-pflichtfeld-leer": Scenario(
        base(IMP=[impressum(behoerde=None), impressum(NOSSEN, email="   ")]),
        [(IMP, 2, "Behörde", "pflichtfeld-leer"), (IMP, 3, "E-Mail", "pflichtfeld-leer")],
    ),
    "impressum-telefon-als-datum": Scenario(
        base(IMP=[impressum(telefon=datetime(2024, 3, 5)), impressum(NOSSEN, fax=True)]),
        [(IMP, 2, "Telefon", "zelltyp-falsch"), (IMP, 3, "Fax", "zelltyp-falsch")],
    ),
    "impressum-text-zu-lang": Scenario(
        base(IMP=[impressum(aufsichtsbehoerde="Landratsamt Meißen, " * 14), impressum(NOSSEN)]),
        [(IMP, 2, "Aufsichtsbehörde", "text-zu-lang")],
    ),
    "oe-name-mehrzeilig": Scenario(
        base(
            OE=[
                unit("Hauptamt"),
                unit("Stadtkasse\nVollstreckung", "Hauptamt", email="kasse@amt.example"),
            ]
        ),
        [(OE, 3, "Organisationseinheit", "text-mehrzeilig")],
    ),
    "impressum-steuerzeichen": Scenario(
        base(IMP=[impressum(ort="Klipp\thausen"), impressum(NOSSEN, behoerde="Stadt\u200bNossen")]),
        [(IMP, 2, "Ort", "text-steuerzeichen"), (IMP, 3, "Behörde", "text-steuerzeichen")],
    ),
    "oe-telefon-als-zahl": Scenario(
        base(OE=[unit("Hauptamt", telefon=351123456), unit("Bauhof", fax=35112345699)]),
        [(OE, 2, "Telefon", "telefon-als-zahl"), (OE, 3, "Fax", "telefon-als-zahl")],
    ),
    "oe-telefon-ohne-vorwahl": Scenario(
        base(OE=[unit("Hauptamt", telefon="351 123456")]),
        [(OE, 2, "Telefon", "telefon-ohne-vorwahl")],
    ),
    "oe-telefon-ungueltig": Scenario(
        base(OE=[unit("Hauptamt", telefon="siehe Rathaus"), unit("Bauhof", fax="0351")]),
        [(OE, 2, "Telefon", "telefon-ungueltig"), (OE, 3, "Fax", "telefon-ungueltig")],
    ),
    "dsb-email-ohne-at": Scenario(
        base(DSB=[dsb(email="dsb.kisa.example"), dsb(NOSSEN)]),
        [(DSB, 2, "E-Mail", "email-ungueltig")],
    ),
    "impressum-plz-als-zahl": Scenario(
        base(IMP=[impressum(plz=1665), impressum(NOSSEN, plz=12345)]),
        [(IMP, 2, "PLZ", "plz-als-zahl")],
    ),
    "impressum-plz-vierstellig": Scenario(
        base(IMP=[impressum(plz="1665"), impressum(NOSSEN)]),
        [(IMP, 2, "PLZ", "plz-ungueltig")],
    ),
    "oe-internet-ungueltig": Scenario(
        base(
            OE=[
                unit("Hauptamt", internet="www.klipp hausen.example"),
                unit("Bauhof", internet="bauhof@amt.example"),
            ]
        ),
        [(OE, 2, "Internet", "internet-ungueltig"), (OE, 3, "Internet", "internet-ungueltig")],
    ),  # fmt: skip
    "impressum-ust-id-achtstellig": Scenario(
        base(IMP=[impressum(ust_id="DE12345678"), impressum(NOSSEN)]),
        [(IMP, 2, "USt-IdNr.", "ust-id-ungueltig")],
    ),
    "oe-id-mit-buchstabe": Scenario(
        base(OE=[unit("Hauptamt", oe_id="60070A"), unit("Bauhof", oe_id=600709)]),
        [(OE, 2, "OE-ID", "oe-id-ungueltig")],
    ),
    "oe-formel-ohne-wert": Scenario(
        base(OE=[unit("Hauptamt", telefon='="0351 "&"123456"')]),
        [(OE, 2, "Telefon", "formel-ohne-wert")],
    ),
    "impressum-mandant-doppelt": Scenario(
        base(IMP=[impressum(), impressum(NOSSEN), impressum("gemeinde  klipphausen")]),
        [(IMP, 2, "Mandant", "mandant-doppelt"), (IMP, 4, "Mandant", "mandant-doppelt")],
    ),
    "oe-doppelt": Scenario(
        base(
            OE=[
                unit("Hauptamt"),
                unit("Bauhof"),
                unit("HAUPTAMT"),
                unit("Hauptamt", mandant=NOSSEN),
            ]
        ),
        [
            (OE, 2, "Organisationseinheit", "oe-doppelt"),
            (OE, 4, "Organisationseinheit", "oe-doppelt"),
        ],
    ),  # fmt: skip
    "oe-id-doppelt": Scenario(
        base(OE=[unit("Hauptamt", oe_id="600709"), unit("Bauhof", oe_id=600709)]),
        [(OE, 2, "OE-ID", "oe-id-doppelt"), (OE, 3, "OE-ID", "oe-id-doppelt")],
    ),
    "oe-uebergeordnet-unbekannt": Scenario(
        base(
            OE=[
                unit("Bürgeramt"),
                unit("Standesamt", "Buergeramt"),
                unit("Archiv", "Bürgeramt", mandant=NOSSEN),
            ]
        ),
        [
            (OE, 3, PARENT, "oe-uebergeordnet-unbekannt"),
            (OE, 4, PARENT, "oe-uebergeordnet-unbekannt"),
        ],
    ),  # fmt: skip
    "oe-zyklus": Scenario(
        base(
            OE=[
                unit("Hauptamt", "Hauptamt"),
                unit("Kämmerei", "Stadtkasse"),
                unit("Stadtkasse", "Kämmerei"),
                unit("Vollstreckung", "Stadtkasse"),
            ]
        ),
        [(OE, 2, PARENT, "oe-zyklus"), (OE, 3, PARENT, "oe-zyklus"), (OE, 4, PARENT, "oe-zyklus")],
    ),  # fmt: skip
    "logo-fehlt": Scenario(
        base(LOGO=[logo("gibt-es-nicht.png"), logo("wappen.jpg", NOSSEN)]),
        [(LOGO, 2, "Bilddatei", "logo-fehlt")],
    ),
    "logo-gif-statt-png": Scenario(
        base(LOGO=[logo("gif-als.png")]),
        [(LOGO, 2, "Bilddatei", "logo-format")],
    ),
    "logo-zu-gross": Scenario(
        base(LOGO=[logo("gross.png")]),
        [(LOGO, 2, "Bilddatei", "logo-zu-gross")],
    ),
    "logo-zu-breit": Scenario(
        base(LOGO=[logo("banner.png")]),
        [(LOGO, 2, "Bilddatei", "logo-abmessungen")],
    ),
    # Merged cells: only the first cell of a range holds a value, the others read as empty.
    "oe-email-telefon-verbunden": Scenario(
        base(OE=[unit("Hauptamt"), unit("Bauhof", "Hauptamt", telefon=None)]),
        [(OE, 3, "Telefon", "zelle-verbunden")],
        merged={OE: ("D3:E3",)},
    ),
    "oe-mandant-nach-unten-verbunden": Scenario(
        base(
            OE=[
                unit("Hauptamt"),
                unit("Bauhof", "Hauptamt", mandant=None),
                unit("Kämmerei", mandant=None, fax="0351 123499"),
                unit("Bürgeramt", mandant=NOSSEN),
            ]
        ),
        [(OE, 3, "Mandant", "zelle-verbunden"), (OE, 4, "Mandant", "zelle-verbunden")],
        merged={OE: ("A2:A4",)},
    ),
    # Rows with several problems, hidden rows and empty rows in between: every finding at its row.
    "oe-mehrere-fehler-ausgeblendet-mit-luecken": Scenario(
        base(
            OE=[
                unit("Hauptamt"),
                unit("Bauhof", "Bauamt", email="bauhof", telefon=351123456, internet="www"),
                {},
                {},
                unit("Kämmerei", "Kämmerei", oe_id="12", fax="0351"),
                unit("Standesamt", email=None),
                {},
                unit("Hauptamt", telefon=datetime(2024, 1, 2), oe_id=600709),
            ]
        ),
        [
            (OE, 2, "Organisationseinheit", "oe-doppelt"),
            (OE, 3, PARENT, "oe-uebergeordnet-unbekannt"),
            (OE, 3, "E-Mail", "email-ungueltig"),
            (OE, 3, "Telefon", "telefon-als-zahl"),
            (OE, 3, "Internet", "internet-ungueltig"),
            (OE, 6, PARENT, "oe-zyklus"),
            (OE, 6, "Fax", "telefon-ungueltig"),
            (OE, 6, "OE-ID", "oe-id-ungueltig"),
            (OE, 7, "E-Mail", "pflichtfeld-leer"),
            (OE, 9, "Organisationseinheit", "oe-doppelt"),
            (OE, 9, "Telefon", "zelltyp-falsch"),
        ],
        hidden={OE: (3, 6, 9)},
    ),  # fmt: skip
}


def write_scenario(folder: Path, name: str, scenario: Scenario) -> Path:
    wb = build_template()
    for sheet, rows in scenario.rows.items():
        fill_sheet(wb, sheet, rows)
    for sheet, rows in scenario.hidden.items():
        for row in rows:
            wb[sheet].row_dimensions[row].hidden = True
    for sheet, ranges in scenario.merged.items():
        for cells in ranges:
            wb[sheet].merge_cells(cells)
    path = folder / f"{name}.xlsx"
    wb.save(path)
    return path


def write_logos(folder: Path) -> list[Path]:
    """The logos the scenarios name: PNG and JPEG, a GIF named .png, too large, too wide."""
    logos = folder / LOGOS
    logos.mkdir(exist_ok=True)
    images = {
        "wappen.png": (Image.new("RGB", (240, 120), "navy"), {"format": "PNG"}),
        "wappen.jpg": (Image.new("RGB", (240, 120), "darkred"), {"format": "JPEG"}),
        "gif-als.png": (Image.new("RGB", (24, 24), "green"), {"format": "GIF"}),
        "banner.png": (Image.new("RGB", (2400, 60), "navy"), {"format": "PNG"}),
        # Uncompressed: 1.08 MB on disk, a few KB in git.
        "gross.png": (Image.new("RGB", (600, 600), "navy"), {"format": "PNG", "compress_level": 0}),
    }
    paths = []
    for name, (image, options) in images.items():
        image.save(logos / name, **options)
        paths.append(logos / name)
    return paths


def build_all(folder: Path = DATA) -> list[Path]:
    """Write every scenario workbook and logo into `folder`; return the paths written."""
    logos = write_logos(folder)
    return [write_scenario(folder, name, s) for name, s in SCENARIOS.items()] + logos


if __name__ == "__main__":
    for path in build_all():
        print(path.relative_to(ROOT))
