"""Labelled lines for the learned line scorer, and its training (used by train_scorer.py and
bench_multinews.py).

Why train on what the rules leave: the scorer runs after the rule stages and judges only the
lines they left, so its examples are the lines of cleaner's own output with the scorer off,
each labelled from the gold (article, boilerplate with its category, or unknown and skipped).
Sources:
- Multi-News documents with gold: ../shared/bench/multinews-dev (gold text + removed pieces)
  and the project's labels of ../shared/bench/multinews-pool (labels/multinews-pool/*.json);
- ScrapingHub extractor outputs (not the whole-page dumps): a line is article when the gold
  body holds it, boilerplate otherwise (noisier: that gold omits headlines, so these weigh less).
Duplicates are left out: the duplicate stage, not a line's shape, decides them.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from cleaner.api import Cleaner, Config  # noqa: E402
from cleaner.line_features import line_buckets  # noqa: E402
from cleaner.scorer_training import Example, train  # noqa: E402,F401
from cleaner.stages import DEFAULT_ORDER  # noqa: E402

SHARED = ROOT.parent / "shared"
DEV = SHARED / "bench" / "multinews-dev"
POOL = SHARED / "bench" / "multinews-pool"
SCRAPINGHUB = SHARED / "bench" / "scrapinghub"
POOL_LABELS = ROOT / "labels" / "multinews-pool"
DUMPS = ("html-text", "inscriptis")
SCRAPINGHUB_WEIGHT = 0.3


@dataclass
class LabelledDoc:
    """One document with what its gold says of each line text."""

    name: str
    story: str
    source: str  # "dev" or "pool"
    text: str
    junk: dict[str, str] = field(default_factory=dict)  # stripped line -> category
    keep: set[str] = field(default_factory=set)
    skip: set[str] = field(default_factory=set)

    def label(self, line: str) -> str | None:
        """"keep", a category, or None when the gold does not settle the line."""
        s = line.strip()
        if s in self.skip or (s in self.junk and s in self.keep):
            return None
        if s in self.junk:
            return self.junk[s]
        return "keep" if s in self.keep else None


def story_of(name: str) -> str:
    return name.split("_p")[0]


def fold_of(story: str, folds: int) -> int:
    return int(hashlib.sha1(story.encode()).hexdigest(), 16) % folds


def dev_docs(dev: Path = DEV) -> Iterator[LabelledDoc]:
    for path in sorted((dev / "input").glob("*.txt")):
        gold = dev / "gold"
        text = path.read_text(encoding="utf-8")
        doc = LabelledDoc(path.name, story_of(path.name), "dev", text)
        doc.keep = {ln.strip() for ln in (gold / path.name).read_text(encoding="utf-8").split("\n") if ln.strip()}
        for piece in json.loads((gold / f"{path.stem}.removed.json").read_text(encoding="utf-8")):
            s = piece["text"].strip()
            (doc.skip.add(s) if piece["category"] == "duplicate" else doc.junk.__setitem__(s, piece["category"]))
        neutral = gold / f"{path.stem}.neutral.json"
        if neutral.exists():
            doc.skip |= {t.strip() for t in json.loads(neutral.read_text(encoding="utf-8"))}
        lines = {ln.strip() for ln in text.split("\n") if ln.strip()}
        # A removed piece that is only part of a line: that line is unsettled.
        doc.skip |= {ln for ln in lines if ln not in doc.junk and ln not in doc.keep}
        yield doc


def pool_docs(labels: Path = POOL_LABELS, pool: Path = POOL) -> Iterator[LabelledDoc]:
    for lp in sorted(labels.glob("*.json")):
        label = json.loads(lp.read_text(encoding="utf-8"))
        text = (pool / label["doc"]).read_text(encoding="utf-8")
        lines = text.split("\n")
        doc = LabelledDoc(label["doc"], story_of(label["doc"]), "pool", text)
        marked: dict[int, str | None] = {}
        for lab in label["labels"]:
            i = lab["line"]
            if lab["label"] == "neutral" or "start" in lab or lab.get("category") == "duplicate":
                marked[i] = None
            else:
                marked[i] = lab["category"]
        for i, line in enumerate(lines):
            s = line.strip()
            if not s:
                continue
            if i not in marked:
                doc.keep.add(s)
            elif marked[i] is None:
                doc.skip.add(s)
            else:
                doc.junk[s] = marked[i]  # type: ignore[assignment]
        yield doc


def labelled_docs() -> list[LabelledDoc]:
    docs = list(dev_docs())
    if POOL_LABELS.is_dir():
        docs.extend(pool_docs())
    return docs


def no_scorer() -> Cleaner:
    return Cleaner(Config(stages=tuple(s for s in DEFAULT_ORDER if s != "scorer")))


def output_lines(cleaner: Cleaner, text: str) -> list[str]:
    return [ln for ln in cleaner.clean_text(text).text.split("\n") if ln.strip()]


def examples_of(doc: LabelledDoc, cleaner: Cleaner) -> list[Example]:
    out = []
    for line in output_lines(cleaner, doc.text):
        label = doc.label(line)
        if label is not None:
            out.append(Example(line_buckets(line), label))
    return out


def category_examples(docs: Iterable[LabelledDoc], cleaner: Cleaner) -> list[Example]:
    """Lines labelled with a category, for the category model: the labelled boilerplate lines,
    the whole lines the rules remove from the same documents (with their rule's category), and
    every rule's remove examples. The rules name far more phrasings per category than the
    labels do, and the category is about wording, so the line's own features suffice."""
    out = []
    for doc in docs:
        out.extend(Example(line_buckets(t), c) for t, c in doc.junk.items())
        result = cleaner.clean_text(doc.text)
        lines = {ln.strip() for ln in result.document.text.split("\n")} if result.document else set()
        out.extend(Example(line_buckets(r.text), r.category) for r in result.removals
                   if r.category != "duplicate" and r.text.strip() in lines)
    for rule in cleaner.rules:
        out.extend(Example(line_buckets(t), rule.category) for t in rule.remove_examples)
    return out


_SPACE = re.compile(r"\s+")


def scrapinghub_label(line: str, gold: str, index: int) -> str | None:
    """"keep" when the gold body holds the line; boilerplate only when hardly any of its words
    are in the gold and it is not one of the first lines (that gold omits the headline and
    standfirst, which the guideline keeps); otherwise unsettled."""
    text = _SPACE.sub(" ", line.strip())
    if text in gold:
        return "keep"
    if index < 3:
        return None
    words = _TOKEN.findall(text.lower())
    gold_words = set(_TOKEN.findall(gold.lower()))
    if words and sum(w in gold_words for w in words) / len(words) < 0.5:
        return "other"
    return None


_TOKEN = re.compile(r"\w+")


def scrapinghub_examples(cleaner: Cleaner, bench: Path = SCRAPINGHUB) -> list[Example]:
    import benchkit

    if not bench.is_dir():
        return []
    gold = {k: _SPACE.sub(" ", v) for k, v in benchkit.load_gold(bench).items()}
    out: list[Example] = []
    for name in benchkit.extractor_names(bench):
        if name in DUMPS:
            continue
        for page, body in sorted(benchkit.load_extractor(bench, name).items()):
            if page not in gold or not body.strip():
                continue
            lines = output_lines(cleaner, body)
            for i, line in enumerate(lines):
                label = scrapinghub_label(line, gold[page], i)
                if label is not None:
                    out.append(Example(line_buckets(line), label, SCRAPINGHUB_WEIGHT))
    return out
