"""Cut repaired text into blocks (non-blank lines) and lines into sentences.

Extractors write one paragraph per line, with or without blank lines between, so a line is
the natural unit to judge. Sentences matter for boilerplate glued onto article text
("Your support makes all the difference.Kim Jong-un could ..."), so the sentence splitter
also splits where a sentence end runs straight into a capital letter.

The sentence splitter is in the compiled core (`cleaner._core.sentences`, core/src/segment.rs:
a sentence end followed by white space, or a lower-case word's end mark glued to a capital,
unless the period closes an abbreviation or an initial).
"""

from __future__ import annotations

from functools import lru_cache

from . import _core
from .model import Block, Span


def split_blocks(text: str) -> list[Block]:
    """One `Block` per non-blank line, with its span (newline excluded) and 1-based line number."""
    blocks: list[Block] = []
    pos = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            blocks.append(Block(len(blocks), Span(pos, pos + len(line)), number, line))
        pos += len(line) + 1
    return blocks


def line_starts(text: str) -> list[int]:
    """Offsets where each line starts (index i is line i + 1)."""
    starts = [0]
    find = text.find
    pos = find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = find("\n", pos + 1)
    return starts


@lru_cache(maxsize=65536)
def sentences(line: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans `(start, end)` within `line`; each span includes its trailing space.

    Cached: the phrase, block and duplicate stages all split the same lines, in every round.
    """
    return tuple(_core.sentences(line))
