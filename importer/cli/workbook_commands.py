"""`template` and `validate`: the workbook commands (no browser).

openpyxl, pandas and pandera make importing slow: each command imports what it needs when it
runs, so that `amt24-import --help` and the other commands start fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from importer.cli.app import EXIT_OK, EXIT_ROWS_FAILED, app, call, console

DEFAULT_TEMPLATE_NAME = "amt24-import-vorlage.xlsx"


@app.command("template")
def template(
    datei: Annotated[
        Path,
        typer.Argument(help="Name der neuen Vorlage (Excel-Arbeitsmappe .xlsx)."),
    ] = Path(DEFAULT_TEMPLATE_NAME),
    ueberschreiben: Annotated[
        bool,
        typer.Option("--ueberschreiben", help="Eine vorhandene Datei ersetzen."),
    ] = False,
) -> None:
    """Schreibt eine leere, selbsterklärende Vorlage (Blatt „Anleitung“ erklärt jede Spalte)."""
    from importer.workbook.template import write_template

    written = call(write_template, datei, overwrite=ueberschreiben)
    console.print(f"Vorlage geschrieben: {written}", highlight=False)


@app.command("validate")
def validate(
    mappe: Annotated[Path, typer.Argument(help="Die Arbeitsmappe (.xlsx), die geprüft wird.")],
    no_write: Annotated[
        bool,
        typer.Option(
            "--no-write",
            help="Nur prüfen: nichts in die Arbeitsmappe schreiben (keine Markierungen, kein "
            "Prüfbericht).",
        ),
    ] = False,
    als_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help="Die Probleme als JSON-Liste ausgeben (je Problem Blatt, Zeile, Spalte, Code und "
            "Meldung).",
        ),
    ] = False,
) -> None:
    """Prüft die Arbeitsmappe ohne Browser und markiert Problemzellen.

    Jede Zeile wird geprüft, gleich welchen Status sie hat, auch ausgeblendete. Problemzellen
    werden rot markiert und kommentiert, Zeilen mit Problemen erhalten den Status UNGÜLTIG, das
    Blatt „Prüfbericht“ listet alle Probleme und die Werte, die gesendet würden. Vor dem ersten
    Speichern wird eine Sicherungskopie angelegt. Rückgabewert: 0 gültig, 1 Probleme gefunden,
    2 Datei unbrauchbar oder gesperrt.
    """
    from importer.cli.workbook_render import print_json, print_summary
    from importer.validation.validate import validate_workbook
    from importer.workbook.reader import read_workbook
    from importer.workbook.writeback import write_validation

    data = call(read_workbook, mappe)
    report = call(validate_workbook, data)
    written = None if no_write else call(write_validation, data, report)
    if als_json:
        print_json(report.findings)
    else:
        print_summary(data, report.findings, written)
    raise typer.Exit(EXIT_OK if not report.findings else EXIT_ROWS_FAILED)
