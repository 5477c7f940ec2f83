"""CLI commands (filled by their domain)."""

from importer.cli.app import app  # noqa: F401
