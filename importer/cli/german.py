"""German for what Typer and its Click write themselves: help layout, type markers, errors.

Typer (0.29) carries its own copy of Click, whose texts are English f-strings: gettext cannot
reach them, and the locale of a Windows machine would decide for those that it can. So the
root group, `GermanGroup`, gives every command and parameter below it a German variant of
its class when the command tree is built (`typer.Typer(cls=GermanGroup)`): commands added
later by anyone are covered without a line of their own. The variants

- name the help option and the usage line in German, with arguments in capitals (`MAPPE`),
- show a value marker only where it says something (`TEXT`, `ZAHL`, `PFAD`, the choices; none
  for a switch or an argument),
- translate Click's usage errors (`messages.py`) before Typer prints them,
- and put German into Typer's fixed strings (panel titles, "[required]", "Aborted.").
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from typing import Any

import typer
from typer import _click
from typer._click.exceptions import NoArgsIsHelpError, UsageError
from typer.core import TyperArgument, TyperGroup, TyperOption

from importer.cli.messages import german_message

HELP_OPTION_HELP = "Diese Hilfe zeigen und beenden."
USAGE_PREFIX = "Aufruf: "
OPTIONS_METAVAR = "[OPTIONEN]"
SUBCOMMAND_METAVAR = "BEFEHL [ARGUMENTE]..."
# Typer's fixed strings (module constants of typer.rich_utils, read when help is printed).
RICH_TEXTS = {
    "ARGUMENTS_PANEL_TITLE": "Argumente",
    "OPTIONS_PANEL_TITLE": "Optionen",
    "COMMANDS_PANEL_TITLE": "Befehle",
    "ERRORS_PANEL_TITLE": "Fehler",
    "REQUIRED_LONG_STRING": "[Pflicht]",
    "DEFAULT_STRING": "[Vorgabe: {}]",
    "ENVVAR_STRING": "[Umgebungsvariable: {}]",
    "DEPRECATED_STRING": "(veraltet) ",
    "ABORTED_TEXT": "Abgebrochen.",
    "RICH_HELP": "Hilfe: [blue]{command_path} {help_option}[/]",
}
# Typer's markers of a value → what the help shows instead; others (choices) lose the <>.
VALUE_MARKERS = {
    "<str>": "TEXT",
    "<list[str]>": "TEXT",
    "<int>": "ZAHL",
    "<int range>": "ZAHL",
    "<float>": "ZAHL",
    "<float range>": "ZAHL",
    "<path>": "PFAD",
}


@cache
def use_german_rich_texts() -> None:
    """Put German into typer.rich_utils' fixed strings (imported only when help or an error
    is shown: it costs a tenth of a second at every start)."""
    from typer import rich_utils

    for name, text in RICH_TEXTS.items():
        setattr(rich_utils, name, text)


class GermanFormatter(_click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, USAGE_PREFIX if prefix is None else prefix)


class GermanContext(_click.Context):
    formatter_class = GermanFormatter


@contextmanager
def german_errors() -> Iterator[None]:
    """Re-raise Click's usage errors with a German message (Typer prints them later)."""
    try:
        yield
    except NoArgsIsHelpError:
        use_german_rich_texts()
        raise
    except UsageError as error:
        use_german_rich_texts()
        text = error.format_message()
        german = german_message(text)
        if german == text:
            raise
        translated = UsageError(german, ctx=error.ctx)
        translated.exit_code = error.exit_code
        raise translated from None
    except (_click.ClickException, typer.Abort):
        use_german_rich_texts()
        raise


class _GermanCommand(_click.Command):
    """Mixin for Typer's command and group classes (derived from their common base, so that
    an existing command can take on the German variant)."""

    context_class = GermanContext

    def make_context(self, *args: Any, **kwargs: Any) -> _click.Context:
        with german_errors():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: _click.Context) -> Any:
        with german_errors():
            return super().invoke(ctx)

    def get_help_option(self, ctx: _click.Context) -> Any:
        option = super().get_help_option(ctx)
        if option is not None and not isinstance(option, _GermanOption):
            option.help = HELP_OPTION_HELP
            option.__class__ = german_class(type(option))
        return option

    def format_help(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        use_german_rich_texts()
        super().format_help(ctx, formatter)


class _GermanArgument(_click.Parameter):
    """Mixin for arguments: the capital name says what it is, no type marker."""

    def display_type_rich(self, ctx: _click.Context) -> str | None:
        return None

    def get_usage_pieces(self, ctx: _click.Context) -> list[str]:
        name = str(self.metavar)
        return [name if self.required else f"[{name}]"]


class _GermanOption(_click.Parameter):
    """Mixin for options: a marker only for options that take a value."""

    def display_type_rich(self, ctx: _click.Context) -> str | None:
        if self.metavar is not None:
            return self.metavar
        if getattr(self, "is_flag", False) or getattr(self, "count", False):
            return None
        marker: str = getattr(self, "display_type")(ctx)  # noqa: B009  (Typer's, not Click's)
        return VALUE_MARKERS.get(marker, marker.strip("<>"))


MIXINS: Sequence[tuple[type, type]] = (
    (TyperArgument, _GermanArgument),
    (TyperOption, _GermanOption),
    (_click.Command, _GermanCommand),
)


@cache
def german_class(cls: type) -> type:
    """The German variant of a Typer command, group, argument or option class."""
    if any(issubclass(cls, mixin) for _, mixin in MIXINS):
        return cls
    mixin = next(mixin for base, mixin in MIXINS if issubclass(cls, base))
    return type(f"German{cls.__name__}", (mixin, cls), {"__module__": __name__})


def make_german(command: _click.Command) -> None:
    """Give `command`, its parameters and every command below it their German variants."""
    command.__class__ = german_class(type(command))
    if command.options_metavar == "[OPTIONS]":
        command.options_metavar = OPTIONS_METAVAR
    for param in command.params:
        if isinstance(param, TyperArgument) and param.metavar is None:
            param.metavar = (param.name or "").upper()
        param.__class__ = german_class(type(param))
    if isinstance(command, TyperGroup):
        if command.subcommand_metavar == "COMMAND [ARGS]...":
            command.subcommand_metavar = SUBCOMMAND_METAVAR
        for sub in command.commands.values():
            make_german(sub)


class GermanGroup(_GermanCommand, TyperGroup):
    """The root group: makes itself and every command below it German when Typer builds it."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        make_german(self)
