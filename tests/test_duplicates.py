"""Sentence-level and short-line duplicates: the second copy goes, the first stays, and the
repeats real articles make (a refrain, an interview's turns, a list item's heading, a quote
a reporter repeats, a meal plan's days) stay."""

from __future__ import annotations

from duplicate_text import P1, P2, P3, P4, doc
from duplicate_text import duplicate_removals as dup_rules

from cleaner.api import Cleaner, Config, clean_text

LEDE_SENTENCE = "The city council voted on Tuesday to expand the bus network, adding twelve new routes."


def test_a_repeated_sentence_glued_in_front_of_a_later_paragraph_is_cut() -> None:
    later = LEDE_SENTENCE + " " + P4
    result = clean_text(doc(P1, P2, later, P3))
    assert [r.rule for r in result.removals] == ["duplicate.repeated-sentence"]
    assert result.text == doc(P1, P2, P4, P3)


def test_near_identical_copies_count_quotes_spacing_and_case() -> None:
    copy = LEDE_SENTENCE.upper().replace(",", " ,") + " " + P4
    result = clean_text(doc(P1, P2, copy))
    assert result.text == doc(P1, P2, P4)


def test_a_sentence_repeated_later_in_a_paragraph_stays() -> None:
    # Reporters repeat a quote at the end of a later paragraph; only a copy in front goes.
    later = P4 + " " + LEDE_SENTENCE
    assert dup_rules(doc(P1, P2, later)) == []


def test_a_paragraph_opening_with_a_lone_line_it_repeats_stays() -> None:
    # A listicle's heading, a deck or a video caption printed first as a line of its own: the
    # paragraph that opens with the same words is the article.
    heading = "Start small and recognize that no one is watching you yet."
    para = heading + " The early days are the perfect time to explore things that feel uncomfortable."
    assert dup_rules(doc(P1, heading, P2, para)) == []


def test_a_refrain_said_three_times_stays() -> None:
    refrain = "We will not rest until every family in this city has a safe home."
    lines = [refrain + " " + tail for tail in (P2, P3, P4)]
    assert dup_rules(doc(P1, *lines)) == []


def test_a_sentence_printed_twice_inside_its_own_line_loses_the_second_copy() -> None:
    # A caption or video description printed twice in one line: the second copy goes, the
    # first stays (it was the rule before that both stayed).
    result = clean_text(doc(P1, P2 + " " + P2, P3))
    assert [r.rule for r in result.removals] == ["duplicate.doubled-in-line"]
    assert result.text == doc(P1, P2, P3)


def test_a_short_phrase_repeated_inside_a_paragraph_stays() -> None:
    text = doc(P1, "He said it again and again, again and again, until the crowd went quiet at last. " + P3)
    assert dup_rules(text) == []


def test_short_sentences_and_recipe_fragments_are_not_copies() -> None:
    assert dup_rules(doc(P1 + " That is not true, he said.", "That is not true, he said. " + P2)) == []
    salad = "Tomato Cucumber Salad (1 cup lettuce, 1/2 cup cherry tomatoes, 1/4 cup feta, 1 Tbsp."
    day1 = salad + " balsamic vinegar) and a glass of water with lemon for lunch today."
    day2 = salad + " olive oil) and two rice cakes with nut butter for the afternoon."
    assert dup_rules(doc(P1, day1, P2, day2)) == []


def test_a_kicker_printed_twice_on_its_own_goes() -> None:
    kicker = "Inside the council's budget fight"
    result = clean_text(doc(kicker, P1, P2, kicker, P3))
    assert [r.rule for r in result.removals] == ["duplicate.repeated-line"]
    assert result.text == doc(kicker, P1, P2, P3)


def test_short_repeats_that_are_structure_stay() -> None:
    # "Yes." is too short; a question is asked again; interview turns recur; a line printed
    # three times is a template; two lines printed together twice are a block (a meal plan).
    assert dup_rules(doc(P1, "Yes.", P2, "Yes.", P3)) == []
    assert dup_rules(doc(P1, "What happens to the old routes now?", P2, "What happens to the old routes now?")) == []
    assert dup_rules(doc(P1, "Q: And the drivers themselves?", P2, "Q: And the drivers themselves?")) == []
    row = "Eat before your morning workout"
    assert dup_rules(doc(P1, row, P2, row, P3, row)) == []
    assert dup_rules(doc(P1, "Pre-Workout Meal", row, P2, "Pre-Workout Meal", row, P3)) == []


def test_the_new_duplicate_rules_can_be_switched_off() -> None:
    kicker = "Inside the council's budget fight"
    text = doc(kicker, P1, P2, kicker, LEDE_SENTENCE + " " + P4)
    off = Config(disabled_rules=("duplicate.repeated-line", "duplicate.repeated-sentence"))
    assert Cleaner(off).clean_text(text).text == text
    assert Cleaner().clean_text(text).text == doc(kicker, P1, P2, P4)


def test_sentence_cuts_are_idempotent() -> None:
    text = doc(P1, P2, LEDE_SENTENCE + " " + P4, P3)
    once = clean_text(text).text
    assert clean_text(once).removals == []
