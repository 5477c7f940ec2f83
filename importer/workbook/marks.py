"""Problem marks on cells: a light-red fill and a comment block that only we add and remove.

Our fill is recognised by its exact colour, our comment text by its first line. A user's own
fill is never replaced (the comment still shows the problem) and a user's own comment is kept:
our block is appended to it and cut off again when cleared.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from copy import copy

from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from importer.workbook.styles import FINDING_FILL, FINDING_RGB, WRITTEN_RGB

MARK_AUTHOR = "amt24-import"
MARK_HEADER = "amt24-import meldet:"
_NO_FILL = PatternFill(fill_type=None)


def fill_rgb(fill: PatternFill | None) -> str | None:
    """The six-digit colour of a solid fill, or None (no fill, pattern or theme colour)."""
    if fill is None or fill.fill_type != "solid":
        return None
    color = fill.fgColor
    if color is None or color.type != "rgb" or not isinstance(color.rgb, str):
        return None
    return color.rgb[-6:].upper()


def is_marked(cell: Cell) -> bool:
    comment = cell.comment
    return fill_rgb(cell.fill) == FINDING_RGB or (
        comment is not None and MARK_HEADER in (comment.text or "")
    )


def mark_cell(cell: Cell, messages: list[str], column_fill: PatternFill | None) -> None:
    """Colour `cell` (unless the user coloured it) and put `messages` into its comment."""
    if fill_rgb(cell.fill) in {None, FINDING_RGB, WRITTEN_RGB, fill_rgb(column_fill)}:
        cell.fill = FINDING_FILL
    block = MARK_HEADER + "\n" + "\n".join(messages)
    own_text, author = _user_comment(cell)
    text = f"{own_text}\n\n{block}" if own_text else block
    lines = sum(1 + len(line) // 45 for line in text.splitlines())
    cell.comment = Comment(text, author or MARK_AUTHOR, height=min(400, 20 + 15 * lines), width=320)


def clear_cell(cell: Cell, column_fill: PatternFill | None) -> None:
    """Remove our fill and our comment block from `cell`; leave everything else as it is."""
    if fill_rgb(cell.fill) == FINDING_RGB:
        # A column's style comes as a read-only proxy: assign a copy.
        cell.fill = copy(column_fill) if fill_rgb(column_fill) else _NO_FILL
    if cell.comment is None:
        return
    own_text, author = _user_comment(cell)
    cell.comment = Comment(own_text, author or MARK_AUTHOR) if own_text else None


def _user_comment(cell: Cell) -> tuple[str, str | None]:
    """The user's part of the cell's comment (without our block) and its author."""
    comment = cell.comment
    if comment is None:
        return "", None
    text = comment.text or ""
    index = text.find(MARK_HEADER)
    own = (text if index < 0 else text[:index]).rstrip()
    author = comment.author if comment.author != MARK_AUTHOR else None
    return own, author


Position = tuple[int, int]  # (row, column), 1-based


class SheetMarks:
    """Which row's findings mark which cell of one sheet, with their messages.

    A cell usually shows the findings of its own row; the first cell of a range merged over
    several rows shows those of every row it covers, and keeps its mark until the last of
    them is cleared. Marks found in the file have no known messages: they belong to their
    cell's row and give way when a finding marks the cell anew.
    """

    def __init__(self, marked_cells: Iterable[Position]) -> None:
        self._by_cell: dict[Position, dict[int, list[str]]] = {}
        self._by_row: dict[int, set[Position]] = defaultdict(set)
        for cell in marked_cells:
            self._by_cell[cell] = {cell[0]: []}
            self._by_row[cell[0]].add(cell)

    def rows(self) -> set[int]:
        """Rows whose findings mark a cell."""
        return {row for row, cells in self._by_row.items() if cells}

    def add(self, row: int, cell: Position, messages: list[str]) -> None:
        owners = self._by_cell.setdefault(cell, {})
        for old in [owner for owner, known in owners.items() if not known]:
            del owners[old]
            self._by_row[old].discard(cell)
        owners[row] = messages
        self._by_row[row].add(cell)

    def remove(self, row: int) -> set[Position]:
        """Forget the marks of `row`; return the cells whose marks changed."""
        cells = self._by_row.pop(row, set())
        for cell in cells:
            owners = self._by_cell[cell]
            del owners[row]
            if not any(owners.values()):
                del self._by_cell[cell]
                for owner in owners:
                    self._by_row[owner].discard(cell)
        return cells

    def messages(self, cell: Position) -> list[str]:
        """The messages `cell` shows, in row order, each once (a cell merged over rows would
        otherwise say the same for every row)."""
        owners = self._by_cell.get(cell, {})
        found = (message for row in sorted(owners) for message in owners[row])
        return list(dict.fromkeys(found))
