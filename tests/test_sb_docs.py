"""docs/sandbox.md names every option of `amt24-import sandbox` and no option it lacks, and
shows screenshots of both generations that exist (also in the README)."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from importer.cli import app

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "sandbox.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")
SCREENSHOTS = ("img/sandbox-neu-kommunikation.png", "img/sandbox-klassisch-kommunikation.png")


def command_options() -> set[str]:
    command = typer.main.get_command(app).commands["sandbox"]  # type: ignore[attr-defined]
    return {o for p in command.params for o in p.opts if o.startswith("--")} - {"--help"}


def test_every_option_of_the_command_is_documented_and_no_other() -> None:
    documented = set(re.findall(r"`(--[a-z][a-z-]*)", DOC))
    assert command_options() <= documented
    assert documented - command_options() <= {"--url"}  # `run --url`, not a sandbox option


def test_both_generations_are_shown_in_the_doc_and_the_readme() -> None:
    for image in SCREENSHOTS:
        assert (ROOT / "docs" / image).is_file(), image
        assert f"]({image})" in DOC
        assert f"](docs/{image})" in README
