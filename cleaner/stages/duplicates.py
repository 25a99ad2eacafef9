"""Doubled article bodies and repeated paragraphs: the first copy stays, later copies go.

Copies are compared after normalising what extractors change between copies (Unicode
form, curly vs straight quotes, no-break spaces, case, punctuation), so "near-identical as
when only quote marks differ" counts. A later line made only of sentences already read
(a pull quote lifted from a paragraph) is a copy too. One pass with hash sets: linear.
"""

from __future__ import annotations

import unicodedata

import regex

from ..model import Document, Removal
from ..rulepack import Rule
from ..segment import sentences
from .base import remove_block

MIN_WORDS = 6
_NON_WORD = regex.compile(r"[^\p{L}\p{N}]+")

COPY = Rule(id="duplicate.repeated-paragraph", category="duplicate", scope="block", pattern=".",
            reason="repeats a paragraph that appears earlier in the document", source="builtin")
PULL_QUOTE = Rule(id="duplicate.repeated-sentences", category="duplicate", scope="block", pattern=".",
                  reason="every sentence already appears earlier (pull quote or doubled excerpt)",
                  source="builtin")


def fingerprint(text: str) -> str:
    """Text reduced to its words: what two copies of one paragraph share."""
    return _NON_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


class DuplicateStage:
    name = "duplicates"

    def __call__(self, doc: Document) -> list[Removal]:
        seen_lines: set[str] = set()
        seen_sentences: set[str] = set()
        out: list[Removal] = []
        for block in doc.live_blocks():
            text = doc.remaining(block)
            key = fingerprint(text)
            parts = [fingerprint(text[a:b]) for a, b in sentences(text)]
            parts = [p for p in parts if p]
            long_enough = len(key.split()) >= MIN_WORDS
            if long_enough and not doc.removed_in(block):
                if key in seen_lines:
                    out.append(remove_block(doc, block, self.name, COPY))
                    continue
                if parts and all(len(p.split()) >= 4 and p in seen_sentences for p in parts):
                    out.append(remove_block(doc, block, self.name, PULL_QUOTE))
                    continue
            seen_lines.add(key)
            seen_sentences.update(parts)
        return out
