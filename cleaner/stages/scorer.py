"""The learned line scorer: a logistic model over transferable line features.

Why a model beside the rules: on documents nobody here has read, most boilerplate that
the rules leave is spelled in ways no rule names (a teaser headline, a widget's credit
line, a follow prompt of one site). What such lines share is shape (short, capitalised,
no sentence end, at an edge, among lines like them) and a vocabulary family. A linear
model over those features (`cleaner.line_features`), trained on labelled lines by
`scripts/train_scorer.py`, learns the weights; the stage runs after the rules and judges
only the lines they left. Features, score, guards and category are computed in the core
(core/src/line_shape.rs, core/src/scorer.rs), one call per document.

It is built to keep the first promise: it takes a line only when the model is very sure
(`THRESHOLD`), never a line shaped like an article paragraph (more than 25 words, or a full
sentence of 8+ words), and it says in each removal's reason the score and
the features that drove it, so a reviewer can see why and `--disable scorer.line` turns it
off. The model ships in the package (`cleaner/models/line_scorer.json`); scoring is a sum of
a few dozen weights per line: deterministic, offline, and cheap.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from .. import _core
from ..model import Document, Removal
from ..rulepack import Rule, RuleSet
from .base import remove_rest

RULE_ID = "scorer.line"
#: The id `rules list` shows and `--disable scorer.line` switches off (each removal carries its own
#: category and reason).
SCORER_RULE = Rule(id=RULE_ID, category="other", scope="block", pattern=".", source="builtin",
                   reason="learned line scorer: a short line the model is very sure is boilerplate")
MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "line_scorer.json"
#: The model must give at least this probability of boilerplate.
THRESHOLD = 0.9
#: How many features the reason names.
EXPLAIN = 3
# The per-line guards (at most 25 words, no full sentence of 8+ words, no headline of 4+ words
# in first place, no speaker label, no credit line the guideline keeps, nothing in a
# hard-wrapped document) are in the core with the features: core/src/scorer.rs.


@dataclass(frozen=True)
class LineModel:
    """Weights of the boilerplate-vs-article model and of the category model (by feature
    bucket), and the core's scorer built from them once."""

    weights: dict[int, float]
    categories: tuple[str, ...]
    category_weights: dict[int, tuple[float, ...]]
    version: str = ""

    @classmethod
    def from_json(cls, data: dict) -> LineModel:  # type: ignore[type-arg]
        return cls(
            weights={int(k): float(v) for k, v in data["weights"].items()},
            categories=tuple(data["categories"]),
            category_weights={int(k): tuple(v) for k, v in data["category_weights"].items()},
            version=str(data.get("version", "")),
        )

    def to_json(self) -> dict:  # type: ignore[type-arg]
        return {
            "version": self.version,
            "categories": list(self.categories),
            "weights": {str(k): round(v, 4) for k, v in sorted(self.weights.items()) if abs(v) >= 1e-4},
            "category_weights": {str(k): [round(x, 3) for x in v] for k, v in sorted(self.category_weights.items())},
        }

    @cached_property
    def core(self) -> _core.LineScorer:
        """The model in the core, which scores a whole document in one call."""
        return _core.LineScorer(self.weights, list(self.categories),
                                {k: list(v) for k, v in self.category_weights.items()})

    def score(self, text: str) -> tuple[float, list[tuple[str, float]]]:
        """Probability that `text` is boilerplate, and each of its features with its weight
        (largest first; ties by name, so a reason reads the same in every process)."""
        return self.core.score(text)

    def category(self, text: str) -> str:
        """The most likely category of a boilerplate line, from the line's own features."""
        return self.core.category(text)


@cache
def shipped_model() -> LineModel:
    """The model in the package, loaded once per process. A missing model is an error, not a
    quietly different cleaner: an installation that lost its data file must say so."""
    if not MODEL_PATH.exists():
        raise FileNotFoundError(f"the line scorer's model {MODEL_PATH} is missing from this installation "
                                "(reinstall cleaner, or leave the stage out with --disable-stage scorer)")
    return LineModel.from_json(json.loads(MODEL_PATH.read_text(encoding="utf-8")))


def hard_wrapped(texts: list[str]) -> bool:
    """True when lines of the document run on into the next, which opens in lower case
    (OCR, e-mail, transcripts): broken prose looks like teasers, so the scorer stays out."""
    return _core.scorer_hard_wrapped(texts)


class ScorerStage:
    """Removes the lines the rules left that the model is very sure are boilerplate."""

    name = "scorer"

    def __init__(self, rules: RuleSet | None = None, model: LineModel | None = None,
                 threshold: float = THRESHOLD) -> None:
        self.model = model if model is not None else shipped_model()
        self.threshold = threshold

    def __call__(self, doc: Document) -> list[Removal]:
        # A line an earlier stage cut into is judged by what is left of it: what a second
        # cleaning would see (so cleaning stays idempotent).
        live = doc.live_blocks()
        texts = [doc.remaining(b) for b in live]
        out: list[Removal] = []
        for i, p, parts, category in self.model.core.judge(texts, self.threshold, EXPLAIN):
            drivers = ", ".join(f"{f} {w:+.1f}" for f, w in parts)
            reason = f"learned line scorer: boilerplate with p={p:.2f} (most weight: {drivers})"
            out.extend(remove_rest(doc, live[i], self.name, _ScorerRule(category, reason)))
        return out


@dataclass(frozen=True)
class _ScorerRule:
    """What `remove_block` needs of a rule: the id, the category and the reason."""

    category: str
    reason: str
    id: str = RULE_ID
