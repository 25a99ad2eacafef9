"""Loaders and the official metric of the ScrapingHub article-extraction benchmark.

Shared by the benchmark scripts so every number in the README comes from one
implementation. The metric reproduces the benchmark's own ``evaluate.py``
(github.com/scrapinghub/article-extraction-benchmark): ``\\w+`` tokens, 4-token shingles
counted with multiplicity, per-page TP/FP/FN normalised to sum 1, precision and recall
averaged over pages (pages with nothing predicted / nothing gold are skipped for that
mean), F1 from the two means, and a bootstrap over pages for the ± (1.96 standard
deviations), as the published table reports it.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_BENCH = Path(__file__).resolve().parent.parent.parent / "shared" / "bench" / "scrapinghub"

_TOKEN_RE = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)

TpFpFn = tuple[float, float, float]


def _read_json_gz(path: Path) -> dict:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def load_gold(bench_dir: Path = DEFAULT_BENCH) -> dict[str, str]:
    """Gold article bodies by page id (``ground-truth.json.gz``)."""
    data = _read_json_gz(Path(bench_dir) / "ground-truth.json.gz")
    return {key: (value or {}).get("articleBody", "") or "" for key, value in data.items()}


def extractor_names(bench_dir: Path = DEFAULT_BENCH) -> list[str]:
    """Names of the extractors whose outputs the benchmark ships, sorted."""
    folder = Path(bench_dir) / "extractor_outputs"
    return sorted(p.name[: -len(".json.gz")] for p in folder.glob("*.json.gz"))


def load_extractor(bench_dir: Path, name: str) -> dict[str, str]:
    """One extractor's article bodies by page id.

    Handles both layouts the benchmark uses: ``{"output": {id: {...}}, "version": ...}``
    and the inner ``{id: {"articleBody": ...}}`` alone. A missing or null body is "".
    """
    data = _read_json_gz(Path(bench_dir) / "extractor_outputs" / f"{name}.json.gz")
    if isinstance(data.get("output"), dict):
        data = data["output"]
    result: dict[str, str] = {}
    for key, value in data.items():
        body = value.get("articleBody", "") if isinstance(value, dict) else value
        result[key] = body or ""
    return result


def tokenize(text: str) -> list[str]:
    """The benchmark's tokeniser: runs of word characters."""
    return _TOKEN_RE.findall(text or "")


def shingles(text: str, n: int = 4) -> Counter:
    """Counted n-token shingles; a text shorter than n gives one short shingle (as upstream)."""
    tokens = tokenize(text)
    result: Counter = Counter()
    for i in range(0, max(1, len(tokens) - n + 1)):
        shingle = tuple(tokens[i : i + n])
        if shingle:
            result[shingle] += 1
    return result


def shingle_match(true: str, pred: str, n: int = 4) -> TpFpFn:
    """Normalised (tp, fp, fn) of one page, so long pages weigh no more than short ones."""
    t, p = shingles(true, n), shingles(pred, n)
    tp = fp = fn = 0.0
    for key in set(t) | set(p):
        tc, pc = t.get(key, 0), p.get(key, 0)
        tp += min(tc, pc)
        fp += max(0, pc - tc)
        fn += max(0, tc - pc)
    s = tp + fp + fn
    if s > 0:
        return (tp / s, fp / s, fn / s)
    return (tp, fp, fn)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def metrics(rows: list[TpFpFn]) -> tuple[float, float, float]:
    """(f1, precision, recall) from per-page rows, as upstream ``metrics_from_tp_fp_fns``."""
    precision = statistics.mean([_precision(*r) for r in rows if r[0] + r[1] > 0] or [0.0])
    recall = statistics.mean([_recall(*r) for r in rows if r[0] + r[2] > 0] or [0.0])
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f1, precision, recall


@dataclass
class Scores:
    """Benchmark scores of one prediction set, with per-page detail for error analysis."""

    f1: float
    precision: float
    recall: float
    ids: list[str] = field(default_factory=list)
    rows: list[TpFpFn] = field(default_factory=list)
    page_precision: list[float] = field(default_factory=list)
    page_recall: list[float] = field(default_factory=list)
    page_f1: list[float] = field(default_factory=list)
    ci: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, float]:
        """The summary numbers (no per-page lists), for JSON output."""
        out = {"f1": self.f1, "precision": self.precision, "recall": self.recall}
        out.update({f"{k}_ci": v for k, v in self.ci.items()})
        return out


def evaluate(pred: dict[str, str], gold: dict[str, str]) -> Scores:
    """Score predictions against gold over the gold's pages (a missing prediction is "")."""
    ids = sorted(gold)
    rows = [shingle_match(gold[i], pred.get(i, "") or "") for i in ids]
    f1, precision, recall = metrics(rows)
    pp = [_precision(*r) for r in rows]
    pr = [_recall(*r) for r in rows]
    pf = [2 * a * b / (a + b) if a + b else 0.0 for a, b in zip(pp, pr, strict=True)]
    return Scores(f1, precision, recall, ids, rows, pp, pr, pf)


def bootstrap(scores: Scores, n: int = 1000, seed: int = 0) -> dict[str, float]:
    """± half-widths (1.96 standard deviations over page resamples), stored on ``scores.ci``.

    Seeded so reruns print the same table; upstream uses an unseeded 1000-sample bootstrap.
    With fewer than two resamples (``--bootstrap 0``: a quick run) the widths are 0.
    """
    if n < 2:
        scores.ci = {"f1": 0.0, "precision": 0.0, "recall": 0.0}
        return scores.ci
    rng = random.Random(seed)
    rows = scores.rows
    values: dict[str, list[float]] = {"f1": [], "precision": [], "recall": []}
    for _ in range(n):
        sample = [rows[rng.randrange(len(rows))] for _ in range(len(rows))]
        f1, p, r = metrics(sample)
        values["f1"].append(f1)
        values["precision"].append(p)
        values["recall"].append(r)
    scores.ci = {k: 1.96 * statistics.stdev(v) for k, v in values.items()}
    return scores.ci


PUBLISHED = {
    "trafilatura": (0.958, 0.938, 0.978),
    "newspaper": (0.949, 0.964, 0.934),
    "news_please": (0.948, 0.964, 0.933),
    "readability": (0.922, 0.913, 0.931),
    "dragnet": (0.907, None, None),
    "goose3": (0.896, 0.940, 0.856),
    "boilerpipe": (0.860, 0.850, 0.870),
    "justext": (0.804, 0.858, 0.756),
    "inscriptis": (0.679, 0.517, 0.992),
    "html-text": (0.665, 0.500, 0.994),
}


def check_published(bench_dir: Path = DEFAULT_BENCH, tolerance: float = 0.002) -> list[str]:
    """Compare raw extractor scores with the published table; returns the mismatches."""
    gold = load_gold(bench_dir)
    problems = []
    for name in extractor_names(bench_dir):
        if name not in PUBLISHED:
            continue
        s = evaluate(load_extractor(bench_dir, name), gold)
        got_all = (s.f1, s.precision, s.recall)
        for label, got, want in zip(("f1", "precision", "recall"), got_all, PUBLISHED[name], strict=True):
            if want is not None and abs(got - want) > tolerance:
                problems.append(f"{name} {label}: {got:.4f} vs published {want:.3f}")
    return problems


if __name__ == "__main__":
    import sys

    bench = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_BENCH
    g = load_gold(bench)
    for extractor in extractor_names(bench):
        sc = evaluate(load_extractor(bench, extractor), g)
        pub = PUBLISHED.get(extractor)
        print(f"{extractor:<12} F1={sc.f1:.4f} P={sc.precision:.4f} R={sc.recall:.4f}  published={pub}")
    issues = check_published(bench)
    print("reproduces published numbers within 0.002" if not issues else "MISMATCH: " + "; ".join(issues))
