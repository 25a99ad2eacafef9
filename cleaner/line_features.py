"""Features of one line in its document, for the learned line scorer.

Why these: they are the signals that transfer across sites (jusText's length, stopword
share and punctuation; case shape; how far the line is from the article's edges; what its
neighbours look like), plus hashed lower-cased words and word pairs, which carry phrasing
families ("follow us", "photo:", "read more") without naming one site's strings. Every
feature is a short readable string, so the report can say which ones drove a score;
`hashed` maps them into a fixed number of buckets with a stable hash (crc32), so the model
file is a plain list of weights and scoring is deterministic across processes.
"""

from __future__ import annotations

import itertools
import zlib
from collections.abc import Sequence
from functools import lru_cache

import regex

#: Number of hash buckets (a power of two). Changing it invalidates the shipped model.
BUCKETS = 1 << 18

_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’]*")
_URL = regex.compile(r"https?://|www\.|\b[\w-]+\.(?:com|org|net|co\.uk|gov|edu)\b", regex.IGNORECASE)
_HANDLE = regex.compile(r"(?<!\w)@\w{2,}")
_EMAIL = regex.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b")
_PHONE = regex.compile(r"\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}")
_SEPARATOR = regex.compile(r"\s[|·•»/]\s")
_END = regex.compile(r"""([.!?:;,…]|\.\.\.)["'”’)\]]*\s*$""")
#: A small closed class of English function words: enough for a stopword share that says
#: "prose" without a language model (the rule packs are English today).
STOPWORDS = frozenset("""
    a about after all also an and any are as at be been but by can could did do does for from had has have he
    her him his how i if in into is it its just more most my no not of on one or our out over she so some than
    that the their them then there these they this those to up was we were what when where which while who will
    with would you your
""".split())  # noqa: SIM905 (a word list reads better as text)


def _bucket(value: float, edges: Sequence[float]) -> int:
    for i, edge in enumerate(edges):
        if value <= edge:
            return i
    return len(edges)


def _end_class(text: str) -> str:
    match = _END.search(text)
    if not match:
        return "none"
    mark = match.group(1)
    return "ellipsis" if mark in ("...", "…") else mark


@lru_cache(maxsize=65536)
def line_shape(text: str) -> tuple[str, ...]:
    """Features of the line on its own (cached: the same lines recur across documents).

    Nothing about where the line stands or what its neighbours are: such features made a
    verdict depend on what was removed around the line, so taking one line could tip the next
    (ten copies of a headline went one per round) and cleaning the output again removed more.
    A verdict on the line alone is the same on every pass, which keeps cleaning idempotent.
    """
    stripped = text.strip()
    words = stripped.split()
    tokens = [t.lower() for t in _WORD.findall(stripped)]
    n = len(words)
    wc = _bucket(n, (1, 2, 3, 5, 8, 12, 20, 40))
    end = _end_class(stripped)
    caps = sum(1 for w in words if w[:1].isupper())
    upper = sum(1 for w in words if len(w) > 1 and w.isupper())
    digits = sum(c.isdigit() for c in stripped)
    stop = sum(1 for t in tokens if t in STOPWORDS)
    first = stripped[:1]
    first_class = ("upper" if first.isupper() else "lower" if first.islower() else "digit" if first.isdigit()
                   else "punct")
    feats = [
        "bias",
        f"wc={wc}",
        f"end={end}",
        f"wc={wc}|end={end}",
        f"first={first_class}",
        f"caps={_bucket(caps / n if n else 0, (0.2, 0.5, 0.8, 0.99))}",
        f"upper={_bucket(upper / n if n else 0, (0, 0.3, 0.7))}",
        f"digits={_bucket(digits / max(len(stripped), 1), (0, 0.05, 0.2, 0.5))}",
        f"stop={_bucket(stop / len(tokens) if tokens else 0, (0, 0.1, 0.2, 0.3, 0.4))}",
        f"stop={_bucket(stop / len(tokens) if tokens else 0, (0, 0.1, 0.2, 0.3, 0.4))}|wc={wc}",
        f"chars={_bucket(len(stripped), (10, 25, 50, 80, 120, 200, 400))}",
    ]
    if _URL.search(stripped):
        feats.append("has=url")
    if _HANDLE.search(stripped):
        feats.append("has=handle")
    if _EMAIL.search(stripped):
        feats.append("has=email")
    if _PHONE.search(stripped):
        feats.append("has=phone")
    seps = len(_SEPARATOR.findall(stripped))
    if seps:
        feats.append(f"seps={_bucket(seps, (1, 3))}")
    if '"' in stripped or "“" in stripped:
        feats.append("has=quote")
    norm = ["0" if t.isdigit() else t for t in tokens[:40]]
    feats.extend(f"w={t}" for t in set(norm))
    feats.extend(f"ww={a}_{b}" for a, b in set(itertools.pairwise(norm)))
    if norm:
        feats.append(f"first={norm[0]}")
        feats.append(f"last={norm[-1]}")
        if len(norm) > 1:
            feats.append(f"first2={norm[0]}_{norm[1]}")
    return tuple(feats)


@lru_cache(maxsize=1 << 17)
def hashed(feature: str) -> int:
    """A feature's bucket: crc32, stable across processes and Python versions."""
    return zlib.crc32(feature.encode("utf-8")) & (BUCKETS - 1)
