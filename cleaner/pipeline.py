"""Run the stages over one document and record what they propose.

Stages propose, the pipeline records. Every proposal is checked at the boundary (in
bounds, on one line, text matches, no overlap with what is already removed, a known
category); a broken one raises `StageContractError` naming the stage and the fix. The
stages run in rounds until a round proposes nothing, so what the output would lose on a
second cleaning is already lost on the first: cleaning is idempotent.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_right
from collections.abc import Sequence

from .decode import decoding_flags
from .errors import DocumentTimeout, StageContractError
from .invisible import BIDI_CONTROLS
from .model import CATEGORIES, Document, Removal
from .prefilter import forget_document
from .render import render_with_layout
from .segment import line_starts, split_blocks
from .stages.base import Stage

MAX_ROUNDS = 4
_HAS_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
REMOVED_SHARE_FLAG = 0.5


def run(doc: Document, stages: Sequence[Stage], deadline: float | None = None) -> Document:
    """Segment `doc.text`, apply `stages` until nothing changes, then set review flags."""
    doc.set_blocks(split_blocks(doc.text))
    starts = line_starts(doc.text)
    try:
        _rounds(doc, stages, deadline, starts)
    finally:
        forget_document()
    doc.removals.sort(key=lambda r: r.span)
    flag(doc)
    return doc


def _rounds(doc: Document, stages: Sequence[Stage], deadline: float | None, starts: list[int]) -> None:
    """Apply every stage, round after round, until a round proposes nothing (or MAX_ROUNDS)."""
    for _ in range(MAX_ROUNDS):
        added = 0
        for stage in stages:
            if deadline is not None and time.monotonic() > deadline:
                raise DocumentTimeout(f"time limit reached during stage {stage.name!r}")
            proposals = stage(doc)
            if not isinstance(proposals, list):
                raise StageContractError(
                    f"stage {stage.name!r} returned {type(proposals).__name__}, not a list of Removal "
                    "(maybe it forgot to return its proposals?)")
            for removal in proposals:
                check(doc, stage.name, removal, starts)
                doc.add_removal(removal)
                added += 1
        if not added:
            break


def check(doc: Document, stage: str, removal: object, starts: list[int]) -> None:
    """Raise `StageContractError` unless `removal` can be recorded as it is."""
    def fail(why: str) -> None:
        raise StageContractError(f"stage {stage!r} proposed an invalid removal: {why}")

    if not isinstance(removal, Removal):
        fail(f"got {type(removal).__name__}, expected Removal")
    assert isinstance(removal, Removal)
    span = removal.span
    if removal.stage != stage:
        fail(f"stage field is {removal.stage!r}; set it to the stage's own name {stage!r}")
    if not 0 <= span.start < span.end <= len(doc.text):
        fail(f"span {span.start}:{span.end} is empty or outside the text (length {len(doc.text)})")
    if doc.text[span.start : span.end] != removal.text:
        fail(f"text {removal.text[:40]!r} is not what the span {span.start}:{span.end} holds; "
             "take text from doc.text[span]")
    if "\n" in removal.text:
        fail("span crosses a line break; propose one removal per line")
    if removal.category not in CATEGORIES:
        fail(f"category {removal.category!r} is not one of {', '.join(CATEGORIES)}")
    if not removal.rule or not removal.reason:
        fail("rule and reason are required so the report can say why")
    line = bisect_right(starts, span.start)
    if line != removal.line:
        fail(f"line is {removal.line} but the span starts on line {line}")
    for other in doc.removed_in_line(removal.line):
        if other.span.overlaps(span):
            fail(f"span {span.start}:{span.end} overlaps an earlier removal by {other.stage}/{other.rule}")


def flag(doc: Document) -> None:
    """Review flags: documents a person should look at before trusting the output."""
    doc.rendered = render_with_layout(doc.text, doc.removals)
    out = doc.rendered[0]
    kept = len(out.strip())
    total = len(doc.text.strip())
    if total and not kept:
        doc.flags.append("output is empty")
    elif total and (total - kept) / total > REMOVED_SHARE_FLAG:
        doc.flags.append(f"more than half of the text removed ({(total - kept) / total:.0%})")
    if doc.decoded is not None:
        doc.flags.extend(decoding_flags(doc.decoded))
    bidi = sum(doc.text.count(ch) for ch in BIDI_CONTROLS) if _HAS_BIDI.search(doc.text) else 0
    if bidi:
        doc.flags.append(f"{bidi} bidi control character(s) in the text: it may display out of order")
