"""The stage registry: one explicit dict from name to factory; the order is configuration."""

from __future__ import annotations

from collections.abc import Callable

from ..corpus import Evidence
from ..rulepack import RuleSet
from .base import Stage
from .blocks import BlockStage
from .classifier import ClassifierStage
from .corpus import CorpusStage
from .document import DocumentStage
from .duplicates import DuplicateStage
from .phrases import PhraseStage
from .scorer import ScorerStage
from .structure import StructureStage

REGISTRY: dict[str, Callable[[RuleSet], Stage]] = {
    "document": DocumentStage,
    "phrases": PhraseStage,
    "blocks": BlockStage,
    "corpus": CorpusStage,
    "structure": StructureStage,
    "classifier": ClassifierStage,
    "scorer": ScorerStage,
    "duplicates": lambda rules: DuplicateStage(rules.disabled_builtin),
}

DEFAULT_ORDER: tuple[str, ...] = (
    "document", "blocks", "phrases", "corpus", "structure", "classifier", "scorer", "duplicates")

__all__ = ["DEFAULT_ORDER", "REGISTRY", "Stage", "build_stages"]


def build_stages(rules: RuleSet, order: tuple[str, ...] = DEFAULT_ORDER,
                 evidence: Evidence | None = None) -> list[Stage]:
    """The stages of `order`; `evidence` (a batch run's pass 1) goes to the corpus stage."""
    unknown = [name for name in order if name not in REGISTRY]
    if unknown:
        raise ValueError(f"unknown stage(s) {unknown}; known: {', '.join(REGISTRY)}")
    stages = [REGISTRY[name](rules) for name in order]
    for stage in stages:
        if isinstance(stage, CorpusStage):
            stage.evidence = evidence
    return stages
