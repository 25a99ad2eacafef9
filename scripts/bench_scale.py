"""Engine benchmark: the same corpus through the JSONL CLI, datatrove and Ray Data, in one run.

Builds the corpus as `bench_speed.py` does (the ScrapingHub benchmark's extractor outputs,
1,772 non-empty texts, replicated to `--docs` documents and streamed to disk), as one JSONL
file for the CLI and as `--shards` JSONL shards for the engines, then runs, each in a fresh
process:

- `cleaner clean corpus.jsonl -o out.jsonl --jobs 2` (the baseline);
- datatrove: `LocalPipelineExecutor([JsonlReader, CleanerStep, JsonlWriter], tasks=--shards,
  workers=2)`;
- Ray Data on a local Ray with 2 CPUs: `read_json(shards).map_batches(clean_batch,
  batch_format="pandas").write_json(out)`; Ray's start-up is timed apart, as a cluster
  starts once for many jobs.

For each: wall seconds, CPU seconds of every process it started (sampled from /proc; this
script makes itself a child subreaper, so worker processes that their parents leave behind
stay below it; Linux only), documents/s, MB per CPU-second, and overhead against the CLI. Each
engine also runs on a small corpus (`--small` documents), which separates its fixed cost
(interpreters, imports, rule compilation, Ray's daemons) from its marginal per-core rate;
the core-hours for 1 TB come from the marginal rate, since fixed costs are paid per worker,
not per terabyte. It checks that every engine wrote the CLI's clean text for every
document, and prints a Markdown table; nothing else is asserted.

Usage: .venv/bin/python scripts/bench_scale.py [--bench DIR] [--docs 4000] [--small 200] [--shards 8]
"""

from __future__ import annotations

import argparse
import ctypes
import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_speed import base_texts, corpus
from benchkit import DEFAULT_BENCH

ROOT = Path(__file__).resolve().parent.parent
ENGINES = ("cli", "datatrove", "ray")
LABELS = {"cli": "`cleaner clean corpus.jsonl --jobs 2`",
          "datatrove": "datatrove `LocalPipelineExecutor`, 2 workers",
          "ray": "Ray Data `map_batches`, local Ray, 2 CPUs"}
TB = 1e12


def write_corpus(work: Path, texts: list[str], docs: int, shards: int) -> int:
    """corpus.jsonl and shards/part-NN.jsonl (round robin), streamed; returns the text bytes."""
    (work / "shards").mkdir()
    parts = [(work / "shards" / f"part-{n:02d}.jsonl").open("w", encoding="utf-8") for n in range(shards)]
    size = 0
    try:
        with (work / "corpus.jsonl").open("w", encoding="utf-8") as whole:
            for i, text in enumerate(corpus(texts, docs)):
                line = json.dumps({"id": str(i), "text": text}, ensure_ascii=False) + "\n"
                whole.write(line)
                parts[i % shards].write(line)
                size += len(text.encode("utf-8"))
    finally:
        for part in parts:
            part.close()
    return size


# --- one engine, run in its own process (`--engine NAME --work DIR`) -------------------------


def engine_cli(work: Path) -> dict[str, float]:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "cleaner", "clean", str(work / "corpus.jsonl"), "-o",
                    str(work / "out-cli.jsonl"), "--jobs", "2", "-q"], check=True, cwd=ROOT)
    return {"wall": time.perf_counter() - start}


def engine_datatrove(work: Path, shards: int) -> dict[str, float]:
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from cleaner.integrations.datatrove import CleanerStep

    steps = [JsonlReader(str(work / "shards")), CleanerStep(on_empty="keep"),
             JsonlWriter(str(work / "out-datatrove"), compression=None)]
    start = time.perf_counter()
    LocalPipelineExecutor(steps, tasks=shards, workers=2, logging_dir=str(work / "logs-datatrove")).run()
    return {"wall": time.perf_counter() - start}


def engine_ray(work: Path) -> dict[str, float]:
    import ray

    from cleaner.integrations.ray import clean_batch

    start = time.perf_counter()
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, _temp_dir=str(work / "ray"))
    ready = time.perf_counter()
    (ray.data.read_json(str(work / "shards"))
        .map_batches(clean_batch, batch_format="pandas", batch_size=64)
        .write_json(str(work / "out-ray")))
    done = time.perf_counter()
    ray.shutdown()
    return {"wall": done - ready, "startup": ready - start}


def run_engine(name: str, work: Path, shards: int) -> None:
    """In the child: run one engine and print its timings as JSON."""
    sys.path.insert(0, str(ROOT))
    if name == "cli":
        result = engine_cli(work)
    elif name == "datatrove":
        result = engine_datatrove(work, shards)
    else:
        result = engine_ray(work)
    print(json.dumps(result))


# --- the parent: time each engine's whole process tree ------------------------------------


def become_subreaper() -> None:
    """Orphaned descendants (forkserver and Ray workers) are re-parented to this process, so
    waiting for them adds their CPU time to RUSAGE_CHILDREN."""
    PR_SET_CHILD_SUBREAPER = 36
    if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        raise SystemExit("prctl(PR_SET_CHILD_SUBREAPER) failed: this benchmark needs Linux")


def proc_table() -> dict[int, tuple[int, int, float]]:
    """pid -> (parent pid, start time in ticks, own CPU seconds) for every process, from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    table: dict[int, tuple[int, int, float]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            table[int(entry)] = (int(fields[1]), int(fields[19]), (int(fields[11]) + int(fields[12])) / tick)
    return table


def descendants(table: dict[int, tuple[int, int, float]]) -> set[int]:
    """The processes below this one in `table`."""
    found, frontier = set(), {os.getpid()}
    while frontier:
        frontier = {pid for pid, row in table.items() if row[0] in frontier} - found
        found |= frontier
    return found


class CpuSampler:
    """CPU seconds of every process below this one, sampled from /proc every `interval` s.

    Why not RUSAGE_CHILDREN alone: it missed much of Ray's CPU (one run counted 8.7 CPU s
    for Ray Data's 22 MB, which the CLI needs 21 s for). A process reaped while its parent
    ignores SIGCHLD adds its time to no one's children total, which is apparently how Ray's
    processes end; the script prints both figures. Sampling misses at most
    the last `interval` of each process; the script is also a child subreaper, so orphaned
    workers stay below it and are seen.
    """

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.seen: dict[tuple[int, int], float] = {}  # (pid, start time) -> latest CPU seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        table = proc_table()
        for pid in descendants(table):
            self.seen[(pid, table[pid][1])] = table[pid][2]

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)

    def __enter__(self) -> CpuSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def cpu(self) -> float:
        return sum(self.seen.values())


def reap_all(patience: float = 60.0) -> bool:
    """Wait for every descendant left behind, also those whose own parent is still alive
    (a Ray worker under a raylet that is shutting down); False if some still ran after
    `patience` s."""
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        try:
            while os.waitpid(-1, os.WNOHANG)[0] > 0:
                pass
        except ChildProcessError:
            pass
        if not descendants(proc_table()):
            return True
        time.sleep(0.05)
    return False


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_engine(name: str, work: Path, shards: int) -> dict[str, float]:
    before = children_cpu()
    with CpuSampler() as sampler:
        done = subprocess.run([sys.executable, __file__, "--engine", name, "--work", str(work),
                               "--shards", str(shards)], capture_output=True, text=True, cwd=ROOT)
        complete = reap_all()
    if done.returncode != 0:
        raise SystemExit(f"{name} failed:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["cpu"] = sampler.cpu
    result["cpu_reaped"] = children_cpu() - before  # what the kernel added to this process's children
    result["complete"] = complete
    return result


def digest(records: list[tuple[str, str]]) -> str:
    """A digest of (id, text) pairs in id order: equal digests, equal outputs."""
    hasher = hashlib.sha256()
    for doc_id, text in sorted(records):
        hasher.update(f"{doc_id}\0{text}\0".encode("utf-8", "surrogatepass"))
    return hasher.hexdigest()


def output_digest(name: str, work: Path) -> tuple[int, str]:
    if name == "cli":
        files = [work / "out-cli.jsonl"]
    else:
        files = sorted(p for p in (work / f"out-{name}").rglob("*") if p.is_file())
    pairs = []
    for path in files:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                pairs.append((str(record["id"]), record.get("text", "")))
    return len(pairs), digest(pairs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--docs", type=int, default=4000, help="corpus size (documents)")
    parser.add_argument("--small", type=int, default=200, help="documents of the small run that gives fixed costs")
    parser.add_argument("--shards", type=int, default=8, help="JSONL shards = datatrove tasks")
    parser.add_argument("--engine", choices=ENGINES, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.engine:
        run_engine(args.engine, args.work, args.shards)
        return

    become_subreaper()
    texts = base_texts(args.bench)
    load = os.getloadavg()[0]
    work = Path(tempfile.mkdtemp(prefix="bench_scale."))
    try:
        sizes, results, outputs = {}, {}, {}
        for run, docs in (("small", args.small), ("full", args.docs)):
            (work / run).mkdir()
            sizes[run] = write_corpus(work / run, texts, docs, args.shards)
            results[run] = {name: time_engine(name, work / run, args.shards) for name in ENGINES}
            outputs[run] = {name: output_digest(name, work / run) for name in ENGINES}
    finally:
        shutil.rmtree(work, ignore_errors=True)

    size, full, small = sizes["full"], results["full"], results["small"]
    base = full["cli"]
    print(f"corpus: {args.docs} documents, {size / 1e6:.1f} MB of text ({len(texts)} extractor outputs from "
          f"{args.bench}, replicated), {args.shards} shards; small run: {args.small} documents, "
          f"{sizes['small'] / 1e6:.1f} MB; Python {sys.version.split()[0]}, {os.cpu_count()} cores; "
          f"load average before: {load:.1f}\n")
    print("| engine | wall s | CPU s | docs/s | MB per CPU-second | wall vs CLI | CPU vs CLI "
          "| fixed CPU s | marginal MB per CPU-second | core-hours for 1 TB | same text as the CLI |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for name in ENGINES:
        r = full[name]
        rate = (size - sizes["small"]) / 1e6 / (r["cpu"] - small[name]["cpu"])  # MB per CPU-second past start-up
        fixed = small[name]["cpu"] - sizes["small"] / 1e6 / rate
        same = all(outputs[run][name] == outputs[run]["cli"] for run in outputs)
        print(f"| {LABELS[name]} | {r['wall']:.1f} | {r['cpu']:.1f} | {args.docs / r['wall']:.0f} "
              f"| {size / 1e6 / r['cpu']:.2f} | {r['wall'] / base['wall'] - 1:+.0%} "
              f"| {r['cpu'] / base['cpu'] - 1:+.0%} | {fixed:.1f} | {rate:.2f} "
              f"| {TB / (rate * 1e6) / 3600:,.0f} | {'yes' if same else 'NO'} |")
    print(f"\nRay start-up (ray.init; not in the Ray row's wall time, in its CPU time): {full['ray']['startup']:.1f} s")
    print("core-hours for 1 TB: 10^12 bytes of text of this mix at the marginal rate (fixed costs are paid once "
          "per worker, not per terabyte)")
    print("cross-check, CPU s the kernel added to this script's children total (misses processes reaped "
          "with SIGCHLD ignored): " + ", ".join(f"{name} {full[name]['cpu_reaped']:.1f}" for name in ENGINES))
    if not all(r["complete"] for run in results.values() for r in run.values()):
        print("warning: some worker processes were still running after 60 s; their CPU time is missing")


if __name__ == "__main__":
    main()
