"""Related links told by structure (issue 13, round three): a header of the related-links
family over headlines, a label and a headline on one line, a lone header at the edge, a
list of stamped headlines, sentence-case teaser runs, breadcrumbs. Each with article text
of the same shape or words that must stay."""

from __future__ import annotations

import pytest

from cleaner.api import Cleaner, Config, clean_text
from cleaner.stages.structure import (
    breadcrumb_shaped,
    headed_runs,
    header_family,
    lone_header,
    pointer_line,
    pointer_suffixed,
    story_lists,
    unstamped,
)

P1 = ("The city council voted on Tuesday to expand the bus network, adding twelve new routes that will "
      "connect the northern suburbs with the hospital district and the university campus by next spring.")
P2 = ("Officials said the plan would cost about 40 million dollars over five years and would be paid for "
      "from the transport budget, which has grown since the state raised its contribution last year.")
P3 = ("Residents who spoke at the meeting were mostly in favour, although several asked why the routes "
      "would not run later in the evening, when many of the hospital's staff finish their shifts.")
HEADLINES = ["New evidence suggests a ninth planet lurking at the edge of the solar system",
             "This broken space telescope keeps spotting new planets",
             "Why NASA's top scientist is sure that we'll find signs of alien life"]


def doc(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


def rules_of(text: str) -> set[str]:
    return {r.rule for r in clean_text(text).removals}


# --- a family header over headlines --------------------------------------------------------

@pytest.mark.parametrize("header", ["Keep Reading", "What to read next", "Trending Now", "Editors' Picks",
                                    "MORE FROM THE TELEGRAPH:", "Also Worth Reading"])
def test_a_family_header_over_headlines_goes_inside_the_article_too(header: str) -> None:
    assert header_family(header)
    text = doc(P1, header, *HEADLINES[:2], P2, P3)
    result = clean_text(text)
    assert result.text == doc(P1, P2, P3)
    assert {r.category for r in result.removals} == {"related"}


def test_headlines_with_a_stamp_or_a_count_belong_to_the_run() -> None:
    lines = ["Why the pound fell again on Monday 2 hours ago", "Five things the budget means for you | 14 comments"]
    assert headed_runs([P1, "Popular Now", *lines, P2]) == [(1, 4)]
    assert clean_text(doc(P1, P2, "Popular Now", *lines)).text == doc(P1, P2)


def test_a_header_of_the_family_over_paragraphs_or_subheadings_stays() -> None:
    # A subheading that uses a family word heads the paragraphs under it.
    for text in (doc(P1, "More Than a Game", P2, P3), doc(P1, "Read the Fine Print", P2, "Next Steps", P3)):
        assert clean_text(text).text == text
    assert not header_family("The Latest: Trump Visits Texas")  # a story's own title
    assert not header_family("More people read the paper, officials said")
    assert not header_family("More trouble for the mayor")  # lower-case words that are not the family's


def test_the_story_title_under_a_menu_stays() -> None:
    # Above the first paragraph, the headline right over it is the story's own title.
    title = "Chelsea Activate Release Clause To Sign Kepa Arrizabalaga From Athletic Bilbao"
    lines = ["Popular Posts", "* Home", "* Sports", "How I Slept with a Dog in Victoria Island For Money",
             "Nigerian Lady Beaten And Disgraced For Sleeping With a Friend", title]
    assert headed_runs([*lines, P1, P2]) == [(0, 5)]
    assert title in clean_text(doc(*lines, P1, P2, P3)).text


# --- a label and a headline on one line ------------------------------------------------------

@pytest.mark.parametrize("line", ["Keep reading: Why the pound fell again on Monday",
                                  "SEE ALSO » Five things the budget means for you",
                                  "Further reading - What your wireless carrier knows about you",
                                  "Watch: Police name the victim of the Leeds crash"])
def test_a_pointer_line_goes_wherever_it_stands(line: str) -> None:
    assert pointer_line(line)
    assert clean_text(doc(P1, line, P2, P3)).text == doc(P1, P2, P3)


@pytest.mark.parametrize("line", [
    "Read more about it: the council published the full report on Monday, with the costs.",
    "The Latest: Trump Visits Texas After the Flood", "More trouble: the mayor said the plan was dead"])
def test_a_label_over_a_sentence_or_a_title_is_no_pointer(line: str) -> None:
    assert not pointer_line(line)


# --- a lone header at the edge ---------------------------------------------------------------

def test_a_lone_family_header_at_the_edges_goes_but_not_inside() -> None:
    assert lone_header("Recommended reading") and lone_header("More from NBC News Investigations:")
    assert not lone_header("More Than a Game")
    assert clean_text(doc(P1, P2, P3, "Recommended reading")).text == doc(P1, P2, P3)
    inside = doc(P1, "Most Popular", P2, P3)
    assert "structure.lone-header" not in rules_of(inside)


# --- stamped story lists ---------------------------------------------------------------------

STAMPED = ["Why the pound fell again on Monday 2 hours ago", "Five things the budget means for you 14 comments",
           "Police name the victim of the Leeds crash Jan 5, 2017"]


def test_a_list_of_stamped_headlines_goes_without_a_header() -> None:
    assert unstamped(STAMPED[0]) == ("Why the pound fell again on Monday", True)
    assert story_lists(STAMPED) == [(0, 3)]
    text = doc(P1, *STAMPED, P2, P3)
    assert clean_text(text).text == doc(P1, P2, P3)
    assert "structure.story-list" in rules_of(text)


def test_dated_sentences_and_embedded_posts_stay() -> None:
    dated = ["The vote was held on Jan 5, 2017.", "The count ended two hours ago.", "The result is due on Friday."]
    posts = ['ALL OF THEM." — Jane Doe (@janedoe) August 17, 2016',
             'Actually, it\'s "says whom" — John Roe (@johnroe) August 17, 2016',
             "Polls — Alex Poe (@alexpoe) August 17, 2016"]
    for lines in (dated, posts):
        assert story_lists(lines) == []
        text = doc(P1, *lines, P2, P3)
        assert clean_text(text).text == text


# --- lists inside or after the article ------------------------------------------------------

@pytest.mark.parametrize("lines", [
    ["Apple Watch Series 3", "- GPS", "- Optical heart sensor", "- S3 with dual-core processor", "Apple Watch Series 4",
     "- Over 30% larger display", "- Electrical and optical heart sensors"],  # a feature list under a name
    ["Continue Reading Below", "Ticker Security Last Change Change %", "HD THE HOME DEPOT INC. 225.86 -12.99 -5.44%",
     "LOW LOWE'S COMPANIES INC. 113.40 -1.62 -1.41%"],  # a quote table under an ad marker
    ["- Risks we see with this Incubation Grant. (More)", "- Our plans for following the work going forward. (More)",
     "Incubation Grant to Evidence Action Beta"],  # a page's table of contents
])
def test_lists_that_a_family_word_stands_over_stay(lines: list[str]) -> None:
    assert headed_runs([*lines, P2]) == []
    text = doc(P1, *lines, P2, P3)
    kept = clean_text(text).text
    assert all(line in kept for line in lines[1:] if len(line.split()) >= 3)


# --- breadcrumbs -----------------------------------------------------------------------------

def test_breadcrumbs_go_and_sentences_with_the_same_marks_stay() -> None:
    for line in ("Home > News > Politics", "News » World » Europe » France", "Home › Sport"):
        assert breadcrumb_shaped(line), line
        assert clean_text(doc(line, P1, P2, P3)).text == doc(P1, P2, P3)
    for line in ("He wrote that 2 > 1 and that the vote, 52 to 48, was not close at all.",
                 "Prices rose 5% / 3% / 2% over the three years, the report said.", "Good > Bad"):
        assert not breadcrumb_shaped(line), line


# --- switches and idempotence ----------------------------------------------------------------

@pytest.mark.parametrize("rule,text", [
    ("structure.headed-teasers", doc(P1, "Keep Reading", *HEADLINES[:2], P2, P3)),
    ("structure.pointer-line", doc(P1, "Keep reading: Why the pound fell again on Monday", P2, P3)),
    ("structure.story-list", doc(P1, *STAMPED, P2, P3)),
    ("structure.lone-header", doc(P1, P2, P3, "Most Popular Right Now")),
    ("structure.breadcrumb", doc("Home > News > Politics", P1, P2, P3)),
])
def test_each_new_check_is_reported_and_switches_off(rule: str, text: str) -> None:
    assert rule in rules_of(text)
    off = Cleaner(Config(disabled_rules=(rule,))).clean_text(text)
    assert rule not in {r.rule for r in off.removals}


def test_the_new_checks_are_idempotent() -> None:
    text = doc("Home > News > Politics", P1, "Keep Reading", *HEADLINES[:2], P2, *STAMPED, P3,
               "Keep reading: Why the pound fell again on Monday", "Recommended reading")
    once = clean_text(text).text
    assert clean_text(once).text == once


def test_a_headline_with_a_pointer_glued_to_its_end_goes() -> None:
    line = "Clarence Thomas accuser Anita Hill to spearhead fight against harassment in Hollywood Read more"
    assert pointer_suffixed(line)
    assert clean_text(doc(P1, line, P2, P3)).text == doc(P1, P2, P3)
    for kept in ("Parents who want to know more about the plan can learn more", "Residents Join the Neighborhood Watch",
                 "Cooking tips, recipes and more"):
        assert not pointer_suffixed(kept), kept


def test_a_run_goes_on_under_a_header_another_rule_took() -> None:
    # related.header takes "Read More:" and its short followers; its follower check stops at
    # the 17-word headline, and the structure check carries the run on to its end.
    run = ["Read More:", "New evidence suggests a ninth planet lurking at the edge of the solar system",
           "Why NASA's top scientist is sure that we'll find signs of alien life in the next decade",
           "This broken space telescope keeps spotting new planets"]
    result = Cleaner(Config(disabled_rules=("scorer.line",))).clean_text(doc(P1, P2, P3, *run))
    assert result.text == doc(P1, P2, P3)
    assert "structure.headed-teasers" in {r.rule for r in result.removals}
    # Under a removed pointer line (no header) the next lines are the article's.
    text = doc(P1, "Related: What parents need to know about the new routes", "Night Buses Will Wait", P2, P3)
    assert "Night Buses Will Wait" in clean_text(text).text


def test_pointer_lines_with_square_bullets_go() -> None:
    line = "■ Related: Emergency water supplies on tap for Detroiters faced with shutoffs"
    assert pointer_line(line)
    assert clean_text(doc(P1, line, P2, P3)).text == doc(P1, P2, P3)
