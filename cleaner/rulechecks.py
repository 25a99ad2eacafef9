"""Checks in code that a rule names with `check = "..."`, for what a pattern on a
linear-time engine cannot say.

A back-reference ("the same text again") has no finite automaton. Where a `same` pair of
groups cannot state it either, because the engine's one match may split the text
elsewhere than where the copies meet, a check here tries every split: each is bounded by
the line's word count, so the work stays linear in the line for the rules' `max_words`.
"""

from __future__ import annotations

from collections.abc import Callable

import regex

_FLAGS = regex.VERSION0 | regex.IGNORECASE
#: The optional lead of a doubled credit ("Enlarge this image", "toggle caption").
_ENLARGE = regex.compile(r"enlarge this image\s+", _FLAGS)
_CAPTION = regex.compile(r"(?:toggle|hide) caption\s+", _FLAGS)
#: One credit: a name and one to three "/Agency" parts.
_CREDIT = regex.compile(r"[^\s/][^/]{0,40}(?:/\s?[^/\s][^/]{0,30}?){1,3}", _FLAGS)
_BETWEEN = regex.compile(r"(?:\s+i)?\s+", _FLAGS)
_GAP = regex.compile(r"(?<=\S)\s", _FLAGS)


def _leads(text: str) -> list[int]:
    """Where the credit may start: after none, either or both of the optional leads."""
    starts = [0]
    enlarge = _ENLARGE.match(text)
    if enlarge:
        starts.append(enlarge.end())
    for start in list(starts):
        caption = _CAPTION.match(text, start)
        if caption:
            starts.append(caption.end())
    return starts


def doubled_credit(match: regex.Match[str]) -> bool:
    """The matched text is one photo credit written twice ("Jim Cole/AP Jim Cole/AP"),
    after an optional "Enlarge this image" / "toggle caption": what the pattern
    `(?P<credit>...)\\s+(?P=credit)$` said, on every way of splitting the text."""
    text = match.string[match.start():match.end()]
    for start in _leads(text):
        rest = text[start:]
        # The text ends in a credit, so the first copy ends before a run of white space.
        for gap in _GAP.finditer(rest):
            cut = gap.start()
            if 2 * cut >= len(rest):
                break
            first, between, second = rest[:cut], rest[cut:len(rest) - cut], rest[len(rest) - cut:]
            if (_BETWEEN.fullmatch(between) and _CREDIT.fullmatch(first)
                    and regex.fullmatch(regex.escape(first), second, _FLAGS)):
                return True
    return False


#: Check name -> function of the pattern's match (on the text the rule searched).
CHECKS: dict[str, Callable[[regex.Match[str]], bool]] = {
    "doubled-credit": doubled_credit,
}
