"""`plan` and `run`: the commands that talk to the AdminCenter through the runner.

Selenium, pandas, pandera and Rich's progress bars make importing slow: each command imports
them when it runs, so that `amt24-import --help` and the other commands start fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from importer.admincenter.credentials import Credentials
from importer.cli.admincenter_commands import ask_credentials
from importer.cli.app import app, call, console
from importer.runner.options import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_PUBLISH_TIMEOUT,
    RunOptions,
    parse_rows,
)

Mappe = Annotated[Path, typer.Argument(help="Die Arbeitsmappe (.xlsx) mit den Daten.")]
Url = Annotated[
    str, typer.Option("--url", help="Adresse des AdminCenters, z. B. https://admin.example.de/.")
]
Locators = Annotated[
    Path | None,
    typer.Option(
        "--locators",
        metavar="DATEI",
        help="TOML-Datei, die Beschriftungen des AdminCenters anpasst (siehe docs/locators.md).",
    ),
]
Sichtbar = Annotated[
    bool,
    typer.Option("--sichtbar", "--headed", help="Den Browser sichtbar öffnen (zum Zuschauen)."),
]
RemoteUrl = Annotated[
    str | None,
    typer.Option(
        "--remote-url", help="Adresse eines Selenium-Grid-Knotens statt eines lokalen Browsers."
    ),
]
Mandant = Annotated[
    list[str] | None,
    typer.Option("--mandant", help="Nur diesen Mandanten bearbeiten (mehrfach angebbar)."),
]
Zeilen = Annotated[
    str | None,
    typer.Option(
        "--zeilen", help="Nur diese Excel-Zeilen bearbeiten, z. B. 5-20 (in jedem Blatt)."
    ),
]
Workers = Annotated[
    int, typer.Option("--workers", help="Anzahl paralleler Browser-Sitzungen (je Mandant eine).")
]
BatchSize = Annotated[
    int,
    typer.Option(
        "--batch-size",
        help="Einheiten je Stapel: speichern, Veröffentlichung prüfen, Ergebnisse sichern.",
    ),
]
Timeout = Annotated[
    float,
    typer.Option(
        "--veroeffentlichung-timeout",
        help="Sekunden, die eine Einheit bis zur Veröffentlichung brauchen darf.",
    ),
]


def prepare(
    url: str,
    locators: Path | None,
    sichtbar: bool,
    remote_url: str | None,
    mandant: list[str] | None,
    zeilen: str | None,
    workers: int,
    batch_size: int = DEFAULT_BATCH_SIZE,
    timeout: float = DEFAULT_PUBLISH_TIMEOUT,
) -> tuple[RunOptions, Credentials]:
    """The options (a bad value exits 2 before anything happens), then the credentials."""
    options = call(
        RunOptions,
        url=url,
        locators=locators,
        headed=sichtbar,
        remote_url=remote_url,
        mandanten=tuple(mandant or ()),
        rows=call(parse_rows, zeilen) if zeilen else None,
        workers=workers,
        batch_size=batch_size,
        publish_timeout=timeout,
    )
    credentials = ask_credentials()
    quiet_log()
    return options, credentials


def quiet_log() -> None:
    """The run's log goes to its protokoll.log only; the console shows progress and summary."""
    from loguru import logger

    logger.remove()


@app.command("run")
def run(
    mappe: Mappe,
    url: Url,
    locators: Locators = None,
    sichtbar: Sichtbar = False,
    remote_url: RemoteUrl = None,
    mandant: Mandant = None,
    zeilen: Zeilen = None,
    workers: Workers = 1,
    batch_size: BatchSize = DEFAULT_BATCH_SIZE,
    veroeffentlichung_timeout: Timeout = DEFAULT_PUBLISH_TIMEOUT,
) -> None:
    """Importiert die Arbeitsmappe in das AdminCenter und schreibt je Zeile Status und Meldung.

    Bearbeitet werden nur Zeilen, die nicht OK sind oder sich seit dem letzten OK geändert
    haben. Vorher prüft der Lauf, ob jede nötige Beschriftung zu finden ist, und ändert sonst
    nichts. Anmeldung über AMT24_BENUTZER und AMT24_PASSWORT oder Abfrage. Rückgabewert: 0 alles
    OK, 1 Zeilen UNGÜLTIG oder FEHLER oder eine Beschriftung fehlt, 2 Eingabe unbrauchbar,
    3 AdminCenter nicht erreichbar oder Anmeldung fehlgeschlagen.
    """
    from importer.cli.runner_render import print_run_summary, progress_bars
    from importer.runner.run import run_workbook

    options, credentials = prepare(
        url,
        locators,
        sichtbar,
        remote_url,
        mandant,
        zeilen,
        workers,
        batch_size,
        veroeffentlichung_timeout,
    )
    with progress_bars() as bars:
        summary = call(run_workbook, mappe, options, credentials, bars)
    print_run_summary(summary)
    raise typer.Exit(summary.exit_code)


@app.command("plan")
def plan(
    mappe: Mappe,
    url: Url,
    als_json: Annotated[
        bool, typer.Option("--json", help="Die Vorschau als JSON ausgeben (je Zeile ein Objekt).")
    ] = False,
    locators: Locators = None,
    sichtbar: Sichtbar = False,
    remote_url: RemoteUrl = None,
    mandant: Mandant = None,
    zeilen: Zeilen = None,
    workers: Workers = 1,
) -> None:
    """Zeigt, was ein Lauf anlegen, ändern oder belassen würde, ohne etwas zu ändern.

    Meldet sich nur lesend an und liest, was im AdminCenter steht; weder das AdminCenter noch
    die Arbeitsmappe werden verändert. Geänderte Felder erscheinen mit altem und neuem Wert.
    """
    from importer.cli.runner_render import plan_json, print_plan, progress_bars
    from importer.runner.run import plan_workbook

    options, credentials = prepare(url, locators, sichtbar, remote_url, mandant, zeilen, workers)
    with progress_bars(enabled=not als_json) as bars:
        summary = call(plan_workbook, mappe, options, credentials, bars)
    if als_json:
        console.print_json(plan_json(summary))
    else:
        print_plan(summary)
    raise typer.Exit(summary.exit_code)
