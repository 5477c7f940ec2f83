"""Click's and Typer's English usage errors in German (`german_message`).

The messages arrive formatted ("Missing option '--url'."), so each rule is a pattern of the
whole message with a German template; `{inner}` parts (the reason after "Invalid value for
'--port':", mostly pydantic's words) are translated in turn. A message no rule knows stays
as it is: English is better than nothing, and a test lists the ones that matter.
"""

from __future__ import annotations

import re
from collections.abc import Callable

Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]
_QUOTED = re.compile(r"'([^']*)'")


def _quoted(text: str) -> str:
    """Click's 'x' as German „x“."""
    return _QUOTED.sub(r"„\1“", text)


def _choices(text: str) -> str:
    """ "Choose from:\n\ta,\n\tb" → "a, b"."""
    return ", ".join(part.strip() for part in text.split(",") if part.strip())


def _missing(match: re.Match[str]) -> str:
    kind = {"argument": "Das Argument", "option": "Die Option"}.get(match["kind"], "Die Angabe")
    text = f"{kind} {_quoted(match['name'])} fehlt."
    if match["choices"]:
        text += f" Möglich sind: {_choices(match['choices'])}."
    return text


def _no_such_option(match: re.Match[str]) -> str:
    text = f"Unbekannte Option {match['name']}."
    if match["options"]:
        text += f" Gemeint ist vielleicht: {match['options']}."
    return text


def _no_such_command(match: re.Match[str]) -> str:
    text = f"Unbekannter Befehl {_quoted(match['name'])}."
    if match["similar"]:
        text += f" Gemeint ist vielleicht {_quoted(match['similar'])}?"
    return text


def _rule(pattern: str, german: str | Callable[[re.Match[str]], str]) -> Rule:
    if callable(german):
        return re.compile(pattern, re.DOTALL), german
    return re.compile(pattern, re.DOTALL), lambda match: german.format(
        **{key: _translated_group(key, value) for key, value in match.groupdict().items()}
    )


def _translated_group(key: str, value: str | None) -> str:
    if value is None:
        return ""
    return german_message(value) if key == "inner" else _quoted(value)


PATH_PROBLEMS = {
    "does not exist": "gibt es nicht",
    "is a file": "ist eine Datei, kein Ordner",
    "is a directory": "ist ein Ordner, keine Datei",
    "is not readable": "kann nicht gelesen werden",
    "is not writable": "kann nicht geschrieben werden",
}
RULES: tuple[Rule, ...] = (
    _rule(
        r"Missing (?P<kind>argument|option|parameter) (?P<name>.+?)\."
        r"(?: Choose from:\s*(?P<choices>.*))?",
        _missing,
    ),
    _rule(
        r"No such option: (?P<name>\S+)(?: \(Possible options: (?P<options>.+)\))?", _no_such_option
    ),
    _rule(
        r"No such command (?P<name>'.+?')\.(?: Did you mean (?P<similar>.+)\?)?", _no_such_command
    ),
    _rule(r"Missing command\.", "Bitte einen Befehl angeben."),
    _rule(
        r"Got unexpected extra arguments? ?(?:\(s\))? \((?P<args>.*)\)",
        "Zu viele Argumente: {args}.",
    ),
    _rule(r"Invalid value for (?P<name>.+?): (?P<inner>.+)", "Ungültiger Wert für {name}: {inner}"),
    _rule(r"Invalid value: (?P<inner>.+)", "Ungültiger Wert: {inner}"),
    _rule(
        r"Option (?P<name>'.+?') requires an argument\.", "Die Option {name} braucht einen Wert."
    ),
    _rule(
        r"Option (?P<name>'.+?') requires (?P<count>\d+) arguments\.",
        "Die Option {name} braucht {count} Werte.",
    ),
    _rule(
        r"Option (?P<name>'.+?') does not take a value\.", "Die Option {name} nimmt keinen Wert an."
    ),
    _rule(
        r"Argument (?P<name>'.+?') takes (?P<count>\d+) values\.",
        "Das Argument {name} braucht {count} Werte.",
    ),
    # The reasons inside "Invalid value for …: " (Typer's own and pydantic's).
    _rule(r"Input should be a valid integer.*", "erwartet wird eine ganze Zahl."),
    _rule(r"Input should be a valid number.*", "erwartet wird eine Zahl."),
    _rule(r"Input should be a valid boolean.*", "erwartet wird ja oder nein (true/false)."),
    _rule(
        r"Input should be greater than or equal to (?P<limit>\S+)",
        "der Wert muss mindestens {limit} sein.",
    ),
    _rule(r"Input should be greater than (?P<limit>\S+)", "der Wert muss größer als {limit} sein."),
    _rule(
        r"Input should be less than or equal to (?P<limit>\S+)",
        "der Wert darf höchstens {limit} sein.",
    ),
    _rule(r"Input should be less than (?P<limit>\S+)", "der Wert muss kleiner als {limit} sein."),
    _rule(
        r"Input should be (?P<choices>'.+')",
        lambda match: f"erlaubt ist {_quoted(match['choices']).replace(' or ', ' oder ')}.",
    ),
    _rule(r"Value error, (?P<inner>.+)", "{inner}"),
    _rule(
        r"(?P<value>'.*?') is not one of (?P<choices>.+)\.",
        "{value} ist nicht möglich; erlaubt ist {choices}.",
    ),
    _rule(
        r"(?i:file|directory|path) (?P<path>'.+') (?P<problem>" + "|".join(PATH_PROBLEMS) + r")\.",
        lambda match: f"{_quoted(match['path'])} {PATH_PROBLEMS[match['problem']]}.",
    ),
    _rule(
        r"Value (?P<value>.+) is not a valid (?P<kind>\w+)\.",
        "{value} ist kein gültiger Wert ({kind}).",
    ),
)


def german_message(text: str) -> str:
    """The German form of one of Click's or Typer's messages; unknown ones unchanged."""
    for pattern, german in RULES:
        match = pattern.fullmatch(text)
        if match:
            return german(match)
    return text
