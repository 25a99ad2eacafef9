"""Doubled article bodies and repeated paragraphs: the first copy stays, later copies go.

Copies are compared after normalising what extractors change between copies (Unicode
form, curly vs straight quotes, no-break spaces, case, punctuation), so "near-identical as
when only quote marks differ" counts. A later line made only of sentences already read
(a pull quote lifted from a paragraph) is a copy too. Below the line, a sentence already
read goes from a later line that goes on with new text (a caption glued to the next
paragraph, a pull quote glued into the text), and a short line printed exactly twice, on
its own (a repeated kicker or headline), goes as well. One pass with hash sets: linear.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

from ..model import Block, Document, Removal
from ..rulepack import Rule
from ..segment import sentences
from ..signals import is_body
from .base import remove_block, remove_part, remove_rest
from .near_copies import (
    CORE_WORDS,
    SELF_WORDS,
    ShingleIndex,
    copy_verdict,
    joined_copies,
    line_copy,
    line_words,
    repeated_spans_in_line,
)
from .near_copies import FUNCTION_WORDS as _FUNCTION_WORDS
from .phrases import _has_word_outside, _rest_of, _runs, _with_trailing_blank

MIN_WORDS = 6
CREDIT_WORDS = 4
TEMPLATE_WORDS = 15
#: A sentence cut from a longer line as a copy has at least this many words and characters
#: (fingerprint): shorter ones ("Yes, he said.", "It was not.") recur in real prose.
SENTENCE_MIN_WORDS = 8
SENTENCE_MIN_CHARS = 40
#: ... and was first read in a paragraph of at least two sentences of this many words (a
#: caption's "(Published Monday, Nov. 18, 2019)" does not make a paragraph).
CONTEXT_WORDS = 6
#: A line printed twice on its own goes from this many words and characters (fingerprint)
#: up; "Yes." and "Read on" stay.
LINE_MIN_WORDS = 3
LINE_MIN_CHARS = 15
# Anything but letters and digits (Python's `re`: `[\W_]` is "not alphanumeric"; about
# twice as fast as `regex` for this).
_NON_WORD = re.compile(r"[\W_]+")

COPY = Rule(id="duplicate.repeated-paragraph", category="duplicate", scope="block", pattern=".",
            reason="repeats a paragraph that appears earlier in the document", source="builtin")
PULL_QUOTE = Rule(id="duplicate.repeated-sentences", category="duplicate", scope="block", pattern=".",
                  reason="every sentence already appears earlier (pull quote or doubled excerpt)",
                  source="builtin")
REPEATED_LINE = Rule(id="duplicate.repeated-line", category="duplicate", scope="block", pattern=".",
                     reason="a line printed a second time on its own (a repeated kicker, headline or caption)",
                     source="builtin")
REPEATED_SENTENCE = Rule(id="duplicate.repeated-sentence", category="duplicate", scope="sentence", pattern=".",
                         reason="a sentence already read earlier, printed again in front of or inside new text",
                         source="builtin")
DECORATED_COPY = Rule(id="duplicate.decorated-copy", category="duplicate", scope="block", pattern=".",
                      reason="the words of another line printed again with only a dateline, credit or kicker "
                             "around them", source="builtin")
CONTAINED_LINE = Rule(id="duplicate.contained-line", category="duplicate", scope="block", pattern=".",
                      reason="a line whose words are printed inside a longer paragraph of the document "
                             "(a pull quote, or a caption repeating the story)", source="builtin")
JOINED_COPIES = Rule(id="duplicate.joined-copies", category="duplicate", scope="block", pattern=".",
                     reason="a line made only of whole earlier lines (copies joined into one line)", source="builtin")
DOUBLED_IN_LINE = Rule(id="duplicate.doubled-in-line", category="duplicate", scope="sentence", pattern=".",
                       reason="sentences printed a second time inside the same line", source="builtin")
#: The built-in rules of this stage (for `--disable` and the docs).
RULES = (COPY, PULL_QUOTE, REPEATED_LINE, REPEATED_SENTENCE, DECORATED_COPY, CONTAINED_LINE, JOINED_COPIES,
         DOUBLED_IN_LINE)
#: The near-copy rules (`near_copies`), judged after the exact ones.
NEAR_RULES = (DECORATED_COPY, CONTAINED_LINE, JOINED_COPIES, DOUBLED_IN_LINE)
# A line that speaks in an interview's or transcript's turn ("Q:", "A.", "MR. SMITH:"):
# turns repeat by nature.
_TURN = re.compile(r"^\s*(?:[QA][:.)]|[A-Z][A-Z .'-]{1,30}:)")


@lru_cache(maxsize=65536)
def fingerprint(text: str) -> str:
    """Text reduced to its words: what two copies of one paragraph share."""
    if not unicodedata.is_normalized("NFKC", text):  # a fast check; most text already is
        text = unicodedata.normalize("NFKC", text)
    return _NON_WORD.sub(" ", text.casefold()).strip()


@dataclass(frozen=True)
class LineFacts:
    """What the stage compares of one line: its fingerprint (`key`), its sentences'
    fingerprints (`parts`), and whether it could be a copy of sentences read before."""

    key: str
    parts: tuple[str, ...]
    long_parts: tuple[str, ...]  # sentences of 4 words or more
    short_words: int  # words in the shorter sentences (a credit tacked on)

    @property
    def echo_shaped(self) -> bool:
        return bool(self.long_parts) and self.short_words <= CREDIT_WORDS


@lru_cache(maxsize=65536)
def line_facts(text: str) -> LineFacts:
    """`LineFacts` of a line, computed once per distinct text (every round asks again)."""
    parts = tuple(p for p in (fingerprint(text[a:b]) for a, b in sentences(text)) if p)
    sizes = [len(p.split()) for p in parts]
    return LineFacts(fingerprint(text), parts, tuple(p for p, n in zip(parts, sizes, strict=True) if n >= 4),
                     sum(n for n in sizes if n < 4))


def _echoes(facts: LineFacts, seen: set[str]) -> bool:
    """Every real sentence of the line was read before; at most a short credit is new.

    A photo caption often repeats a sentence of the story and adds who took the picture
    ("... a frequent finding in AFM cases. Courtesy Sara Carson"): the credit alone is not
    article text, so the line is still a copy.
    """
    return facts.echo_shaped and all(p in seen for p in facts.long_parts)


def _copies(facts: list[LineFacts]) -> tuple[list[bool], set[str]]:
    """For each line, whether an identical line came earlier; and the keys whose first
    line only echoed sentences already read (a pull quote).

    Copies of an echo are copies of article text, never page structure: they go together
    with the echo in one round, so the verdict does not change once earlier copies are gone.
    """
    seen: set[str] = set()
    seen_sentences: set[str] = set()
    echoed: set[str] = set()
    out = []
    for fact in facts:
        key = fact.key
        copy = bool(key) and key in seen
        if not copy and key and _echoes(fact, seen_sentences):
            echoed.add(key)
        out.append(copy)
        seen.add(key)
        seen_sentences.update(fact.parts)
    return out, echoed


def _template_items(keys: list[str], copies: list[bool], texts: list[str], echoed: set[str]) -> set[int]:
    """Copies that are the page's own structure rather than doubled text.

    A doubled body or repeated block is a run of copies with real paragraphs in it (long
    lines that end like sentences). Lines that recur in runs without one are a template (a meal plan's
    "Eat 1-2 hours after your workout", a table's row labels), and a question that recurs
    alone is an interview's question put to the next person: both stay.
    """
    keep: set[int] = set()
    i = 0
    while i < len(keys):
        if not copies[i]:
            i += 1
            continue
        j = i
        while j < len(keys) and copies[j]:
            j += 1
        run = range(i, j)
        if not any(len(keys[k].split()) >= TEMPLATE_WORDS and is_body(texts[k]) for k in run):
            keep.update(k for k in run if keys[k] not in echoed)
        elif j - i == 1 and texts[i].rstrip().endswith("?"):
            keep.add(i)
        i = j
    return keep


def _whole(doc: Document, block: Block, stage: str, rule: Rule) -> list[Removal]:
    return [remove_block(doc, block, stage, rule)]


def lone_copy(i: int, keys: list[str], copies: list[bool], texts: list[str], counts: Counter[str]) -> bool:
    """A line printed exactly twice, the second time on its own: a repeated kicker, headline
    or caption. Lines that recur more often (a table's row labels, a refrain) or together
    with their neighbours (a meal plan's day, printed twice) are the page's structure, a
    question or an interview turn ("Q:", "MR. SMITH:") is asked again by nature, and very
    short lines ("Yes.") recur in any text: all of those stay."""
    key = keys[i]
    if not copies[i] or counts[key] != 2:
        return False
    if len(key.split()) < LINE_MIN_WORDS or len(key) < LINE_MIN_CHARS:
        return False
    if (i > 0 and copies[i - 1]) or (i + 1 < len(keys) and copies[i + 1]):
        return False
    text = texts[i].strip()
    return not text.endswith("?") and not _TURN.match(text)


def sentence_counts(facts: list[LineFacts]) -> Counter[str]:
    """How often each sentence long enough to be cut as a copy occurs (one pass)."""
    return Counter(part for fact in facts for part in fact.long_parts)


def prose_sentence(text: str) -> bool:
    """A sentence of running prose: opens with a capital (or a quote mark) and holds function
    words. Recipe and table lines ("Tomato Salad (1/2 cup feta, 1 Tbsp. ...") are cut into
    fragments by their abbreviations; those recur in a meal plan and are no copies."""
    stripped = text.strip().lstrip("\"'“‘(")
    if not stripped or not (stripped[0].isupper() or stripped[0].isdigit()):
        return False
    return sum(w in _FUNCTION_WORDS for w in fingerprint(text).split()) >= 2


def _after_cut(text: str, a: int, b: int, cut: list[tuple[int, int]]) -> tuple[int, int]:
    """The sentence `text[a:b]` without an earlier cut that takes its head (a photo credit
    glued in front of it): what is left is the sentence a second cleaning reads."""
    for x, y in cut:
        if x <= a < y < b:
            a = y
            while a < b and text[a].isspace():
                a += 1
    return a, b


def sentence_copies(doc: Document, block: Block, seen: set[str], twice: set[str], stage: str) -> list[Removal]:
    """The leading sentences of `block` (clear of earlier cuts) that were already read inside
    an earlier paragraph (`seen`), cut from a line that goes on with new text: a caption or
    kicker that repeats the story's sentence, glued in front of the next paragraph.

    Only sentences of SENTENCE_MIN_WORDS words or more (short ones, "That is not true.",
    recur in real prose), of running prose, and printed exactly twice (`twice`): a sentence
    said three times is a speech's refrain. A sentence later in the line stays: reporters
    repeat a quote at the end of a later paragraph. And a sentence first printed as a line
    of its own (a list item's heading, a deck) stays when a paragraph opens with it: the
    paragraph is the article."""
    text = block.text
    cut = [(r.span.start - block.span.start, r.span.end - block.span.start) for r in doc.removed_in(block)]
    spans = [(a, b) for a, b in (_after_cut(text, a, b, cut) for a, b in sentences(text))
             if not any(a < y and x < b for x, y in cut)]
    hits: list[tuple[int, int, Rule]] = []
    for a, b in spans:
        piece = text[a:b]
        key = fingerprint(piece)
        if not (key in twice and key in seen and len(key) >= SENTENCE_MIN_CHARS
                and len(key.split()) >= SENTENCE_MIN_WORDS and prose_sentence(piece)):
            break
        hits.append((a, b, REPEATED_SENTENCE))
    if not hits:
        return []
    if not _has_word_outside(text, [(a, b) for a, b, _ in hits] + cut):
        return remove_rest(doc, block, stage, REPEATED_SENTENCE) if cut else _whole(
            doc, block, stage, REPEATED_SENTENCE)
    return [remove_part(doc, block, a, b, stage, rule) for a, b, rule in _with_trailing_blank(text, hits, cut)]


class DuplicateStage:
    name = "duplicates"

    def __init__(self, disabled: Collection[str] = ()):
        self.disabled = frozenset(disabled)

    def __call__(self, doc: Document) -> list[Removal]:
        seen_lines: set[str] = set()
        seen_sentences: set[str] = set()
        in_context: set[str] = set()  # sentences read in a paragraph of several real sentences
        out: list[Removal] = []
        live = doc.live_blocks()
        texts = [doc.remaining(b) for b in live]
        facts = [line_facts(t) for t in texts]
        keys = [f.key for f in facts]
        copies, echoed = _copies(facts)
        twice = ({k for k, n in sentence_counts(facts).items() if n == 2}
                 if REPEATED_SENTENCE.id not in self.disabled else set())
        sentence_level = bool(twice)
        if not any(copies) and not echoed and not sentence_level:
            return self._near_copies(doc, live, texts, keys, set(), out)
        template = _template_items(keys, copies, texts, echoed)
        counts = Counter(keys) if any(copies) and REPEATED_LINE.id not in self.disabled else Counter()
        for i, block in enumerate(live):
            key = keys[i]
            fact = facts[i]
            parts = fact.parts
            long_enough = len(key.split()) >= MIN_WORDS
            # A line already cut by a sentence rule is judged by what is left of it (what a
            # second cleaning sees), and then only that rest is taken.
            take = remove_rest if doc.removed_in(block) else _whole
            if long_enough and i not in template:
                if key in seen_lines and COPY.id not in self.disabled:
                    out.extend(take(doc, block, self.name, COPY))
                    continue
                if _echoes(fact, seen_sentences) and PULL_QUOTE.id not in self.disabled:
                    out.extend(take(doc, block, self.name, PULL_QUOTE))
                    continue
            if counts and key in seen_lines and lone_copy(i, keys, copies, texts, counts):
                out.extend(take(doc, block, self.name, REPEATED_LINE))
                continue
            if sentence_level and i not in template and in_context:
                out.extend(sentence_copies(doc, block, in_context, twice, self.name))
            seen_lines.add(key)
            seen_sentences.update(parts)
            if sum(len(part.split()) >= CONTEXT_WORDS for part in fact.long_parts) > 1:
                in_context.update(fact.long_parts)
        return self._near_copies(doc, live, texts, keys, template, out)

    def _near_copies(self, doc: Document, live: list[Block], texts: list[str], keys: list[str],
                     template: set[int], out: list[Removal]) -> list[Removal]:
        """Add the near copies (`near_copies`) to the exact ones in `out`.

        Judged on what is left of each line (what a second cleaning reads), and a line cut
        by another stage goes by its rest. A line the exact rules take or cut this round is
        neither a candidate nor a source (its words are changing), a line printed twice
        exactly is theirs to judge, and a template's lines stay. One shingle index per call.
        """
        if all(r.id in self.disabled for r in NEAR_RULES):
            return out
        touched = {r.line for r in out}
        use = [b.line not in touched for b in live]
        empty = line_words("")
        # A line of fewer words than a run is neither a copy nor a source (the fingerprint
        # has the same words: no need to index it).
        words = [line_words(t) if ok and k.count(" ") + 1 >= CORE_WORDS else empty
                 for t, k, ok in zip(texts, keys, use, strict=True)]
        index = ShingleIndex(words)
        counts = Counter(k for k, ok in zip(keys, use, strict=True) if ok)
        for i, block in enumerate(live):
            if i in template or not keys[i] or block.line in touched:
                continue
            # Both copies lie outside earlier cuts, so what is left holds 2 x SELF_WORDS words.
            if DOUBLED_IN_LINE.id not in self.disabled and keys[i].count(" ") + 1 >= 2 * SELF_WORDS:
                cut = [(r.span.start - block.span.start, r.span.end - block.span.start) for r in doc.removed_in(block)]
                pieces = doubled_pieces(block.text, cut)
                if pieces:
                    hits = _with_trailing_blank(block.text, [(a, b, DOUBLED_IN_LINE) for a, b in pieces], cut)
                    out.extend(remove_part(doc, block, a, b, self.name, r) for a, b, r in hits)
                    continue
            if not use[i] or not index.shared[i] or counts[keys[i]] > 1:
                continue
            m = line_copy(index, i, texts)
            verdict = copy_verdict(index, m, texts, bool(doc.removed_in(block))) if m else None
            rule = {"decorated": DECORATED_COPY, "contained": CONTAINED_LINE}.get(verdict or "")
            if rule is None and joined_copies(index, i):
                rule = JOINED_COPIES
            if rule is not None and rule.id not in self.disabled:
                out.extend(remove_rest(doc, block, self.name, rule) if doc.removed_in(block)
                           else [remove_block(doc, block, self.name, rule)])
        return out


#: Passes of `doubled_pieces` over one line: copies nested in copies come out pass by pass.
DOUBLED_PASSES = 4


def doubled_pieces(text: str, cut: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Ranges of line `text` holding second copies (`repeated_spans_in_line`), judged on
    what is left after `cut` and the copies already found, as a second cleaning reads the
    line: a copy that follows the first one only once the copies between them are gone goes
    in the same cleaning. A few passes at most, each linear in the line."""
    found: list[tuple[int, int]] = []
    for _ in range(DOUBLED_PASSES):
        gone = cut + found
        if not gone:  # the usual line: offsets are the line's own, no map to build
            spans = repeated_spans_in_line(text, [])
            found.extend(spans)
        else:
            rest, where = _rest_of(text, gone)
            spans = repeated_spans_in_line(rest, [])
            found.extend(run for span in spans for run in _runs(where, *span))
        if not spans:
            break
    return sorted(found)
