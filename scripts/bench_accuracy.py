"""Accuracy benchmark: does `cleaner` improve real extractor output, and beat the alternatives?

    .venv/bin/python scripts/bench_accuracy.py [BENCH_DIR] [--multinews DIR] [--json OUT]
        [--extractors a,b] [--methods raw,cleaner,...] [--jobs N] [--worst N] [--bootstrap N]

BENCH_DIR defaults to ../shared/bench/scrapinghub (the ScrapingHub article-extraction
benchmark: 181 pages, gold article bodies, ten extractors' outputs). For every extractor
it scores, with the benchmark's own metric (scripts/benchkit.py):

- raw:         the extractor's output as published;
- cleaner:     that output cleaned by `cleaner` (plain-text mode, default rules);
- justext:     jusText over the output's lines as HTML paragraphs (English stoplist);
- trafilatura: trafilatura over the lines wrapped as <p> paragraphs, deduplication on
               (within the document: its cross-document cache is cleared per page);
- c4:          the C4 line filter (the line rules of datatrove's C4QualityFilter, written
               from its documentation: terminal punctuation, >= 3 words, no "javascript",
               no policy/cookie lines, citations cut; page-level drops are not applied
               because the benchmark needs a text for every page).

It prints one table (extractor x method: F1, precision, recall, bootstrap ±), the share of
gold paragraphs present in the raw output that cleaner removed, the ten pages where
cleaner is furthest from a perfect line-level cleaner (with what it wrongly removed and
what it left), and the Multi-News dev scores (../shared/tools/score.py: labelled boilerplate
removed per category, gold sentences lost). `--json` writes everything as JSON.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchkit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MULTINEWS = ROOT.parent / "shared" / "bench" / "multinews-dev"
DEFAULT_SCORER = ROOT.parent / "shared" / "tools" / "score.py"
METHODS = ("raw", "cleaner", "justext", "trafilatura", "c4")
DUMPS = ("html-text", "inscriptis")

# --- the methods -------------------------------------------------------------------------

_CLEANER = None


def run_cleaner(text: str) -> str:
    global _CLEANER
    if _CLEANER is None:
        from cleaner.api import Cleaner

        _CLEANER = Cleaner()
    return _CLEANER.clean_text(text).text


def _paragraph_html(text: str) -> str:
    paras = [html.escape(line.strip()) for line in text.split("\n") if line.strip()]
    return "<html><body>" + "".join(f"<p>{p}</p>" for p in paras) + "</body></html>"


def run_justext(text: str) -> str:
    import justext

    if not text.strip():
        return ""
    paragraphs = justext.justext(_paragraph_html(text), justext.get_stoplist("English"))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def _reset_trafilatura_dedup() -> None:
    """Forget paragraphs seen in earlier documents: trafilatura's deduplication keeps a
    process-wide cache, which would make it drop text a *previous* page contained (and
    make its score depend on job order). Deduplication within the document stays on."""
    try:
        from trafilatura.deduplication import LRU_TEST
    except ImportError:  # other trafilatura versions: fall back to the public reset
        from trafilatura.meta import reset_caches

        reset_caches()
        return
    LRU_TEST.clear()


def run_trafilatura(text: str) -> str:
    import trafilatura

    if not text.strip():
        return ""
    _reset_trafilatura_dedup()
    out = trafilatura.extract(_paragraph_html(text), deduplicate=True, include_comments=False,
                              include_tables=True, favor_precision=False)
    return out or ""


_CITATION = re.compile(r"\[\d*]|\[edit]|\[citation needed]")
_END_PUNCT = (".", "?", "!", '"', "'")
_POLICY = ("terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies")


def run_c4(text: str) -> str:
    """C4 line rules (Raffel et al. 2020, as datatrove's C4QualityFilter applies them per line)."""
    kept = []
    for line in text.split("\n"):
        line = _CITATION.sub("", line.strip())
        if not line:
            continue
        low = line.lower()
        if not line.endswith(_END_PUNCT) or line.endswith("..."):
            continue
        if len(line.split()) < 3 or "javascript" in low or any(p in low for p in _POLICY):
            continue
        kept.append(line)
    return "\n".join(kept)


RUNNERS = {"raw": lambda t: t, "cleaner": run_cleaner, "justext": run_justext,
           "trafilatura": run_trafilatura, "c4": run_c4}


def _run_job(job: tuple[str, str, dict[str, str]]) -> tuple[str, str, dict[str, str], float]:
    extractor, method, texts = job
    start = time.perf_counter()
    runner = RUNNERS[method]
    out = {key: runner(text) for key, text in texts.items()}
    return extractor, method, out, time.perf_counter() - start


# --- analysis ----------------------------------------------------------------------------

_WORD = re.compile(r"\w+")


def squash(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def gold_paragraphs(gold: str) -> list[str]:
    return [squash(p) for p in gold.split("\n") if len(_WORD.findall(p)) >= 6]


def paragraph_loss(raw: dict[str, str], cleaned: dict[str, str], gold: dict[str, str]) -> tuple[int, int]:
    """(lost, present): gold paragraphs found in the raw output that the cleaned output lacks."""
    lost = present = 0
    for key, g in gold.items():
        raw_sq, out_sq = squash(raw.get(key, "")), squash(cleaned.get(key, ""))
        for para in gold_paragraphs(g):
            if para and para in raw_sq:
                present += 1
                if para not in out_sq:
                    lost += 1
    return lost, present


def oracle(raw: str, gold: str) -> str:
    """A perfect line-level cleaner: keeps each output line that occurs in the gold, once."""
    gold_sq = squash(gold)
    seen, kept = set(), []
    for line in raw.split("\n"):
        sq = squash(line)
        if sq and sq in gold_sq and sq not in seen:
            seen.add(sq)
            kept.append(line)
    return "\n".join(kept)


def worst_pages(raw_by: dict[str, dict[str, str]], clean_by: dict[str, dict[str, str]],
                gold: dict[str, str], count: int) -> list[dict]:
    """(extractor, page) pairs where cleaner is furthest below the line-level oracle's page F1."""
    rows = []
    for extractor, raw in raw_by.items():
        if extractor in DUMPS:
            continue
        for key, g in gold.items():
            r = raw.get(key, "")
            c = clean_by[extractor].get(key, "")
            best = benchkit.evaluate({key: oracle(r, g)}, {key: g}).page_f1[0]
            got = benchkit.evaluate({key: c}, {key: g}).page_f1[0]
            if best - got <= 0.0:
                continue
            gold_sq = squash(g)
            kept_lines = {squash(line) for line in c.split("\n")}
            wrongly = [line.strip() for line in r.split("\n")
                       if squash(line) and squash(line) in gold_sq and squash(line) not in kept_lines]
            left = [line.strip() for line in c.split("\n")
                    if len(_WORD.findall(line)) >= 1 and squash(line) not in gold_sq]
            rows.append({"extractor": extractor, "page": key, "oracle_f1": round(best, 4),
                         "cleaner_f1": round(got, 4), "gap": round(best - got, 4),
                         "wrongly_removed": wrongly[:6], "left": left[:8]})
    rows.sort(key=lambda row: -row["gap"])
    return rows[:count]


def multinews(multinews_dir: Path, scorer: Path) -> dict | None:
    """Clean the Multi-News dev inputs and score them with the shared scorer."""
    if not (multinews_dir / "input").is_dir() or not scorer.exists():
        return None
    with tempfile.TemporaryDirectory() as tmp:
        for path in sorted((multinews_dir / "input").glob("*.txt")):
            text = path.read_text(encoding="utf-8", errors="replace")
            (Path(tmp) / path.name).write_text(run_cleaner(text), encoding="utf-8")
        proc = subprocess.run([sys.executable, str(scorer), str(multinews_dir / "gold"), tmp, "--json"],
                              capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


# --- main --------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bench", nargs="?", type=Path, default=benchkit.DEFAULT_BENCH)
    parser.add_argument("--multinews", type=Path, default=DEFAULT_MULTINEWS)
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    parser.add_argument("--json", type=Path, default=None, help="write the results here")
    parser.add_argument("--extractors", default="", help="comma-separated subset")
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--worst", type=int, default=10)
    parser.add_argument("--bootstrap", type=int, default=1000)
    args = parser.parse_args(argv)

    gold = benchkit.load_gold(args.bench)
    names = [n for n in benchkit.extractor_names(args.bench)
             if not args.extractors or n in args.extractors.split(",")]
    methods = [m for m in args.methods.split(",") if m]
    raw_by = {n: benchkit.load_extractor(args.bench, n) for n in names}
    jobs = [(n, m, {k: raw_by[n].get(k, "") for k in gold}) for n in names for m in methods]
    outputs: dict[tuple[str, str], dict[str, str]] = {}
    seconds: dict[str, float] = {}
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for extractor, method, out, secs in pool.map(_run_job, jobs):
            outputs[extractor, method] = out
            seconds[method] = seconds.get(method, 0.0) + secs

    table: dict[str, dict[str, dict[str, float]]] = {}
    print(f"{'extractor':<12} {'method':<12} {'F1':>15} {'precision':>15} {'recall':>15}")
    for n in names:
        table[n] = {}
        for m in methods:
            s = benchkit.evaluate(outputs[n, m], gold)
            benchkit.bootstrap(s, n=args.bootstrap)
            table[n][m] = {k: round(v, 4) for k, v in s.as_dict().items()}
            print(f"{n:<12} {m:<12} {s.f1:.3f} ± {s.ci['f1']:.3f}   {s.precision:.3f} ± {s.ci['precision']:.3f}"
                  f"   {s.recall:.3f} ± {s.ci['recall']:.3f}")
    result: dict = {"table": table, "seconds_by_method": {k: round(v, 1) for k, v in seconds.items()}}

    if "cleaner" in methods:
        losses = {}
        total_lost = total_present = 0
        for n in names:
            lost, present = paragraph_loss(raw_by[n], outputs[n, "cleaner"], gold)
            losses[n] = {"lost": lost, "present": present}
            total_lost += lost
            total_present += present
        result["gold_paragraphs_removed"] = {"by_extractor": losses, "lost": total_lost, "present": total_present}
        print(f"\ngold paragraphs removed by cleaner: {total_lost}/{total_present} "
              f"({total_lost / max(1, total_present):.2%}); by extractor: "
              + ", ".join(f"{n} {v['lost']}/{v['present']}" for n, v in losses.items()))
        worst = worst_pages(raw_by, {n: outputs[n, "cleaner"] for n in names}, gold, args.worst)
        result["worst_pages"] = worst
        print(f"\n{len(worst)} worst pages (cleaner's page F1 furthest below a perfect line-level cleaner):")
        for row in worst:
            print(f"- {row['extractor']} {row['page'][:12]} cleaner={row['cleaner_f1']:.3f} "
                  f"oracle={row['oracle_f1']:.3f}")
            for line in row["wrongly_removed"][:3]:
                print(f"    wrongly removed: {line[:100]}")
            for line in row["left"][:5]:
                print(f"    left: {line[:100]}")

    mn = multinews(args.multinews, args.scorer) if "cleaner" in methods else None
    if mn is not None:
        summary = mn["summary"]
        result["multinews"] = summary
        removed = summary["junk_total"] - summary["junk_left"]
        print(f"\nmulti-news dev: boilerplate removed {removed}/{summary['junk_total']} "
              f"({removed / max(1, summary['junk_total']):.1%}), gold sentences lost "
              f"{summary['kept_lost']}/{summary['kept_total']}, token F1 {summary['f1']}")
        print("  by category: " + ", ".join(f"{c} {v}" for c, v in summary["removed_by_category"].items()))
        for row in mn["files"]:
            for category, text in row["left"]:
                print(f"  left [{category}] {row['name'][:20]}: {text[:90]}")
            for text in row["lost"]:
                print(f"  LOST {row['name'][:20]}: {text[:90]}")

    if args.json:
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
