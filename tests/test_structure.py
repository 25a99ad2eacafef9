"""Boilerplate told by its shape (contact lines, link lists, teaser runs) and the error-page
family: what must go, and the article text with the same shape or words that must stay."""

from __future__ import annotations

import pytest

from cleaner.api import Cleaner, Config, clean_text
from cleaner.stages.structure import RULES, contact_line, link_list_shaped, teaser_shaped, teaser_tail

P1 = ("The city council voted on Tuesday to expand the bus network, adding twelve new routes that will "
      "connect the northern suburbs with the hospital district and the university campus by next spring.")
P2 = ("Officials said the plan would cost about 40 million dollars over five years and would be paid for "
      "from the transport budget, which has grown since the state raised its contribution last year.")
P3 = ("Residents who spoke at the meeting were mostly in favour, although several asked why the routes "
      "would not run later in the evening, when many of the hospital's staff finish their shifts.")


def doc(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


def removed(text: str, prefix: str = "structure.") -> list[tuple[str, str]]:
    return [(r.rule, r.text) for r in clean_text(text).removals if r.rule.startswith(prefix)]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_builtin_rule_examples(rule) -> None:
    """Each built-in rule's own examples: placed after an article, the remove examples go
    and the keep examples stay."""
    for example in rule.remove_examples:
        out = clean_text(doc(P1, P2, P3, example)).text
        assert all(line not in out for line in example.split("\n")), example
    for example in rule.keep_examples:
        assert example in clean_text(doc(P1, P2, P3, example)).text, example


# --- contact lines ------------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "Tami Abdollah can be reached at http://www.twitter.com/latams",
    "Ty Burr can be reached at tburr@globe.com. For more on movies, go to www.boston.com/movienation.",
    "E-mail: mlasalle@sfchronicle.com Twitter: @MickLaSalle",
    "Follow her on Twitter @janedoe",
    "Tel.: +41 (0)55 280 43 05",
])
def test_contact_lines_at_the_end_go(line: str) -> None:
    assert contact_line(line)
    result = clean_text(doc(P1, P2, P3, line))
    assert result.text == doc(P1, P2, P3)
    assert {r.category for r in result.removals} <= {"byline", "social"}


@pytest.mark.parametrize("line", [
    "Call 911 if you see the suspect, police said, or write to tips@police.gov.",
    "Is there something you think we should know? Email the writer at jane@example.com.",
    "I can't thank this man enough pic.twitter.com/abc123 — Dele (@dele_official) November 19, 2019",
    "Jane Doe jane@example.com",  # a byline with its address and no label: the story's own
    "The band plays 2016 2017 2018 and 2019 dates at www.example.com",
])
def test_lines_with_prose_or_without_a_contact_shape_are_no_contact_lines(line: str) -> None:
    assert not contact_line(line)
    assert not removed(doc(P1, P2, P3, line))


def test_contact_line_inside_the_article_stays() -> None:
    line = "Contact: jane@example.com or (555) 123-4567"
    text = doc(P1, P2, line, P3, P1.replace("Tuesday", "Monday"), P2.replace("five", "six"),
               P3.replace("evening", "night"))
    assert line in clean_text(text).text


# --- link lists ---------------------------------------------------------------------------

def test_link_lists_go_and_sentences_with_bars_stay() -> None:
    assert link_list_shaped("2016 Election Calendar | WSJ/NBC Polls | 2016 Poll Standings")
    assert link_list_shaped("News · Sport · Weather · Video")
    assert not link_list_shaped("| Name | Age | Town |")  # a table row
    assert not link_list_shaped("Kicker | The headline of the story")  # two entries: a kicker and its headline
    assert not link_list_shaped("He won 52% | turnout was the highest since 1992. | The count ended.")
    line = "2016 Election Calendar | WSJ/NBC Polls | 2016 Poll Standings"
    assert clean_text(doc(P1, P2, P3, line)).text == doc(P1, P2, P3)


# --- teaser runs --------------------------------------------------------------------------

TEASERS = ["Politics Counts: Shutdown Impact? Depends on Where You Live",
           "What to Expect When You're Expecting a Shutdown",
           "Boehner Says House Will Vote on Spending Bill Friday"]


def test_a_run_of_teaser_headlines_after_the_article_goes() -> None:
    result = clean_text(doc(P1, P2, P3, *TEASERS))
    assert result.text == doc(P1, P2, P3)
    assert {r.rule for r in result.removals} == {"structure.teaser-run"}
    assert {r.category for r in result.removals} == {"related"}


def test_two_teasers_go_under_a_header_but_not_alone() -> None:
    assert clean_text(doc(P1, P2, P3, "More in Politics", *TEASERS[:2])).text == doc(P1, P2, P3)
    assert removed(doc(P1, P2, P3, *TEASERS[:2])) == []


def test_article_lists_at_the_end_stay() -> None:
    tour = ["June 9 -- Coral Sky Amphitheatre, West Palm Beach, FL", "June 10 -- MIDFLORIDA Credit Union Amphitheatre",
            "June 14 -- Ameris Bank Amphitheatre, Alpharetta, GA"]
    teams = ["Czech Republic (Group A): Seventh Appearance", "Northern Ireland (Group B): Third Appearance",
             "Republic of Ireland (Group C): Fourth Appearance"]
    features = ["Hundreds of cool tasks that will make your evenings more interesting",
                "Dozens of tricky questions that will help you know each other better",
                "Challenges that need to be performed within a week after the game"]
    credits = ["Additional Reporting by Jane Doe in London and Paris", "Editing by John Smith and Mary Jones Today",
               "Contributing Reporters Ann Lee and Bob Ray in Boston"]
    for items in (tour, teams, features, credits):
        assert teaser_tail(items) is None, items
        assert not removed(doc(P1, P2, P3, *items)), items


def test_headline_lines_inside_the_article_stay() -> None:
    # Subheadings sit above the paragraphs they head: not after the article's last paragraph.
    text = doc(P1, TEASERS[1], P2, TEASERS[2], P3)
    assert removed(text) == []


def test_teaser_shape() -> None:
    assert teaser_shaped("What to Expect When You're Expecting a Shutdown")
    assert teaser_shaped("• Boehner Says House Will Vote on Spending Bill Friday")
    assert not teaser_shaped("The council voted on Tuesday to expand the network.")  # a sentence
    assert not teaser_shaped("Hundreds of cool tasks that will make your evenings fuller")  # sentence case
    assert not teaser_shaped("June 9 -- Coral Sky Amphitheatre, West Palm Beach")  # a dated entry


def test_structure_rules_can_be_switched_off() -> None:
    text = doc(P1, P2, P3, "E-mail: jane@example.com Twitter: @janedoe", *TEASERS)
    # (the learned scorer off too: it would take the contact line on its own)
    off = Cleaner(Config(disabled_rules=(*(r.id for r in RULES), "scorer.line"))).clean_text(text)
    assert not [r for r in off.removals if r.stage == "structure"]
    assert "E-mail: jane@example.com Twitter: @janedoe" in off.text and TEASERS[0] in off.text
    assert Cleaner().clean_text(text).text == doc(P1, P2, P3)


def test_structure_removals_are_idempotent() -> None:
    text = doc("News · Sport · Weather · Video", P1, P2, P3, "E-mail: jane@example.com", "More in Politics", *TEASERS)
    once = clean_text(text).text
    assert once == doc(P1, P2, P3)
    assert clean_text(once).removals == []


# --- error pages --------------------------------------------------------------------------

def test_an_error_page_comes_out_empty() -> None:
    page = doc("Page Not Found", "Sorry, the page you are looking for could not be found.", "Return to the homepage")
    result = clean_text(page)
    assert result.text.strip() == ""
    assert {r.rule for r in result.removals} == {"other.error-page"}


def test_a_javascript_notice_above_an_article_goes_alone() -> None:
    notice = "Please enable JavaScript to view the comments powered by Disqus."
    result = clean_text(doc(notice, P1, P2, P3))
    assert result.text == doc(P1, P2, P3)


def test_articles_about_error_pages_stay() -> None:
    text = doc(P1, "A 404 error page greeted visitors to the ministry's website for most of Tuesday, officials said.",
               "The page you are looking for could not be found, the archivist told the court, because it had been "
               "deleted.", P2)
    assert clean_text(text).text == text


# --- pointer families ---------------------------------------------------------------------

def test_a_bracketed_pointer_glued_into_a_paragraph_is_cut_and_the_paragraph_stays() -> None:
    pointer = "(Also on POLITICO: Boehner's big bet)"
    result = clean_text(doc(P1, P2 + " " + pointer, P3))
    assert result.text == doc(P1, P2, P3)
    assert [r.rule for r in result.removals] == ["related.bracketed-pointer"]


def test_a_read_our_review_pointer_ending_a_paragraph_stays_but_goes_on_its_own_line() -> None:
    pointer = "Read our full review here."
    glued = doc(P1, P2 + " " + pointer, P3)
    assert clean_text(glued).text == glued
    assert clean_text(doc(P1, P2, pointer, P3)).text == doc(P1, P2, P3)


# --- widget pieces ------------------------------------------------------------------------

@pytest.mark.parametrize("line", ["Advertisement Continue reading the main story", "Caption Close",
                                  "Photo Getty Images", "Share Tweet Advertisement"])
def test_a_line_glued_from_widget_pieces_goes_and_names_each_piece(line: str) -> None:
    result = clean_text(doc(P1, P2, line, P3))
    assert result.text == doc(P1, P2, P3)
    assert [r.rule for r in result.removals] == ["structure.widget-pieces"]
    assert " + " in result.removals[0].reason


@pytest.mark.parametrize("line", [
    "Advertisement spending rose by 8% last year",  # one piece is article text
    "Science & Tech",  # two labels joined by "&" are one section name
    "Photo Finish For The Derby",  # a headline whose first word is a widget label
])
def test_lines_with_a_piece_that_is_not_a_widget_stay(line: str) -> None:
    assert not removed(doc(P1, P2, line, P3))


def test_handle_lines_are_social_and_lines_to_write_to_are_bylines() -> None:
    def category(line: str) -> set[str]:
        return {r.category for r in clean_text(doc(P1, P2, P3, line)).removals}

    assert category("Twitter: @MickLaSalle Instagram: @mick.lasalle") == {"social"}
    assert category("E-mail: mlasalle@sfchronicle.com Twitter: @MickLaSalle") == {"byline"}
    assert category("Tami Abdollah can be reached at http://www.twitter.com/latams") == {"byline"}
