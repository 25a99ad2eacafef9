"""Article sentences in the words of a sign-up offer, a "for more" pointer or an embedded
post's attribution stay (review of issue 13's new rules): a briefing or alerts that belong
to someone in the story, a pointer to an agency's website or phone line, prose that goes on
after a post's date. The boilerplate the rules were written for still goes."""

from __future__ import annotations

import pytest

from cleaner.api import clean_text

P1 = ("The city council voted on Tuesday to expand the bus network, adding twelve new routes that will "
      "connect the northern suburbs with the hospital district and the university campus by next spring.")
P2 = ("Officials said the plan would cost about 40 million dollars over five years and would be paid for "
      "from the transport budget, which has grown since the state raised its contribution last year.")


def removed_rules(line: str) -> list[str]:
    """The rules that took any part of `line` placed between two article paragraphs."""
    result = clean_text(f"{P1}\n\n{line}\n\n{P2}\n")
    return [r.rule for r in result.removals if r.text.strip() and r.text.strip() in line]


@pytest.mark.parametrize("line", [
    "Want to know what's in the president's daily briefing? So does Congress.",
    "Get ready for more alerts: the weather service expects the storm to strengthen overnight.",
    "Don't miss the governor's briefing at 3 p.m., where she is expected to announce new restrictions.",
    "Never miss a deadline: the IRS now sends e-mail alerts to taxpayers who opt in.",
    "Join the thousands of residents who have already signed up for the city's flood alerts.",
    "For more information about the program, visit the county's website or call 211.",
    "For more information about the virus, visit CDC.gov.",
    "The senator responded to a video posted by John Doe (@jdoe) on Jan. 3, which showed the crash from the ground.",
])
def test_article_sentence_stays(line: str) -> None:
    assert removed_rules(line) == []


@pytest.mark.parametrize(("line", "rule"), [
    ("Get our daily Entertainment newsletter", "newsletter.offer-family"),
    ("Get breaking news alerts and special reports. The news and stories that matter, delivered weekday mornings.",
     "newsletter.offer-family"),
    ("Never miss a story: get our morning briefing free every weekday.", "newsletter.offer-family"),
    ("Receive the latest local updates in your inbox", "newsletter.offer-family"),
    ("For more on the election, see our live coverage at example.com.", "related.for-more-see"),
    ("For more stories like this, follow us on Facebook.", "related.for-more-see"),
    ("A photo posted by Jane Roe (@janeroe) on Mar 3, 2015 at 10:00am PST", "social.post-posted-by"),
    ("Best day ever A video posted by Sam Lee (@sam.lee) on Oct 2, 2016 at 4:12pm PDT", "social.post-posted-by"),
])
def test_boilerplate_still_goes(line: str, rule: str) -> None:
    assert rule in removed_rules(line)
