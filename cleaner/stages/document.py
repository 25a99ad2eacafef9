"""Whole-document junk: a crawl notice or widget page that holds no article at all.

A document rule fires on a line; if the whole document is short (`max_words` counts the
document), every line goes with the rule's category and the output is empty. In a longer
document only the matching line goes, so an archive notice pasted above a real article
does not take the article with it.
"""

from __future__ import annotations

from ..model import Document, Removal
from ..rulepack import Rule, RuleSet
from .base import lines_with_literals, remove_block, untouched

DEFAULT_DOCUMENT_WORDS = 300


class DocumentStage:
    name = "document"

    def __init__(self, rules: RuleSet):
        self.rules = rules.by_scope("document")

    def __call__(self, doc: Document) -> list[Removal]:
        blocks = untouched(doc)
        if not self.rules or not blocks:
            return []
        lines = _lines_per_rule(doc, self.rules)
        for k, rule in enumerate(self.rules):
            hits = []
            for block in blocks:
                if lines is not None and block.line not in lines[k]:
                    continue  # none of the rule's literals is on this line: it cannot match
                try:
                    if rule.search(block.text.strip()):
                        hits.append(block)
                except TimeoutError:
                    doc.flags.append(f"rule {rule.id} timed out on line {block.line} and was skipped")
            if not hits:
                continue
            total = sum(len(doc.remaining(b).split()) for b in doc.live_blocks())
            if total <= (rule.max_words or DEFAULT_DOCUMENT_WORDS):
                return [remove_block(doc, b, self.name, rule) for b in blocks]
            return [remove_block(doc, b, self.name, rule) for b in hits]
        return []


def _lines_per_rule(doc: Document, rules: list[Rule]) -> list[set[int]] | None:
    """For each rule, the lines holding one of its literals; None when every line must be
    tried (see `lines_with_literals`)."""
    found = lines_with_literals(doc, rules)
    if found is None:
        return None
    per_rule: list[set[int]] = [set() for _ in rules]
    for line, owners in found.items():
        for k in owners:
            per_rule[k].add(line)
    return per_rule
