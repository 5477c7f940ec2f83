"""`template` and `validate`: the workbook commands (no browser)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from importer.cli.app import app, call, console
from importer.workbook.template import DEFAULT_TEMPLATE_NAME, write_template


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
    written = call(write_template, datei, overwrite=ueberschreiben)
    console.print(f"Vorlage geschrieben: {written}", highlight=False)
