"""Whole-document junk: a crawl notice or widget page that holds no article at all.

A document rule fires on a line. If the whole document is short (`max_words` counts the
document) and holds no article sentence the rule does not match, every line goes with the
rule's category and the output is empty. Otherwise only the matching lines go, so an
archive notice pasted above a real article does not take the article with it; and a line
where the notice is glued to article sentences (Multi-News sources whose line breaks were
lost: "... he said. These crawls are part of an effort to archive pages ...") loses only
the sentences the rule matches.
"""

from __future__ import annotations

from ..model import Block, Document, Removal
from ..rulepack import Rule, RuleSet
from ..segment import sentences
from ..signals import is_body
from .base import lines_with_literals, remove_block, remove_part, untouched

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
                if rule.search(block.text.strip()):
                    hits.append(block)
            if not hits:
                continue
            live = doc.live_blocks()
            total = sum(len(doc.remaining(b).split()) for b in live)
            if total <= (rule.max_words or DEFAULT_DOCUMENT_WORDS) and not any(
                    prose_outside(doc.remaining(b), rule) for b in live):
                return [remove_block(doc, b, self.name, rule) for b in blocks]
            return [cut for b in hits for cut in self._take(doc, b, rule)]
        return []

    def _take(self, doc: Document, block: Block, rule: Rule) -> list[Removal]:
        """The whole line, or only the sentences the rule matches when the line also holds
        article sentences it does not match."""
        if not prose_outside(block.text, rule):
            return [remove_block(doc, block, self.name, rule)]
        return [remove_part(doc, block, start, end, self.name, rule)
                for start, end in sentences(block.text) if _matches(rule, block.text[start:end].strip())]


def prose_outside(text: str, rule: Rule) -> bool:
    """`text` holds an article sentence (`is_body`) that the rule does not match."""
    return any(is_body(piece) and not _matches(rule, piece)
               for piece in (text[start:end].strip() for start, end in sentences(text)))


def _matches(rule: Rule, text: str) -> bool:
    """The rule matches `text`."""
    return rule.search(text) is not None


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
