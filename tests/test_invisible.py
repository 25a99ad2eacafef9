"""Invisible and bidi characters: rules match through them, the report counts them, the review
page shows them in names (issue 14, case 8)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.api import clean_text
from cleaner.cli import app
from cleaner.report import replay

ARTICLE = "The council met on Monday to vote on the budget for next year, officials confirmed.\n"


@pytest.mark.parametrize(("line", "rule"), [
    ("Adver\u200btisement", "ads.marker"),
    ("Share on\xa0Facebook", "social.share-buttons"),
    ("Share this ar\u00adticle", "social.share-buttons"),
    ("Adver\u00adtise\u200dment", "ads.marker"),
])
def test_rules_match_through_invisible_characters_and_cut_the_real_span(line: str, rule: str) -> None:
    text = f"{line}\n\n{ARTICLE}"
    result = clean_text(text)
    assert result.text == ARTICLE
    assert [(r.rule, r.text) for r in result.removals] == [(rule, line)]
    removal = result.removals[0]
    assert result.document is not None
    assert result.document.text[removal.span.start : removal.span.end] == line  # offsets into the real text
    assert replay(result.report) == result.text
    assert clean_text(result.text).removals == []


def test_a_sentence_rule_cuts_only_its_sentence_through_a_zero_width_space() -> None:
    text = f"{ARTICLE.strip()} Your sup\u200bport helps us to tell the story.\n"
    result = clean_text(text)
    assert replay(result.report) == result.text
    assert result.text == ARTICLE
    assert [r.rule for r in result.removals] == ["donation.support-helps"]


def test_the_report_counts_invisible_and_bidi_characters() -> None:
    text = f"Adver\u200btisement\n\n{ARTICLE.strip()} A\xa0B\u00adC \u202ereversed\u202c.\n"
    result = clean_text(text)
    assert result.report["invisible"] == {"zero-width": 1, "no-break-space": 1, "soft-hyphen": 1,
                                          "bidi-control": 2}
    assert any("bidi control" in f for f in result.flags)
    assert "invisible" not in clean_text(ARTICLE).report


def test_the_review_page_shows_invisible_and_bidi_characters_in_names(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    name = "report_\u202egpj.exe.txt"
    (src / name).write_text(ARTICLE + "\nShare this article\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["clean", str(src), "-o", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    page = (out / "review.html").read_text(encoding="utf-8")
    start = page.index('id="review-data"')
    data = json.loads(page[page.index(">", start) + 1 : page.index("</script>", start)])
    entry = next(f for f in data["files"] if f["n"] == name)
    assert entry["v"] == "report_⟨U+202E⟩gpj.exe.txt"
    assert "unicode-bidi: isolate" in page
    assert "text: f.v || f.n" in page and "d.shown || d.name" in page
