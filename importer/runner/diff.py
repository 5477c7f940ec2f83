"""The one comparison of what the workbook wants with what the AdminCenter has.

`plan` and `run` both decide with these functions, so a plan lists exactly what a run then
does. Values are compared as trimmed text; empty and missing are the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from importer.workbook.columns import Sheet


class Described(Protocol):
    """A change as the plan and the Meldung name it (a field of a form, an entry of a list)."""

    @property
    def field(self) -> str: ...

    @property
    def header(self) -> str: ...

    def describe(self) -> str: ...


@dataclass(frozen=True)
class Change:
    """One field that differs: catalogue field, German column header, old and new text."""

    field: str
    header: str
    old: str
    new: str

    def describe(self) -> str:
        """ "Telefon: „alt“ → „neu“" ("Telefon: „neu“" where nothing was there before)."""
        if not self.old:
            return f"{self.header}: „{self.new}“"
        return f"{self.header}: „{self.old}“ → „{self.new}“"


def text(value: object) -> str:
    return "" if value is None else str(value).strip()


def diff_fields(
    sheet: Sheet,
    fields: Iterable[str],
    current: Mapping[str, object],
    desired: Mapping[str, object],
) -> list[Described]:
    """The fields whose desired value differs from the current one, in catalogue order."""
    changes: list[Described] = []
    for name in fields:
        old, new = text(current.get(name)), text(desired.get(name))
        if old != new:
            changes.append(Change(name, sheet.column(name).header, old, new))
    return changes


def sent_fields(sheet: Sheet) -> tuple[str, ...]:
    """Fields of a sheet that go into an AdminCenter form (those with a label), Mandant aside."""
    return tuple(c.field for c in sheet.columns if c.label is not None and c.field != "mandant")


def headers(changes: Iterable[Described]) -> str:
    """ "Telefon, E-Mail" for a Meldung."""
    return ", ".join(change.header for change in changes)
