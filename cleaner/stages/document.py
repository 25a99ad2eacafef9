"""Whole-document junk: a crawl notice or widget page that holds no article at all.

A document rule fires on a line; if the whole document is short (`max_words` counts the
document), every line goes with the rule's category and the output is empty. In a longer
document only the matching line goes, so an archive notice pasted above a real article
does not take the article with it.
"""

from __future__ import annotations

from ..model import Document, Removal
from ..rulepack import RuleSet
from .base import remove_block, untouched

DEFAULT_DOCUMENT_WORDS = 300


class DocumentStage:
    name = "document"

    def __init__(self, rules: RuleSet):
        self.rules = rules.by_scope("document")

    def __call__(self, doc: Document) -> list[Removal]:
        blocks = untouched(doc)
        if not self.rules or not blocks:
            return []
        total = sum(len(doc.remaining(b).split()) for b in doc.live_blocks())
        for rule in self.rules:
            hits = []
            for block in blocks:
                try:
                    if rule.search(block.text.strip()):
                        hits.append(block)
                except TimeoutError:
                    doc.flags.append(f"rule {rule.id} timed out on line {block.line} and was skipped")
            if not hits:
                continue
            if total <= (rule.max_words or DEFAULT_DOCUMENT_WORDS):
                return [remove_block(doc, b, self.name, rule) for b in blocks]
            return [remove_block(doc, b, self.name, rule) for b in hits]
        return []
