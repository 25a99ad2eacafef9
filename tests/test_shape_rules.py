"""Media, byline, social and legal boilerplate told by its shape (issue 13, third round):
each shape goes when it stands on its own line between article paragraphs, and article
sentences with the same words stay."""

from __future__ import annotations

import pytest

from cleaner.api import clean_text

P1 = ("The city council voted on Tuesday to expand the bus network, adding twelve new routes that will "
      "connect the northern suburbs with the hospital district and the university campus by next spring.")
P2 = ("Officials said the plan would cost about 40 million dollars over five years and would be paid for "
      "from the transport budget, which has grown since the state raised its contribution last year.")


def between(line: str) -> str:
    return f"{P1}\n\n{line}\n\n{P2}\n"


def rules_on(line: str) -> list[str]:
    return [r.rule for r in clean_text(between(line)).removals if line.strip() in r.text or r.text.strip() in line]


@pytest.mark.parametrize(("line", "rule"), [
    ("(Broward Sheriff's Office)", "media.paren-credit-line"),
    ("(Human Origins Program, Smithsonian)", "media.paren-credit-line"),
    ("A photo posted by Jane Roe (@janeroe) on Mar 3, 2015 at 10:00am PST", "social.post-posted-by"),
    ("By Jane Roe, staff writer", "byline.by-author-role"),
    ("The author is a Reuters Breakingviews columnist. The opinions expressed are his own.", "byline.opinions-own"),
    ("Click to play video", "media.widget-words"),
    ("View gallery (12 photos)", "media.widget-words"),
    ("Jane Roe/Getty Images for Citi", "media.slash-credit"),
    ("REUTERS/Jane Roe", "media.slash-credit"),
    ("Staff photo by Jane Roe", "media.photo-by"),
    ("Submitted photo", "media.photo-by"),
    ("2017 © The Herald Company", "legal.copyright-owner"),
    ("All content copyright The Herald Company", "legal.copyright-owner"),
    ("03/03/2017 03:45 PM EST", "byline.numeric-stamp"),
    ("Posted by Jane Roe on March 3, 2017 at 3:45 PM EST", "byline.posted-by-at"),
    ("Jane Roe, Staff Writer", "byline.name-role"),
])
def test_shape_goes_between_paragraphs(line: str, rule: str) -> None:
    out = clean_text(between(line))
    assert line not in out.text
    assert P1 in out.text and P2 in out.text
    assert rule in [r.rule for r in out.removals]


@pytest.mark.parametrize("sentence", [
    # a caption's words in the article's prose
    "The photo, credited to the Broward Sheriff's Office, was released on Friday after the arrest.",
    "(The sheriff's office declined to comment on the photo.)",
    # a sentence quoting an embedded post
    "A photo posted by Jane Roe (@janeroe) on Mar 3, 2015, said the mayor, showed the flooded street.",
    # a byline's words in prose
    "By Christmas, the paper's staff writers and editors had all gone home.",
    "The views expressed are his own, he insisted in court.",
    "The court found that the views expressed are those of the author alone and fined the paper.",
    # widget words in prose
    "Click to play the video and you will see the moment the car hit the barrier, the police said.",
    "More photos of the flooded street emerged on Monday, and the mayor shared them on Facebook.",
    # credits in prose
    "Jane Roe/Sam Lee, the duo behind the exhibition, said the photos would tour next year.",
    "The staff photo by Jane Roe shows the crowd outside the court on Monday night.",
    # a copyright dispute story
    "All content is copyright protected, the court ruled in the case brought against the Herald.",
    "The 2017 © notice on the photos was added by the Herald Company after the dispute began.",
    # stamps and roles in prose
    "Posted by Jane Roe at 3:45 PM, the message was shared 4,000 times before it was deleted.",
    "Jane Roe, a staff writer at the Herald, was hurt when the stage collapsed on Friday.",
])
def test_article_sentence_with_the_same_words_stays(sentence: str) -> None:
    out = clean_text(between(sentence))
    assert sentence in out.text
    assert out.removals == []
