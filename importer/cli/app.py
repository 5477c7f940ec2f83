"""The Typer application and what every command shares: console, error rendering, exit codes.

Commands live in sibling modules by domain and only parse, call the library, render, exit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import typer
from rich.console import Console

from importer.errors import ImporterError

app = typer.Typer(
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
