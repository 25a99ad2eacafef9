"""Multi-News benchmark by folds: how much labelled boilerplate goes on documents nobody read.

    .venv/bin/python scripts/bench_multinews.py [--methods raw,cleaner,...] [--folds 5] [--json OUT]

Why folds: a figure on the documents the rules were written from says little. The labelled
Multi-News documents fall into three sets, by story (all documents of one story in one set):
- `dev`: ../shared/bench/multinews-dev, read while writing the rules (fitted);
- `pool-A`: the project's labels of ../shared/bench/multinews-pool whose story hashes even
  (`fold_of(story, 2) == 0`): may be read when writing rules;
- `pool-B`: the other pool documents: read by nobody writing rules, features or settings.
  **This is the figure the README reports.**

The rules are fixed; the learned line scorer is the one part that is fitted to labels, so
`cleaner` here is scored with one scorer model per fold (`--folds`, by story, over every
labelled document), each document cleaned by a model that never saw its story; `cleaner
(rules only)` has the scorer off. Peers (raw input, jusText and trafilatura over the lines,
the C4 line filter) are bench_accuracy.py's. Scored by ../shared/tools/score.py: labelled
boilerplate removed (snippets of 3+ words), article sentences lost (6+ words), token F1.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scorer_data as sd
from bench_accuracy import run_c4, run_justext, run_trafilatura

from cleaner.api import Cleaner
from cleaner.stages.scorer import LineModel, ScorerStage

SCORE = sd.SHARED / "tools" / "score.py"
LABELS_TOOL = sd.SHARED / "tools" / "labels.py"
METHODS = ("raw", "justext", "trafilatura", "c4", "rules", "cleaner")
TITLES = {"raw": "raw input", "justext": "jusText over the lines", "trafilatura": "trafilatura over the text",
          "c4": "C4 line filter", "rules": "cleaner, rules only (scorer off)", "cleaner": "cleaner (scorer by fold)"}
SETS = ("dev", "pool-A", "pool-B")


def set_of(doc: sd.LabelledDoc) -> str:
    if doc.source == "dev":
        return "dev"
    return "pool-A" if sd.fold_of(doc.story, 2) == 0 else "pool-B"


def gold_dirs(tmp: Path) -> dict[str, Path]:
    """One gold folder per set (score.py pairs GOLD/<name>.txt with OUT/<name>.txt)."""
    pool_gold = tmp / "pool-gold"
    subprocess.run([sys.executable, str(LABELS_TOOL), "build", str(sd.POOL_LABELS), str(sd.POOL), str(pool_gold)],
                   check=True, capture_output=True)
    dirs = {name: tmp / f"gold-{name}" for name in SETS}
    for d in dirs.values():
        d.mkdir()
    for src, name in [(sd.DEV / "gold", "dev"), (pool_gold, None)]:
        for path in src.iterdir():
            doc_name = path.name.split(".")[0] + ".txt"
            target = name or ("pool-A" if sd.fold_of(sd.story_of(doc_name), 2) == 0 else "pool-B")
            (dirs[target] / path.name).symlink_to(path)
    return dirs


def fold_cleaners(docs: list[sd.LabelledDoc], folds: int) -> dict[int, Cleaner]:
    """A Cleaner per fold whose scorer was trained on every other fold (and ScrapingHub)."""
    base = sd.no_scorer()
    examples = {d.name: sd.examples_of(d, base) for d in docs}
    extra = sd.scrapinghub_examples(base)
    categories = sd.category_examples(docs, base)
    out = {}
    for k in range(folds):
        train = [ex for d in docs if sd.fold_of(d.story, folds) != k for ex in examples[d.name]]
        model = LineModel.from_json(sd.train([*train, *extra], categories).to_json())  # as shipped: rounded weights
        cleaner = Cleaner()
        cleaner.stages = [ScorerStage(model=model) if s.name == "scorer" else s for s in cleaner.stages]
        out[k] = cleaner
    return out


def score(gold: Path, out: Path) -> dict:
    proc = subprocess.run([sys.executable, str(SCORE), str(gold), str(out), "--json"], capture_output=True,
                          text=True, check=True)
    return json.loads(proc.stdout)["summary"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--sets", default=",".join(SETS),
                        help="sets to score and print (leave pool-B out while tuning anything)")
    args = parser.parse_args(argv)
    sets = [s for s in args.sets.split(",") if s]
    methods = [m for m in args.methods.split(",") if m]
    docs = sd.labelled_docs()
    cleaners = fold_cleaners(docs, args.folds) if "cleaner" in methods else {}
    rules_only = sd.no_scorer()
    runners = {"raw": lambda t, d: t, "justext": lambda t, d: run_justext(t),
               "trafilatura": lambda t, d: run_trafilatura(t), "c4": lambda t, d: run_c4(t),
               "rules": lambda t, d: rules_only.clean_text(t).text,
               "cleaner": lambda t, d: cleaners[sd.fold_of(d.story, args.folds)].clean_text(t).text}
    results: dict[str, dict[str, dict]] = defaultdict(dict)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        golds = gold_dirs(tmp)
        for method in methods:
            outs = {name: tmp / method / name for name in SETS}
            for d in outs.values():
                d.mkdir(parents=True)
            for doc in docs:
                if set_of(doc) not in sets:
                    continue
                (outs[set_of(doc)] / doc.name).write_text(runners[method](doc.text, doc), encoding="utf-8")
            for name in sets:
                results[method][name] = score(golds[name], outs[name])
    print_table(results, methods, sets, len(docs))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


def _share(text: str) -> tuple[int, int]:
    got, total = text.split("/")
    return int(got), int(total)


def print_table(results: dict[str, dict[str, dict]], methods: list[str], sets: list[str], n_docs: int) -> None:
    print(f"Multi-News, {n_docs} labelled documents; pool-B was read by nobody writing rules or features")
    for name in sets:
        first = results[methods[0]][name]
        print(f"\n{name} ({first['files']} documents, {first['junk_total']} boilerplate pieces, "
              f"{first['kept_total']} article sentences)")
        print("| method | boilerplate removed | article sentences lost | token F1 |")
        print("|---|---:|---:|---:|")
        for m in methods:
            r = results[m][name]
            removed = r["junk_total"] - r["junk_left"]
            print(f"| {TITLES[m]} | {removed / max(r['junk_total'], 1):.0%} ({removed}/{r['junk_total']}) | "
                  f"{r['kept_lost'] / max(r['kept_total'], 1):.2%} ({r['kept_lost']}) | {r['f1']:.3f} |")
        cats = sorted({c for m in methods for c in results[m][name]["removed_by_category"]})
        print("\nby category (removed/labelled): " + "; ".join(
            f"{m}: " + ", ".join(f"{c} {results[m][name]['removed_by_category'].get(c, '-')}" for c in cats)
            for m in methods if m in ("rules", "cleaner")))


if __name__ == "__main__":
    sys.exit(main())
