"""Where a line sits: in the header zone, the footer zone, or the article between them.

Site chrome gathers at the edges of scraped text. A rule with `position = "top"`,
`"bottom"` or `"edge"` only fires in those zones, which lets short, ambiguous phrases
("World", "AFP", "Comments") be removed at the edges without touching the same words
inside the story.
"""

from __future__ import annotations

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


def zones(doc: Document, blocks: list[Block] | None = None) -> Zones:
    """Zones over the blocks still live (removed ones no longer push others inward)."""
    live = doc.live_blocks() if blocks is None else blocks
    texts = [doc.remaining(b) for b in live]
    counts = [words(t) for t in texts]
    total = sum(counts)
    body = [i for i, t in enumerate(texts) if is_body(t)]
    first_body = body[0] if body else len(live)
    last_body = body[-1] if body else -1
    top_limit = max(TOP_MIN_WORDS, TOP_SHARE * total)
    bottom_limit = max(BOTTOM_MIN_WORDS, BOTTOM_SHARE * total)
    top, bottom = set(), set()
    before = 0
    for i, block in enumerate(live):
        if i < first_body or before <= top_limit:
            top.add(block.index)
        before += counts[i]
    after = 0
    for i in range(len(live) - 1, -1, -1):
        if i > last_body or after <= bottom_limit:
            bottom.add(live[i].index)
        after += counts[i]
    return Zones(frozenset(top), frozenset(bottom))
