"""The `Anleitung` sheet: how to fill the workbook, derived from the catalogue and the statuses."""

from __future__ import annotations

from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from importer.workbook.columns import (
    ANLEITUNG,
    DATA_SHEETS,
    PRUEFBERICHT,
    STATUS_MEANINGS,
    WRITTEN_COLUMNS,
    Sheet,
)
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

WIDTHS = {"A": 34, "B": 10, "C": 34, "D": 90}

STEPS = (
    "Tragen Sie im Blatt „Impressum“ je Mandant eine Zeile ein. Der Name in der Spalte "
    "„Mandant“ muss genau so geschrieben sein, wie ihn das AdminCenter anzeigt.",
    "In den Blättern „Datenschutzbeauftragte“, „Logo“ und „Organisationseinheiten“ wählen Sie "
    "den Mandanten aus der Liste (sie zeigt die Mandanten aus dem Blatt „Impressum“).",
    "Eine Zeile je Datensatz, ab Zeile 2. Die Überschriften in Zeile 1 bitte nicht umbenennen; "
    "Spalten dürfen umsortiert werden, eigene zusätzliche Spalten werden nicht beachtet.",
    "Ein Blatt, das Sie nicht brauchen, lassen Sie leer: dieser Teil wird dann nicht importiert.",
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


class _Writer:
    """Appends text rows to the Anleitung sheet, one line at a time."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.row = 0

    def line(self, *values: str, font: object = None, fill: object = None) -> None:
        self.row += 1
        for index, value in enumerate(values, start=1):
            cell = self.ws.cell(row=self.row, column=index, value=value)
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            # A legend line colours (and sets the font of) its first cell only.
            if index == 1 or fill is None:
                if font is not None:
                    cell.font = font
                if fill is not None:
                    cell.fill = fill

    def gap(self) -> None:
        self.row += 1


def write_anleitung(ws: Worksheet) -> None:
    """Fill `ws` (renamed to `Anleitung`) with the instructions."""
    ws.title = ANLEITUNG
    for letter, width in WIDTHS.items():
        ws.column_dimensions[letter].width = width
    out = _Writer(ws)
    out.line("Amt24 Import – Anleitung", font=TITLE_FONT)
    out.line(
        "Diese Arbeitsmappe sammelt Impressum, Datenschutzbeauftragte, Logos und "
        "Organisationseinheiten für den Import in das Amt24 AdminCenter."
    )
    out.gap()
    out.line("So füllen Sie die Mappe aus", font=HEADING_FONT)
    for number, step in enumerate(STEPS, start=1):
        out.line(f"Schritt {number}", step)
    out.gap()
    out.line("Farben der Überschriften", font=HEADING_FONT)
    for fill, font, name, meaning in LEGEND:
        out.line(name, meaning, fill=fill, font=font)
    for sheet in DATA_SHEETS:
        out.gap()
        _sheet_section(out, sheet)
    out.gap()
    out.line("Was der Status bedeutet", font=HEADING_FONT)
    for status, meaning in STATUS_MEANINGS.items():
        out.line(status, meaning)


def _sheet_section(out: _Writer, sheet: Sheet) -> None:
    out.line(f"Blatt „{sheet.name}“", font=HEADING_FONT)
    out.line(sheet.description)
    out.line("Spalte", "Pflicht", "Beispiel", "Erläuterung", font=BOLD)
    for column in sheet.columns:
        out.line(column.header, "ja" if column.required else "nein", column.example, column.help)
    for column in WRITTEN_COLUMNS:
        out.line(column.header, "–", "", column.help, fill=WRITTEN_HEADER_FILL)
