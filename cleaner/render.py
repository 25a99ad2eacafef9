"""Derive the clean text from the repaired text and the removal records.

This is the only place output text is made, and it is a pure function of
`(text, removals)`: the report carries both, so anyone can replay it and get the output
byte for byte. Layout rules, the whole of them:

1. every removal span is cut;
2. a line that a removal left with nothing but white space is dropped with its newline;
3. blank lines around a dropped line collapse to one (other spacing is left as it was);
4. blank lines at the start and end go, and a non-empty result ends with one newline.

The rules are carried out by the compiled core (`cleaner._core.render_plan`, core/src/render.rs).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from . import _core
from .model import Removal, Span


@dataclass(frozen=True)
class Layout:
    """What the layout rules did besides cutting spans, for the report."""

    lines_dropped: int
    blank_lines_collapsed: int
    edge_lines_trimmed: int


def _plan(text: str, removals: Iterable[Removal | Span]) -> tuple:  # type: ignore[type-arg]
    spans = [(s.start, s.end) for s in (r.span if isinstance(r, Removal) else r for r in removals)]
    return _core.render_plan(text, spans)


def line_fates(text: str, removals: Iterable[Removal | Span]) -> tuple[list[str | None], Layout]:
    """For each line of `text`: what it becomes in the output, or None if it is dropped."""
    _pieces, _final, changed, dropped, collapsed, trimmed = _plan(text, removals)
    fates: list[str | None] = list(text.split("\n"))
    for index, kept in changed:
        fates[index] = None if kept is None else "".join(text[a:b] for a, b in kept)
    return fates, Layout(dropped, collapsed, trimmed)


def render_with_layout(text: str, removals: Iterable[Removal | Span]) -> tuple[str, Layout]:
    """The clean text and what the layout rules did. The core plans the output as ranges of
    `text` (linear, one call per document); joining the slices here copies the text exactly,
    lone surrogates included."""
    pieces, final, _changed, dropped, collapsed, trimmed = _plan(text, removals)
    out = "".join(text[a:b] for a, b in pieces)
    return (out + "\n" if final else out), Layout(dropped, collapsed, trimmed)


def render(text: str, removals: Iterable[Removal | Span]) -> str:
    """The clean text: `text` with `removals` cut and the layout rules applied."""
    return render_with_layout(text, removals)[0]
