"""Command line `amt24-import` (also `python -m importer`): a thin shell over the library."""

from importer.cli import runner_commands, sandbox_commands, workbook_commands  # noqa: F401
from importer.cli.app import app


def main() -> None:
    app()
