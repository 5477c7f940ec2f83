"""The `Anleitung` sheet: how to fill the workbook, derived from the catalogue and the statuses.

It must read well on screen and on paper in Excel and in LibreOffice. Neither sizes a row to
wrapped text that it did not lay out itself (LibreOffice prints such rows over each other),
so every row gets an explicit height from its text's length and the width it wraps in (the
`sheetlayout` module); a text that follows a label spans the remaining columns (merged), and
the page is scaled to the paper's width.
"""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from importer.workbook.columns import (
    ANLEITUNG,
    DATA_SHEETS,
    PRUEFBERICHT,
    STATUS_MEANINGS,
    WRITTEN_COLUMNS,
    Sheet,
)
from importer.workbook.sheetlayout import GAP, Line, TextSheet, fit_to_page_width
from importer.workbook.styles import (
    BOLD,
    FINDING_FILL,
    HEADING_FONT,
    OPTIONAL_FILL,
    REQUIRED_FILL,
    REQUIRED_FONT,
    TITLE_FONT,
    WRITTEN_HEADER_FILL,
)

# Label, Pflicht, Beispiel, Erläuterung: 119 characters, about A4 portrait at 85 %.
WIDTHS = (26, 9, 26, 58)

INTRODUCTION = (
    "Diese Arbeitsmappe sammelt Impressum, Datenschutzbeauftragte, Logos und "
    "Organisationseinheiten für den Import in das Amt24 AdminCenter."
)

STEPS = (
    "Tragen Sie im Blatt „Impressum“ je Mandant eine Zeile ein. Der Name in der Spalte "
    "„Mandant“ muss genau so geschrieben sein, wie ihn das AdminCenter anzeigt.",
    "In den Blättern „Datenschutzbeauftragte“, „Logo“ und „Organisationseinheiten“ wählen Sie "
    "den Mandanten aus der Liste (sie zeigt die Mandanten aus dem Blatt „Impressum“).",
    "Eine Zeile je Datensatz, ab Zeile 2. Die Überschriften in Zeile 1 bitte nicht umbenennen; "
    "Spalten dürfen umsortiert werden, eigene zusätzliche Spalten werden nicht beachtet.",
    "Ein Blatt, das Sie nicht brauchen, lassen Sie leer: dieser Teil wird dann nicht importiert.",
    "Zellen bitte nicht verbinden: In verbundenen Zellen steht der Wert nur in der ersten, die "
    "anderen gelten als leer. Einen Mandanten also in jede Zeile schreiben.",
    "Wenn Sie eine Zelle auswählen, erscheint ein Hinweis, was einzutragen ist, mit Beispiel.",
    "Telefon, Fax, PLZ und OE-ID sind als Text formatiert, damit die führende Null erhalten "
    "bleibt. Eine als Zahl gespeicherte Telefonnummer wird als Fehler gemeldet.",
    "Grau hinterlegte Spalten (Status, Meldung, Bearbeitet am) schreibt der Importer. Bitte "
    "nichts eintragen.",
    "Prüfen: amt24-import validate MAPPE.xlsx – markiert Problemzellen rot (mit Kommentar) und "
    f"schreibt das Blatt „{PRUEFBERICHT}“. Importieren: amt24-import run MAPPE.xlsx --url "
    "ADRESSE. Ein erneuter Lauf bearbeitet nur Zeilen, die nicht OK sind oder sich geändert "
    "haben.",
)

LEGEND = (
    (REQUIRED_FILL, REQUIRED_FONT, "Pflichtspalte", "Muss in jeder Zeile ausgefüllt sein."),
    (OPTIONAL_FILL, None, "freiwillige Spalte", "Darf leer bleiben."),
    (WRITTEN_HEADER_FILL, None, "vom Importer geschrieben", "Nicht ausfüllen."),
    (
        FINDING_FILL,
        None,
        "Problem gefunden",
        "Vom Importer markiert; der Kommentar der Zelle sagt, was nicht stimmt.",
    ),
)

# Where each value goes in the AdminCenter (WORKBOOK.md); docs/workbook.md shows the same.
DESTINATIONS = (
    (
        "Blätter „Impressum“ und „Datenschutzbeauftragte“",
        "Jede Spalte in das Feld gleicher Beschriftung im Dialog „Impressum“ bzw. "
        "„Datenschutzbeauftragter“ des Mandanten.",
    ),
    ("Blatt „Logo“: Bilddatei", "Das „Bild“ des Mandanten."),
    (
        "Organisationseinheit, Übergeordnete Organisationseinheit",
        "Der Name der Einheit. Eine neue Einheit wird unter ihrer übergeordneten angelegt "
        "(„Unterhalb anlegen“), eine vorhandene mit einer anderen übergeordneten wird "
        "mit „Umhängen“ verschoben.",
    ),
    (
        "E-Mail, Telefon, Fax",
        "Der erste Eintrag dieses Kanals unter „Kommunikation“ der Einheit, als öffentlich: "
        "Gibt es ihn, wird er geändert, sonst wird er angelegt.",
    ),
    ("Internet", "Der erste Eintrag der „Internetadressen“ der Einheit, als öffentlich."),
    ("OE-ID", "Die Id der Einheit; der Importer trägt sie ein, sobald er die Einheit kennt."),
    (
        "Was bleibt, wie es ist",
        "Einträge, die die Mappe nicht nennt (etwa ein Kanal „Servicekonto“ oder der zweite "
        "Eintrag eines Kanals), werden nie geändert oder entfernt. Eine leere freiwillige "
        "Zelle (Fax, Internet) lässt diesen Kanal, wie er ist.",
    ),
)


def write_anleitung(ws: Worksheet) -> None:
    """Fill `ws` (renamed to `Anleitung`) with the instructions, laid out for screen and paper."""
    ws.title = ANLEITUNG
    TextSheet(ws, WIDTHS).write(anleitung_lines())
    fit_to_page_width(ws)


def anleitung_lines() -> list[Line]:
    """The sheet's lines, top to bottom."""
    lines = [
        Line(("Amt24 Import – Anleitung",), TITLE_FONT),
        Line((INTRODUCTION,)),
        GAP,
        Line(("So füllen Sie die Mappe aus",), HEADING_FONT),
        *(Line((f"Schritt {number}", step)) for number, step in enumerate(STEPS, start=1)),
        GAP,
        Line(("Farben der Überschriften",), HEADING_FONT),
        *(Line((name, meaning), font, fill) for fill, font, name, meaning in LEGEND),
        GAP,
        Line(("Wohin die Werte im AdminCenter kommen",), HEADING_FONT),
        *(Line(pair) for pair in DESTINATIONS),
    ]
    for sheet in DATA_SHEETS:
        lines += [GAP, *_sheet_section(sheet)]
    lines += [GAP, Line(("Was der Status bedeutet",), HEADING_FONT)]
    return lines + [Line(pair) for pair in STATUS_MEANINGS.items()]


def _sheet_section(sheet: Sheet) -> list[Line]:
    return [
        Line((f"Blatt „{sheet.name}“",), HEADING_FONT),
        Line((sheet.description,)),
        Line(("Spalte", "Pflicht", "Beispiel", "Erläuterung"), BOLD),
        *(
            Line((c.header, "ja" if c.required else "nein", c.example, c.help))
            for c in sheet.columns
        ),
        *(Line((c.header, "–", "", c.help), fill=WRITTEN_HEADER_FILL) for c in WRITTEN_COLUMNS),
    ]
