"""Throughput benchmark: cleaner's full pipeline next to peers doing comparable work.

Builds a corpus from real extractor outputs (the ScrapingHub benchmark's
`extractor_outputs`, 1,772 non-empty texts of 10 extractors), replicated to `--docs`
documents and streamed to a temporary JSONL file (never held in memory), then measures,
in one run:

- cleaner, end to end as a user runs it (`cleaner clean corpus.jsonl -o out.jsonl
  --full-report`: read, decode, repair, all stages, full report, write) with 1 and 2 jobs
  on the first `--sample` documents, and with `--jobs` over the whole corpus:
  documents/s, MB/s per core, the 1 -> 2 jobs speed-up, peak RSS of any process;
- peers on the same documents, in-process on one core: jusText classifying the same
  paragraphs (one `<p>` per line), and ftfy's `fix_text` alone (the floor for any tool
  that repairs encoding);
- cleaner in-process on the same documents (`Cleaner.clean_text` and the full report as
  JSON), once with every stage and once with none: the second row is what decoding,
  repair, segmentation, rendering and the report cost before any filtering, the floor of
  this design; and once with the learned scorer alone (its cost is the difference);
- one 10 MB document (corpus texts concatenated) through `Cleaner.clean_text`;
- the compiled core (docs/core.md) side by side with the Python path on the same documents:
  finding which rules match which line, with each rule's `regex` search per line (Python)
  and in one call per document to the core (Rust's `regex`), for the rules the core's
  engine compiles, and whether both find the same hits; and the ported pieces (sentence
  split, render) alone.
  The core is always the release build (`pip install` builds it so).

Usage: .venv/bin/python scripts/bench_speed.py [--bench DIR] [--docs 50000] [--sample 2000]
Prints a Markdown table; nothing is asserted (targets are read off the table).
"""

from __future__ import annotations

import argparse
import html
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from itertools import cycle, islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchkit import DEFAULT_BENCH, extractor_names, load_extractor

ROOT = Path(__file__).resolve().parent.parent
CLEANER = [sys.executable, "-m", "cleaner"]


def base_texts(bench: Path) -> list[str]:
    """The non-empty extractor outputs, in a fixed order (1,772 texts, about 10 MB)."""
    texts: list[str] = []
    for name in extractor_names(bench):
        outputs = load_extractor(bench, name)
        texts.extend(outputs[key] for key in sorted(outputs) if outputs[key].strip())
    return texts


def corpus(texts: list[str], n: int) -> Iterator[str]:
    """`n` documents: the base texts over and over (the seeds' size is typical of them)."""
    return islice(cycle(texts), n)


def write_jsonl(path: Path, docs: Iterator[str]) -> tuple[int, int]:
    """Stream documents to JSONL; returns (documents, UTF-8 bytes of text)."""
    count = size = 0
    with path.open("w", encoding="utf-8") as out:
        for i, text in enumerate(docs):
            out.write(json.dumps({"id": i, "text": text}, ensure_ascii=False) + "\n")
            count += 1
            size += len(text.encode("utf-8"))
    return count, size


def run_cli(src: Path, jobs: int) -> tuple[float, float, int]:
    """Wall time, CPU time (all processes) and peak RSS (largest process, bytes) of one run."""
    out = src.with_suffix(f".out{jobs}.jsonl")
    cmd = [*CLEANER, "clean", str(src), "-o", str(out), "--jobs", str(jobs), "--full-report", "-q"]
    code = (f"import resource, subprocess, sys, time; t = time.perf_counter(); "
            f"r = subprocess.run({cmd!r}); dt = time.perf_counter() - t; "
            f"u = resource.getrusage(resource.RUSAGE_CHILDREN); "
            f"print(dt, u.ru_utime + u.ru_stime, u.ru_maxrss); sys.exit(r.returncode)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    if done.returncode not in (0, 1):
        raise SystemExit(f"cleaner failed: {done.stderr}")
    seconds, cpu, rss_kb = done.stdout.split()
    out.unlink(missing_ok=True)
    return float(seconds), float(cpu), int(rss_kb) * 1024


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def machine_speedup() -> float:
    """What 2 processes of pure Python arithmetic gain over 1 right now: the ceiling for
    any speed-up on this machine at this moment (other load on a shared machine lowers it)."""
    sys.path.insert(0, str(ROOT))
    from cleaner.parallel import ordered_map

    times = []
    for jobs in (1, 2):
        start = time.perf_counter()
        list(ordered_map(_burn, [200_000] * 120, jobs, 4))
        times.append(time.perf_counter() - start)
    return times[0] / times[1]


def time_peer(name: str, docs: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds for a peer over `docs` on one core."""
    if name == "ftfy":
        import ftfy

        start, cpu = time.perf_counter(), time.process_time()
        for text in docs:
            ftfy.fix_text(text)
        return time.perf_counter() - start, time.process_time() - cpu
    import justext

    stoplist = justext.get_stoplist("English")
    pages = ["<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line.strip())
             + "</body></html>" for text in docs]
    start, cpu = time.perf_counter(), time.process_time()
    for page in pages:
        justext.justext(page, stoplist)
    return time.perf_counter() - start, time.process_time() - cpu


def time_in_process(docs: list[str], stages: tuple[str, ...] | None) -> tuple[float, float]:
    """Wall and CPU seconds for `Cleaner.clean_text` plus the full report as JSON over `docs`,
    with the default stages (None) or only `stages`."""
    sys.path.insert(0, str(ROOT))
    from cleaner.api import Cleaner, Config

    cleaner = Cleaner(Config() if stages is None else Config(stages=stages))
    cleaner.clean_text("warm up.\n")
    start, cpu = time.perf_counter(), time.process_time()
    for text in docs:
        json.dumps(cleaner.clean_text(text).report, ensure_ascii=False)
    return time.perf_counter() - start, time.process_time() - cpu


def engine_rules() -> list:  # type: ignore[type-arg]
    """The built-in rules (all run on the core's linear-time engine; docs/core.md)."""
    sys.path.insert(0, str(ROOT))
    from cleaner.rulepack import load_rules

    return list(load_rules())


def time_rule_matching(docs: list[str], engine: str) -> tuple[float, float, set[tuple[int, int, int]]]:
    """Wall and CPU seconds to find which rules match which stripped line of every document,
    and the (document, line, rule) hits. "python": the stages' path, each rule searched on
    each line behind the Python literal prefilter, one call into the core per search
    (`Rule.search`; pattern only, as the scan); "core": every rule on every line in one call
    per document (`_core.Scanner.lines`); "regex": the stages' path as it was before phase 2,
    the `regex` module's search behind the same prefilter. The same patterns for all."""
    from cleaner import _core

    rules = engine_rules()
    hits: set[tuple[int, int, int]] = set()
    if engine == "core":
        scanner = _core.Scanner([(r.pattern, r.case_sensitive) for r in rules])
        start, cpu = time.perf_counter(), time.process_time()
        for d, text in enumerate(docs):
            for line, found in scanner.lines(text):
                hits.update((d, line, k) for k in found)
        return time.perf_counter() - start, time.process_time() - cpu, hits
    from cleaner.prefilter import may_match, required_literals, starts_right

    if engine == "regex":  # the path before phase 2: the `regex` module, one search per rule and line
        import regex

        from cleaner.rulepack import pattern_flags

        patterns = [regex.compile(r.pattern, pattern_flags(r.case_sensitive)) for r in rules]
    else:
        patterns = [_core.Rule(r.pattern, [], [], None, r.case_sensitive) for r in rules]
    needles = [required_literals(r.pattern) for r in rules]  # of the pattern alone, as scanned
    for rule in rules:
        _ = rule.first_chars
    start, cpu = time.perf_counter(), time.process_time()
    for d, text in enumerate(docs):
        for number, line in enumerate(text.split("\n"), start=1):
            stripped = line.strip()
            if stripped:
                hits.update((d, number, k) for k, rule in enumerate(rules)
                            if starts_right(rule.first_chars, stripped) and may_match(needles[k], stripped)
                            and patterns[k].search(stripped) is not None)
    return time.perf_counter() - start, time.process_time() - cpu, hits


def time_core_layout(docs: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds for the ported pieces alone: every line's sentence split and the
    render of the whole document (no removals), each one call into the core."""
    from cleaner import _core
    from cleaner.render import render_with_layout

    start, cpu = time.perf_counter(), time.process_time()
    for text in docs:
        for line in text.split("\n"):
            _core.sentences(line)
        render_with_layout(text, [])
    return time.perf_counter() - start, time.process_time() - cpu


def big_document(texts: list[str], size: int) -> str:
    parts, total = [], 0
    for text in cycle(texts):
        parts.append(text)
        total += len(text.encode("utf-8")) + 2
        if total >= size:
            return "\n\n".join(parts)
    raise AssertionError("unreachable")


def time_big(text: str) -> float:
    sys.path.insert(0, str(ROOT))
    from cleaner.api import Cleaner, Config

    cleaner = Cleaner(Config(timeout_s=None))
    _ = cleaner.stages
    start = time.perf_counter()
    result = cleaner.clean_text(text)
    seconds = time.perf_counter() - start
    assert result.ok, result.error
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--docs", type=int, default=50_000, help="corpus size (documents)")
    parser.add_argument("--sample", type=int, default=2_000, help="documents for the 1 vs 2 jobs and peer runs")
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)), help="jobs for the full corpus")
    parser.add_argument("--big-mb", type=float, default=10.0)
    args = parser.parse_args()

    texts = base_texts(args.bench)
    rows: list[tuple[str, int, int, float, float, str]] = []
    with tempfile.TemporaryDirectory(prefix="bench_speed.") as tmp:
        sample_path = Path(tmp) / "sample.jsonl"
        n_sample, b_sample = write_jsonl(sample_path, corpus(texts, args.sample))
        ceiling = machine_speedup()
        t1, c1, rss1 = run_cli(sample_path, 1)
        t2, c2, rss2 = run_cli(sample_path, 2)
        rows.append(("cleaner, 1 job", n_sample, b_sample, t1, c1, f"{rss1 / 2**20:.0f} MB"))
        rows.append(("cleaner, 2 jobs", n_sample, b_sample, t2, c2, f"{rss2 / 2**20:.0f} MB"))
        sample_docs = list(corpus(texts, n_sample))
        rows.append(("jusText 3 (paragraph classification)", n_sample, b_sample,
                      *time_peer("justext", sample_docs), ""))
        rows.append(("ftfy.fix_text alone (floor)", n_sample, b_sample, *time_peer("ftfy", sample_docs), ""))
        rows.append(("cleaner in-process, every stage + report", n_sample, b_sample,
                     *time_in_process(sample_docs, None), ""))
        rows.append(("cleaner in-process, no stage (decode, repair, segment, report)", n_sample, b_sample,
                     *time_in_process(sample_docs, ()), ""))
        rows.append(("cleaner in-process, the learned scorer only (core: one call per document)", n_sample,
                     b_sample, *time_in_process(sample_docs, ("scorer",)), ""))
        t_re, c_re, hits_re = time_rule_matching(sample_docs, "regex")
        t_py, c_py, hits_py = time_rule_matching(sample_docs, "python")
        t_core, c_core, hits_core = time_rule_matching(sample_docs, "core")
        agree = "same hits" if hits_py == hits_core else f"{len(hits_py ^ hits_core)} hits differ"
        n_rules = len(engine_rules())
        same_re = "same hits" if hits_re == hits_py else f"{len(hits_re ^ hits_py)} hits differ"
        rows.append((f"rule matching, before: {n_rules} rules, prefilter + `regex` per rule and line ({same_re})",
                     n_sample, b_sample, t_re, c_re, ""))
        rows.append((f"rule matching, stages' path: {n_rules} rules, Python prefilter + a core call per rule and line",
                     n_sample, b_sample, t_py, c_py, ""))
        rows.append((f"rule matching, core: the same rules, one call per document ({agree})",
                     n_sample, b_sample, t_core, c_core, ""))
        rows.append(("core alone: sentence split of every line + render", n_sample, b_sample,
                     *time_core_layout(sample_docs), ""))
        del sample_docs
        full_path = Path(tmp) / "corpus.jsonl"
        n_full, b_full = write_jsonl(full_path, corpus(texts, args.docs))
        tf, cf, rssf = run_cli(full_path, args.jobs)
        rows.append((f"cleaner, full corpus, {args.jobs} jobs", n_full, b_full, tf, cf, f"{rssf / 2**20:.0f} MB"))
    big = big_document(texts, int(args.big_mb * 2**20))
    t_big = time_big(big)

    print(f"corpus: {len(texts)} extractor outputs from {args.bench}, replicated; "
          f"Python {sys.version.split()[0]}, {os.cpu_count()} cores; load average before: {os.getloadavg()[0]:.1f}\n")
    print("| run | docs | MB | wall s | CPU s | docs/s | MB/s (wall) | MB/s per CPU-second | peak RSS |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, n, b, t, cpu, rss in rows:
        print(f"| {name} | {n} | {b / 1e6:.1f} | {t:.1f} | {cpu:.1f} | {n / t:.0f} | {b / 1e6 / t:.2f} "
              f"| {b / 1e6 / cpu:.2f} | {rss} |")
    print(f"\nspeed-up 1 -> 2 jobs (wall): {t1 / t2:.2f}x; pure-Python ceiling on this machine now: {ceiling:.2f}x")
    print(f"one {len(big.encode()) / 1e6:.1f} MB document: {t_big:.2f} s")
    print(f"(bench process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")


if __name__ == "__main__":
    main()
