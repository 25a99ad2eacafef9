"""Phrase rules at line and sentence scope.

Line rules take a whole line when the pattern matches and the line is short enough
(`max_words`) and in the right zone (`position`). Sentence rules take single sentences,
which is how boilerplate glued onto article text is cut at the sentence boundary while
the article part of the line stays.
"""

from __future__ import annotations

from ..model import Block, Document, Removal
from ..rulepack import Rule, RuleSet
from ..segment import sentences
from ..zones import Zones, zones
from .base import remove_block, remove_part, untouched


class PhraseStage:
    name = "phrases"

    def __init__(self, rules: RuleSet):
        self.line_rules = rules.by_scope("line")
        self.sentence_rules = rules.by_scope("sentence")

    def __call__(self, doc: Document) -> list[Removal]:
        out: list[Removal] = []
        zone = zones(doc)
        for block in untouched(doc):
            text = block.text.strip()
            rule = self._first(doc, self.line_rules, block, text, zone)
            if rule is not None:
                out.append(remove_block(doc, block, self.name, rule))
                continue
            out.extend(self._sentences(doc, block, zone))
        return out

    def _first(self, doc: Document, rules: list[Rule], block: Block, text: str, zone: Zones) -> Rule | None:
        for rule in rules:
            if not rule.fits(text) or not zone.allows(block, rule.position):
                continue
            try:
                if rule.search(text):
                    return rule
            except TimeoutError:
                # A runaway pattern is skipped and reported; the document is still cleaned.
                doc.flags.append(f"rule {rule.id} timed out on line {block.line} and was skipped")
        return None

    def _sentences(self, doc: Document, block: Block, zone: Zones) -> list[Removal]:
        if not self.sentence_rules:
            return []
        spans = sentences(block.text)
        hits: list[tuple[int, int, Rule]] = []
        for start, end in spans:
            rule = self._first(doc, self.sentence_rules, block, block.text[start:end].strip(), zone)
            if rule is not None:
                hits.append((start, end, rule))
        if not hits:
            return []
        if len(hits) == len(spans):
            return [remove_block(doc, block, self.name, hits[0][2])]
        out = []
        hit_ends = {end for _, end, _ in hits}
        for start, end, rule in hits:
            if end == len(block.text) and start > 0 and start not in hit_ends:
                # A removed last sentence takes the space before it, so no line ends in a blank.
                while start > 0 and block.text[start - 1].isspace():
                    start -= 1
            out.append(remove_part(doc, block, start, end, self.name, rule))
        return out
