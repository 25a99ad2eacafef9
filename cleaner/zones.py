"""Where a line sits: in the header zone, the footer zone, or the article between them.

Site chrome gathers at the edges of scraped text. A rule with `position = "top"`,
`"bottom"` or `"edge"` only fires in those zones, which lets short, ambiguous phrases
("World", "AFP", "Comments") be removed at the edges without touching the same words
inside the story.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from .model import Block, Document
from .signals import is_body, words

TOP_SHARE = 0.15
BOTTOM_SHARE = 0.25
TOP_MIN_WORDS = 25
BOTTOM_MIN_WORDS = 40


@dataclass(frozen=True)
class Zones:
    top: frozenset[int]
    bottom: frozenset[int]

    def allows(self, block: Block, position: str) -> bool:
        if position == "any":
            return True
        in_top = block.index in self.top
        in_bottom = block.index in self.bottom
        if position == "top":
            return in_top
        if position == "bottom":
            return in_bottom
        return in_top or in_bottom  # "edge"


def _line_facts(doc: Document) -> tuple[list[int], list[bool], int, dict[int, Block]]:
    """Word count and body-paragraph verdict of every block as segmented, their total, and
    the block on each line: computed once per document, since most lines are never cut."""
    def compute() -> tuple[list[int], list[bool], int, dict[int, Block]]:
        counts = [words(b.text) for b in doc.blocks]
        return counts, [is_body(b.text) for b in doc.blocks], sum(counts), {b.line: b for b in doc.blocks}

    return doc.memo("zones.line-facts", compute)


def zones(doc: Document, exclude: Collection[int] = ()) -> Zones:
    """Zones over the blocks still live (removed ones no longer push others inward), also
    leaving out the lines in `exclude` (lines about to go).

    Linear in the size of the zones plus the lines cut so far, not in the document: word
    counts and body verdicts of untouched lines are computed once per document, and each
    scan stops where its zone ends (the words before a line only grow).
    """
    counts, body, total, on_line = _line_facts(doc)
    changed_counts: dict[int, int] = {}  # by block index: lines cut into, still live
    changed_body: dict[int, bool] = {}
    skipped: set[int] = set()  # gone or excluded
    for line in set(doc.touched_lines()) | set(exclude):
        block = on_line.get(line)
        if block is None:
            continue
        total -= counts[block.index]
        if line in exclude or doc.is_gone(block):
            skipped.add(block.index)
            continue
        rest = doc.remaining(block)
        changed_counts[block.index], changed_body[block.index] = words(rest), is_body(rest)
        total += changed_counts[block.index]

    top_limit = max(TOP_MIN_WORDS, TOP_SHARE * total)
    bottom_limit = max(BOTTOM_MIN_WORDS, BOTTOM_SHARE * total)
    edges: list[set[int]] = []
    for order, limit in ((doc.blocks, top_limit), (reversed(doc.blocks), bottom_limit)):
        zone: set[int] = set()
        passed = 0  # words of the live lines between the edge and this one
        seen_body = False  # a body paragraph between the edge and this line, this one included
        for block in order:
            i = block.index
            if i in skipped:
                continue
            seen_body = seen_body or changed_body.get(i, body[i])
            if seen_body and passed > limit:
                break
            zone.add(i)
            passed += changed_counts.get(i, counts[i])
        edges.append(zone)
    return Zones(frozenset(edges[0]), frozenset(edges[1]))
