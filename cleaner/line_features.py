"""Features of one line on its own, for the learned line scorer: the Python face of the
core's one implementation (`core/src/line_shape.rs`), which the stage scores with and
`scripts/train_scorer.py` trains with, so a model trained here weighs the same strings.

Why these: they are the signals that transfer across sites (jusText's length, stopword
share and punctuation; case shape), plus hashed lower-cased words and word pairs, which
carry phrasing families ("follow us", "photo:", "read more") without naming one site's
strings. Every feature is a short readable string, so the report can say which ones drove a
score; `hashed` maps them into a fixed number of buckets with a stable hash (crc32), so the
model file is a plain list of weights and scoring is deterministic across processes.
Nothing about where the line stands or what its neighbours are: a verdict on the line alone
is the same on every pass, which keeps cleaning idempotent.
"""

from __future__ import annotations

from . import _core

#: Number of hash buckets (a power of two). Changing it invalidates the shipped model.
BUCKETS: int = _core.SCORER_BUCKETS


def line_shape(text: str) -> list[str]:
    """The line's features, in a fixed order (shape features, then each distinct word and
    word pair as they first occur, then the first and last words)."""
    return _core.line_shape(text)


def line_buckets(text: str) -> list[int]:
    """The buckets of `line_shape(text)`, in the same order: a training example's features."""
    return _core.line_buckets(text)


def hashed(feature: str) -> int:
    """A feature's bucket: crc32 of its UTF-8 bytes, stable across processes and versions."""
    return _core.feature_bucket(feature)
