"""Train the learned line scorer and write the model the package ships.

    .venv/bin/python scripts/train_scorer.py [--out cleaner/models/line_scorer.json]

Trains on every labelled Multi-News document (../shared/bench/multinews-dev gold and the
project's labels/multinews-pool) plus the ScrapingHub extractor outputs, on the lines that the
rule stages leave (scripts/scorer_data.py says why). Deterministic: the same data and code
give the same file, so the model is regenerated like the goldens and its diff reviewed.
Retrain after a rule change: the scorer learns what the rules leave.

How well it generalises is measured by scripts/bench_multinews.py, which trains one model per
fold and scores each document with a model that never saw its story.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scorer_data import category_examples, examples_of, labelled_docs, no_scorer, scrapinghub_examples, train

from cleaner.stages.scorer import MODEL_PATH


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    cleaner = no_scorer()
    docs = labelled_docs()
    examples = [ex for doc in docs for ex in examples_of(doc, cleaner)]
    extra = scrapinghub_examples(cleaner)
    counts = Counter("keep" if ex.label == "keep" else "boilerplate" for ex in examples)
    print(f"{len(docs)} labelled documents: {counts['keep']} article lines, {counts['boilerplate']} boilerplate "
          f"lines left by the rules; {len(extra)} ScrapingHub lines", file=sys.stderr)
    categories = category_examples(docs, cleaner)
    model = train([*examples, *extra], categories, version=f"{len(docs)} docs, {len(examples) + len(extra)} lines")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model.to_json(), separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
