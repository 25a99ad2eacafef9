"""Derive the clean text from the repaired text and the removal records.

This is the only place output text is made, and it is a pure function of
`(text, removals)`: the report carries both, so anyone can replay it and get the output
byte for byte. Layout rules, the whole of them:

1. every removal span is cut;
2. a line that a removal left with nothing but white space is dropped with its newline;
3. blank lines around a dropped line collapse to one (other spacing is left as it was);
4. blank lines at the start and end go, and a non-empty result ends with one newline.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate

from .model import Removal, Span


@dataclass(frozen=True)
class Layout:
    """What the layout rules did besides cutting spans, for the report."""

    lines_dropped: int
    blank_lines_collapsed: int
    edge_lines_trimmed: int


def line_fates(text: str, removals: Iterable[Removal | Span]) -> tuple[list[str | None], Layout]:
    """For each line of `text`: what it becomes in the output, or None if it is dropped.

    Only lines a removal touches, and the blank runs around dropped lines, are looked at
    one by one; every other line is taken as `str.split` gives it (linear, and cheap for
    long documents with few removals).
    """
    spans = sorted(r.span if isinstance(r, Removal) else r for r in removals)
    fates: list[str | None] = list(text.split("\n"))
    starts = list(accumulate((len(line) + 1 for line in fates), initial=0))
    dropped_lines: list[int] = []
    index = 0
    while index < len(spans):
        line = bisect_right(starts, spans[index].start) - 1
        pos = starts[line]
        end = pos + len(fates[line])  # type: ignore[arg-type]
        pieces, cursor = [], pos
        while index < len(spans) and spans[index].start <= end:
            span = spans[index]
            pieces.append(text[cursor : max(cursor, span.start)])
            cursor = max(cursor, span.end)
            index += 1
        pieces.append(text[min(cursor, end) : end])
        kept = "".join(pieces)
        if kept.strip():
            fates[line] = kept
        else:
            fates[line] = None
            dropped_lines.append(line)

    # Blank lines next to a dropped line collapse to one; untouched spacing stays as it was.
    def blank(i: int) -> bool:
        fate = fates[i]
        return fate is None or not fate.strip()

    collapsed = 0
    done_until = -1
    for line in dropped_lines:
        if line <= done_until:
            continue  # inside a run already collapsed
        i, j = line, line + 1
        while i > 0 and blank(i - 1):
            i -= 1
        while j < len(fates) and blank(j):
            j += 1
        blanks = [k for k in range(i, j) if fates[k] is not None]
        for k in blanks[1:]:
            fates[k] = None
            collapsed += 1
        done_until = j - 1
    trimmed = 0
    for order in (range(len(fates)), range(len(fates) - 1, -1, -1)):
        for i in order:
            fate = fates[i]
            if fate is None:
                continue
            if fate.strip():
                break
            fates[i] = None
            trimmed += 1
    return fates, Layout(len(dropped_lines), collapsed, trimmed)


def render_with_layout(text: str, removals: Iterable[Removal | Span]) -> tuple[str, Layout]:
    fates, layout = line_fates(text, removals)
    body = "\n".join(f for f in fates if f is not None)
    return (body + "\n" if body else ""), layout


def render(text: str, removals: Iterable[Removal | Span]) -> str:
    """The clean text: `text` with `removals` cut and the layout rules applied."""
    return render_with_layout(text, removals)[0]
