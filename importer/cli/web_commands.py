"""`oberflaeche`: the local web page that does every step without a terminal.

Flask, waitress and the web package load only when the command runs.
"""

from __future__ import annotations

import webbrowser
from typing import Annotated

import typer

from importer.cli.app import app, call, console
from importer.cli.runner_commands import quiet_log


@app.command("oberflaeche")
def oberflaeche(
    port: Annotated[
        int, typer.Option("--port", help="Port auf 127.0.0.1 (0: ein freier Port).")
    ] = 0,
    kein_browser: Annotated[
        bool,
        typer.Option("--kein-browser", help="Den Browser nicht öffnen, nur die Adresse zeigen."),
    ] = False,
) -> None:
    """Öffnet die Bedienoberfläche im Browser: Mappe wählen, prüfen, verbinden, Vorschau, Import.

    Die Seite läuft nur auf diesem Rechner (127.0.0.1); die geöffnete Adresse enthält einen
    Zugangsschlüssel, ohne den sie niemand bedienen kann. Hochgeladene Dateien liegen in einem
    privaten Ordner, der beim Beenden (Strg+C) gelöscht wird; das Passwort bleibt nur im
    Arbeitsspeicher.
    """
    from importer.web.config import WebConfig
    from importer.web.server import WebServer, private_folder

    quiet_log()
    with private_folder() as folder:
        server = call(WebServer, WebConfig(folder, port))
        with server:
            console.print(f"Die Oberfläche läuft unter {server.entry_url}", soft_wrap=True)
            console.print("Beenden mit Strg+C.", highlight=False)
            if not kein_browser:
                webbrowser.open(server.entry_url)
            try:
                server.wait()
            except KeyboardInterrupt:
                if server.workspace.slot.busy():
                    console.print("Der laufende Auftrag wird angehalten …", highlight=False)
    console.print("Beendet. Hochgeladene Dateien wurden gelöscht.", highlight=False)
