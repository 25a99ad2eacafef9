"""Cheap structural signals about one line of text, shared by the stages.

These are the jusText-style cues that hold across sites: how long a line is, whether it
ends like a sentence, whether it is cut off like a teaser, whether it is a lone label.
"""

from __future__ import annotations

from functools import lru_cache

import regex

_SENTENCE_END = regex.compile(r"""[.!?]["'”’)\]]*\s*$""")
_ELLIPSIS_END = regex.compile(r"""(?:\.\.\.|…|\.\s\.\s\.)["'”’)\]]*\s*$""")
_HAS_LETTER = regex.compile(r"\p{L}")
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’.-]*")
_PUNCT_END = regex.compile(r"[.!?,;:]\s*$")


def words(text: str) -> int:
    return len(text.split())


def ends_sentence(text: str) -> bool:
    """Ends with sentence punctuation (a closing quote or bracket may follow), not an ellipsis."""
    return bool(_SENTENCE_END.search(text)) and not is_truncated(text)


def is_truncated(text: str) -> bool:
    """Cut off with an ellipsis, as teasers and excerpts are."""
    return bool(_ELLIPSIS_END.search(text))


@lru_cache(maxsize=65536)
def is_body(text: str) -> bool:
    """Looks like an article paragraph: a full sentence of some length.

    Cached: zones are recomputed by several stages in every round over the same lines.
    """
    return words(text) >= 10 and ends_sentence(text)


def is_label(text: str, max_words: int = 4) -> bool:
    """A lone short label ("World", "Tech & Science"): few words, no sentence punctuation."""
    stripped = text.strip()
    return (0 < words(stripped) <= max_words and not _PUNCT_END.search(stripped)
            and bool(_HAS_LETTER.search(stripped)))


def is_teaser(text: str) -> bool:
    """A line of a recommendation list: label, headline without a full stop, or cut-off excerpt."""
    stripped = text.strip()
    if is_truncated(stripped) or is_label(stripped, 6):
        return True
    return words(stripped) <= 16 and not ends_sentence(stripped)


_REPORTED_SPEECH = regex.compile(
    r"\b(?:said|says|saying|told|tells|according to|wrote|writes|warned|warns|added|adds|"
    r"announced|explained|argued|claimed|insisted|stated|confirmed|found)\b", regex.IGNORECASE)


@lru_cache(maxsize=4096)
def reports_speech(text: str) -> bool:
    """Reports what someone said or wrote ("..., officials said", "according to"): a news
    sentence. Boilerplate addresses the reader ("Sign up for alerts", "We use cookies") and,
    on the benchmark and Multi-News, no removed notice, prompt or appeal reports speech;
    comment headers ("X says:") and captions do, and their rules say so (`reported_speech`)."""
    return bool(_REPORTED_SPEECH.search(text))

