"""Near copies: the words of another line printed again with a dateline, credit or kicker
around them, a pull quote lifted from inside a paragraph, a caption printed twice in one
line, copies joined into one line. The copy goes; the first copy, and any new text glued to
a copy, stay. Article text that only looks like a copy stays."""

from __future__ import annotations

from duplicate_text import P1, P2, P3, doc
from duplicate_text import duplicate_removals as dup

from cleaner.api import Cleaner, Config, clean_text
from cleaner.stages.near_copies import decoration_head, decoration_tail, repeated_in_line

LEDE = ("Mayor Jane Porter won a second term on Tuesday with a comfortable lead in every district of the "
        "city, according to the final count.")
CAPTION = "A woman waves a flag during a protest outside the city hall in the old town on Monday."


def test_a_lede_printed_again_after_a_dateline_goes() -> None:
    copy = "WASHINGTON (AP) — " + LEDE
    result = clean_text(doc(LEDE, P1, copy, P2))
    assert dup(doc(LEDE, P1, copy, P2)) == [("duplicate.decorated-copy", copy)]
    assert result.text == doc(LEDE, P1, P2)


def test_a_caption_printed_again_with_a_date_and_a_credit_goes() -> None:
    copy = "July 31, 2013 " + CAPTION + " Mohammed Saber/European Pressphoto Agency"
    assert clean_text(doc(CAPTION, P1, copy, P2)).text == doc(CAPTION, P1, P2)


def test_a_headline_printed_again_with_a_kicker_goes() -> None:
    headline = "Fraternity sues the group linked to hazing deaths for using its name"
    text = doc(headline, P1, P2, "EXCLUSIVE: " + headline, P3)
    assert clean_text(text).text == doc(headline, P1, P2, P3)


def test_the_later_copy_goes_whichever_is_decorated() -> None:
    # The guideline keeps the first copy.
    first = "WASHINGTON (AP) — " + LEDE
    assert clean_text(doc(first, P1, LEDE, P2)).text == doc(first, P1, P2)


def test_a_pull_quote_printed_before_its_paragraph_goes() -> None:
    quote = "The kind of pushback I'm seeing reminds me of the early days of the scandals in the church."
    para = ('"I think this is a watershed," he told reporters on Monday. "The kind of pushback I\'m seeing '
            'reminds me of the early days of the scandals in the church, with the blanket denials," he said.')
    result = clean_text(doc(P1, quote, P2, para))
    assert [r.rule for r in result.removals] == ["duplicate.contained-line"]
    assert result.text == doc(P1, P2, para)


def test_a_caption_with_a_credit_repeating_a_sentence_of_the_story_goes() -> None:
    sentence = "Officials said the plan would cost about 40 million dollars over five years."
    caption = sentence + " (AP Photo/Evan Vucci)"
    assert clean_text(doc(caption, P1, P2)).text == doc(P1, P2)


def test_a_caption_printed_twice_in_one_line_keeps_its_first_copy_and_the_new_text() -> None:
    line = "Broward Sheriff's Office " + CAPTION + " " + CAPTION + " See more of the story below."
    result = clean_text(doc(P1, line, P2))
    assert [(r.rule, r.text) for r in result.removals] == [("duplicate.doubled-in-line", CAPTION + " ")]
    assert "Broward Sheriff's Office " + CAPTION + " See more of the story below." in result.text


def test_a_paragraph_opening_pasted_again_at_its_end_goes() -> None:
    opening = '"I was shocked. I could not sleep the last few days because of the memories," he said on his way.'
    line = opening + " Flowers were left at the gate of the house by neighbours all weekend." + opening
    result = clean_text(doc(P1, line, P2))
    assert [r.text for r in result.removals if r.category == "duplicate"] == [opening]


def test_copies_of_two_captions_joined_into_one_line_go() -> None:
    c1 = "FILE - In this Aug. 15, 2014 file photo, the heir leaves a courtroom in the city of Houston."
    # The second caption ends without a stop: the joined line's sentences are no sentences
    # printed before, only its runs of words are.
    c2 = "Judge Kurt Engelhardt on Wednesday approved a plea agreement for the heir to serve seven years (AP)"
    text = doc(c1, c2, P1, P2, c2 + " " + c1, P3)
    assert dup(text) == [("duplicate.joined-copies", c2 + " " + c1)]


def test_each_new_rule_can_be_switched_off() -> None:
    copy = "WASHINGTON (AP) — " + LEDE
    text = doc(LEDE, P1, copy, P2 + " " + P2)
    off = Config(disabled_rules=("duplicate.decorated-copy", "duplicate.doubled-in-line"))
    assert Cleaner(off).clean_text(text).text == text
    assert Cleaner().clean_text(text).text == doc(LEDE, P1, P2)


# --- article text that must stay ---

def test_a_sentence_with_a_different_subject_is_no_copy() -> None:
    a = "Smith, who was arrested on Tuesday, faces charges of first-degree murder and attempted murder."
    b = "Jones, who was arrested on Tuesday, faces charges of first-degree murder and attempted murder."
    assert dup(doc(P1, a, P2, b, P3)) == []


def test_a_quote_repeated_back_later_in_the_story_stays() -> None:
    quote = '"We are going to fight this all the way to the Supreme Court," Smith said at the hearing.'
    later = ('Asked on Friday whether he still meant it, he repeated: "We are going to fight this all the way '
             'to the Supreme Court." Then he left.')
    assert dup(doc(P1, quote, P2, later, P3)) == []


def test_a_quote_paragraph_that_a_later_paragraph_quotes_again_stays() -> None:
    # A paragraph printed first with its quote marks is the article, not a pull quote.
    quote = '"We will not rest until every family in this city has a safe and warm home."'
    later = ('She ended the speech the way she began it: "We will not rest until every family in this city has a '
             'safe and warm home." The hall stood.')
    assert dup(doc(P1, quote, P2, later)) == []


def test_a_deck_above_the_paragraph_that_opens_with_it_stays() -> None:
    deck = "Mayor Jane Porter won a second term on Tuesday with a comfortable lead in every district"
    para = deck + " of the city. Her opponent conceded before midnight and called for unity."
    assert dup(doc(deck, para, P1)) == []
    dated = "BOSTON (AP) — " + deck + " of the city. Her opponent conceded before midnight and called for unity."
    assert dup(doc(deck, dated, P1)) == []


def test_a_lede_summarised_later_in_other_words_stays() -> None:
    later = "Porter, who won every district, has now been elected twice; the final count gave her a clear lead."
    assert dup(doc(LEDE, P1, later, P2)) == []


def test_read_more_refrains_and_repeated_list_items_stay() -> None:
    refrain = "Oh, deep in my heart, I do believe we shall overcome some day."
    verse = f"They sang it on the bridge. {refrain} They sang it at the jail. {refrain} And they sang it again at home."
    assert dup(doc(P1, "Read more", P2, "Read more", P3)) == []
    assert dup(doc(P1, verse, P2)) == []
    item = "Tomato Cucumber Salad (1 cup lettuce, 1/2 cup cherry tomatoes, 1/4 cup feta cheese"
    monday, tuesday = item + ", balsamic) for lunch on Monday.", item + ", olive oil) for lunch on Tuesday."
    assert dup(doc(P1, monday, P2, tuesday)) == []


def test_the_decoration_shapes() -> None:
    assert decoration_head("WASHINGTON (AP) — ", "President")
    assert decoration_head("July 31, 2013 ", "A woman")
    assert not decoration_head("Jones, ", "who was")
    assert not decoration_head("Those involved in the mission ", "want")
    assert decoration_tail(". ", "Mohammed Saber/European Pressphoto Agency")
    assert decoration_tail(". ", "(AP Photo/Pablo Martinez Monsivais) (Associated Press)")
    assert not decoration_tail(" ", "Prof Mike Brown said")
    assert not decoration_tail(", ", "Smith")


def test_a_quote_printed_again_further_into_a_long_line_stays() -> None:
    # An extractor joined a pull quote and the paragraph that quotes it into one line: the
    # second copy, with text before and after it, is the article.
    quote = '"You are going to see a number of things that this platform can do that is not possible elsewhere."'
    line = quote + " The platform was built from the ground up, its director says. " + quote + " It opens in May."
    assert dup(doc(P1, line, P2)) == []


def test_a_copy_inside_a_line_stops_at_sentence_ends() -> None:
    s = "The storm knocked out power to more than forty thousand homes across the county overnight."
    assert repeated_in_line(s + " " + s, []) == (len(s) + 1, 2 * len(s) + 1)
    assert repeated_in_line(s + " " + s + " More news.", []) == (len(s) + 1, 2 * len(s) + 2)
    # Repeated words that run on into a longer sentence are no copy of whole sentences.
    assert repeated_in_line(s + " " + s[:-1] + " and into the morning hours.", []) is None
    # A copy that overlaps an earlier cut is left alone.
    assert repeated_in_line(s + " " + s, [(0, 5)]) is None


def test_a_list_row_repeated_under_a_label_stays() -> None:
    # A meal plan prints the same container counts under a label: structure, not a copy.
    row = "2 Green, 1 Purple, 1 Red, 1 Yellow, 1 Blue, 1 Orange, 2 tsp."
    assert dup(doc(P1, row, P2, "Portion Fix Containers: " + row, P3)) == []


def test_a_numbered_heading_above_the_paragraph_that_opens_with_it_stays() -> None:
    heading = "1. Start small and recognize that no one is watching you"
    para = "Start small and recognize that no one is watching you yet. The early days are the time to explore."
    assert dup(doc(P1, heading, para, P2)) == []


def test_a_sentence_made_of_pieces_of_earlier_sentences_stays() -> None:
    # Wire prose reuses its formulae: this sentence is new although each half of it is
    # printed earlier, inside other sentences (a Hypothesis finding against joined-copies).
    p1 = ("The council said on Tuesday that prices had risen for a third straight month, according to "
          "figures released in 1990. Officials in the northern province said on Tuesday that the new "
          "bridge would open before the winter floods, according to figures released in 1990.")
    p2 = ("Officials in the northern province said on Tuesday that prices had risen for a third straight "
          "month, according to figures released in 1990.")
    text = doc(P1, p1, p2, P2)
    assert dup(text) == []
    assert clean_text(text).text == text


def test_a_line_printed_many_times_over_is_cleaned_in_one_go() -> None:
    # Fuzz finding: one copy went per round (four rounds), so a second cleaning took more.
    s = ("In some cases, such lists could put people in harm's way, the group said in a letter "
         "to the committee on Wednesday.")
    line = "The report came out in May. " + " ".join([s] * 9)
    once = clean_text(doc(P1, line, P2))
    assert once.text.count(s) == 1
    twice = clean_text(once.text)
    assert twice.removals == [] and twice.text == once.text


def test_copies_nested_in_copies_go_in_one_cleaning() -> None:
    # Fuzz finding: a block of copies printed again inside a line, with copies of its own
    # sentence around it, came out pass by pass, so a second cleaning took more.
    a = "At that point, the car was headed east on the highway near the county line, the dispatcher said."
    b = "Saturday night, the county shift supervisor got a call from a woman whose husband was driving."
    c = "She told the dispatcher that her husband had stopped breathing and the car was still moving fast."
    block = f"{a} {b} {c}"
    line = "The call came in at night. " + " ".join([block, b, a, c, block])
    once = clean_text(doc(P1, line, P2))
    twice = clean_text(once.text)
    assert twice.removals == [] and twice.text == once.text
    assert [once.text.count(s) for s in (a, b, c)] == [1, 1, 1]
