"""Training of the learned line scorer: sparse logistic regression and a category softmax.

In the package (not only in scripts/) so a team can train a model on its own labelled lines
and pass it to `ScorerStage(model=...)`. Plain Python, no numeric library: the data are a few
tens of thousands of lines with a few dozen features each, and SGD over them takes seconds.
Deterministic for a seed, so the shipped model is reproducible.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable
from dataclasses import dataclass

from .stages.scorer import LineModel


@dataclass
class Example:
    feats: list[int]
    label: str  # "keep" or a category
    weight: float = 1.0


def train(examples: Iterable[Example], category_examples: Iterable[Example] = (), epochs: int = 6,
          l2: float = 1e-6, junk_weight: float = 4.0, seed: int = 0, version: str = "") -> LineModel:
    """Logistic regression (boilerplate vs article) by SGD over `examples`, and a softmax over
    categories by SGD over `category_examples` (a line's own features, `line_shape`, labelled
    with a category; when none are given, the boilerplate examples of full weight); both
    sparse, both deterministic for a seed."""
    data = list(examples)
    rng = random.Random(seed)
    weights: dict[int, float] = {}
    for epoch in range(epochs):
        rng.shuffle(data)
        lr = 0.2 / (1 + epoch)
        for ex in data:
            z = sum(weights.get(f, 0.0) for f in ex.feats)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            y = 0.0 if ex.label == "keep" else 1.0
            g = (p - y) * ex.weight * (junk_weight if y else 1.0)
            for f in ex.feats:
                w = weights.get(f, 0.0)
                weights[f] = w - lr * (g + l2 * w)
    junk = list(category_examples) or [ex for ex in data if ex.label != "keep" and ex.weight == 1.0]
    categories = tuple(sorted({ex.label for ex in junk})) or ("other",)
    index = {c: i for i, c in enumerate(categories)}
    cat_w: dict[int, list[float]] = {}
    for epoch in range(epochs):
        rng.shuffle(junk)
        lr = 0.2 / (1 + epoch)
        for ex in junk:
            totals = [0.0] * len(categories)
            for f in ex.feats:
                row = cat_w.get(f)
                if row:
                    for i, w in enumerate(row):
                        totals[i] += w
            top = max(totals)
            exps = [math.exp(t - top) for t in totals]
            norm = sum(exps)
            target = index[ex.label]
            for f in ex.feats:
                row = cat_w.setdefault(f, [0.0] * len(categories))
                for i in range(len(categories)):
                    row[i] -= lr * (exps[i] / norm - (1.0 if i == target else 0.0))
    return LineModel(weights, categories, {k: tuple(v) for k, v in cat_w.items()}, version)
