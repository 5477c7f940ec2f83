"""Every command speaks German (STYLE.md habit 11): its help texts, the help layout Typer adds,
the type markers and the usage errors; `--version` names the installed version.

The checks walk the registered commands, so commands added later are checked without a line
here; a throwaway app shows that the German mechanism covers any new command by itself.
"""

from __future__ import annotations

import re
from enum import StrEnum
from importlib.metadata import version
from pathlib import Path
from typing import Annotated, Any, Literal

import pytest
import typer
import typer.main
from typer.testing import CliRunner

from importer.cli import app
from importer.cli.german import GermanGroup
from importer.cli.messages import german_message

GERMAN = re.compile(
    r"[äöüßÄÖÜ„“]|\b(der|die|das|den|dem|des|ein|eine|einen|und|oder|nicht|nur|mit|ohne|für|"
    r"wird|werden|ist|sind|im|in|auf|aus|vom|von|zum|zur|je|jede|jeder|als|bei|nach|siehe|"
    r"bitte|datei|zeile|zeilen|blatt|mappe|arbeitsmappe|eines|einer|einem|statt|zu|alle|"
    r"sowie|wenn|dass|bis|über|unter|durch|um|an|kein|keine|neu|neue|adresse|anzahl)\b",
    re.IGNORECASE,
)
ENGLISH = re.compile(
    r"\b(the|and|of|to|with|this|that|show|shows|file|files|which|when|will|should|message|"
    r"exit|usage|options|arguments|commands?|required|default|missing|invalid|such|try|"
    r"got|unexpected|extra|value|choose|from|possible|did|you|mean|aborted|error)\b",
    re.IGNORECASE,
)
TYPE_MARKER = re.compile(r"<[^>\s]*>|\b(bool|str|int|float|path|list)\b")
# Option names are English where the program's users type them (--json, --no-write).
OPTION_NAME = re.compile(r"(?<![\w-])--?[\w-]+")
WIDE = {"COLUMNS": "200"}


def german(text: str | None) -> bool:
    return bool(text and GERMAN.search(text) and not ENGLISH.search(text))


def commands() -> dict[str, Any]:
    group = typer.main.get_command(app)
    return dict(group.commands)  # type: ignore[attr-defined]


def invoke(application: typer.Typer, *args: str) -> Any:
    return CliRunner().invoke(application, list(args), env=WIDE)


def leftovers(page: str) -> list[str]:
    """English words and type markers on a rendered page, option names not counted."""
    text = OPTION_NAME.sub(" ", page)
    return [m.group() for m in ENGLISH.finditer(text)] + [
        m.group() for m in TYPE_MARKER.finditer(text)
    ]


def test_the_workbook_commands_are_registered() -> None:
    assert {"template", "validate"} <= set(commands())


@pytest.mark.parametrize("name", sorted(commands()))
def test_command_and_parameters_have_german_help(name: str) -> None:
    command = commands()[name]
    assert german(command.help), f"{name}: {command.help!r}"
    for parameter in command.params:
        text = getattr(parameter, "help", None)
        assert german(text), f"{name} {parameter.name}: {text!r}"


@pytest.mark.parametrize("name", ["", *sorted(commands())])
def test_help_page_is_german_without_type_markers(name: str) -> None:
    result = invoke(app, *([name] if name else []), "--help")
    assert result.exit_code == 0
    page = result.stdout
    assert leftovers(page) == [], page
    assert f"Aufruf: amt24-import {name}".rstrip() in page
    assert "Diese Hilfe zeigen und beenden." in page
    if name:
        assert commands()[name].help.split()[0] in page
    else:
        assert "╭─ Optionen" in page and "╭─ Befehle" in page


def test_version_names_the_installed_package() -> None:
    result = invoke(app, "--version")
    assert (result.exit_code, result.stdout) == (0, f"amt24-import {version('amt24-importer')}\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["validate"], "Das Argument „MAPPE“ fehlt."),
        (["validate", "--gibt-es-nicht", "m.xlsx"], "Unbekannte Option --gibt-es-nicht."),
        (["template", "a.xlsx", "b.xlsx"], "Zu viele Argumente: b.xlsx."),
        (["vlidate"], "Unbekannter Befehl „vlidate“. Gemeint ist vielleicht „validate“?"),
        (["template", "--ueberschreiben=ja"],
         "Die Option „--ueberschreiben“ nimmt keinen Wert an."),
    ],
)  # fmt: skip
def test_usage_errors_are_german(args: list[str], message: str) -> None:
    result = invoke(app, *args)
    assert result.exit_code == 2
    assert message in result.stderr, result.stderr
    assert leftovers(result.stderr) == [], result.stderr


class Farbe(StrEnum):
    rot = "rot"
    blau = "blau"


def probe_app() -> typer.Typer:
    """An app with a command nobody declared German: arguments and options of every kind."""
    probe = typer.Typer(cls=GermanGroup, add_completion=False, rich_markup_mode="markdown")

    @probe.command("probe")
    def probe_command(
        datei: Annotated[Path, typer.Argument(help="Eine Datei.", exists=True)],
        anzahl: Annotated[int, typer.Option(help="Wie viele.", min=1)] = 1,
        anteil: Annotated[float, typer.Option(help="Welcher Anteil.")] = 0.5,
        farbe: Annotated[Farbe, typer.Option(help="Welche Farbe.")] = Farbe.rot,
        art: Annotated[Literal["neu", "klassisch"], typer.Option(help="Welche Art.")] = "neu",
        namen: Annotated[list[str] | None, typer.Option("--name", help="Namen.")] = None,
        ordner: Annotated[Path | None, typer.Option(help="Ein Ordner.")] = None,
        laut: Annotated[bool, typer.Option("--laut", help="Laut.")] = False,
    ) -> None:
        """Probiert alles aus."""

    @probe.command("zweite")
    def zweite() -> None:
        """Noch ein Befehl."""

    return probe


def test_a_new_command_gets_german_help_and_value_markers() -> None:
    page = invoke(probe_app(), "probe", "--help").stdout
    lines = [" ".join(line.strip("│ ").split()) for line in page.splitlines()]
    assert "Aufruf: root probe [OPTIONEN] DATEI" in lines
    assert [line for line in lines if line.startswith(("*", "--"))] == [
        "* DATEI Eine Datei.",
        "--anzahl ZAHL [x>=1] Wie viele.",
        "--anteil ZAHL Welcher Anteil.",
        "--farbe rot|blau Welche Farbe.",
        "--art neu|klassisch Welche Art.",
        "--name TEXT Namen.",
        "--ordner PFAD Ein Ordner.",
        "--laut Laut.",
        "--help Diese Hilfe zeigen und beenden.",
    ]
    assert "[Pflicht]" in lines and "[Vorgabe: 1]" in lines


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["probe", "fehlt.xlsx"], "Ungültiger Wert für „DATEI“: „fehlt.xlsx“ gibt es nicht."),
        (["probe", "README.md", "--anzahl", "0"],
         "Ungültiger Wert für „--anzahl“: der Wert muss mindestens 1 sein."),
        (["probe", "README.md", "--anzahl", "viele"],
         "Ungültiger Wert für „--anzahl“: erwartet wird eine ganze Zahl."),
        (["probe", "README.md", "--anteil", "halb"],
         "Ungültiger Wert für „--anteil“: erwartet wird eine Zahl."),
        (["probe", "README.md", "--farbe", "grün"],
         "Ungültiger Wert für „--farbe“: „grün“ ist nicht möglich; erlaubt ist „rot“, „blau“."),
        (["probe", "README.md", "--anzahl"], "Die Option „--anzahl“ braucht einen Wert."),
        (["zweite", "x"], "Zu viele Argumente: x."),
        ([], "Bitte einen Befehl angeben."),
    ],
)  # fmt: skip
def test_a_new_command_gets_german_errors(args: list[str], message: str) -> None:
    result = invoke(probe_app(), *args)
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.replace("│", " ").split()), result.stderr
    assert leftovers(result.stderr) == [], result.stderr


@pytest.mark.parametrize(
    ("english", "expected"),
    [
        ("Missing option '--url'.", "Die Option „--url“ fehlt."),
        ("Missing option '--art'. Choose from:\n\tneu,\n\tklassisch",
         "Die Option „--art“ fehlt. Möglich sind: neu, klassisch."),
        ("No such option: --urll (Possible options: --url, --user)",
         "Unbekannte Option --urll. Gemeint ist vielleicht: --url, --user."),
        ("Option '--url' requires 2 arguments.", "Die Option „--url“ braucht 2 Werte."),
        ("Argument 'paar' takes 2 values.", "Das Argument „paar“ braucht 2 Werte."),
        ("Invalid value: Input should be less than or equal to 9",
         "Ungültiger Wert: der Wert darf höchstens 9 sein."),
        ("Input should be greater than 0", "der Wert muss größer als 0 sein."),
        ("Input should be less than 10", "der Wert muss kleiner als 10 sein."),
        ("Input should be 'neu' or 'klassisch'", "erlaubt ist „neu“ oder „klassisch“."),
        ("Input should be a valid boolean, unable to interpret input",
         "erwartet wird ja oder nein (true/false)."),
        ("Value error, 'x' is not one of 'a', 'b'.",
         "„x“ ist nicht möglich; erlaubt ist „a“, „b“."),
        ("Directory 'logos' is a file.", "„logos“ ist eine Datei, kein Ordner."),
        ("File 'm.xlsx' is a directory.", "„m.xlsx“ ist ein Ordner, keine Datei."),
        ("Path 'm.xlsx' is not readable.", "„m.xlsx“ kann nicht gelesen werden."),
        ("Path 'm.xlsx' is not writable.", "„m.xlsx“ kann nicht geschrieben werden."),
        ("Value 'x' is not a valid Decimal.", "„x“ ist kein gültiger Wert (Decimal)."),
        ("Die Datei „m.xlsx“ gibt es nicht.", "Die Datei „m.xlsx“ gibt es nicht."),
    ],
)  # fmt: skip
def test_messages_not_reached_through_the_commands(english: str, expected: str) -> None:
    assert german_message(english) == expected
