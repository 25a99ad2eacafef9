"""Doubled article bodies and repeated paragraphs: the first copy stays, later copies go.

Copies are compared after normalising what extractors change between copies (Unicode
form, curly vs straight quotes, no-break spaces, case, punctuation), so "near-identical as
when only quote marks differ" counts. A later line made only of sentences already read
(a pull quote lifted from a paragraph) is a copy too. One pass with hash sets: linear.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..model import Block, Document, Removal
from ..rulepack import Rule
from ..segment import sentences
from ..signals import is_body
from .base import remove_block, remove_rest

MIN_WORDS = 6
CREDIT_WORDS = 4
TEMPLATE_WORDS = 15
# Anything but letters and digits (Python's `re`: `[\W_]` is "not alphanumeric"; about
# twice as fast as `regex` for this).
_NON_WORD = re.compile(r"[\W_]+")

COPY = Rule(id="duplicate.repeated-paragraph", category="duplicate", scope="block", pattern=".",
            reason="repeats a paragraph that appears earlier in the document", source="builtin")
PULL_QUOTE = Rule(id="duplicate.repeated-sentences", category="duplicate", scope="block", pattern=".",
                  reason="every sentence already appears earlier (pull quote or doubled excerpt)",
                  source="builtin")


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


class DuplicateStage:
    name = "duplicates"

    def __call__(self, doc: Document) -> list[Removal]:
        seen_lines: set[str] = set()
        seen_sentences: set[str] = set()
        out: list[Removal] = []
        live = doc.live_blocks()
        texts = [doc.remaining(b) for b in live]
        facts = [line_facts(t) for t in texts]
        keys = [f.key for f in facts]
        copies, echoed = _copies(facts)
        if not any(copies) and not echoed:
            return out  # nothing repeats: no line can go (the loop below would only re-check)
        template = _template_items(keys, copies, texts, echoed)
        for i, block in enumerate(live):
            key = keys[i]
            fact = facts[i]
            parts = fact.parts
            long_enough = len(key.split()) >= MIN_WORDS
            if long_enough and i not in template:
                # A line already cut by a sentence rule is judged by what is left of it (what a
                # second cleaning sees), and then only that rest is taken.
                take = remove_rest if doc.removed_in(block) else _whole
                if key in seen_lines:
                    out.extend(take(doc, block, self.name, COPY))
                    continue
                if _echoes(fact, seen_sentences):
                    out.extend(take(doc, block, self.name, PULL_QUOTE))
                    continue
            seen_lines.add(key)
            seen_sentences.update(parts)
        return out
