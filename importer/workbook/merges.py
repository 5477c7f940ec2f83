"""Where the cells of a merged range show: at the range's first (top left) cell.

openpyxl keeps the other cells of a range as `MergedCell`s, which hold no value, no comment
and no fill of their own: a mark or a link for one of them goes to the first cell.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict

from openpyxl.worksheet.worksheet import Worksheet


class MergedCells:
    """The merged ranges of one worksheet, found by column and row in O(log n)."""

    def __init__(self, ws: Worksheet) -> None:
        spans: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
        for merged in ws.merged_cells.ranges:
            for column in range(merged.min_col, merged.max_col + 1):
                spans[column].append((merged.min_row, merged.max_row, merged.min_col))
        self._spans = {column: sorted(found) for column, found in spans.items()}
        self._starts = {
            column: [span[0] for span in spans] for column, spans in self._spans.items()
        }

    def first_cell(self, row: int, column: int) -> tuple[int, int] | None:
        """(row, column) of the first cell of the range that covers the cell, or None."""
        starts = self._starts.get(column)
        if not starts:
            return None
        index = bisect_right(starts, row) - 1
        if index < 0:
            return None
        first_row, last_row, first_column = self._spans[column][index]
        return (first_row, first_column) if row <= last_row else None
