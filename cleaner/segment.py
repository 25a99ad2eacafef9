"""Cut repaired text into blocks (non-blank lines) and lines into sentences.

Extractors write one paragraph per line, with or without blank lines between, so a line is
the natural unit to judge. Sentences matter for boilerplate glued onto article text
("Your support makes all the difference.Kim Jong-un could ..."), so the sentence splitter
also splits where a sentence end runs straight into a capital letter.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from .model import Block, Span

# End of a sentence: terminal punctuation, optional closing quotes/brackets, then either
# white space or (glued text) an upper-case letter or opening quote.
_SENTENCE_END = regex.compile(
    r"""(?<=[^\s.][.!?…]+["'”’)\]]*)\s+"""  # "end. Next"
    r"""|(?<=\p{Ll}{2}[.!?]["'”’)\]]*)(?=\p{Lu})"""  # "difference.Kim" (glued, not "U.S")
)
# Abbreviations after which a period does not end a sentence.
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "gen", "col", "lt", "sgt", "capt", "gov", "sen",
    "rep", "rev", "no", "vs", "etc", "inc", "corp", "co", "ltd", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m",
})


def split_blocks(text: str) -> list[Block]:
    """One `Block` per non-blank line, with its span (newline excluded) and 1-based line number."""
    blocks: list[Block] = []
    pos = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            blocks.append(Block(len(blocks), Span(pos, pos + len(line)), number, line))
        pos += len(line) + 1
    return blocks


def line_starts(text: str) -> list[int]:
    """Offsets where each line starts (index i is line i + 1)."""
    starts = [0]
    find = text.find
    pos = find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = find("\n", pos + 1)
    return starts


@lru_cache(maxsize=65536)
def sentences(line: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans `(start, end)` within `line`; each span includes its trailing space.

    Cached: the phrase, block and duplicate stages all split the same lines, in every round.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(line):
        end = match.start()
        if _ends_with_abbreviation(line, start, end) and match.group():
            continue
        spans.append((start, match.end()))
        start = match.end()
    if start < len(line):
        spans.append((start, len(line)))
    return tuple(spans)


#: Longest token looked at before a period: far longer than any abbreviation, and it keeps
#: the check O(1) per period (slicing `line[start:end]` made "a. a. a. ..." quadratic, as
#: `start` stays put while initials are skipped).
_WORD_WINDOW = 32


def _ends_with_abbreviation(line: str, start: int, end: int) -> bool:
    """True when the period at `end` closes an abbreviation or an initial ("Mr.", "J.")."""
    head = line[max(start, end - _WORD_WINDOW) : end].rstrip("\"'”’)]")
    if not head.endswith("."):
        return False
    before = head[:-1]
    word = before.rsplit(None, 1)[-1] if before.split() else ""
    if len(word) == len(before) and end - _WORD_WINDOW > start:
        return False  # the token runs past the window: far too long to be an abbreviation
    word = word.lstrip("(\"'“‘").lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())
