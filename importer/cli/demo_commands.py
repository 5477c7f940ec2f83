"""`demo`: the example Landkreis end to end against an embedded sandbox with existing data.

The demo belongs to the command line, not to the library: it starts the sandbox (a test double
the product itself never imports), seeds it with a realistic share of the example's units as
existing — some named exactly, some in another case or spacing, some with outdated phones and
a Servicekonto channel — and imports the example into it, so that it shows adoption and
updates in place, not only creation. Only the workbook is copied into the current folder; its
logo paths point at the example's files.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from importer.cli.app import app, call, console
from importer.cli.runner_commands import Workers, quiet_log
from importer.cli.sandbox_commands import Oberflaeche
from importer.errors import UsageError

if TYPE_CHECKING:
    from importer.runner.progress import Progress
    from importer.runner.summary import RunSummary

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXAMPLE = "landkreis-meissen.xlsx"
DEMO_RESULT = "amt24-demo-ergebnis.xlsx"
PUBLISH_DELAY = 0.5
ADOPTED = "vorhandene Einheit übernommen"


@app.command("demo")
def demo(
    workers: Workers = 2,
    latenz_ms: Annotated[
        int,
        typer.Option("--latenz-ms", help="Künstliche Antwortzeit der Sandbox in Millisekunden."),
    ] = 0,
    oberflaeche: Oberflaeche = "neu",
) -> None:
    """Spielt den Beispiel-Landkreis Meißen in eine eingebaute Sandbox ein und zeigt das Ergebnis.

    Kopiert examples/landkreis-meissen.xlsx nach ./amt24-demo-ergebnis.xlsx (überschreibt eine
    vorhandene Datei), startet die Sandbox auf einem freien Port mit einem Bestand: Viele
    Gemeinden haben dort schon Organisationseinheiten, manche mit veralteten Rufnummern und
    einem Servicekonto. Dann importiert die Demo alles (Benutzer admin) und beendet die
    Sandbox wieder. Die Zusammenfassung zeigt angelegte, übernommene und aktualisierte Zeilen.
    """
    from importer.cli.runner_render import print_run_summary, progress_bars

    quiet_log()
    with progress_bars() as bars:
        summary = call(run_demo, Path.cwd() / DEMO_RESULT, workers, latenz_ms, oberflaeche, bars)
    print_run_summary(summary)
    console.print(adoption_line(summary), highlight=False)
    raise typer.Exit(summary.exit_code)


def adoption_line(summary: RunSummary) -> str:
    """How many units existed already: adopted (found by name), some of them updated."""
    adopted = [r for r in summary.results if r.message.startswith(ADOPTED)]
    updated = [r for r in adopted if "aktualisiert (" in r.message]
    return (
        f"Im Bestand vorgefunden und übernommen: {len(adopted)} Organisationseinheiten, "
        f"davon {len(updated)} an Ort und Stelle aktualisiert (z. B. veraltete Rufnummern); "
        "Einträge wie das Servicekonto blieben unberührt."
    )


def run_demo(
    target: Path, workers: int, latency_ms: int, generation: str, progress: Progress | None
) -> RunSummary:
    """Copy the example to `target` (overwritten), import it into a fresh sandbox, stop it."""
    from importer.admincenter.credentials import Credentials
    from importer.runner.options import RunOptions
    from importer.runner.run import run_workbook
    from importer.sandbox import SandboxConfig, start_sandbox
    from importer.sandbox.bestand import bestand_from_workbook
    from importer.sandbox.seed import mandanten_from_workbook
    from importer.workbook.relocate import make_logo_paths_absolute

    example = EXAMPLES / EXAMPLE
    if not example.is_file():
        raise UsageError(f"Die Beispielmappe {example} fehlt (nur im Projektordner vorhanden).")
    shutil.copyfile(example, target)
    make_logo_paths_absolute(target, example.parent)
    config = SandboxConfig(
        mandanten=mandanten_from_workbook(target),
        latency_ms=latency_ms,
        publish_delay=PUBLISH_DELAY,
        oberflaeche=generation,
        bestand=bestand_from_workbook(target),
    )
    with start_sandbox(config) as sandbox:
        options = RunOptions(url=sandbox.url, workers=workers)
        return run_workbook(target, options, Credentials("admin", "admin"), progress)
