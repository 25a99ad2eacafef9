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

from collections.abc import Iterable
from dataclasses import dataclass

from .model import Removal, Span


@dataclass(frozen=True)
class Layout:
    """What the layout rules did besides cutting spans, for the report."""

    lines_dropped: int
    blank_lines_collapsed: int
    edge_lines_trimmed: int


def line_fates(text: str, removals: Iterable[Removal | Span]) -> tuple[list[str | None], Layout]:
    """For each line of `text`: what it becomes in the output, or None if it is dropped."""
    spans = sorted(r.span if isinstance(r, Removal) else r for r in removals)
    fates: list[str | None] = []
    dropped = 0
    index = 0
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if index < len(spans) and spans[index].start <= end:
            pieces, cursor = [], pos
            while index < len(spans) and spans[index].start <= end:
                span = spans[index]
                pieces.append(text[cursor : max(cursor, span.start)])
                cursor = max(cursor, span.end)
                index += 1
            pieces.append(text[min(cursor, end) : end])
            kept = "".join(pieces)
            if kept.strip():
                fates.append(kept)
            else:
                fates.append(None)
                dropped += 1
        else:
            fates.append(line)
        pos = end + 1

    # Blank lines next to a dropped line collapse to one; untouched spacing stays as it was.
    collapsed = 0
    i = 0
    while i < len(fates):
        if fates[i] is not None and fates[i].strip():
            i += 1
            continue
        j = i
        while j < len(fates) and (fates[j] is None or not fates[j].strip()):
            j += 1
        if any(fates[k] is None for k in range(i, j)):
            blanks = [k for k in range(i, j) if fates[k] is not None]
            for k in blanks[1:]:
                fates[k] = None
                collapsed += 1
        i = j
    kept_indexes = [i for i, fate in enumerate(fates) if fate is not None]
    trimmed = 0
    for order in (kept_indexes, reversed(kept_indexes)):
        for i in order:
            fate = fates[i]
            if fate is None:
                continue
            if fate.strip():
                break
            fates[i] = None
            trimmed += 1
    return fates, Layout(dropped, collapsed, trimmed)


def render_with_layout(text: str, removals: Iterable[Removal | Span]) -> tuple[str, Layout]:
    fates, layout = line_fates(text, removals)
    body = "\n".join(f for f in fates if f is not None)
    return (body + "\n" if body else ""), layout


def render(text: str, removals: Iterable[Removal | Span]) -> str:
    """The clean text: `text` with `removals` cut and the layout rules applied."""
    return render_with_layout(text, removals)[0]
