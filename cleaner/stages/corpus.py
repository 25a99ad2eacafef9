"""The corpus-evidence stage: remove lines that pass 1 saw repeated across the document's group.

Without evidence (a single document, a library call, a run without `--corpus-evidence`)
it proposes nothing, so those calls behave exactly as before. With evidence it takes a
line, or what earlier stages left of it, only when that text is an evidence line of the
document's own group, and its reason carries the evidence: "in 41 of 1,200 documents of
example.com". Which lines may be evidence at all (never article-shaped sentences) is
decided in `cleaner.corpus`.

A repeated line that stands between two article paragraphs, without ending like a
sentence, reads as a sub-heading (a site's "What we know"), which the annotation guideline
keeps: it stays. Losing such a line would break the first promise; leaving an inline widget
line is the lesser miss, and the rules take the common ones ("Advertisement").

The category is not known from repetition alone: a short label-like line is site chrome
(navigation), anything else is "other".
"""

from __future__ import annotations

from dataclasses import dataclass

from ..corpus import RULE_ID, Evidence, group_label
from ..model import Block, Document, Removal
from ..rulepack import Rule, RuleSet
from ..signals import ends_sentence, is_body, is_label
from .base import remove_rest

#: The id `rules list` shows and `--disable corpus.repeated-line` switches off.
CORPUS_RULE = Rule(id=RULE_ID, category="other", scope="block", pattern=".", source="builtin",
                   reason="corpus evidence: a line repeated across many documents of its group (--corpus-evidence)")


class CorpusStage:
    """Removes lines that the run's corpus evidence marks as repeated boilerplate of the group."""

    name = "corpus"

    def __init__(self, rules: RuleSet | None = None, evidence: Evidence | None = None) -> None:
        self.evidence = evidence

    def __call__(self, doc: Document) -> list[Removal]:
        evidence = self.evidence
        if evidence is None or (doc.corpus_group or "") not in evidence.groups:
            return []
        out: list[Removal] = []
        live = doc.live_blocks()
        for i, block in enumerate(live):
            rest = doc.remaining(block)
            # the whole line as pass 1 counted it, or what is left of it (what a second
            # cleaning would count): either makes it evidence, which keeps cleaning idempotent
            found = evidence.lookup(doc.corpus_group, block.text)
            if found is None and rest != block.text:
                found = evidence.lookup(doc.corpus_group, rest)
            if found is None or _subheading(doc, live, i, rest):
                continue
            seen, total = found
            reason = (f"corpus evidence: a line repeated in {seen:,} of {total:,} documents of "
                      f"{group_label(doc.corpus_group or '')}")
            category = "navigation" if is_label(rest.strip(), 4) else "other"
            out.extend(remove_rest(doc, block, self.name, _EvidenceRule(category, reason)))
        return out


def _subheading(doc: Document, live: list[Block], i: int, rest: str) -> bool:
    """A line that does not end like a sentence, between two article paragraphs."""
    if ends_sentence(rest.strip()) or i == 0 or i + 1 >= len(live):
        return False
    return is_body(doc.remaining(live[i - 1]).strip()) and is_body(doc.remaining(live[i + 1]).strip())


@dataclass(frozen=True)
class _EvidenceRule:
    """What `remove_rest` needs of a rule: the id, the category and the reason."""

    category: str
    reason: str
    id: str = RULE_ID
