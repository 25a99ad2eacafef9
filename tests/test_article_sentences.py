"""Article sentences that use a notice's or widget's words must survive cleaning.

Written while probing each rule that may fire anywhere in a document (the held-out check in
docs/accuracy.md): a news sentence that mentions cookies, copyright, alerts, podcasts,
videos or comments is article text, and losing it is the worst error cleaner can make.
"""

from __future__ import annotations

import pytest

from cleaner.api import clean_text

INTRO = ("The regulator opened its inquiry on Monday after receiving hundreds of complaints from "
         "residents, officials said, and a first report is expected before the end of the year.")
OUTRO = ("Council members will discuss the findings at a public meeting next month, and residents are "
         "invited to attend and ask questions, the council said in a statement on its website.")

SENTENCES = [
    "Residents can sign up for flood alerts on the council's website, officials said, and more than "
    "4,000 people have done so since March.",
    "The company said its cookie policy had been changed after the regulator found that users were "
    "tracked without consent.",
    '"All rights reserved," the label\'s lawyer wrote in the letter, which was seen by reporters on Friday.',
    "Scammers often promise prizes delivered straight to your inbox, the consumer group warned in its "
    "annual report.",
    "Copyright lawyers think the ruling could change how newspapers license photographs to one another.",
    "Image copyright laws differ from country to country, which makes enforcement difficult.",
    "Users can accept all cookies or manage them, and most people simply click accept, the study found.",
    "The podcast, which listeners can download from Apple Podcasts and Spotify, has been the most "
    "popular show in the country for a month.",
    "Police asked anyone with information to follow the force on Twitter for updates and to call 101.",
    "Read more about the scheme, and how to apply, on the government's website, the minister told parliament.",
    "Comments on the proposal can be sent to the planning office until December 15, the council said.",
    "Subscribers to the service will pay $9.99 a month from January, up from $7.99, the company said.",
    "Share prices fell 5% after the announcement, wiping $2bn off the company's value.",
    "Advertisement spending rose by 8% last year, according to the industry's trade body.",
    "Sponsored by the city's largest employer, the festival drew 40,000 visitors over three days.",
    "Terms of service for the app changed last year, allowing the company to sell location data.",
    "Editor's note: this article has been updated to include the company's response.",
    "Posted by the embassy on Facebook, the message urged citizens to leave the country.",
    "Search for the missing climbers resumed at dawn, with helicopters and dogs.",
    "Breaking news alerts were sent to millions of phones by mistake on Tuesday night.",
    "You might also like the new bakery on Main Street, which opened on Saturday.",
    "Recommended by doctors for decades, the drug has now been withdrawn from sale.",
]


@pytest.mark.parametrize("sentence", SENTENCES, ids=lambda s: s[:40])
def test_an_article_sentence_with_a_notices_words_survives(sentence: str) -> None:
    text = "\n\n".join([INTRO, INTRO.replace("Monday", "Tuesday"), sentence, OUTRO,
                        OUTRO.replace("month", "week")]) + "\n"
    result = clean_text(text)
    assert result.text == text, [(r.rule, r.text) for r in result.removals]


def test_a_gallery_widget_on_an_article_line_takes_only_its_own_sentence() -> None:
    # The widget rule was a line rule of up to 400 words: a short article whose line breaks
    # were lost, with a slide counter in it, went whole.
    widget = "Press 1 of 20 • • • • • 1 of 20 Show Caption He waved. "
    result = clean_text(INTRO + " " + widget + OUTRO + "\n")
    assert result.text == INTRO + " " + OUTRO + "\n"
    assert [r.rule for r in result.removals] == ["media.gallery-widget"]
