"""Near copies: text printed again with something around it, found by word runs.

The exact-copy checks of `duplicates` compare whole lines and whole sentences. Real pages
print the same words again with a dateline, a credit or a kicker glued on ("WASHINGTON —
<lede>" after "<lede>", a caption with "Mohammed Saber/European Pressphoto Agency" at its
end), lift a pull quote out of the middle of a paragraph without its quote marks, or print a
caption twice inside one line. None of those share a line or a sentence fingerprint with
the first copy, but they share a long run of words.

Every line's words (casefolded, NFKC) are indexed once per document by their `K`-word
shingles (a dict: linear in the document); a match is then extended word by word. What each
judgement takes is a whole line or the second copy inside a line, never the words around a
copy that are new: a line goes only when all it adds to the run is a dateline, credit or
kicker (`decoration`), and inside a line only the repeated span goes.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

#: Shingle size: runs shorter than this are never matched.
K = 6
#: A line-level copy shares at least this many words and characters with its source.
CORE_WORDS = 8
CORE_CHARS = 40
#: A span repeated inside its own line has at least this many words (shorter phrases recur
#: in prose: "again and again", a repeated name).
SELF_WORDS = 15
#: What a decoration may hold: a dateline or kicker in front, a credit behind.
HEAD_WORDS = 6
TAIL_WORDS = 7
#: Occurrences kept per shingle (a boilerplate shingle printed a hundred times needs no
#: hundred candidates; the earliest ones are the sources that matter).
MAX_OCCURRENCES = 4

_WORD = re.compile(r"[^\W_]+")
#: Function words of English: a run of prose holds some (`prose_run`).
FUNCTION_WORDS = frozenset((
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "from", "and", "or", "but", "not",
    "no", "is", "are", "was", "were", "be", "been", "has", "have", "had", "it", "its", "he", "she", "they",
    "we", "you", "i", "his", "her", "their", "our", "this", "that", "these", "those", "as", "will", "would",
    "can", "could", "said", "says", "who", "which", "what", "there", "than", "then", "so", "if"))
# Lower-case words a credit or dateline holds ("AP Photo/Evan Vucci", "Courtesy of ...").
_DECOR_LOWER = frozenset((
    "of", "the", "and", "by", "via", "for", "de", "la", "le", "van", "von", "der", "al", "el", "photo", "photos",
    "file", "image", "images", "courtesy", "staff", "getty", "ap"))
_OPENERS = "\"'“‘«(["
_CLOSERS = "\"'”’»)]"
_SENTENCE_END = ".!?…"


@dataclass(frozen=True)
class Words:
    """The words of a line: comparison keys, their character spans in the line, and the
    hash of each `K`-word shingle (`shingles[p]` for words `p:p + K`)."""

    keys: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    shingles: tuple[int, ...]


@lru_cache(maxsize=4096)
def line_words(text: str) -> Words:
    """`Words` of a line, computed once per distinct text (every round asks again). The cache
    is for the rounds of one document: a long corpus run must not keep the words of every
    line it has read (65,536 entries held 75 MB over 1,000 documents)."""
    keys, starts, ends = [], [], []
    for m in _WORD.finditer(text):
        word = m.group()
        if not word.isascii():
            word = unicodedata.normalize("NFKC", word)
        keys.append(word.casefold())
        starts.append(m.start())
        ends.append(m.end())
    shingles = tuple(map(hash, zip(*(keys[d:] for d in range(K)), strict=False)))
    return Words(tuple(keys), tuple(starts), tuple(ends), shingles)


@dataclass(frozen=True)
class Match:
    """Words `start:end` of line `line` equal words `src_start:src_end` of line `src`."""

    line: int
    start: int
    end: int
    src: int
    src_start: int


def _decor_word(word: str) -> bool:
    return word[:1].isupper() or any(ch.isdigit() for ch in word) or word.casefold() in _DECOR_LOWER


def decoration_head(head: str, core_start: str) -> bool:
    """Whether `head` (the text in front of a copied run) is a dateline, date or kicker:
    a few capitalised words or figures ("WASHINGTON (AP) —", "July 31, 2013", "EXCLUSIVE:"),
    and the run opens like a sentence. "Jones, who was arrested ..." is no decorated copy
    of "Smith, who was arrested ...": the run opens lower case after a comma."""
    words = _WORD.findall(head)
    if not words:
        return not head.strip()
    if len(words) > HEAD_WORDS or not all(_decor_word(w) for w in words):
        return False
    if head.rstrip().endswith(","):
        return False
    return core_start[:1].isupper() or core_start[:1].isdigit()


def decoration_tail(between: str, tail: str) -> bool:
    """Whether `tail` (the text after a copied run) is a credit: a few capitalised words,
    figures or credit words ("Mohammed Saber/European Pressphoto Agency", "(AP Photo/Evan
    Vucci)"), set off from the run by a sentence end or a bracket (`between` is the text
    from the run's last word to the tail's first)."""
    words = _WORD.findall(tail)
    if not words:
        return not tail.strip()
    if len(words) > TAIL_WORDS or not all(_decor_word(w) for w in words):
        return False
    return any(ch in _SENTENCE_END or ch in "([|—–-" for ch in between + tail.lstrip()[:1])


class ShingleIndex:
    """Where each `K`-word shingle of the document's lines occurs (first few places), and
    which lines share a shingle with another line (only those can be copies)."""

    def __init__(self, words: list[Words]):
        self.words = words
        lines = Counter()  # in how many lines each shingle occurs
        for w in words:
            lines.update(set(w.shingles))
        self.shared = [bool(w.shingles) and max(map(lines.__getitem__, w.shingles)) > 1 for w in words]
        self.where: dict[int, list[tuple[int, int]]] = {}
        where = self.where
        for i, w in enumerate(words):
            if not self.shared[i]:
                continue  # its shingles occur nowhere else: it is no source either
            for p, h in enumerate(w.shingles):
                if lines[h] < 2:
                    continue
                places = where.get(h)
                if places is None:
                    where[h] = [(i, p)]
                elif len(places) < MAX_OCCURRENCES:
                    places.append((i, p))

    def longest_from(self, i: int, p: int, accept) -> Match | None:
        """The longest run starting at word `p` of line `i` that another line holds, among
        the places `accept(line, pos)` allows (words compared, not only their hashes)."""
        keys, shingles = self.words[i].keys, self.words[i].shingles
        if p >= len(shingles):
            return None
        best: Match | None = None
        for j, q in self.where.get(shingles[p], ()):
            if j == i or not accept(j, q):
                continue
            other = self.words[j].keys
            limit = min(len(keys) - p, len(other) - q)
            d = 0
            while d < limit and keys[p + d] == other[q + d]:
                d += 1
            if d >= K and (best is None or d > best.end - best.start):
                best = Match(i, p, p + d, j, q)
        return best


def line_copy(index: ShingleIndex, i: int, texts: list[str]) -> Match | None:
    """The run that makes line `i` a decorated copy: a run of `CORE_WORDS`+ words that some
    other line holds, with at most a dateline or kicker in front of it and a credit behind it
    in line `i`. Only runs that open within the first `HEAD_WORDS` words are tried (the
    head is never longer), so the search is linear in the line."""
    w = index.words[i]
    n = len(w.keys)
    if n < CORE_WORDS:
        return None
    best: Match | None = None
    for p in range(min(HEAD_WORDS, n - CORE_WORDS) + 1):
        m = index.longest_from(i, p, lambda j, q: j != i)
        if m and m.end - m.start >= CORE_WORDS and (best is None or m.end - m.start > best.end - best.start):
            best = m
        if best and best.end == n:
            break
    if best is None:
        return None
    text = texts[i]
    a, b = w.starts[best.start], w.ends[best.end - 1]
    if b - a < CORE_CHARS or not prose_run(w.keys[best.start:best.end]):
        return None
    after = w.starts[best.end] if best.end < n else len(text)
    if not decoration_head(text[:a], text[a:]) or not decoration_tail(text[b:after], text[after:]):
        return None
    return best


def copy_verdict(index: ShingleIndex, m: Match, texts: list[str], cut: bool = False) -> str | None:
    """Whether line `m.line` goes as a copy of the run it shares with line `m.src`:

    - "decorated": the two lines hold the same run and nothing else but decorations (one of
      them may have none): the later line goes, as the guideline keeps the first copy;
    - "contained": the source is a paragraph with more text around the run: the line is a
      pull quote or a caption repeating the story, and goes when it comes after the
      paragraph or carries a credit. Printed before the paragraph without a credit, it stays
      when the paragraph opens with it (a list item's heading, numbered or not, a deck, a
      standfirst: the paragraph is the article), and when the paragraph holds it further in
      it goes only when the paragraph quotes it and the line drops the quote marks (a
      pull quote).
    None when both lines are the same words (exact copies are the other rules' to judge).
    A line another stage already `cut` a piece from (a credit, a "Photo:" label) is no
    plain line even when its rest is the run alone.
    """
    i, j = m.line, m.src
    w, s = index.words[i], index.words[j]
    text, src = texts[i], texts[j]
    sa, sb = s.starts[m.src_start], s.ends[m.src_start + m.end - m.start - 1]
    src_end = m.src_start + m.end - m.start
    src_after = s.starts[src_end] if src_end < len(s.keys) else len(src)
    head, tail = m.start > 0, m.end < len(w.keys) or cut
    src_plain = m.src_start == 0 and src_end == len(s.keys)
    if not head and not tail and src_plain:
        return None
    if decoration_head(src[:sa], src[sa:]) and decoration_tail(src[sb:src_after], src[src_after:]):
        return "decorated" if i > j else None
    if i > j or tail:
        return "contained"
    if head or m.src_start == 0 or decoration_head(src[:sa], src[sa:]):
        return None  # a heading, numbered or not, a deck or standfirst above its paragraph
    quoted = src[:sa].rstrip()[-1:] in _OPENERS
    return "contained" if quoted and text.lstrip()[:1] not in _OPENERS else None


def prose_run(keys: tuple[str, ...]) -> bool:
    """Whether words hold two function words, as running prose does: a list or table row
    ("2 Green, 1 Purple, 1 Red, 1 tsp.") repeated under another label is the page's
    structure, not a copy."""
    return sum(k in FUNCTION_WORDS for k in keys) >= 2


def joined_copies(index: ShingleIndex, i: int) -> bool:
    """Whether line `i` is whole earlier lines joined into one (copies of two captions
    joined into one line): every word lies in a run of `CORE_WORDS`+ words that is all of an
    earlier line. Runs that are only parts of earlier lines do not count: wire prose reuses
    its formulae ("said on Tuesday that", "according to figures released in 1990"), so a new
    sentence can be made of pieces of earlier ones. One greedy pass: linear in the line."""
    words = index.words
    n = len(words[i].keys)
    if n < 2 * CORE_WORDS:
        return False
    p = 0
    while p < n:
        m = index.longest_from(i, p, lambda j, q: j < i and q == 0)
        if m is None or m.end - m.start < CORE_WORDS or m.end - m.start != len(words[m.src].keys):
            return False
        p = m.end
    return prose_run(index.words[i].keys)


def repeated_in_line(text: str, cut: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The first span `repeated_spans_in_line` finds, or None."""
    spans = repeated_spans_in_line(text, cut)
    return spans[0] if spans else None


def repeated_spans_in_line(text: str, cut: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The character span of a second copy, inside line `i`, of a run of `SELF_WORDS`+
    words printed earlier in the same line (a caption printed twice, a paragraph's opening
    pasted again at its end), trimmed to whole sentences: it opens where a sentence can open
    and ends where one ends. The copy follows the first one directly or ends the line: a
    quote printed again further into a long line, with text after it, is often the article's
    paragraph after its own pull quote (extractors join a page's blocks into one line).
    The span takes the copy's quote marks and end punctuation; the
    first copy and the text around the copy stay. Both copies lie clear of the earlier cuts
    `cut` (offsets in `text`). Each word is extended over once: linear."""
    w = line_words(text)
    n = len(w.keys)
    if n < 2 * SELF_WORDS:
        return []
    if len(set(w.shingles)) == len(w.shingles):
        return []  # no shingle printed twice: the usual line
    seen: dict[int, int] = {}
    spans: list[tuple[int, int]] = []
    taken_to = -1  # the word after the last copy taken: a copy may follow it directly
    p = 0
    while p <= n - K:
        q = seen.get(w.shingles[p])
        if q is None:
            seen[w.shingles[p]] = p
            p += 1
            continue
        d = 0
        while p + d < n and q + d < p and w.keys[p + d] == w.keys[q + d]:
            d += 1
        if d < K:
            p += 1
            continue
        if d >= SELF_WORDS and prose_run(w.keys[p:p + d]):
            span = _whole_sentences(text, w, p, p + d)
            first = (w.starts[q], w.ends[q + d - 1])
            if (span is not None and not any(x < b and a < y for x, y in cut for a, b in (span, first))
                    and (q + d == p or p == taken_to or span[1] == len(text))):
                spans.append(span)  # every copy in one call: the third follows the second
                taken_to = p + d
        for r in range(p, min(p + d, n - K + 1)):
            seen[w.shingles[r]] = r  # the nearest earlier place: a copy follows the one before it
        p += d
    return spans


def _whole_sentences(text: str, w: Words, p: int, e: int) -> tuple[int, int] | None:
    """The widest span of whole sentences within words `p:e` of a line, if it still has
    `SELF_WORDS` words: from the first word that opens a sentence to the last that ends one."""
    first = next((k for k in range(p, e) if _opens(text, w.starts[k])), None)
    if first is None:
        return None
    last = next((k for k in range(e, first, -1) if _closes(text, w.ends[k - 1]) is not None), None)
    if last is None or last - first < SELF_WORDS:
        return None
    a = w.starts[first]
    while a > 0 and text[a - 1] in _OPENERS:
        a -= 1
    b = _closes(text, w.ends[last - 1])
    while b < len(text) and text[b].isspace():  # the space after the copy goes with it
        b += 1
    return a, b


def _opens(text: str, a: int) -> bool:
    """Whether a sentence can open at `text[a]`: a capital or figure, after the line start,
    white space or a sentence end (opening quote marks skipped)."""
    if not (text[a].isupper() or text[a].isdigit()):
        return False
    while a > 0 and text[a - 1] in _OPENERS:
        a -= 1
    while a > 0 and text[a - 1].isspace():  # no slice of the line before: linear overall
        a -= 1
    if a == 0 or text[a - 1] in _SENTENCE_END:
        return True
    return text[a - 1] in _CLOSERS and a > 1 and text[a - 2] in _SENTENCE_END


def _closes(text: str, b: int) -> int | None:
    """Where the sentence whose last word ends at `b` ends (after its end mark and closing
    quotes), or None when no sentence ends there."""
    end = b
    while end < len(text) and (text[end] in _SENTENCE_END or text[end] in _CLOSERS):
        end += 1
    if end < len(text) and (not any(ch in _SENTENCE_END for ch in text[b:end]) or not text[end].isspace()):
        return None
    return end
