"""Corpus-evidence benchmark: what `--corpus-evidence` learns, what it removes, what it costs.

    .venv/bin/python scripts/bench_corpus.py [--bench DIR] [--multinews DIR] [--scorer PATH]
        [--min-docs N] [--min-share X] [--json OUT]

Two real corpora, each cleaned twice through the CLI (in-process): without and with
`--corpus-evidence`.

- ScrapingHub extractor outputs (../shared/bench/scrapinghub): one JSONL record per page and
  extractor, `--corpus-group extractor`, so each extractor's 181 pages are one group (the
  pages come from 181 different sites, so what repeats inside a group is what that extractor
  leaves on many sites). Scored with the benchmark's metric (scripts/benchkit.py).
- Multi-News dev inputs (../shared/bench/multinews-dev): a folder run, one group (no URL),
  scored with ../shared/tools/score.py.

For every removal the corpus stage made it says whether the removed line is article text:
a line whose normalised text occurs in the page's gold article. Nothing is written outside
a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchkit
from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.corpus import RULE_ID, normalise

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MULTINEWS = ROOT.parent / "shared" / "bench" / "multinews-dev"
DEFAULT_SCORER = ROOT.parent / "shared" / "tools" / "score.py"


def run_cli(args: list[str]) -> str:
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    if result.exit_code not in (0, 1):
        raise SystemExit(f"cleaner {' '.join(args)} failed ({result.exit_code}): {result.output}")
    return result.output


def in_gold(line: str, gold: str) -> str | None:
    """"line" when the removed text is (normalised) a whole line of the gold article: article
    text lost; "part" when it only occurs inside a gold line (a name in a menu and in a
    sentence); None when the gold does not have it."""
    folded = normalise(line)
    if not folded:
        return None
    lines = {normalise(g) for g in gold.split("\n")}
    if folded in lines:
        return "line"
    return "part" if any(folded in g for g in lines) else None


def scrapinghub(bench: Path, tmp: Path, evidence_args: list[str]) -> dict:
    gold = benchkit.load_gold(bench)
    source = tmp / "scrapinghub.jsonl"
    with source.open("w", encoding="utf-8") as out:
        for name in benchkit.extractor_names(bench):
            for page, text in sorted(benchkit.load_extractor(bench, name).items()):
                if page in gold:
                    out.write(json.dumps({"page": page, "extractor": name, "text": text}) + "\n")
    outputs = {}
    for mode in ("base", "evidence"):
        target = tmp / f"scrapinghub-{mode}.jsonl"
        extra = [*evidence_args, "--corpus-group", "extractor"] if mode == "evidence" else []
        log = run_cli(["clean", str(source), "-o", str(target), "--full-report", "--jobs", "2", *extra])
        if mode == "evidence":
            print(next(line for line in log.splitlines() if "repeated line(s)" in line))
        outputs[mode] = [json.loads(line) for line in target.open(encoding="utf-8")]
    table, removed, lost = {}, Counter(), []
    for name in benchkit.extractor_names(bench):
        row = {}
        for mode, records in outputs.items():
            pred = {r["page"]: r["text"] for r in records if r["extractor"] == name}
            scores = benchkit.evaluate(pred, gold)
            row[mode] = {"f1": round(scores.f1, 4), "precision": round(scores.precision, 4),
                         "recall": round(scores.recall, 4)}
        table[name] = row
    for record in outputs["evidence"]:
        for removal in record["cleaner"].get("removals", []):
            if removal["rule"] != RULE_ID:
                continue
            removed[(record["extractor"], removal["text"].strip(), removal["reason"].split(" in ", 1)[1])] += 1
            where = in_gold(removal["text"], gold[record["page"]])
            if where:
                lost.append({"extractor": record["extractor"], "page": record["page"], "text": removal["text"],
                             "in_gold": where})
    return {"table": table, "removals": sum(removed.values()),
            "lines": [{"extractor": e, "text": t, "evidence": why, "removed": n}
                      for (e, t, why), n in sorted(removed.items(), key=lambda kv: (-kv[1], kv[0]))],
            "gold_lines_removed": lost}


def multinews(folder: Path, scorer: Path, tmp: Path, evidence_args: list[str]) -> dict | None:
    if not (folder / "input").is_dir() or not scorer.exists():
        return None
    scores, removals, lost = {}, [], []
    for mode in ("base", "evidence"):
        out = tmp / f"multinews-{mode}"
        log = run_cli(["clean", str(folder / "input"), "-o", str(out), "--no-review", "--jobs", "2",
                       *(evidence_args if mode == "evidence" else [])])
        if mode == "evidence":
            print(next(line for line in log.splitlines() if "repeated line(s)" in line))
        proc = subprocess.run([sys.executable, str(scorer), str(folder / "gold"), str(out), "--json"],
                              capture_output=True, text=True, check=True)
        scores[mode] = json.loads(proc.stdout)["summary"]
    for report in sorted((tmp / "multinews-evidence").glob("*.report.json")):
        data = json.loads(report.read_text(encoding="utf-8"))
        gold = (folder / "gold" / Path(data["source"]).name).read_text(encoding="utf-8")
        for removal in data.get("removals", []):
            if removal["rule"] == RULE_ID:
                removals.append({"doc": data["source"], "text": removal["text"], "reason": removal["reason"]})
                where = in_gold(removal["text"], gold)
                if where:
                    lost.append({**removals[-1], "in_gold": where})
    return {"scores": scores, "removals": removals, "gold_lines_removed": lost}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench", type=Path, default=benchkit.DEFAULT_BENCH)
    parser.add_argument("--multinews", type=Path, default=DEFAULT_MULTINEWS)
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    parser.add_argument("--min-docs", type=int, default=None)
    parser.add_argument("--min-share", type=float, default=None)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    evidence_args = ["--corpus-evidence"]
    if args.min_docs is not None:
        evidence_args += ["--corpus-min-docs", str(args.min_docs)]
    if args.min_share is not None:
        evidence_args += ["--corpus-min-share", str(args.min_share)]
    with tempfile.TemporaryDirectory() as tmp:
        result = {"scrapinghub": scrapinghub(args.bench, Path(tmp), evidence_args),
                  "multinews": multinews(args.multinews, args.scorer, Path(tmp), evidence_args)}
    shub = result["scrapinghub"]
    print(f"{'extractor':<12} {'F1 base':>8} {'F1 evid':>8} {'P base':>7} {'P evid':>7} {'R base':>7} {'R evid':>7}")
    for name, row in shub["table"].items():
        b, e = row["base"], row["evidence"]
        print(f"{name:<12} {b['f1']:8.4f} {e['f1']:8.4f} {b['precision']:7.4f} {e['precision']:7.4f} "
              f"{b['recall']:7.4f} {e['recall']:7.4f}")
    whole = sum(1 for item in shub["gold_lines_removed"] if item["in_gold"] == "line")
    print(f"corpus-stage removals: {shub['removals']}; whole gold lines among them: {whole}; "
          f"text inside a gold line: {len(shub['gold_lines_removed']) - whole}")
    for line in shub["lines"][:60]:
        print(f"  {line['removed']:3d}x {line['extractor']:<12} {line['text'][:70]!r}  ({line['evidence']})")
    for item in shub["gold_lines_removed"][:30]:
        print(f"  GOLD ({item['in_gold']}) {item['extractor']} {item['page'][:12]}: {item['text'][:90]!r}")
    mn = result["multinews"]
    if mn is not None:
        print(f"Multi-News dev: base {mn['scores']['base']}")
        print(f"Multi-News dev: with evidence {mn['scores']['evidence']}")
        print(f"  corpus-stage removals: {len(mn['removals'])}; in gold: {len(mn['gold_lines_removed'])}")
        for item in mn["removals"][:30]:
            print(f"  {item['doc']}: {item['text'][:70]!r} ({item['reason']})")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
