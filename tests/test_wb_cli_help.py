"""Every registered command, argument and option has German help text (STYLE.md habit 11)."""

from __future__ import annotations

import re
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from importer.cli import app

GERMAN = re.compile(
    r"[äöüßÄÖÜ„“]|\b(der|die|das|den|dem|des|ein|eine|einen|und|oder|nicht|nur|mit|ohne|für|"
    r"wird|werden|ist|sind|im|in|auf|aus|vom|von|zum|zur|je|jede|jeder|als|bei|nach|siehe|"
    r"bitte|datei|zeile|zeilen|blatt|mappe|arbeitsmappe|eines|einer|einem|statt|zu|alle|"
    r"sowie|wenn|dass|bis|über|unter|durch|um|an|kein|keine|neu|neue|adresse|anzahl)\b",
    re.IGNORECASE,
)
ENGLISH = re.compile(
    r"\b(the|and|of|to|with|this|that|show|shows|file|files|which|when|will|should)\b", re.I
)


def german(text: str | None) -> bool:
    return bool(text and GERMAN.search(text) and not ENGLISH.search(text))


def commands() -> dict[str, Any]:
    group = typer.main.get_command(app)
    return dict(group.commands)  # type: ignore[attr-defined]


def test_the_workbook_commands_are_registered() -> None:
    assert {"template", "validate"} <= set(commands())


@pytest.mark.parametrize("name", sorted(commands()))
def test_command_and_parameters_have_german_help(name: str) -> None:
    command = commands()[name]
    assert german(command.help), f"{name}: {command.help!r}"
    for parameter in command.params:
        if parameter.name == "help":
            continue
        text = getattr(parameter, "help", None)
        assert german(text), f"{name} {parameter.name}: {text!r}"


@pytest.mark.parametrize("name", sorted(commands()))
def test_help_page_renders(name: str) -> None:
    result = CliRunner().invoke(app, [name, "--help"])
    assert result.exit_code == 0
    assert commands()[name].help.split()[0] in result.stdout
