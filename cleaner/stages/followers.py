"""How far a block rule reaches past its trigger line.

A trigger ("You may also like", "Your support helps us to tell the story") names a
block; what belongs to it is decided by structure, not by the block's sentences, so it
works on sites no rule has seen: teaser lists are labels, headlines and cut-off excerpts;
appeals keep talking about support, journalism and donations.
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from ..segment import sentences
from ..signals import is_label, is_teaser, reports_speech, words

_APPEAL = regex.compile(
    r"\b(?:donat\w*|your (?:support|help|contribution|gift)|support (?:us|our|independent|quality)"
    r"|(?:independent|quality|public[- ]interest|trusted|fearless|open) (?:journalism|reporting|news)"
    r"|paywalls?|reader[- ](?:funded|supported)|become an? (?:member|supporter|subscriber|patron)"
    r"|membership|contribut(?:e|ion|ing)|journalists?|reporters? on the ground|we need your"
    r"|(?:monthly|one-off|one-time|annual) (?:gift|payment|contribution|donation)|support today"
    r"|keep (?:our|this) (?:journalism|reporting|site|work)|make a (?:gift|contribution|donation))",
    regex.IGNORECASE,
)


def appeal_like(text: str) -> bool:
    """Talks about supporting the publication or its journalism."""
    return bool(_APPEAL.search(text))


def _teasers(texts: list[str], limit: int) -> int:
    taken = 0
    for text in texts[:limit]:
        if not is_teaser(text):
            break
        taken += 1
    return taken


def _labels(texts: list[str], limit: int) -> int:
    taken = 0
    for text in texts[:limit]:
        if not is_label(text, 3):
            break
        taken += 1
    return taken


def appeal_paragraph(text: str) -> bool:
    """An appeal paragraph talks support and *ends* doing so: a line whose last real
    sentence is article text ("Your support makes all the difference.Kim Jong-un ...")
    is not taken whole; the sentence rules cut its appeal part instead. A paragraph that
    reports speech ("..., the editor said") is a story about such appeals, not one."""
    if not appeal_like(text) or reports_speech(text):
        return False
    spans = [text[a:b] for a, b in sentences(text)]
    long_ones = [s for s in spans if words(s) >= 6] or spans
    return appeal_like(long_ones[-1])


def _appeal(texts: list[str], limit: int) -> int:
    """Appeal paragraphs, bridging one plain paragraph when an appeal paragraph follows it."""
    taken = 0
    i = 0
    end = min(len(texts), limit)
    while i < end:
        if appeal_paragraph(texts[i]):
            i += 1
            taken = i
        elif i + 1 < end and appeal_paragraph(texts[i + 1]):
            i += 2
            taken = i
        else:
            break
    return taken


FOLLOWERS: dict[str, Callable[[list[str], int], int]] = {
    "none": lambda texts, limit: 0,
    "teasers": _teasers,
    "labels": _labels,
    "appeal": _appeal,
}
