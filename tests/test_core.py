"""The compiled core (cleaner._core): the parity harness, the ported pieces, the rule engine.

The Python suite is the specification of the core; these tests cover what is new with it:
that the ported splitter and render keep Python's offsets on text UTF-8 cannot hold.
"""

from __future__ import annotations

import pytest

from cleaner.model import Span
from cleaner.render import line_fates, render_with_layout
from cleaner.segment import sentences


def test_sentences_keep_python_offsets_around_a_lone_surrogate() -> None:
    line = "Broken \ud83d text. Next one.Glued On"
    spans = sentences(line)
    assert [line[a:b] for a, b in spans] == ["Broken \ud83d text. ", "Next one.", "Glued On"]


def test_render_copies_a_lone_surrogate_and_cuts_at_python_offsets() -> None:
    text = "keep \ud83d this\nShare this story\n\nnext \U0001f600 line"
    out, layout = render_with_layout(text, [Span(12, 28)])
    assert out == "keep \ud83d this\n\nnext \U0001f600 line\n"
    assert (layout.lines_dropped, layout.edge_lines_trimmed) == (1, 0)
    fates, _ = line_fates(text, [Span(12, 28)])
    assert fates == ["keep \ud83d this", None, "", "next \U0001f600 line"]


def test_render_rejects_a_span_outside_the_text() -> None:
    with pytest.raises(ValueError, match="outside the text"):
        render_with_layout("short", [Span(2, 40)])
