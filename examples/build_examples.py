"""Builds the example workbooks of Landkreis Meißen and their logos from the template.

    python examples/build_examples.py

regenerates `landkreis-meissen.xlsx` (valid), `landkreis-meissen-mit-fehlern.xlsx` (one
mistake of each kind at the cells listed in EXPECTED_MISTAKES) and `logos/`. The output
depends on nothing but this folder's code: running it twice gives the same cell values.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from importer.workbook.columns import DATA_SHEETS, SHEETS_BY_NAME
from importer.workbook.template import build_template, fill_sheet

EXAMPLES = Path(__file__).resolve().parent
if str(EXAMPLES) not in sys.path:  # the sibling modules, also when imported from the tests
    sys.path.insert(0, str(EXAMPLES))

from example_logos import draw_logos  # noqa: E402
from meissen_data import (  # noqa: E402
    EXTERNAL_DSB,
    GEMEINDE_UNITS,
    GEMEINDEN,
    GROSSE_KREISSTADT,
    NACHNAMEN,
    STADT_UNITS,
    VORNAMEN,
    Gemeinde,
    ascii_slug,
)

VALID_NAME = "landkreis-meissen.xlsx"
MISTAKES_NAME = "landkreis-meissen-mit-fehlern.xlsx"

Rows = dict[str, list[dict[str, Any]]]


def phone(vorwahl: str, anschluss: str, durchwahl: str, style: int) -> str:
    """A fictional number in one of the German ways of writing it, chosen by `style`."""
    grouped = " ".join(anschluss[i : i + 2] for i in range(0, len(anschluss), 2))
    forms = (
        f"{vorwahl} {anschluss}-{durchwahl}",
        f"({vorwahl}) {grouped}-{durchwahl}",
        f"+49 {vorwahl[1:]} {anschluss}-{durchwahl}",
        f"{vorwahl}/{anschluss}{durchwahl}",
        f"{vorwahl} {anschluss}{durchwahl}",
    )
    return forms[style % len(forms)]


def person(index: int, stride: int = 1) -> tuple[str, bool]:
    """A fictional person's name and whether the first name is female (odd indices)."""
    first = (index * 5 + stride * 3) % len(VORNAMEN)
    last = (index * 7 + stride * 5) % len(NACHNAMEN)
    return f"{VORNAMEN[first]} {NACHNAMEN[last]}", first % 2 == 1


def ust_id(seed: int) -> str:
    """A German USt-IdNr. with a correct check digit (ISO 7064 MOD 11,10)."""
    digits = [int(d) for d in f"{(seed + 1) * 37_171_903 % 10**8:08d}"]
    digits[0] = digits[0] or 1
    product = 10
    for digit in digits:
        total = (digit + product) % 10 or 10
        product = (2 * total) % 11
    check = (11 - product) % 10
    return "DE" + "".join(map(str, digits)) + str(check)


def impressum_row(index: int, g: Gemeinde) -> dict[str, Any]:
    leader, female = person(index)
    title = ("Oberbürgermeister" if g.art == GROSSE_KREISSTADT else "Bürgermeister") + (
        "in" if female else ""
    )
    verantwortlich, _ = person(index, stride=5)
    return {
        "mandant": g.mandant,
        "behoerde": f"{'Stadtverwaltung' if g.stadt else 'Gemeindeverwaltung'} {g.name}",
        "vertreten_durch": f"{title} {leader}",
        "strasse": g.strasse,
        "plz": g.plz,
        "ort": g.name,
        "telefon": phone(g.vorwahl, g.anschluss, "0", index),
        "fax": phone(g.vorwahl, g.anschluss, "99", index + 1) if index % 4 != 3 else None,
        "email": f"{('poststelle', 'info', 'rathaus')[index % 3]}@{g.domain}",
        "internet": f"{('www.', 'https://www.')[index % 2]}{g.domain}",
        "ust_id": ust_id(index) if g.stadt else None,
        "aufsichtsbehoerde": "Landesdirektion Sachsen"
        if g.art == GROSSE_KREISSTADT
        else "Landratsamt Meißen, Kommunalaufsicht",
        "inhaltlich_verantwortlich": f"{verantwortlich}, Hauptamt",
    }


def datenschutz_row(index: int, g: Gemeinde) -> dict[str, Any]:
    if g.dsb_extern is not None:
        return {"mandant": g.mandant, **EXTERNAL_DSB[g.dsb_extern]}
    name, female = person(index, stride=3)
    row: dict[str, Any] = {
        "mandant": g.mandant,
        "name": name
        if index % 2
        else f"Datenschutzbeauftragte{'' if female else 'r'} der {g.mandant}",
        "email": f"datenschutz@{g.domain}",
    }
    if index % 3 != 2:  # some give only the required name and e-mail
        row.update(
            organisation=f"{'Stadtverwaltung' if g.stadt else 'Gemeindeverwaltung'} {g.name}",
            strasse=g.strasse,
            plz=g.plz,
            ort=g.name,
            telefon=phone(g.vorwahl, g.anschluss, "13" if g.stadt else "19", index + 2),
        )
    return row


def unit_rows(index: int, g: Gemeinde, count: int) -> list[dict[str, Any]]:
    """The first `count` units of the Stadt or Gemeinde list; every third Mandant lists the
    children before their parents (the runner orders them)."""
    units = (STADT_UNITS if g.stadt else GEMEINDE_UNITS)[:count]
    rows = [
        {
            "mandant": g.mandant,
            "name": name,
            "parent": parent,
            "email": f"{ascii_slug(name)}@{g.domain}",
            "telefon": phone(g.vorwahl, g.anschluss, durchwahl, index + position),
            "fax": phone(g.vorwahl, g.anschluss, durchwahl[:-1] + "9", index) if fax else None,
            "internet": f"{('www.', 'https://www.')[position % 2]}{g.domain}/{ascii_slug(name)}"
            if web
            else None,
        }
        for position, (name, parent, durchwahl, fax, web) in enumerate(units)
    ]
    return rows[::-1] if index % 3 == 1 else rows


def example_rows(gemeinden: tuple[Gemeinde, ...], units: int | None = None) -> Rows:
    """Rows of every data sheet; `units` caps the units per Mandant."""
    return {
        "Impressum": [impressum_row(i, g) for i, g in enumerate(gemeinden)],
        "Datenschutzbeauftragte": [datenschutz_row(i, g) for i, g in enumerate(gemeinden)],
        "Logo": [
            {"mandant": g.mandant, "bilddatei": f"logos/{g.logo}"} for g in gemeinden if g.logo
        ],
        "Organisationseinheiten": [
            row
            for i, g in enumerate(gemeinden)
            for row in unit_rows(i, g, min(g.einheiten, units or g.einheiten))
        ],
    }


def write_workbook(path: Path, rows: Rows) -> Path:
    wb: Workbook = build_template()
    for sheet in DATA_SHEETS:
        fill_sheet(wb, sheet.name, rows.get(sheet.name, []))
    wb.save(path)
    return path


# The mistakes workbook: four Mandanten with ten units each, then these cells overwritten.
# (sheet, Excel row, column header, code the validation reports, value written into the cell).
# A duplicate marks every copy, so both rows of a duplicated Mandant or unit are listed.
MISTAKE_MANDANTEN = ("meissen", "nossen", "klipphausen", "moritzburg")
MISTAKE_UNITS = 10
MISTAKE_LOGOS = {
    "meissen": "logos/meissen.png",
    "nossen": "logos/nossen.png",  # no such file
    "klipphausen": "logos/klipphausen-banner.png",  # 2400 pixels wide
    "moritzburg": "logos/moritzburg-wappen.png",  # a GIF named .png
}
# Rows copied to the end of a sheet before the cells are overwritten: (sheet, source row).
DUPLICATED_ROWS = (("Impressum", 3), ("Organisationseinheiten", 2))
MISTAKE_CELLS: tuple[tuple[str, int, str, str, Any], ...] = (
    ("Impressum", 3, "Mandant", "mandant-doppelt", "Stadt Nossen"),
    ("Impressum", 3, "PLZ", "plz-als-zahl", 1683),
    ("Impressum", 3, "Internet", "internet-ungueltig", "htp//www.nossen.example"),
    ("Impressum", 4, "USt-IdNr.", "ust-id-ungueltig", "DE12345678"),
    ("Impressum", 4, "Aufsichtsbehörde", "text-zu-lang", "Landratsamt Meißen, " * 14),
    ("Impressum", 5, "Vertreten durch", "pflichtfeld-leer", None),
    ("Impressum", 6, "Mandant", "mandant-doppelt", "Stadt Nossen"),
    ("Datenschutzbeauftragte", 3, "E-Mail", "email-ungueltig", "datenschutz.nossen.example"),
    ("Datenschutzbeauftragte", 4, "PLZ", "plz-ungueltig", "0166"),
    ("Datenschutzbeauftragte", 5, "Telefon", "telefon-ungueltig", "siehe Rathaus"),
    ("Logo", 3, "Bilddatei", "logo-fehlt", MISTAKE_LOGOS["nossen"]),
    ("Logo", 4, "Bilddatei", "logo-abmessungen", MISTAKE_LOGOS["klipphausen"]),
    ("Logo", 5, "Bilddatei", "logo-format", MISTAKE_LOGOS["moritzburg"]),
    ("Organisationseinheiten", 2, "Organisationseinheit", "oe-doppelt", "Hauptamt"),
    ("Organisationseinheiten", 5, "Telefon", "telefon-als-zahl", 352146922),
    (
        "Organisationseinheiten",
        16,
        "Organisationseinheit",
        "text-mehrzeilig",
        "Stadtkasse\nVollstreckung",
    ),
    (
        "Organisationseinheiten",
        19,
        "Übergeordnete Organisationseinheit",
        "oe-uebergeordnet-unbekannt",
        "Buergeramt",
    ),
    ("Organisationseinheiten", 26, "OE-ID", "oe-id-ungueltig", "60070A"),
    ("Organisationseinheiten", 34, "Telefon", "formel-ohne-wert", '="035207 "&"8540-22"'),
    ("Organisationseinheiten", 42, "Organisationseinheit", "oe-doppelt", "HAUPTAMT"),
)
EXPECTED_MISTAKES = [(sheet, row, header, code) for sheet, row, header, code, _ in MISTAKE_CELLS]


def mistake_rows() -> Rows:
    by_slug = {g.slug: g for g in GEMEINDEN}
    gemeinden = tuple(by_slug[s] for s in MISTAKE_MANDANTEN)
    rows = example_rows(gemeinden, units=MISTAKE_UNITS)
    rows["Logo"] = [
        {"mandant": by_slug[s].mandant, "bilddatei": path} for s, path in MISTAKE_LOGOS.items()
    ]
    for sheet, source in DUPLICATED_ROWS:
        rows[sheet].append(dict(rows[sheet][source - 2]))
    for sheet, row, header, _, value in MISTAKE_CELLS:
        field = next(c.field for c in SHEETS_BY_NAME[sheet].columns if c.header == header)
        rows[sheet][row - 2][field] = value
    return rows


def build_all(folder: Path = EXAMPLES) -> list[Path]:
    """Write both workbooks and every logo into `folder`; return the paths written."""
    logos = draw_logos(folder / "logos")
    return [
        write_workbook(folder / VALID_NAME, example_rows(GEMEINDEN)),
        write_workbook(folder / MISTAKES_NAME, mistake_rows()),
        *logos,
    ]


def main() -> None:
    for path in build_all():
        print(path.relative_to(EXAMPLES))


if __name__ == "__main__":
    main()
