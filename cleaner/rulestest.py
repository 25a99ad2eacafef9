"""`cleaner rules test RULE_ID TEXT`: whether one rule takes a text, and why, for pack authors.

Two answers. The rule's own verdict on each line (or sentence, for sentence rules): too
long for `max_words`, no pattern match, spared because the line reports speech, or a match.
Then what happens in a real cleaning of the text as a document, with every rule in force:
which pieces this rule removed, and which other rules took pieces first. Position, block
reach and the stages' own judgements (duplicates, the page classifier) only show in the second.
"""

from __future__ import annotations

from dataclasses import dataclass

from .api import Cleaner
from .rulepack import Rule
from .segment import sentences
from .switches import all_rules


@dataclass(frozen=True)
class RuleTrial:
    lines: list[str]  # what to print, one line each
    taken: bool  # the rule removed something from the text as a document


def _pieces(rule: Rule, text: str) -> list[str]:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if rule.scope != "sentence":
        return lines
    return [s.strip() for line in lines for s in sentences(line) if s.strip()]


def _verdict(rule: Rule, piece: str) -> str:
    if not rule.fits(piece):
        return f"kept: longer than max_words = {rule.max_words}"
    match = rule.search(piece)
    if match is None:
        return "kept: the pattern does not match"
    if rule.spares(piece):
        return "kept: the pattern matches, but the text reports speech and this rule's notices never do"
    where = "" if rule.position == "any" else f" (only at the document's {rule.position})"
    return f"taken{where}: the pattern matches {match.group(0)!r}"


def try_rule(cleaner: Cleaner, rule_id: str, text: str) -> RuleTrial:
    """Explain `rule_id` on `text` (KeyError when no rule has that id)."""
    found = {r.id: (stage, r) for stage, r in all_rules(cleaner.rules)}
    if rule_id not in found:
        raise KeyError(rule_id)
    stage, rule = found[rule_id]
    out = [f"{rule.id}: {rule.category}, {rule.scope} scope, position {rule.position}, stage {stage}",
           f"  reason: {rule.reason}"]
    if rule.source != "builtin":
        limits = f"max_words {rule.max_words}" if rule.max_words is not None else "no max_words"
        out.append(f"  pattern: {rule.pattern}  ({limits}; from {rule.source})")
        out.append(f"Rule alone, {'by sentence' if rule.scope == 'sentence' else 'by line'}:")
        out += [f"  {piece!r}: {_verdict(rule, piece)}" for piece in _pieces(rule, text)]
    else:
        out.append("  (a judgement of the stage itself, not a pattern: see the document below)")
    result = cleaner.clean_text(text if text.endswith("\n") else text + "\n", source="<rules test>")
    if not result.ok:
        out.append(f"As a document: could not be cleaned: {result.error}")
        return RuleTrial(out, False)
    mine = [r for r in result.removals if r.rule == rule_id]
    others = [r for r in result.removals if r.rule != rule_id]
    out.append("As a document, with every rule in force:")
    out += [f"  removed by {rule_id} (line {r.line}): {r.text!r}" for r in mine] or [f"  {rule_id} removes nothing"]
    out += [f"  removed by {r.rule} (line {r.line}): {r.text!r}" for r in others]
    return RuleTrial(out, bool(mine))
