"""Command line `amt24-import` (also `python -m importer`): a thin shell over the library."""

from importer.cli import (  # noqa: F401  (registers the commands)
    admincenter_commands,
    demo_commands,
    runner_commands,
    sandbox_commands,
    web_commands,
    workbook_commands,
)
from importer.cli.app import app


def main() -> None:
    app()
