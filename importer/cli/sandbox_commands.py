"""`sandbox`: serve the sandbox AdminCenter on 127.0.0.1 until Ctrl+C.

Flask and openpyxl make importing slow: the command imports the server and the workbook
reader when it runs; the help text needs only the light configuration and fault profiles.
"""

from __future__ import annotations

import signal
import threading
from pathlib import Path
from typing import Annotated

import typer

from importer.cli.app import app, call, console
from importer.errors import UsageError
from importer.sandbox.config import (
    ANMELDUNGEN,
    DEFAULT_MANDANTEN,
    OBERFLAECHEN,
    SandboxConfig,
    load_users,
)
from importer.sandbox.faults import PROFILES

DEFAULT_PORT = 8024
MANDANTEN_HELP = (
    'Mandanten, durch Semikolon getrennt, z. B. "Gemeinde A;Stadt B" (Vorgabe: '
    + "; ".join(DEFAULT_MANDANTEN)
    + ")."
)
FAULTS_HELP = "Fehlerprofil: " + ", ".join(PROFILES) + " (siehe docs/sandbox.md)."
OBERFLAECHE_HELP = (
    "Welche Generation des AdminCenters nachgebildet wird: "
    + " oder ".join(OBERFLAECHEN)
    + " (neu: seit 2024 im Einsatz; klassisch: wie im KISA-Leitfaden)."
)
Oberflaeche = Annotated[
    str, typer.Option("--oberflaeche", metavar="GENERATION", help=OBERFLAECHE_HELP)
]
ANMELDUNG_HELP = (
    "Anmeldung auf einer Seite oder in zwei Schritten (erst Benutzername und „Weiter“, dann "
    "Passwort): " + " oder ".join(ANMELDUNGEN) + "."
)


@app.command("sandbox")
def sandbox(
    port: Annotated[
        int, typer.Option("--port", help="Port auf 127.0.0.1 (0 = ein freier Port).")
    ] = DEFAULT_PORT,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            help="SQLite-Datei, deren Daten zwischen zwei Starts erhalten bleiben "
            "(ohne: eine temporäre Datenbank, die beim Beenden gelöscht wird).",
        ),
    ] = None,
    seed: Annotated[
        Path | None,
        typer.Option(
            "--seed",
            metavar="MAPPE",
            help="Die Mandanten dieser Arbeitsmappe anlegen (leer, ohne Organisationseinheiten).",
        ),
    ] = None,
    mandanten: Annotated[
        str | None,
        typer.Option(
            "--mandanten",
            metavar="NAMEN",
            help=MANDANTEN_HELP,
        ),
    ] = None,
    latency_ms: Annotated[
        int, typer.Option("--latency-ms", help="Jede Antwort um so viele Millisekunden verzögern.")
    ] = 0,
    jitter_ms: Annotated[
        int,
        typer.Option("--jitter-ms", help="Zusätzliche zufällige Verzögerung bis zu so vielen ms."),
    ] = 0,
    publish_delay: Annotated[
        float,
        typer.Option(
            "--publish-delay",
            help="Sekunden nach der letzten Änderung, bis eine vollständige "
            "Organisationseinheit veröffentlicht wird.",
        ),
    ] = 1.0,
    session_timeout: Annotated[
        float,
        typer.Option("--session-timeout", help="Sitzung läuft nach so vielen Sekunden Ruhe ab."),
    ] = 1800.0,
    faults: Annotated[
        str,
        typer.Option(
            "--faults",
            metavar="PROFIL",
            help=FAULTS_HELP,
        ),
    ] = "none",
    users: Annotated[
        Path | None,
        typer.Option(
            "--users",
            metavar="DATEI",
            help="TOML-Datei mit \\[\\[benutzer]]-Einträgen (name, passwort, mandanten).",
        ),
    ] = None,
    fault_seed: Annotated[
        int,
        typer.Option("--fault-seed", help="Startwert des Zufalls: gleiche Zahl, gleiche Fehler."),
    ] = 0,
    oberflaeche: Oberflaeche = "neu",
    anmeldung: Annotated[
        str, typer.Option("--anmeldung", metavar="ART", help=ANMELDUNG_HELP)
    ] = "einstufig",
    bestand: Annotated[
        Path | None,
        typer.Option(
            "--bestand",
            metavar="DATEI",
            help="JSON- oder TOML-Datei mit Organisationseinheiten, Kommunikation und "
            "Internetadressen, die es vor dem ersten Import schon gibt (siehe docs/sandbox.md).",
        ),
    ] = None,
    seitengroesse: Annotated[
        int,
        typer.Option(
            "--seitengroesse",
            metavar="ANZAHL",
            min=1,
            help="So viele Zeilen zeigt eine Seite der Tabelle „Titel“ (Oberfläche neu).",
        ),
    ] = 10,
) -> None:
    """Startet das Sandbox-AdminCenter, eine Nachbildung zum Üben und Testen, auf 127.0.0.1.

    Beenden mit Strg+C.
    """
    from importer.sandbox.server import start_sandbox

    config = SandboxConfig(
        db_path=db,
        mandanten=call(_mandanten, seed, mandanten),
        users=call(load_users, users) if users else None,
        port=port,
        latency_ms=latency_ms,
        jitter_ms=jitter_ms,
        publish_delay=publish_delay,
        session_timeout=session_timeout,
        faults=faults,
        seed=fault_seed,
        oberflaeche=oberflaeche,
        anmeldung=anmeldung,
        bestand=bestand,
        seitengroesse=seitengroesse,
    )
    running = call(start_sandbox, config)
    try:
        console.print(f"Sandbox-AdminCenter läuft: {running.url}", highlight=False)
        for line in _login_lines(config, users):
            console.print(line, highlight=False)
        console.print("Beenden mit Strg+C.")
        signal.signal(signal.SIGTERM, _interrupt)
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        running.stop()
    console.print("Sandbox beendet.")


def _interrupt(_signum: int, _frame: object) -> None:
    """SIGTERM stops the sandbox as cleanly as Ctrl+C."""
    raise KeyboardInterrupt


def _mandanten(seed: Path | None, names: str | None) -> list[str]:
    if seed is not None and names is not None:
        raise UsageError("Bitte entweder --seed oder --mandanten angeben, nicht beides.")
    if seed is not None:
        from importer.sandbox.seed import mandanten_from_workbook

        return mandanten_from_workbook(seed)
    if names is not None:
        return [name.strip() for name in names.split(";") if name.strip()]
    return list(DEFAULT_MANDANTEN)


def _login_lines(config: SandboxConfig, users_file: Path | None) -> list[str]:
    lines = [f"Mandanten: {'; '.join(config.mandanten)}"]
    if users_file is not None:
        names = ", ".join(user.name for user in config.effective_users())
        return [*lines, f"Benutzer aus {users_file}: {names}"]
    for user in config.effective_users():
        scope = "alle Mandanten" if user.mandanten is None else "nur " + "; ".join(user.mandanten)
        lines.append(f"Anmeldung: Benutzername {user.name}, Passwort {user.password} ({scope})")
    return lines
