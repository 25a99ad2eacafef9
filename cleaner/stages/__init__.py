"""The stage registry: one explicit dict from name to factory; the order is configuration."""

from __future__ import annotations

from collections.abc import Callable

from ..rulepack import RuleSet
from .base import Stage
from .blocks import BlockStage
from .classifier import ClassifierStage
from .document import DocumentStage
from .duplicates import DuplicateStage
from .phrases import PhraseStage
from .scorer import ScorerStage
from .structure import StructureStage

REGISTRY: dict[str, Callable[[RuleSet], Stage]] = {
    "document": DocumentStage,
    "phrases": PhraseStage,
    "blocks": BlockStage,
    "structure": StructureStage,
    "classifier": ClassifierStage,
    "scorer": ScorerStage,
    "duplicates": lambda rules: DuplicateStage(rules.disabled_builtin),
}

DEFAULT_ORDER: tuple[str, ...] = ("document", "blocks", "phrases", "structure", "classifier", "scorer", "duplicates")

__all__ = ["DEFAULT_ORDER", "REGISTRY", "Stage", "build_stages"]


def build_stages(rules: RuleSet, order: tuple[str, ...] = DEFAULT_ORDER) -> list[Stage]:
    unknown = [name for name in order if name not in REGISTRY]
    if unknown:
        raise ValueError(f"unknown stage(s) {unknown}; known: {', '.join(REGISTRY)}")
    return [REGISTRY[name](rules) for name in order]
