"""Switching rules, stages and categories off: every id a report can name is switchable.

Pack rules are dropped from the rule set before any stage is built, so they cost nothing.
The stages' own judgements (the duplicate finder, the page-dump classifier) carry ids too
(`duplicate.repeated-paragraph`, `classifier.page-chrome`, ...); those are not in any pack,
so a stage wrapper drops their proposals instead. Either way the removal is never made,
so text, report and review page agree, as for any other rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .errors import RulePackError
from .model import CATEGORIES, Document, Removal
from .rulepack import Rule, RuleSet


class SwitchError(RulePackError):
    """A switch names a rule id or category that does not exist: one `error:` line each."""

    def __init__(self, problems: list[str]):
        super().__init__(problems)
        self.args = ("\n".join(f"error: {p}" for p in problems),)

    def __str__(self) -> str:
        return str(self.args[0])


#: Which stage applies a pack rule of each scope (see `stages.REGISTRY`).
STAGE_OF_SCOPE = {"document": "document", "block": "blocks", "line": "phrases", "sentence": "phrases"}


def stage_rules() -> list[tuple[str, Rule]]:
    """(stage name, rule) for every id a stage reports that no rule pack defines."""
    from .stages.classifier import DANGLING, DUMP_RULE
    from .stages.corpus import CORPUS_RULE
    from .stages.duplicates import RULES as DUPLICATE_RULES
    from .stages.scorer import SCORER_RULE
    from .stages.structure import RULES as STRUCTURE_RULES

    return [("corpus", CORPUS_RULE), *(("structure", r) for r in STRUCTURE_RULES), ("classifier", DUMP_RULE),
            ("classifier", DANGLING), ("scorer", SCORER_RULE), *(("duplicates", r) for r in DUPLICATE_RULES)]


def stage_of(rule: Rule) -> str:
    """The stage that applies `rule` (a pack rule by its scope, a stage's own rule by its stage)."""
    for stage, own in stage_rules():
        if own.id == rule.id:
            return stage
    return STAGE_OF_SCOPE.get(rule.scope, rule.scope)


def all_rules(rules: RuleSet) -> list[tuple[str, Rule]]:
    """Every rule id a report can name with these packs: (stage, rule), packs first."""
    return [(stage_of(r), r) for r in rules] + stage_rules()


def switch_off(rules: RuleSet, disabled: Iterable[str], kept_categories: Iterable[str] = ()) -> RuleSet:
    """`rules` without the disabled ids and the kept categories' rules; unknown names are errors."""
    off, kept = set(disabled), set(kept_categories)
    known = {r.id for _, r in all_rules(rules)}
    problems = [f"--disable: no rule with id {i!r} (see `cleaner rules list`)" for i in sorted(off - known)]
    problems += [f"--keep-category: no category {c!r} (one of {', '.join(CATEGORIES)})" for c in sorted(kept)
                 if c not in CATEGORIES]
    if problems:
        raise SwitchError(problems)
    own = {r.id for _, r in stage_rules()}
    # The stages' own ids go to the stages that apply them (they skip that work); `Switched`
    # also drops any proposal by a switched-off id or a kept category.
    return RuleSet([r for r in rules if r.id not in off and r.category not in kept], frozenset(off & own))


@dataclass
class Switched:
    """A stage whose proposals by switched-off ids or kept categories are dropped."""

    stage: object
    disabled: frozenset[str] = field(default_factory=frozenset)
    kept_categories: frozenset[str] = field(default_factory=frozenset)

    @property
    def name(self) -> str:
        return self.stage.name  # type: ignore[attr-defined,no-any-return]

    def __call__(self, doc: Document) -> list[Removal]:
        proposals = self.stage(doc)  # type: ignore[operator]
        if not isinstance(proposals, list):
            return proposals  # type: ignore[no-any-return]  # the pipeline reports the broken contract
        return [r for r in proposals
                if not (isinstance(r, Removal) and (r.rule in self.disabled or r.category in self.kept_categories))]


def switch_stages(stages: list, disabled: Iterable[str], kept_categories: Iterable[str] = ()) -> list:  # type: ignore[type-arg]
    """Wrap the stages that report their own ids when any of those ids or categories is off."""
    own = {r.id for _, r in stage_rules()}
    off = frozenset(i for i in disabled if i in own)
    kept = frozenset(kept_categories)
    if not off and not kept:
        return stages
    return [Switched(s, off, kept) for s in stages]


def check_stage_names(names: Iterable[str], known: Iterable[str]) -> list[str]:
    """Problems with `--disable-stage` names (each a one-line message)."""
    known = list(known)
    return [f"--disable-stage: no stage {n!r} (one of {', '.join(known)})" for n in names if n not in known]
