"""An article's own lists stay when they look like related-links blocks (review of issue
13's structure rules): "What's next:" over the story's next steps, "Also:" before a roundup
item, a schedule whose lines end in a time of day. Teaser blocks under "Up next" or "Next
Post:", and story lists stamped with dates, still go."""

from __future__ import annotations

import pytest

from cleaner.api import clean_text

P1 = ("The city council voted on Tuesday to expand the bus network, adding twelve new routes that will "
      "connect the northern suburbs with the hospital district and the university campus by next spring.")
P2 = ("Officials said the plan would cost about 40 million dollars over five years and would be paid for "
      "from the transport budget, which has grown since the state raised its contribution last year.")


def taken(block: str) -> list[str]:
    """The rules that took lines of `block` placed between two article paragraphs."""
    result = clean_text(f"{P1}\n\n{block}\n\n{P2}\n")
    return [r.rule for r in result.removals if r.text.strip() and r.text.strip() in block]


@pytest.mark.parametrize("block", [
    "What's next:\nThe Senate will vote on the bill on Thursday\nThe House must pass its own version by Friday",
    "What's Next\nThe Senate will vote on the bill on Thursday\nThe House must pass its own version by Friday\n"
    "The president has promised to sign it next week",
    "Also: The museum will reopen its east wing in the spring after two years of repairs",
    "Schedule of events:\nWomen's 100m final at the main stadium 9:30 p.m.\n"
    "Men's marathon through the city centre 7:00 a.m.\nClosing ceremony at the Olympic Stadium 8:00 p.m.",
])
def test_article_list_stays(block: str) -> None:
    assert taken(block) == []


@pytest.mark.parametrize("block", [
    "NEXT PREV\nWhy the pound fell again on Monday morning\nFive things the budget means for you",
    "Next Post: Tech Level course to help young mechanics",
    "Also read: Why the pound fell again on Monday morning",
    "Why the pound fell again on Monday 2 hours ago\nFive things the budget means for you 14 comments\n"
    "Police name the victim of the Leeds crash Jan 5, 2017",
])
def test_teasers_still_go(block: str) -> None:
    result = clean_text(f"{P1}\n\n{block}\n\n{P2}\n")
    assert result.text == f"{P1}\n\n{P2}\n"
