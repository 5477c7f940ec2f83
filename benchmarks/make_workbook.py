"""Synthetic valid workbooks of any size, for benchmarks and load tests.

    python benchmarks/make_workbook.py OUT.xlsx --mandanten 418 --einheiten 20 [--logos]

Mandant names are made up from Saxon-sounding parts ("Gemeinde Oberlichtenau"); every value
passes validation; phone numbers use Saxon area codes in varied German writings; the same
seed gives the same workbook.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from itertools import product
from pathlib import Path
from typing import Any

from PIL import Image

from importer.workbook.template import build_template, fill_sheet

PREFIXES = ("", "Ober", "Nieder", "Groß", "Klein", "Alt", "Neu")
STEMS = (
    "Lichten", "Rosen", "Wald", "Hohen", "Bären", "Schön", "Kirch", "Stein",
    "Mühl", "Linden", "Frauen", "Eichen", "Birken", "Falken", "Sonnen", "Erlen",
)  # fmt: skip
ENDINGS = ("au", "bach", "berg", "dorf", "feld", "hain", "grund", "walde", "thal", "witz", "grün")
UNIT_NAMES = (
    "Hauptamt", "Bürgeramt", "Standesamt", "Einwohnermeldeamt", "Kämmerei", "Stadtkasse",
    "Steuern und Abgaben", "Vollstreckung", "Bauamt", "Bauhof", "Stadtplanung", "Liegenschaften",
    "Ordnungsamt", "Gewerbeamt", "Feuerwehr", "Personalamt", "Sozialamt", "Schulverwaltung",
    "Kita-Verwaltung", "Friedhofsverwaltung", "Kultur und Tourismus", "Stadtbibliothek",
    "Wirtschaftsförderung", "Archiv", "Musikschule", "Museum", "Jugendarbeit", "Seniorenbüro",
    "Umwelt und Grünflächen", "Verkehrsbehörde", "Wahlbüro", "IT und Digitalisierung",
)  # fmt: skip
# Area codes of Saxon towns; subscriber numbers fill the national number to eight digits.
AREA_CODES = (
    "0351", "0341", "0371", "0375", "03521", "03522", "03523", "03525", "03581", "03591",
    "03731", "03741", "03433", "03431", "034205", "035242", "035204", "037206", "035872",
)  # fmt: skip
PHONE_FORMS = (
    "{a} {s}-{d}", "({a}) {s}-{d}", "+49 {a1} {s}-{d}", "{a}/{s}{d}", "{a} {s}{d}", "+49 {a1} {s}",
)  # fmt: skip
PARENT_SHARE = 0.4  # share of units (after the first) that get an earlier unit as parent


def mandant_names(count: int, rng: random.Random) -> list[str]:
    """`count` distinct names like "Gemeinde Oberlichtenau"; numbered once the parts run out."""
    places = [p + (s.lower() if p else s) + e for p, s, e in product(PREFIXES, STEMS, ENDINGS)]
    rng.shuffle(places)
    names = []
    for index in range(count):
        place = places[index % len(places)]
        if index >= len(places):
            place += f" {index // len(places) + 1}"
        names.append(f"{'Stadt' if index % 4 == 0 else 'Gemeinde'} {place}")
    return names


def ascii_name(text: str) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", " ": "-"})
    return text.lower().translate(table)


def phone(rng: random.Random, area: str, durchwahl: int) -> str:
    subscriber = str(rng.randint(2, 9)) + "".join(rng.choices("0123456789", k=8 - len(area)))
    form = rng.choice(PHONE_FORMS)
    return form.format(a=area, a1=area[1:], s=subscriber, d=durchwahl)


def unit_rows(mandant: str, count: int, rng: random.Random) -> list[dict[str, Any]]:
    names = list(UNIT_NAMES[:count])
    rng.shuffle(names)
    names += [f"Sachgebiet {n}" for n in range(len(UNIT_NAMES) + 1, count + 1)]
    domain = ascii_name(mandant.split(" ", 1)[1]) + ".example"
    area = rng.choice(AREA_CODES)
    rows = []
    for position, name in enumerate(names):
        has_parent = position > 0 and rng.random() < PARENT_SHARE
        rows.append(
            {
                "mandant": mandant,
                "name": name,
                "parent": rng.choice(names[:position]) if has_parent else None,
                "email": f"{ascii_name(name)}@{domain}",
                "telefon": phone(rng, area, 100 + position),
                "fax": phone(rng, area, 900 + position) if position % 3 == 0 else None,
                "internet": f"www.{domain}/{ascii_name(name)}" if position % 4 == 0 else None,
            }
        )
    return rows[::-1] if rng.random() < 0.3 else rows  # sometimes children before parents


def mandant_rows(mandant: str, rng: random.Random) -> tuple[dict[str, Any], dict[str, Any]]:
    """The Impressum and Datenschutzbeauftragte rows of one Mandant."""
    place = mandant.split(" ", 1)[1]
    domain = ascii_name(place) + ".example"
    area = rng.choice(AREA_CODES)
    address = {"strasse": f"Marktplatz {rng.randint(1, 40)}", "plz": f"0{rng.randint(1001, 9999)}"}
    behoerde = "Stadtverwaltung" if mandant.startswith("Stadt") else "Gemeindeverwaltung"
    impressum = {
        "mandant": mandant,
        "behoerde": f"{behoerde} {place}",
        "vertreten_durch": "Bürgermeisterin Erika Mustermann",
        **address,
        "ort": place,
        "telefon": phone(rng, area, 0),
        "fax": phone(rng, area, 99),
        "email": f"poststelle@{domain}",
        "internet": f"https://www.{domain}",
        "aufsichtsbehoerde": "Landratsamt, Kommunalaufsicht",
    }
    datenschutz = {
        "mandant": mandant,
        "name": f"Datenschutzbeauftragte der {mandant}",
        **address,
        "ort": place,
        "telefon": phone(rng, area, 13),
        "email": f"datenschutz@{domain}",
    }
    return impressum, datenschutz


def write_logos(folder: Path, mandanten: list[str], rng: random.Random) -> list[dict[str, Any]]:
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for mandant in mandanten:
        name = f"{ascii_name(mandant)}.png"
        colour = tuple(rng.randint(0, 200) for _ in range(3))
        Image.new("RGB", (64, 64), colour).save(folder / name, "PNG")
        rows.append({"mandant": mandant, "bilddatei": f"logos/{name}"})
    return rows


def build(
    path: Path, mandanten: int, units_per_mandant: int, seed: int = 0, logos: bool = False
) -> Path:
    """Write a valid workbook with `mandanten` Mandanten of `units_per_mandant` units each.

    With `logos`, one small PNG per Mandant goes to `logos/` next to the workbook.
    """
    path = Path(path)
    rng = random.Random(seed)
    names = mandant_names(mandanten, rng)
    pairs = [mandant_rows(name, rng) for name in names]
    wb = build_template()
    fill_sheet(wb, "Impressum", [impressum for impressum, _ in pairs])
    fill_sheet(wb, "Datenschutzbeauftragte", [datenschutz for _, datenschutz in pairs])
    if logos:
        fill_sheet(wb, "Logo", write_logos(path.parent / "logos", names, rng))
    units = [row for name in names for row in unit_rows(name, units_per_mandant, rng)]
    fill_sheet(wb, "Organisationseinheiten", units)
    wb.save(path)
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Erzeugt eine gültige Test-Arbeitsmappe.")
    parser.add_argument("ziel", type=Path, help="zu schreibende .xlsx-Datei")
    parser.add_argument("--mandanten", type=int, default=418, help="Anzahl Mandanten")
    parser.add_argument("--einheiten", type=int, default=20, help="Einheiten je Mandant")
    parser.add_argument("--seed", type=int, default=0, help="Startwert des Zufalls")
    parser.add_argument("--logos", action="store_true", help="je Mandant ein Logo erzeugen")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    build(args.ziel, args.mandanten, args.einheiten, args.seed, args.logos)
    seconds = time.perf_counter() - started
    rows = args.mandanten * args.einheiten
    print(f"{args.ziel}: {args.mandanten} Mandanten, {rows} Einheiten in {seconds:.2f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
