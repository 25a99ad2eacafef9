"""Property tests over generated documents: the invariants hold for any input (issue 7).

Documents mix article-like sentences, boilerplate lines taken from the rules' own examples,
duplicated paragraphs, blank lines and random Unicode, so the generator reaches every stage.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from cleaner.api import Cleaner, Config
from cleaner.report import replay
from cleaner.rulepack import load_rules

CLEANER = Cleaner(Config(timeout_s=None))
BOILERPLATE = sorted({line for rule in load_rules() for line in rule.remove_examples})
KEEP_LINES = sorted({line for rule in load_rules() for line in rule.keep_examples})
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SUBJECTS = ["The council", "Officials in the northern province", "The company's chief executive", "Residents",
            "A spokesman for the ministry", "The court", "Researchers at the university", "Farmers near the river"]
VERBS = ["said on Tuesday that", "warned that", "confirmed that", "argued in a statement that", "denied that"]
CLAUSES = ["the new bridge would open before the winter floods", "prices had risen for a third straight month",
           "the vote was postponed until the audit was finished", "the harvest was the smallest in a decade",
           "talks with the union would resume next week", "the school would stay closed while repairs continue"]

sentence = st.builds(lambda s, v, c, n: f"{s} {v} {c}, according to figures released in {n}.",
                     st.sampled_from(SUBJECTS), st.sampled_from(VERBS), st.sampled_from(CLAUSES),
                     st.integers(1990, 2030))
paragraph = st.lists(sentence, min_size=1, max_size=3).map(" ".join)
noise = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)


@st.composite
def documents(draw: st.DrawFn) -> str:
    """An article-like body with boilerplate, copies, blank lines and noise mixed in."""
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 14))):
        kind = draw(st.sampled_from(["para", "para", "boiler", "keep", "copy", "blank", "noise", "glued"]))
        if kind == "para":
            lines.append(draw(paragraph))
        elif kind == "boiler":
            lines.append(draw(st.sampled_from(BOILERPLATE)))
        elif kind == "keep":
            lines.append(draw(st.sampled_from(KEEP_LINES)))
        elif kind == "copy" and lines:
            lines.append(draw(st.sampled_from(lines)))
        elif kind == "blank":
            lines.append(draw(st.sampled_from(["", " ", "\t"])))
        elif kind == "noise":
            lines.append(draw(noise).replace("\n", " "))
        elif kind == "glued":  # boilerplate run into article text, as extractors leave it
            lines.append(draw(st.sampled_from(BOILERPLATE)) + draw(st.sampled_from(["", " "])) + draw(paragraph))
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\n\n"]))


def is_subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(ch in it for ch in small)


@SETTINGS
@given(documents())
def test_report_replays_to_the_output(text: str) -> None:
    result = CLEANER.clean_text(text)
    assert replay(result.report) == result.text


@SETTINGS
@given(documents())
def test_output_is_a_subsequence_of_the_repaired_input(text: str) -> None:
    """No word invented or reordered: the output is the repaired text with parts cut (plus
    the one final newline the layout adds)."""
    result = CLEANER.clean_text(text)
    assert result.document is not None
    assert is_subsequence(result.text, result.document.text + "\n")
    for removal in result.removals:
        assert result.document.text[removal.span.start : removal.span.end] == removal.text


@SETTINGS
@given(documents())
def test_cleaning_the_output_again_removes_nothing(text: str) -> None:
    once = CLEANER.clean_text(text)
    twice = CLEANER.clean_text(once.text)
    assert [(r.rule, r.text) for r in twice.removals] == []
    assert twice.text == once.text


@SETTINGS
@given(st.lists(paragraph, min_size=1, max_size=8, unique=True), st.sampled_from(["\n", "\n\n"]))
def test_a_clean_article_comes_out_unchanged(paragraphs: list[str], separator: str) -> None:
    # A clean article prints no sentence twice: a repeated sentence is the duplicate stage's to take.
    sentences = [s.rstrip(".") for p in paragraphs for s in p.split(". ")]
    assume(len(sentences) == len(set(sentences)))
    text = separator.join(paragraphs) + "\n"
    result = CLEANER.clean_text(text)
    assert result.removals == [] and result.text == text


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=300))
@example("\ud800 lone surrogate \udfff")
@example("\x00\x1b[31m\u202e\ufeff&#0;&#x110000;\r\r\n\u2028")
def test_any_unicode_text_is_cleaned_without_exception(text: str) -> None:
    result = CLEANER.clean_text(text)
    assert result.ok
    assert replay(result.report) == result.text


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_a_result_or_a_one_line_error(data: bytes) -> None:
    result = CLEANER.clean_bytes(data)
    if result.ok:
        assert replay(result.report) == result.text
    else:
        assert result.error and "\n" not in result.error and result.report["status"] == "error"


# Regressions found by scripts/fuzz.py (minimised by hand), kept as plain examples.
KIM = ("Kim Jong-un could be set to make his first official foreign visit since taking control of the Democratic "
       "People’s Republic of Korea to Moscow after the Kremlin indicated it has received a “positive” signal "
       "from the leader.")
APPEAL = ("The Independent is trusted by Americans across the entire political spectrum. And unlike many other "
          "quality news outlets, we choose not to lock Americans out of our reporting and analysis with paywalls. "
          "We believe quality journalism should be available to everyone, paid for by those who can afford it. ")


@pytest.mark.parametrize("text", [
    f"Your support makes all the difference.{KIM}\nYour support makes all the difference.{KIM}\n",
    f"{KIM}\nYour support makes all the difference.{KIM}\n",
    f"{KIM}\nSome other paragraph of the article, long enough to count here.\n"
    f"Your support makes all the difference. {KIM}\n",
])
def test_fuzz_regression_copy_left_after_a_sentence_cut_is_removed_at_once(text: str) -> None:
    """A line whose glued appeal sentence was cut, leaving a copy of an earlier paragraph:
    the copy goes on the first cleaning, not only on the second."""
    once = CLEANER.clean_text(text)
    assert once.text.count(KIM) == 1
    assert CLEANER.clean_text(once.text).removals == []


@pytest.mark.parametrize("text", [
    f"{APPEAL}Your support makes all the difference.{KIM}\n",
    "Remind me later. Your support makes all the difference.\n",
    "Your donation allows us to keep sending journalists to speak to both sides of the story. Listen to the 911 call\n",
    "Your support makes all the difference. This story was originally published on Slideshow (2 Images)\n",
    "Your donation allows us to keep sending journalists to speak to both sides of the story.Most popular\n",
])
def test_fuzz_regression_line_rule_sees_what_a_sentence_cut_left(text: str) -> None:
    """Line rules judge a line a sentence rule already cut by what is left of it (what a
    second cleaning would see), so the first cleaning already takes it."""
    once = CLEANER.clean_text(text)
    assert [r.rule for r in CLEANER.clean_text(once.text).removals] == []
    assert CLEANER.clean_text(once.text).text == once.text


def test_fuzz_regression_dangling_heading_left_by_a_cut_stamp_is_idempotent() -> None:
    text = ("After a successful stretch on the festival circuit, limited theatrical run and HBO premiere, Montage "
            "of Heck is set to return to movie theaters starting August 7th.\n Father of Portland Shooting Victim "
            "Says Justice Will Be Served Posted: Wednesday, June 27, 2012 1:32 PM EDT Updated: Wednesday, June 27, "
            "2012 2:15 PM EDT\n")
    once = CLEANER.clean_text(text)
    assert CLEANER.clean_text(once.text).removals == []


def test_fuzz_regression_sentence_rule_after_a_cut_stamp_is_idempotent() -> None:
    """A stamp glued after "Click To Tweet" is cut first; the button left in front of the
    pull quote goes in the same cleaning (a second cleaning used to take it)."""
    text = ("Click To TweetThink about it: Posted: Wednesday, June 27, 2012 1:32 PM EDT Updated: Wednesday, "
            "June 27, 2012 2:15 PM EDT\n\nT\nSonu Mehta/Hindustan Times/Getty Images Quotes delayed at least 15 "
            "minutes. Real-time quotes provided by BATS BZX Real-Time Price. Market Data provided by Interactive Data.")
    once = CLEANER.clean_text(text)
    assert "Click To Tweet" not in once.text and "Think about it:" in once.text
    again = CLEANER.clean_text(once.text)
    assert again.removals == [] and again.text == once.text


def test_fuzz_regression_many_copies_of_a_quoted_sentence_go_in_one_cleaning() -> None:
    line = "Officials from both sides met in Geneva & Vienna, a spokesman said."
    once = CLEANER.clean_text(f"{line}Getty Images said it would appeal.\n" + f"{line}\n" * 5)
    assert CLEANER.clean_text(once.text).removals == []


def test_fuzz_regression_many_repeated_edge_lines_go_in_one_cleaning() -> None:
    bio = "Daniel Reyes is a senior reporter covering the environment and the American West.\n"
    once = CLEANER.clean_text(bio * 18)
    assert CLEANER.clean_text(once.text).removals == []
