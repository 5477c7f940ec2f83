"""The Typer application and what every command shares: console, error rendering, exit codes.

Commands live in sibling modules by domain and only parse, call the library, render, exit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib.metadata import PackageNotFoundError, version
from typing import Annotated, TypeVar

import typer
from rich.console import Console

from importer.cli.german import GermanGroup
from importer.errors import ImporterError

app = typer.Typer(
    cls=GermanGroup,
    name="amt24-import",
    help="Massenimport von Impressum, Datenschutzbeauftragten, Logos und "
    "Organisationseinheiten in das Amt24 AdminCenter.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Help texts are German prose: Markdown joins a paragraph's docstring lines, so the help
    # wraps at the terminal's width instead of at the source's line breaks.
    rich_markup_mode="markdown",
)

console = Console()
err_console = Console(stderr=True)

EXIT_OK = 0
EXIT_ROWS_FAILED = 1
EXIT_UNUSABLE = 2
EXIT_UNREACHABLE = 3

T = TypeVar("T")
DISTRIBUTION = "amt24-importer"


def show_version(value: bool) -> None:
    """`--version`: "amt24-import 0.1.0" from the installed package's metadata."""
    if not value:
        return
    try:
        number = version(DISTRIBUTION)
    except PackageNotFoundError:  # run from a folder without installing (python -m importer)
        number = "(Version unbekannt: nicht installiert)"
    console.print(f"amt24-import {number}", highlight=False)
    raise typer.Exit(EXIT_OK)


@app.callback()
def global_options(
    show: Annotated[
        bool,
        typer.Option(
            "--version",
            help="Die Versionsnummer zeigen und beenden.",
            is_eager=True,
            callback=show_version,
        ),
    ] = False,
) -> None:
    """Options of the program itself (its help text is the one given to `typer.Typer`)."""


@contextmanager
def fatal_errors() -> Iterator[None]:
    """Turn the importer's fatal errors into one German sentence and the documented exit code."""
    try:
        yield
    except ImporterError as error:
        err_console.print(f"[bold red]Fehler:[/] {error.message}", highlight=False)
        raise typer.Exit(error.exit_code) from None
    except KeyboardInterrupt:
        err_console.print("Abgebrochen.")
        raise typer.Exit(130) from None


def call(function: Callable[..., T], *args: object, **kwargs: object) -> T:
    """Call a library function under `fatal_errors`."""
    with fatal_errors():
        return function(*args, **kwargs)
