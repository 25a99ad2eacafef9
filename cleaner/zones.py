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


def block_words(doc: Document) -> list[int]:
    """Words of each block as segmented (by block index), counted once per document."""
    return _line_facts(doc)[0]


@dataclass
class _CutLines:
    """Zone bookkeeping for the lines cut so far, brought up to date one removal at a time
    (a document with tens of thousands of removals must not be re-read on every call)."""

    seen: int  # how many of `doc.removals` are accounted for
    total: int  # words of all live lines
    counts: dict[int, int]  # by block index: words left on lines cut into, still live
    body: dict[int, bool]
    gone: set[int]  # block indexes with nothing left

    def update(self, doc: Document, base_counts: list[int], on_line: dict[int, Block]) -> None:
        fresh = {r.line for r in doc.removals[self.seen :]}
        self.seen = len(doc.removals)
        for line in fresh:
            block = on_line.get(line)
            if block is None:
                continue
            i = block.index
            if i not in self.gone:
                self.total -= self.counts.get(i, base_counts[i])
            self.gone.discard(i)
            self.counts.pop(i, None)
            self.body.pop(i, None)
            if doc.is_gone(block):
                self.gone.add(i)
                continue
            rest = doc.remaining(block)
            self.counts[i], self.body[i] = words(rest), is_body(rest)
            self.total += self.counts[i]


def zones(doc: Document, exclude: Collection[int] = ()) -> Zones:
    """Zones over the blocks still live (removed ones no longer push others inward), also
    leaving out the lines in `exclude` (lines about to go).

    Linear in the size of the zones plus the lines cut since the last call (and `exclude`),
    not in the document: word counts and body verdicts of untouched lines are computed once
    per document, cut lines are accounted for once per cut, and each scan stops where its
    zone ends (the words before a line only grow).
    """
    counts, body, base_total, on_line = _line_facts(doc)
    cut = doc.memo("zones.cut-lines", lambda: _CutLines(0, base_total, {}, {}, set()))
    cut.update(doc, counts, on_line)
    total = cut.total
    skipped = set()
    for line in exclude:
        block = on_line.get(line)
        if block is None or block.index in cut.gone:
            continue
        total -= cut.counts.get(block.index, counts[block.index])
        skipped.add(block.index)

    top_limit = max(TOP_MIN_WORDS, TOP_SHARE * total)
    bottom_limit = max(BOTTOM_MIN_WORDS, BOTTOM_SHARE * total)
    edges: list[set[int]] = []
    for order, limit in ((doc.blocks, top_limit), (reversed(doc.blocks), bottom_limit)):
        zone: set[int] = set()
        passed = 0  # words of the live lines between the edge and this one
        seen_body = False  # a body paragraph between the edge and this line, this one included
        for block in order:
            i = block.index
            if i in cut.gone or i in skipped:
                continue
            seen_body = seen_body or cut.body.get(i, body[i])
            if seen_body and passed > limit:
                break
            zone.add(i)
            passed += cut.counts.get(i, counts[i])
        edges.append(zone)
    return Zones(frozenset(edges[0]), frozenset(edges[1]))
