"""HTML extraction benchmark: trafilatura alone, jusText alone and cleaner's HTML mode, on several page sets.

Runs the pages of each set (``--set NAME=PATH``, repeatable; the loaders and the sets are
described in ``htmlsets.py``; without ``--set``, the ScrapingHub benchmark at BENCH_DIR)
through each system, scores them with the ScrapingHub benchmark's metric
(``benchkit.evaluate``, shared with the accuracy benchmark) and prints F1, precision,
recall (± bootstrap) and pages per second per set. Every system gets the same page bytes,
so decoding is part of each system's cost, and the systems alternate page by page so a
busy machine slows them alike.

``--half report`` (the default with ``--set``) scores only the reporting half of each set;
``--half tune`` the tuning half that settings are chosen on; ``--half all`` every page.
``--variant NAME=field=value,...`` adds cleaner's extraction step with other
``ExtractSettings`` (e.g. ``--variant full=fast=False``), to compare settings across sets.

    .venv/bin/python scripts/bench_html.py [BENCH_DIR] [--worst 10] [--json out.json]
    .venv/bin/python scripts/bench_html.py --set scrapinghub=../shared/bench/scrapinghub \
        --set readability=/tmp/readability/test/test-pages --half report
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchkit import DEFAULT_BENCH, bootstrap, evaluate
from htmlsets import LOADERS, half

from cleaner.api import Cleaner, Config
from cleaner.stages import DEFAULT_ORDER

Extractor = Callable[[bytes], str]

if TYPE_CHECKING:
    from cleaner.html import ExtractSettings


def trafilatura_alone(page: bytes) -> str:
    """trafilatura with its default settings, as a user would call it."""
    import trafilatura

    return trafilatura.extract(page) or ""


def justext_alone(page: bytes) -> str:
    """jusText with its default settings and the English stoplist."""
    import justext

    paragraphs = justext.justext(page, justext.get_stoplist("English"))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def cleaner_html(without: str | None = None) -> Extractor:
    """cleaner's HTML mode: decode, extract, then the same stages as plain text (less `without`)."""
    stages = tuple(name for name in DEFAULT_ORDER if name != without)
    cleaner = Cleaner(Config(timeout_s=60.0, stages=stages))
    _ = cleaner.stages

    def run(page: bytes) -> str:
        return cleaner.clean_html(page).text

    return run


def cleaner_extraction_only(settings: ExtractSettings | None = None) -> Extractor:
    """cleaner's decoding and extraction step alone, no stages: shows what the stages add."""
    from cleaner.html import DEFAULT_SETTINGS, extract_article
    from cleaner.htmldecode import decode_html

    chosen = settings or DEFAULT_SETTINGS

    def run(page: bytes) -> str:
        try:
            return extract_article(decode_html(page)[0], settings=chosen).text
        except Exception:
            return ""

    return run


def cleaner_html_with(settings: ExtractSettings) -> Extractor:
    """cleaner's HTML mode with other extraction settings: the extraction step, then the stages."""
    from cleaner.html import extract_article
    from cleaner.htmldecode import decode_html

    cleaner = Cleaner(Config(timeout_s=60.0))
    _ = cleaner.stages

    def run(page: bytes) -> str:
        try:
            text = extract_article(decode_html(page)[0], settings=settings).text
        except Exception:
            return ""
        return cleaner.clean_text(text).text

    return run


def parse_variant(spec: str) -> tuple[str, ExtractSettings]:
    """``NAME=field=value,field=value`` -> a named ExtractSettings (booleans and ints)."""
    from cleaner.html import DEFAULT_SETTINGS

    name, _, assignments = spec.partition("=")
    changes: dict[str, object] = {}
    for item in filter(None, assignments.split(",")):
        key, _, value = item.partition("=")
        default = getattr(DEFAULT_SETTINGS, key)
        changes[key] = value.lower() in ("1", "true", "yes") if isinstance(default, bool) else type(default)(value)
    return name, dataclasses.replace(DEFAULT_SETTINGS, **changes)


def load_set(kind: str, path: Path, which: str) -> tuple[dict[str, bytes], dict[str, str]]:
    """Pages and gold of one set, restricted to one half (or all pages)."""
    pages: dict[str, bytes] = {}
    gold: dict[str, str] = {}
    for page_id, page, text in LOADERS[kind](path):
        if which == "all" or half(kind, page_id) == which:
            pages[page_id], gold[page_id] = page, text
    return pages, gold


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


def report_set(label: str, systems: dict[str, Extractor], pages: dict[str, bytes], gold: dict[str, str],
               args: argparse.Namespace) -> dict[str, dict]:
    """Run, score and print one set; returns the scores and outputs by system."""
    for extract in systems.values():  # import and warm up outside the timing
        extract(next(iter(pages.values())))
    outputs, seconds = run_all(systems, pages)
    for _ in range(args.repeat - 1):
        _, again = run_all(systems, pages)
        seconds = {name: min(seconds[name], again[name]) for name in seconds}

    print(f"\n{label}: {len(pages)} pages, fastest of {args.repeat} run(s)")
    print(f"{'system':<20} {'F1':>14} {'precision':>14} {'recall':>14} {'pages/s':>8} {'speed':>6}")
    base_speed = len(pages) / seconds["trafilatura"] if "trafilatura" in seconds else None
    results: dict[str, dict] = {}
    for name, out in outputs.items():
        scores = evaluate(out, gold)
        ci = bootstrap(scores, n=args.bootstrap)
        speed = len(pages) / seconds[name]
        ratio = f"{speed / base_speed:.2f}x" if base_speed else ""
        print(f"{name:<20} {scores.f1:.3f} ± {ci['f1']:.3f}  {scores.precision:.3f} ± {ci['precision']:.3f}  "
              f"{scores.recall:.3f} ± {ci['recall']:.3f} {speed:8.1f} {ratio:>6}")
        results[name] = {**scores.as_dict(), "pages": len(pages), "pages_per_s": speed, "scores": scores,
                         "outputs": out}
    if args.worst and "cleaner-html" in results:
        base = results.get("trafilatura", results["cleaner-html"])["scores"]
        mine = results["cleaner-html"]["scores"]
        deltas = sorted(zip(mine.ids, mine.page_f1, base.page_f1, mine.page_precision, mine.page_recall,
                            strict=True),
                        key=lambda row: row[1] - row[2])
        print(f"worst pages of {label} for cleaner-html vs trafilatura (id, f1, base f1, precision, recall):")
        for row in deltas[: args.worst]:
            print(f"  {row[0][:40]} {row[1]:.3f} {row[2]:.3f} P={row[3]:.3f} R={row[4]:.3f}")
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bench_dir", nargs="?", type=Path, default=None,
                        help="the ScrapingHub benchmark, when no --set is given")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=PATH",
                        help=f"a page set to run (NAME one of {', '.join(LOADERS)}); repeatable")
    parser.add_argument("--half", choices=("tune", "report", "all"), default=None,
                        help="which half of each set to score (default: report with --set, all without)")
    parser.add_argument("--variant", action="append", default=[], metavar="NAME=FIELD=VALUE,...",
                        help="also run cleaner's extraction step with these ExtractSettings; repeatable")
    parser.add_argument("--variant-html", action="store_true",
                        help="run each variant through the stages too (html:NAME), not only the extraction")
    parser.add_argument("--without", action="append", default=[], metavar="STAGE",
                        help="also run cleaner's HTML mode without this stage; repeatable")
    parser.add_argument("--worst", type=int, default=0, help="list the N pages where cleaner loses most F1")
    parser.add_argument("--json", type=Path, help="also write the scores and outputs here")
    parser.add_argument("--only", action="append",
                        help="run only these systems (for quick iteration); variants always run")
    parser.add_argument("--bootstrap", type=int, default=1000, help="bootstrap resamples for the ± (0: none)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run every system N times and keep each one's fastest run (less noise from load)")
    args = parser.parse_args(argv)

    sets = [tuple(spec.split("=", 1)) for spec in args.set] or [("scrapinghub", str(args.bench_dir or DEFAULT_BENCH))]
    for kind, _ in sets:
        if kind not in LOADERS:
            parser.error(f"unknown set {kind!r}; known: {', '.join(LOADERS)}")
    which = args.half or ("report" if args.set else "all")
    systems: dict[str, Extractor] = {"trafilatura": trafilatura_alone, "justext": justext_alone,
                                     "cleaner-extract": cleaner_extraction_only(), "cleaner-html": cleaner_html()}
    if args.only:
        systems = {name: systems[name] for name in args.only}
    for spec in args.variant:
        name, settings = parse_variant(spec)
        systems[f"extract:{name}"] = cleaner_extraction_only(settings)
        if args.variant_html:
            systems[f"html:{name}"] = cleaner_html_with(settings)
    for stage in args.without:
        systems[f"html-no:{stage}"] = cleaner_html(without=stage)

    payload: dict[str, dict] = {}
    for kind, path in sets:
        pages, gold = load_set(kind, Path(path), which)
        results = report_set(f"{kind} ({which} half)" if which != "all" else kind, systems, pages, gold, args)
        payload[kind] = {name: {k: v for k, v in r.items() if k != "scores"} for name, r in results.items()}
    if args.json:
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
