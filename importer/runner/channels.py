"""What the workbook wants of a unit's Kommunikation and Internetadressen (pure decisions).

For E-Mail, Telefon and Fax the FIRST entry of that Kanal must carry the normalized value and
be öffentlich: edited in place when the Kanal has an entry, added when it has none. Internet
goes to the first entry of the Internetadressen the same way. Nothing is moved or removed;
every entry the workbook does not name stays as it is (a Servicekonto channel, second
entries). An empty optional cell leaves that Kanal alone. `plan` and `run` decide here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from importer.admincenter.values import Entry
from importer.model import name_key


@dataclass(frozen=True)
class Wanted:
    """One workbook value for a list: its field and column header, the Kanal's accepted
    captions (the first is the one to choose; empty for Internetadressen, a list of one
    kind), and the value."""

    field: str
    header: str
    captions: tuple[str, ...]
    value: str

    @property
    def caption(self) -> str:
        return self.captions[0] if self.captions else ""


@dataclass(frozen=True)
class EntryChange:
    """One entry to edit in place (`index`) or to add (`index` None)."""

    wanted: Wanted
    index: int | None
    old: str | None = None
    was_public: bool | None = None

    @property
    def field(self) -> str:
        return self.wanted.field

    @property
    def header(self) -> str:
        return self.wanted.header

    @property
    def new(self) -> str:
        return self.wanted.value

    @property
    def name(self) -> str:
        return self.wanted.caption or "Internetadresse"

    def describe(self) -> str:
        """The plan's words: "Telefon (erster Eintrag): alt → neu", "E-Mail: wird angelegt",
        "Fax: wird öffentlich"."""
        if self.index is None:
            return f"{self.name}: wird angelegt ({self.wanted.value})"
        parts = []
        if not same(self.old, self.wanted.value):
            parts.append(f"{self.old} → {self.wanted.value}")
        if not self.was_public:
            parts.append("wird öffentlich")
        return f"{self.name} (erster Eintrag): {', '.join(parts)}"


def same(a: str | None, b: str | None) -> bool:
    """Whether two Kennungen are the same text (outer and repeated spaces aside)."""
    return " ".join((a or "").split()) == " ".join((b or "").split())


def of_kanal(entry: Entry, wanted: Wanted) -> bool:
    return not wanted.captions or any(name_key(entry.kanal) == name_key(c) for c in wanted.captions)


def first_index(entries: Sequence[Entry], wanted: Wanted) -> int | None:
    """The position of the first entry of the wanted Kanal, None when it has none."""
    return next((i for i, e in enumerate(entries) if of_kanal(e, wanted)), None)


def entry_changes(entries: Sequence[Entry], wanted: Sequence[Wanted]) -> list[EntryChange]:
    """The edits that make each wanted value the first entry of its Kanal, öffentlich.
    `entries` carry `oeffentlich` for the first entry of each wanted Kanal."""
    changes = []
    for want in wanted:
        index = first_index(entries, want)
        if index is None:
            changes.append(EntryChange(want, None))
            continue
        entry = entries[index]
        if not same(entry.kennung, want.value) or entry.oeffentlich is not True:
            changes.append(EntryChange(want, index, entry.kennung, entry.oeffentlich))
    return changes


def expected(entries: Sequence[Entry], changes: Sequence[EntryChange]) -> list[Entry]:
    """The list as it must read after the changes: edits in place, additions at the end."""
    out = list(entries)
    for change in changes:
        if change.index is None:
            out.append(Entry(change.wanted.caption, change.wanted.value, "", True))
        else:
            old = out[change.index]
            out[change.index] = Entry(old.kanal, change.wanted.value, old.zusatz, True)
    return out


def kept(entries: Sequence[Entry], wanted: Sequence[Wanted]) -> list[str]:
    """The plan's words for the entries that stay as they are ("Servicekonto: bleibt")."""
    firsts = {first_index(entries, w) for w in wanted} - {None}
    names = [e.kanal or "Internetadresse" for i, e in enumerate(entries) if i not in firsts]
    return [f"{name}: bleibt" for name in dict.fromkeys(names)]


def differences(want: Sequence[Entry], shown: Sequence[Entry]) -> list[str]:
    """What the list read back shows other than it must (empty: as it must). Öffentlich is
    compared where both sides know it."""
    problems = []
    if len(shown) != len(want):
        problems.append(f"{len(shown)} Einträge statt {len(want)}")
    for position, (w, s) in enumerate(zip(want, shown, strict=False), 1):
        if name_key(w.kanal) != name_key(s.kanal) or not same(w.kennung, s.kennung):
            problems.append(
                f"Eintrag {position}: „{s.kanal} {s.kennung}“ statt „{w.kanal} {w.kennung}“"
            )
        elif not same(w.zusatz, s.zusatz):
            problems.append(f"Eintrag {position}: Zusatz „{s.zusatz}“ statt „{w.zusatz}“")
        elif (
            w.oeffentlich is not None
            and s.oeffentlich is not None
            and w.oeffentlich != s.oeffentlich
        ):
            wanted_state = "öffentlich" if w.oeffentlich else "nicht öffentlich"
            problems.append(f"Eintrag {position}: {wanted_state} erwartet")
    return problems
