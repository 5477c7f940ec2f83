"""Who carries out the decisions: a run presses the buttons, a plan only records.

`plan` and `run` take the same steps and read the same pages; only the writer differs, so a
plan lists exactly what a run then does. The live writer journals what could be lost in a
crash (creations, list saves) and reads back every list it saved.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Protocol

from importer.admincenter.client import AdminCenter
from importer.admincenter.pages_channels import ChannelEditor
from importer.admincenter.problems import PageProblem
from importer.admincenter.values import Entry, Unit
from importer.runner.channels import EntryChange, Wanted, differences, expected, first_index
from importer.runner.journal import Journal

PLANNED_ID = "(neu)"  # the Id of a unit a plan would create


class Writer(Protocol):
    dry: bool

    def save_form(
        self, client: AdminCenter, mandant: str, prefix: str, values: dict[str, str | None]
    ) -> None: ...

    def upload_bild(self, client: AdminCenter, mandant: str, path: Path) -> None: ...

    def create_unit(
        self, client: AdminCenter, mandant: str, row: int, name: str, parent: str | None
    ) -> Unit: ...

    def settle(self, mandant: str, name: str, row: int, oe_id: str) -> None: ...

    def rename_unit(self, client: AdminCenter, mandant: str, unit: Unit, name: str) -> None: ...

    def move_unit(
        self, client: AdminCenter, mandant: str, unit: Unit, parent: str | None
    ) -> None: ...

    def save_entries(self, client: AdminCenter, edit: EntryEdit) -> None: ...

    def entries_match(self, edit: EntryEdit) -> None: ...


class EntryEdit:
    """One unit's list being edited: the open editor, what it showed, what must change."""

    def __init__(
        self,
        mandant: str,
        name: str,
        which: str,
        editor: ChannelEditor,
        wanted: list[Wanted],
    ) -> None:
        self.mandant, self.name, self.which = mandant, name, which
        self.editor = editor
        self.wanted = wanted
        self.entries = read_entries(editor, wanted)
        self.changes: list[EntryChange] = []


def read_entries(editor: ChannelEditor, wanted: list[Wanted]) -> list[Entry]:
    """The entries, with Öffentlich read for the first entry of each wanted Kanal."""
    entries = editor.entries()
    for want in wanted:
        index = first_index(entries, want)
        if index is not None and entries[index].oeffentlich is None:
            public = editor.public(index, entries[index])
            entries[index] = replace(entries[index], oeffentlich=public)
    return entries


class LiveWriter:
    dry = False

    def __init__(self, journal: Journal) -> None:
        self.journal = journal

    def save_form(
        self, client: AdminCenter, mandant: str, prefix: str, values: dict[str, str | None]
    ) -> None:
        client.form(mandant, prefix).save(values)

    def upload_bild(self, client: AdminCenter, mandant: str, path: Path) -> None:
        client.upload_bild(mandant, path)

    def create_unit(
        self, client: AdminCenter, mandant: str, row: int, name: str, parent: str | None
    ) -> Unit:
        self.journal.intent(mandant, name, row)
        return client.create_unit(mandant, name, parent)

    def settle(self, mandant: str, name: str, row: int, oe_id: str) -> None:
        self.journal.done(mandant, name, row, oe_id)

    def rename_unit(self, client: AdminCenter, mandant: str, unit: Unit, name: str) -> None:
        client.rename_unit(mandant, unit, name)

    def move_unit(self, client: AdminCenter, mandant: str, unit: Unit, parent: str | None) -> None:
        client.move_unit(mandant, unit, parent)

    def save_entries(self, client: AdminCenter, edit: EntryEdit) -> None:
        """Make the changes, save, and hold the list read back against what must be there."""
        described = [change.describe() for change in edit.changes]
        self.journal.entries_intent(edit.mandant, edit.name, edit.which, described)
        editor = edit.editor
        for change in edit.changes:
            value = change.wanted.value
            if change.index is None:
                editor.add(change.wanted.caption or None, value)
            else:
                editor.edit(change.index, edit.entries[change.index], value)
        editor.save()
        if not editor.is_open():
            editor = client.channels(edit.mandant, edit.name, edit.which)
        shown = read_entries(editor, edit.wanted)
        editor.close()
        problems = differences(expected(edit.entries, edit.changes), shown)
        if problems:
            raise PageProblem(
                f"{editor.title} gespeichert, aber das AdminCenter zeigt danach: "
                + "; ".join(problems)
                + "."
            )
        self.journal.entries_done(edit.mandant, edit.name, edit.which)

    def entries_match(self, edit: EntryEdit) -> None:
        """The list read shows every wanted value: a save whose answer was lost did arrive."""
        if self.journal.entries_pending(edit.mandant, edit.name, edit.which):
            self.journal.entries_done(edit.mandant, edit.name, edit.which)


class PlanWriter:
    """Records nothing (the decision says it all) and changes nothing."""

    dry = True

    def save_form(
        self, client: AdminCenter, mandant: str, prefix: str, values: dict[str, str | None]
    ) -> None:
        pass

    def upload_bild(self, client: AdminCenter, mandant: str, path: Path) -> None:
        pass

    def create_unit(
        self, client: AdminCenter, mandant: str, row: int, name: str, parent: str | None
    ) -> Unit:
        return Unit(PLANNED_ID, name, parent, "0.0", published=False)

    def settle(self, mandant: str, name: str, row: int, oe_id: str) -> None:
        pass

    def rename_unit(self, client: AdminCenter, mandant: str, unit: Unit, name: str) -> None:
        pass

    def move_unit(self, client: AdminCenter, mandant: str, unit: Unit, parent: str | None) -> None:
        pass

    def save_entries(self, client: AdminCenter, edit: EntryEdit) -> None:
        edit.editor.close()

    def entries_match(self, edit: EntryEdit) -> None:
        pass
