"""The layout rules of render(): the only place output text is made."""

from __future__ import annotations

from cleaner.model import Span
from cleaner.render import render, render_with_layout


def cut(text: str, *needles: str) -> list[Span]:
    spans = []
    for needle in needles:
        start = text.index(needle)
        spans.append(Span(start, start + len(needle)))
    return spans


def test_a_fully_removed_line_goes_with_its_newline() -> None:
    text = "A\nJUNK\nB\n"
    assert render(text, cut(text, "JUNK")) == "A\nB\n"


def test_blank_lines_around_a_removed_line_collapse_to_one() -> None:
    text = "A\n\nJUNK\n\nB\n"
    assert render(text, cut(text, "JUNK")) == "A\n\nB\n"


def test_untouched_spacing_is_kept() -> None:
    text = "A\n\n\nB\n"
    out, layout = render_with_layout(text, [])
    assert out == text
    assert layout.blank_lines_collapsed == 0


def test_edges_are_trimmed_to_one_final_newline() -> None:
    assert render("\n\nA\nB", []) == "A\nB\n"
    assert render("A\n\n\n", []) == "A\n"


def test_partial_cut_keeps_the_rest_of_the_line() -> None:
    text = "Junk sentence.Real text here.\n"
    assert render(text, cut(text, "Junk sentence.")) == "Real text here.\n"


def test_everything_removed_gives_empty_output() -> None:
    text = "JUNK\n\nMORE\n"
    assert render(text, cut(text, "JUNK", "MORE")) == ""
