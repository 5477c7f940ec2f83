"""`check`: the read-only label check against an AdminCenter, and the credential prompt.

Selenium makes importing slow: `check` imports the browser layer when it runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from importer.admincenter.credentials import Credentials, credentials_from_env
from importer.admincenter.locators import load_locators
from importer.cli.app import app, call, console

if TYPE_CHECKING:
    from importer.admincenter.checks import CheckReport

LOCATORS_HELP = (
    "TOML-Datei mit abweichenden Beschriftungen (Tabelle \\[locators], siehe docs/locators.md)."
)


def ask_credentials() -> Credentials:
    """Credentials from AMT24_BENUTZER / AMT24_PASSWORT, else asked for (password hidden)."""
    found = credentials_from_env()
    if found is not None:
        return found
    user = typer.prompt("Benutzername")
    password = typer.prompt("Passwort", hide_input=True)
    return Credentials(user, password)


@app.command("check")
def check(
    url: Annotated[str, typer.Option("--url", help="Adresse des AdminCenters.")],
    locators: Annotated[
        Path | None, typer.Option("--locators", metavar="DATEI", help=LOCATORS_HELP)
    ] = None,
    mandant: Annotated[
        str | None,
        typer.Option("--mandant", help="Diesen Mandanten prüfen (sonst den ersten der Liste)."),
    ] = None,
    sichtbar: Annotated[
        bool,
        typer.Option("--sichtbar", help="Das Browserfenster zeigen, statt unsichtbar zu prüfen."),
    ] = False,
) -> None:
    """Meldet sich an und prüft, ohne etwas zu ändern, ob jede benötigte Beschriftung da ist.

    Besucht jede Seite, die ein Import braucht (Mandanten, Impressum, Datenschutzbeauftragter,
    Bild, Organisationseinheiten) und zeigt je Beschriftung „gefunden“ oder „FEHLT“.
    Zugangsdaten aus AMT24_BENUTZER und AMT24_PASSWORT, sonst wird danach gefragt.
    Rückgabewert: 0 alles gefunden, 1 etwas fehlt, 2 Aufruf oder Datei unbrauchbar,
    3 AdminCenter nicht erreichbar oder Anmeldung abgelehnt.
    """
    from importer.admincenter.checks import run_check

    table = call(load_locators, locators)
    credentials = ask_credentials()
    report = call(run_check, url, credentials, table, mandant, visible=sichtbar)
    print_report(report)
    raise typer.Exit(report.exit_code)


GENERATIONS = {"neu": "neu (seit 2024)", "klassisch": "klassisch (bis 2024)"}


def print_report(report: CheckReport) -> None:
    from rich.table import Table

    table = Table(title=f"Beschriftungen im AdminCenter {report.url}")
    for header in ("Seite", "Schlüssel", "Beschriftung", "Ergebnis"):
        table.add_column(header)
    for check in report.checks:
        if check.found is None:
            result = f"[dim]– {check.note}[/]"
        else:
            result = "[green]gefunden[/]" if check.found else "[bold red]FEHLT[/]"
        shown = check.form if check.found and check.form else check.label
        table.add_row(check.page, check.key, shown, result)
    console.print(table)
    console.print(generation_line(report), highlight=False)
    missing, unverified = len(report.missing), len(report.unverified)
    if missing:
        console.print(
            f"[bold red]{missing} Beschriftung(en) fehlen.[/] Passen Sie sie mit --locators an "
            "(siehe docs/locators.md).",
            highlight=False,
        )
    elif unverified:
        console.print(
            f"[yellow]{unverified} Beschriftung(en), die der Import braucht, konnten nicht "
            "geprüft werden[/] (siehe „–“ oben). Ein Import prüft sie, bevor er etwas ändert, "
            "und hält an, wenn eine fehlt.",
            highlight=False,
        )
    else:
        console.print("[green]Alle Beschriftungen, die der Import braucht, gefunden.[/]")


def generation_line(report: CheckReport) -> str:
    """Which generation of the AdminCenter the check recognised, and by how many texts."""
    if report.generation is None:
        votes = ", ".join(f"{GENERATIONS[g]}: {n}" for g, n in report.forms.items())
        return f"Oberfläche: nicht eindeutig erkannt ({votes or 'keine typischen Texte'})."
    count = report.forms[report.generation]
    return f"Oberfläche erkannt: {GENERATIONS[report.generation]} ({count} typische Texte)."
