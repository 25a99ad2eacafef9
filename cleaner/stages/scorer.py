"""The learned line scorer: a logistic model over transferable line features.

Why a model beside the rules: on documents nobody here has read, most boilerplate that
the rules leave is spelled in ways no rule names (a teaser headline, a widget's credit
line, a follow prompt of one site). What such lines share is shape (short, capitalised,
no sentence end, at an edge, among lines like them) and a vocabulary family. A linear
model over those features (`cleaner.line_features`), trained on labelled lines by
`scripts/train_scorer.py`, learns the weights; the stage runs after the rules and judges
only the lines they left.

It is built to keep the first promise: it takes a line only when the model is very sure
(`THRESHOLD`), never a line shaped like an article paragraph (`MAX_WORDS`, or a full
sentence of `SENTENCE_WORDS`+ words), and it says in each removal's reason the score and
the features that drove it, so a reviewer can see why and `--disable scorer.line` turns it
off. The model ships in the package (`cleaner/models/line_scorer.json`); scoring is a sum of
a few dozen weights per line: deterministic, offline, and cheap.
"""

from __future__ import annotations

import itertools
import json
import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import regex

from ..line_features import hashed, line_shape
from ..model import Document, Removal
from ..rulepack import Rule, RuleSet
from ..signals import ends_sentence
from .base import remove_rest

RULE_ID = "scorer.line"
#: The id `rules list` shows and `--disable scorer.line` switches off (each removal carries its own
#: category and reason).
SCORER_RULE = Rule(id=RULE_ID, category="other", scope="block", pattern=".", source="builtin",
                   reason="learned line scorer: a short line the model is very sure is boilerplate")
MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "line_scorer.json"
#: The model must give at least this probability of boilerplate.
THRESHOLD = 0.9
#: Lines longer than this are never the scorer's to take (rules and duplicates judge them).
MAX_WORDS = 25
#: A line that ends like a sentence and has this many words is article-shaped: left alone.
SENTENCE_WORDS = 8
#: What the annotation guideline keeps although it is shaped like chrome: credit lines of the
#: article itself ("Additional reporting by ...", "X contributed to this report", editor's notes).
GUIDELINE_KEEPS = regex.compile(
    r"\b(?:additional reporting|contributed (?:to )?(?:this )?(?:report|story)|(?:reporting|writing|editing) by|"
    r"editor'?s note|correction)\b", regex.IGNORECASE)
#: A transcript's speaker label ("MR. SMITH:", "ANDERSON COOPER, CNN:"): the transcript's own text.
SPEAKER_LABEL = regex.compile(r"^(?:\p{Lu}[\p{Lu}.'’-]*,?\s){0,4}\p{Lu}[\p{Lu}.'’-]*:$")
#: The first line of a document with this many words is its headline (the guideline keeps it).
HEADLINE_WORDS = 4
#: A document where this many lines run on into a line that opens in lower case is hard-wrapped
#: prose (OCR, e-mail, a transcript): its broken lines look like teasers, so the scorer stays out.
WRAPPED_LINES = 3
#: Most line texts whose score is kept (`LineModel.score`).
SHAPE_CACHE = 100_000
#: How many features the reason names.
EXPLAIN = 3


@dataclass(frozen=True)
class LineModel:
    """Weights of the boilerplate-vs-article model and of the category model."""

    weights: dict[int, float]
    categories: tuple[str, ...]
    category_weights: dict[int, tuple[float, ...]]
    version: str = ""
    #: `score` of each line text seen (probability and weighted features).
    _shapes: dict[str, tuple[float, list[tuple[float, str]]]] = field(
        default_factory=dict, compare=False, repr=False)

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

    def score(self, text: str) -> tuple[float, list[tuple[float, str]]]:
        """Probability that `text` is boilerplate, and each of its features' weight (largest
        first; ties by name, so a reason reads the same in every process). Computed once per
        line text: the same lines recur in every round and across documents."""
        cached = self._shapes.get(text)
        if cached is None:
            if len(self._shapes) > SHAPE_CACHE:
                self._shapes.clear()
            parts = sorted(((self.weights.get(hashed(f), 0.0), f) for f in line_shape(text)),
                           key=lambda t: (-t[0], t[1]))
            z = sum(w for w, _ in parts)
            cached = self._shapes[text] = (1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))), parts)
        return cached

    def category(self, text: str) -> str:
        """The most likely category of a boilerplate line, from the line's own features."""
        totals = [0.0] * len(self.categories)
        for f in line_shape(text):
            row = self.category_weights.get(hashed(f))
            if row:
                for i, w in enumerate(row):
                    totals[i] += w
        return self.categories[max(range(len(totals)), key=totals.__getitem__)] if totals else "other"


@cache
def shipped_model() -> LineModel:
    """The model in the package, loaded once per process. A missing model is an error, not a
    quietly different cleaner: an installation that lost its data file must say so."""
    if not MODEL_PATH.exists():
        raise FileNotFoundError(f"the line scorer's model {MODEL_PATH} is missing from this installation "
                                "(reinstall cleaner, or leave the stage out with --disable-stage scorer)")
    return LineModel.from_json(json.loads(MODEL_PATH.read_text(encoding="utf-8")))


def eligible(text: str, first: bool = False) -> bool:
    """Lines the scorer may judge at all: short, not shaped like an article sentence, not a
    headline in first place, not a transcript's speaker label, and not a line the guideline keeps."""
    words = len(text.split())
    if not 0 < words <= MAX_WORDS or (words >= SENTENCE_WORDS and ends_sentence(text)):
        return False
    return (not (first and words >= HEADLINE_WORDS) and not GUIDELINE_KEEPS.search(text)
            and not SPEAKER_LABEL.match(text))


def hard_wrapped(texts: list[str]) -> bool:
    """True when lines of the document run on into the next, which opens in lower case."""
    runs = 0
    for line, after in itertools.pairwise(texts):
        nxt = after.lstrip()[:1]
        if nxt.islower() and not ends_sentence(line):
            runs += 1
            if runs >= WRAPPED_LINES:
                return True
    return False


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
        if hard_wrapped(texts):
            return []
        out: list[Removal] = []
        for i, block in enumerate(live):
            if not eligible(texts[i].strip(), first=i == 0):
                continue
            p, parts = self.model.score(texts[i])
            if p < self.threshold:
                continue
            drivers = ", ".join(f"{f} {w:+.1f}" for w, f in parts[:EXPLAIN])
            reason = f"learned line scorer: boilerplate with p={p:.2f} (most weight: {drivers})"
            out.extend(remove_rest(doc, block, self.name, _ScorerRule(self.model.category(texts[i]), reason)))
        return out


@dataclass(frozen=True)
class _ScorerRule:
    """What `remove_block` needs of a rule: the id, the category and the reason."""

    category: str
    reason: str
    id: str = RULE_ID
