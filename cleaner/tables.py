"""Table rows written as text: lines of cells between bars, which are the article's.

A site menu ("Home | News | Sport | Weather") and a results table ("Yankees | 90 | 72 |
.556") are both short pieces between "|" separators, so a menu rule alone cannot tell them
apart. A table has what a menu has not: several rows in a row with the same number of
cells, and figures in its cells. Navigation checks ask `table_rows` before they take a line.

One pass over the document's lines; a row's cells are counted once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .model import Block, Document

#: Cell separators of a text table: a bar, or a tab.
_CELL_SPLIT = re.compile(r"\s*\|\s*|\t+")
# A cell that is a figure: "90", "52%", "1,024", "$3.5m", "3-1", ".556", "2:05.3", "+4".
_NUMBER_CELL = re.compile(r"^[(+\-−±~$€£¥]*\d[\d.,:/%–-]*\s*(?:[a-z%]{0,3}|bn|mn|pts?|pct)\)?$|^[.,]\d+$",
                          re.IGNORECASE)
#: Rows of one table: at least this many consecutive lines with the same number of cells.
TABLE_MIN_ROWS = 2
#: Cells per row, at least: a menu has three entries or more, and so does a table row.
TABLE_MIN_CELLS = 3


def cells(text: str) -> list[str]:
    """The line's cells between bars (or tabs), outer bars dropped; [] for a line with no
    separator."""
    stripped = text.strip().strip("|").strip()
    if "|" not in stripped and "\t" not in stripped:
        return []
    return [c.strip() for c in _CELL_SPLIT.split(stripped)]


def number_cell(cell: str) -> bool:
    """A cell holding a figure and at most a unit: what a table's data rows are made of."""
    return bool(_NUMBER_CELL.match(cell.strip()))


def table_rows(texts: Sequence[str]) -> set[int]:
    """Indexes of the lines that are rows of a table: TABLE_MIN_ROWS or more consecutive
    lines (blank lines aside) with the same number of cells, TABLE_MIN_CELLS or more, where
    at least half of the rows hold a number cell. A header row ("Team | W | L") belongs to
    the table below it; two menus in a row have no figures in their cells and are no table."""
    out: set[int] = set()
    run: list[int] = []
    width = 0
    numbered = 0

    def close() -> None:
        if len(run) >= TABLE_MIN_ROWS and numbered * 2 >= len(run):
            out.update(run)

    for i, text in enumerate(texts):
        if not text.strip():
            continue
        row = cells(text)
        n = len(row) if len(row) >= TABLE_MIN_CELLS else 0
        if n and n == width:
            run.append(i)
        else:
            close()
            run, width, numbered = ([i], n, 0) if n else ([], 0, 0)
        if n:
            numbered += any(number_cell(c) for c in row)
    close()
    return out


def in_table(doc: Document, block: Block) -> bool:
    """Whether `block` is a row of a table of the document's text (`table_rows`, once per
    document: the text never changes while stages run)."""
    return block.index in doc.memo("tables", lambda: table_rows([b.text for b in doc.blocks]))
