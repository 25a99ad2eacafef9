"""The promises of ARCHITECTURE.md, checked on every sample: the report accounts for every
change, no word is invented or reordered, cleaning is idempotent, clean text is left alone."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from conftest import sample_inputs

from cleaner.report import replay
from cleaner.signals import words

SAMPLES = sample_inputs()


@pytest.mark.parametrize("source", SAMPLES, ids=lambda p: p.name)
def test_report_replays_to_the_written_output(cleaner, source: Path) -> None:
    result = cleaner.clean_file(source)
    assert replay(result.report) == result.text


@pytest.mark.parametrize("source", SAMPLES, ids=lambda p: p.name)
def test_each_removal_is_the_text_at_its_span(cleaner, source: Path) -> None:
    report = cleaner.clean_file(source).report
    text = report["text"]
    lines = text.split("\n")
    for r in report["removals"]:
        assert text[r["start"] : r["end"]] == r["text"]
        assert r["text"] in lines[r["line"] - 1]
    assert report["counts"] == dict(Counter(r["category"] for r in report["removals"]))
    assert report["chars_out"] == len(cleaner.clean_file(source).text)


@pytest.mark.parametrize("source", SAMPLES, ids=lambda p: p.name)
def test_output_is_the_repaired_input_with_spans_cut(cleaner, source: Path) -> None:
    """Every output word comes from the repaired text, in order: nothing invented or moved."""
    result = cleaner.clean_file(source)
    remaining = iter(result.report["text"].split())
    for word in result.text.split():
        assert any(word in candidate for candidate in remaining), word


@pytest.mark.parametrize("source", SAMPLES, ids=lambda p: p.name)
def test_cleaning_is_idempotent(cleaner, source: Path) -> None:
    once = cleaner.clean_file(source)
    twice = cleaner.clean_text(once.text)
    assert twice.report["removals"] == []
    assert twice.text == once.text


def test_clean_article_is_unchanged_apart_from_its_edges(cleaner) -> None:
    article = (
        "\n\nCouncil approves school budget\n\n"
        "The council approved the school budget on Monday after a debate that lasted four hours.\n"
        "Teachers’ unions welcomed the decision — “a good start,” one leader said.\n\n\n"
        "Spending on buildings will rise by 4% next year.\n\n"
    )
    result = cleaner.clean_text(article)
    assert result.report["removals"] == []
    assert result.text == article.strip("\n") + "\n"


def test_glued_boilerplate_is_cut_at_the_sentence_and_the_article_stays(cleaner) -> None:
    text = ("Headline about the harbour\n"
            "Your support makes all the difference.The harbour reopened on Saturday after three months.\n")
    result = cleaner.clean_text(text)
    assert result.text == "Headline about the harbour\nThe harbour reopened on Saturday after three months.\n"
    (removal,) = result.report["removals"]
    assert removal["text"] == "Your support makes all the difference."
    assert removal["category"] == "donation"


def test_word_count_helper_matches_split() -> None:
    assert words("  a b\tc\n") == 3
