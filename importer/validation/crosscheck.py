"""Checks across rows: one row per Mandant, unique units and OE-IDs, known parents, no cycles.

They work on normalized values (`{row: {field: value}}`); names are compared ignoring case and
spaces (`name_key`). A duplicate is flagged on every copy, so the user sees all of them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from importer.model import Finding, name_key
from importer.validation.codes import message
from importer.workbook.columns import ORGANISATIONSEINHEITEN, Sheet

SheetValues = dict[int, dict[str, str | None]]
Unit = tuple[str, str]  # (Mandant key, name key)
CHAIN_SHOWN = 5  # units of a cycle named in the message before "…"


def row_list(rows: Iterable[int]) -> str:
    """[2, 5, 9] → "2, 5 und 9"."""
    shown = [str(row) for row in sorted(rows)]
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} und {shown[-1]}"


Groups = dict[object, list[tuple[int, str]]]  # comparison key → [(row, value as shown)]


def _duplicates(
    sheet: Sheet,
    field: str,
    code: str,
    groups: Groups,
    params: Callable[[int], dict[str, str]] = lambda row: {},
) -> list[Finding]:
    """A finding on every row of each group that has more than one row."""
    header = sheet.column(field).header
    findings = []
    for members in groups.values():
        if len(members) < 2:
            continue
        rows = row_list(row for row, _ in members)
        for row, shown in members:
            text = message(code, header, wert=shown, zeilen=rows, **params(row))
            findings.append(Finding(sheet.name, row, header, code, text))
    return findings


def mandant_duplicates(sheet: Sheet, values: SheetValues) -> list[Finding]:
    """`mandant-doppelt`: Impressum, Datenschutzbeauftragte and Logo hold one row per Mandant."""
    groups: Groups = defaultdict(list)
    for row, fields in values.items():
        if fields.get("mandant"):
            groups[name_key(fields["mandant"] or "")].append((row, fields["mandant"] or ""))
    return _duplicates(sheet, "mandant", "mandant-doppelt", groups)


def unit_findings(values: SheetValues, known_units: dict[str, set[str]]) -> list[Finding]:
    """Every cross-row finding of the Organisationseinheiten sheet."""
    units = _Units(values)
    known = {name_key(m): {name_key(u) for u in names} for m, names in known_units.items()}
    return [
        *units.duplicate_names(),
        *units.duplicate_ids(),
        *units.unknown_parents(known),
        *units.cycles(),
    ]


class _Units:
    """The unit rows that have a Mandant and a name, keyed by (Mandant key, name key)."""

    def __init__(self, values: SheetValues) -> None:
        self.values = values
        self.rows = [
            (row, name_key(f["mandant"] or ""), name_key(f["name"] or ""), f)
            for row, f in values.items()
            if f.get("mandant") and f.get("name")
        ]
        self.names = {(mandant, name) for _, mandant, name, _ in self.rows}

    def duplicate_names(self) -> list[Finding]:
        groups: Groups = defaultdict(list)
        for row, mandant, name, fields in self.rows:
            groups[(mandant, name)].append((row, fields["name"] or ""))
        return _duplicates(
            ORGANISATIONSEINHEITEN,
            "name",
            "oe-doppelt",
            groups,
            lambda row: {"mandant": self.values[row]["mandant"] or ""},
        )

    def duplicate_ids(self) -> list[Finding]:
        groups: Groups = defaultdict(list)
        for row, fields in self.values.items():
            if fields.get("oe_id"):
                groups[fields["oe_id"]].append((row, fields["oe_id"] or ""))
        return _duplicates(ORGANISATIONSEINHEITEN, "oe_id", "oe-id-doppelt", groups)

    def unknown_parents(self, known: dict[str, set[str]]) -> list[Finding]:
        header = ORGANISATIONSEINHEITEN.column("parent").header
        findings = []
        for row, mandant, _, fields in self.rows:
            parent = fields.get("parent")
            if not parent:
                continue
            key = name_key(parent)
            if (mandant, key) not in self.names and key not in known.get(mandant, set()):
                text = message(
                    "oe-uebergeordnet-unbekannt", header, wert=parent, mandant=fields["mandant"]
                )
                findings.append(
                    Finding(
                        ORGANISATIONSEINHEITEN.name, row, header, "oe-uebergeordnet-unbekannt", text
                    )
                )
        return findings

    def cycles(self) -> list[Finding]:
        """`oe-zyklus` on every row whose unit lies on a cycle of parents within the sheet."""
        parent_of: dict[Unit, Unit] = {}
        shown: dict[Unit, str] = {}
        for _, mandant, name, fields in self.rows:
            shown.setdefault((mandant, name), fields["name"] or "")
            parent = fields.get("parent")
            if parent and (mandant, name_key(parent)) in self.names:
                parent_of.setdefault((mandant, name), (mandant, name_key(parent)))
        on_cycle = _nodes_on_cycles(parent_of)
        header = ORGANISATIONSEINHEITEN.column("parent").header
        findings = []
        for row, mandant, name, fields in self.rows:
            unit = (mandant, name)
            parent = fields.get("parent")
            if unit in on_cycle and parent and parent_of[unit] == (mandant, name_key(parent)):
                chain = " → ".join(_cycle_from(unit, parent_of, shown))
                text = message("oe-zyklus", header, wert=parent, kette=chain)
                findings.append(
                    Finding(ORGANISATIONSEINHEITEN.name, row, header, "oe-zyklus", text)
                )
        return findings


def _nodes_on_cycles(parent_of: dict[Unit, Unit]) -> set[Unit]:
    """The nodes lying on a cycle of a graph where each node has at most one parent (O(n))."""
    done: set[Unit] = set()
    on_cycle: set[Unit] = set()
    for start in parent_of:
        path: dict[Unit, int] = {}
        node: Unit | None = start
        while node is not None and node not in done and node not in path:
            path[node] = len(path)
            node = parent_of.get(node)
        if node is not None and node in path:
            on_cycle.update(list(path)[path[node] :])
        done.update(path)
    return on_cycle


def _cycle_from(unit: Unit, parent_of: dict[Unit, Unit], shown: dict[Unit, str]) -> list[str]:
    """unit → parent → … → unit (the unit lies on the cycle); a long cycle is cut short."""
    chain = [unit]
    node = parent_of[unit]
    while node != unit and len(chain) < CHAIN_SHOWN:
        chain.append(node)
        node = parent_of[node]
    names = [shown[u] for u in chain]
    return [*names, shown[unit]] if node == unit else [*names, "…", shown[unit]]
