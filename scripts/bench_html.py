"""HTML extraction benchmark: trafilatura alone, jusText alone and cleaner's HTML mode, in one run.

Runs the pages of the ScrapingHub article-extraction benchmark (``html/*.html.gz``) through
each system, scores them with the benchmark's own metric (``benchkit.evaluate``, shared
with the accuracy benchmark) and prints F1, precision, recall (± bootstrap) and pages per
second. Every system gets the same uncompressed page bytes, so decoding is part of each
system's cost, and the systems alternate page by page so a busy machine slows them
alike.

    .venv/bin/python scripts/bench_html.py [BENCH_DIR] [--worst 10] [--json out.json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchkit import DEFAULT_BENCH, bootstrap, evaluate, load_gold

from cleaner.api import Cleaner, Config

Extractor = Callable[[bytes], str]


def trafilatura_alone(page: bytes) -> str:
    """trafilatura with its default settings, as a user would call it."""
    import trafilatura

    return trafilatura.extract(page) or ""


def justext_alone(page: bytes) -> str:
    """jusText with its default settings and the English stoplist."""
    import justext

    paragraphs = justext.justext(page, justext.get_stoplist("English"))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def cleaner_html() -> Extractor:
    """cleaner's HTML mode: decode, extract, then the same stages as plain text."""
    cleaner = Cleaner(Config(timeout_s=60.0))
    _ = cleaner.stages

    def run(page: bytes) -> str:
        return cleaner.clean_html(page).text

    return run


def cleaner_extraction_only() -> Extractor:
    """cleaner's decoding and extraction step alone, no stages: shows what the stages add."""
    from cleaner.html import extract_article
    from cleaner.htmldecode import decode_html

    def run(page: bytes) -> str:
        try:
            return extract_article(decode_html(page)[0]).text
        except Exception:
            return ""

    return run


def load_pages(bench_dir: Path, ids: list[str]) -> dict[str, bytes]:
    """Uncompressed page bytes by id (the benchmark's pages are gzipped UTF-8)."""
    return {i: gzip.decompress((bench_dir / "html" / f"{i}.html.gz").read_bytes()) for i in ids}


def run_all(systems: dict[str, Extractor], pages: dict[str, bytes]) -> tuple[dict[str, dict[str, str]],
                                                                               dict[str, float]]:
    """Each system's outputs and total seconds; systems alternate per page."""
    outputs: dict[str, dict[str, str]] = {name: {} for name in systems}
    seconds = dict.fromkeys(systems, 0.0)
    for page_id, page in pages.items():
        for name, extract in systems.items():
            start = time.perf_counter()
            outputs[name][page_id] = extract(page)
            seconds[name] += time.perf_counter() - start
    return outputs, seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bench_dir", nargs="?", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--worst", type=int, default=0, help="list the N pages where cleaner loses most F1")
    parser.add_argument("--json", type=Path, help="also write the scores and outputs here")
    parser.add_argument("--only", help="run only this system (for quick iteration)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run every system N times and keep each one's fastest run (less noise from load)")
    args = parser.parse_args(argv)

    gold = load_gold(args.bench_dir)
    pages = load_pages(args.bench_dir, sorted(gold))
    systems: dict[str, Extractor] = {"trafilatura": trafilatura_alone, "justext": justext_alone,
                                     "cleaner-extract": cleaner_extraction_only(), "cleaner-html": cleaner_html()}
    if args.only:
        systems = {args.only: systems[args.only]}
    for extract in systems.values():  # import and warm up outside the timing
        extract(next(iter(pages.values())))
    outputs, seconds = run_all(systems, pages)
    for _ in range(args.repeat - 1):
        _, again = run_all(systems, pages)
        seconds = {name: min(seconds[name], again[name]) for name in seconds}

    print(f"{len(pages)} pages, {args.bench_dir}, fastest of {args.repeat} run(s)")
    print(f"{'system':<16} {'F1':>14} {'precision':>14} {'recall':>14} {'pages/s':>8} {'speed':>6}")
    base_speed = len(pages) / seconds["trafilatura"] if "trafilatura" in seconds else None
    results = {}
    for name, out in outputs.items():
        scores = evaluate(out, gold)
        ci = bootstrap(scores)
        speed = len(pages) / seconds[name]
        ratio = f"{speed / base_speed:.2f}x" if base_speed else ""
        print(f"{name:<16} {scores.f1:.3f} ± {ci['f1']:.3f}  {scores.precision:.3f} ± {ci['precision']:.3f}  "
              f"{scores.recall:.3f} ± {ci['recall']:.3f} {speed:8.1f} {ratio:>6}")
        results[name] = {**scores.as_dict(), "pages_per_s": speed, "scores": scores}
    if args.worst and "cleaner-html" in results:
        base = results.get("trafilatura", results["cleaner-html"])["scores"]
        mine = results["cleaner-html"]["scores"]
        deltas = sorted(zip(mine.ids, mine.page_f1, base.page_f1, mine.page_precision, mine.page_recall,
                            strict=True),
                        key=lambda row: row[1] - row[2])
        print("\nworst pages for cleaner-html vs trafilatura (id, f1, base f1, precision, recall):")
        for row in deltas[: args.worst]:
            print(f"  {row[0][:16]} {row[1]:.3f} {row[2]:.3f} P={row[3]:.3f} R={row[4]:.3f}")
    if args.json:
        payload = {name: {k: v for k, v in r.items() if k != "scores"} for name, r in results.items()}
        payload["outputs"] = outputs  # type: ignore[assignment]
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
