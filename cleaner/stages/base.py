"""What every stage shares: the protocol, and helpers that make well-formed removals."""

from __future__ import annotations

from typing import Protocol

from ..model import Block, Document, Removal, Span
from ..prefilter import rule_index
from ..rulepack import Rule


class Stage(Protocol):
    """A pure function of the document that proposes removals; it never edits text."""

    name: str

    def __call__(self, doc: Document) -> list[Removal]: ...

#: The document-wide literal scans and the phrase stage's memory of clean lines are speed
#: only; with this off every line takes the plain per-line path (tests/test_fast_paths.py
#: compares the two).
SCAN_DOCUMENTS = True


def remove_block(doc: Document, block: Block, stage: str, rule: Rule) -> Removal:
    """Propose removing the whole of `block`, labelled by `rule`."""
    return Removal(block.span, block.line, stage, rule.id, rule.category, rule.reason, block.text)


def remove_part(doc: Document, block: Block, start: int, end: int, stage: str, rule: Rule) -> Removal:
    """Propose removing `block.text[start:end]` (offsets within the line)."""
    span = Span(block.span.start + start, block.span.start + end)
    return Removal(span, block.line, stage, rule.id, rule.category, rule.reason, doc.text[span.start : span.end])


def remove_rest(doc: Document, block: Block, stage: str, rule: Rule) -> list[Removal]:
    """Propose removing what earlier removals left of `block` (one removal per non-blank piece).

    A line a sentence rule already cut is judged by what is left of it, which is exactly the
    line a second cleaning would see; taking the rest keeps cleaning idempotent.
    """
    cuts = sorted(r.span for r in doc.removed_in(block))
    out, pos = [], block.span.start
    for cut in [*cuts, Span(block.span.end, block.span.end)]:
        if cut.start > pos and doc.text[pos : cut.start].strip():
            out.append(Removal(Span(pos, cut.start), block.line, stage, rule.id, rule.category, rule.reason,
                               doc.text[pos : cut.start]))
        pos = max(pos, cut.end)
    return out


def untouched(doc: Document, blocks: list[Block] | None = None) -> list[Block]:
    """Blocks no earlier removal has touched: the ones a line-level rule may still take whole."""
    return [b for b in (doc.blocks if blocks is None else blocks) if not doc.removed_in(b)]


def lines_with_literals(doc: Document, rules: list[Rule]) -> dict[int, set[int]] | None:
    """1-based line -> indexes of `rules` with a required literal on that line, from one scan
    per document (kept for later rounds). A line without an entry cannot be matched by any
    of them. None when some rule has no literal condition (or the scans are off, see
    `SCAN_DOCUMENTS`): then every line must be tried."""
    index = rule_index(rules)
    if index.always or not SCAN_DOCUMENTS:
        return None
    return doc.memo(("lines-with-literals", id(rules)), lambda: index.lines(doc.text))
