"""Parity harness: record what cleaner writes today, then name every difference later.

Why: the compiled core (issue 17) replaces Python code piece by piece, and each piece may
only become the default when it gives byte-identical clean text and an equal report on
every document we have. `record` runs the current code over the corpus and writes one
compressed JSONL file (outside the repository): per document its id, how it was cleaned,
the input itself, the clean text and the report less the fields that legitimately vary.
`compare` re-cleans each recorded input with the code as it is now and prints one line per
difference: document, field, and the first differing offset (never the texts themselves,
some inputs are test data).

    .venv/bin/python scripts/parity.py record /tmp/parity            # every corpus below
    .venv/bin/python scripts/parity.py compare /tmp/parity
    .venv/bin/python scripts/parity.py record /tmp/p --only samples  # what the tests use

Corpora: `samples` (samples/input), `scrapinghub` (every extractor output), `multinews`
(the dev inputs and the pool), `fuzz` (scripts/fuzz.py's seed documents plus a fixed set of
mutants made from them with a fixed random seed). The record stores each input, so a
compare is exact even when a corpus on disk or the mutator changes; it is streamed both
ways, one document at a time.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import json
import os
import random
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from cleaner.api import Cleaner, Config, Result, is_html_path  # noqa: E402

SHARED = ROOT.parent / "shared"
RECORD_NAME = "parity.jsonl.gz"
CORPORA = ("samples", "scrapinghub", "multinews", "fuzz")
#: Mutants made from the fuzz seeds (fixed random seed, so `record` is repeatable).
FUZZ_MUTANTS = 600
FUZZ_SEED = 17
#: Report fields that differ between two runs of the same code on the same input.
VARYING = ("cleaner_version",)


@dataclass(frozen=True)
class Case:
    """One document to clean: an id, how to clean it, and its input."""

    id: str
    mode: str  # "text" (Cleaner.clean_text), "bytes" (clean_bytes) or "html" (clean_html)
    data: bytes | str


def sample_cases(root: Path = ROOT / "samples" / "input") -> Iterator[Case]:
    """Every file of samples/input, cleaned as `cleaner clean` would (HTML by suffix)."""
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        mode = "html" if is_html_path(path) else "bytes"
        yield Case(f"samples/{path.relative_to(root).as_posix()}", mode, path.read_bytes())


def scrapinghub_cases(bench: Path = SHARED / "bench" / "scrapinghub") -> Iterator[Case]:
    """Every non-empty output of every extractor of the ScrapingHub benchmark (one extractor
    in memory at a time)."""
    from benchkit import extractor_names, load_extractor

    for name in extractor_names(bench):
        outputs = load_extractor(bench, name)
        for key in sorted(outputs):
            if outputs[key].strip():
                yield Case(f"scrapinghub/{name}/{key}", "text", outputs[key])


def multinews_cases(bench: Path = SHARED / "bench") -> Iterator[Case]:
    """The Multi-News dev inputs and pool documents (cleaned, never read by this script)."""
    for folder, label in ((bench / "multinews-dev" / "input", "multinews-dev"),
                          (bench / "multinews-pool", "multinews-pool")):
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*.txt") if p.is_file()):
            yield Case(f"{label}/{path.relative_to(folder).as_posix()}", "bytes", path.read_bytes())


def fuzz_cases(mutants: int = FUZZ_MUTANTS) -> Iterator[Case]:
    """scripts/fuzz.py's seed documents, then `mutants` fixed mutants of them."""
    import fuzz

    docs = fuzz.seed_documents([])
    for i, data in enumerate(docs):
        yield Case(f"fuzz/seed-{i:04d}", "bytes", data)
    rng = random.Random(FUZZ_SEED)
    mutator = fuzz.Mutator(rng, docs, fuzz.boilerplate_lines())
    for i in range(mutants):
        yield Case(f"fuzz/mutant-{i:04d}", "bytes", mutator.mutate(rng.choice(docs)))


SOURCES = {"samples": sample_cases, "scrapinghub": scrapinghub_cases, "multinews": multinews_cases,
           "fuzz": fuzz_cases}


def clean(cleaner: Cleaner, case: Case) -> Result:
    if case.mode == "text":
        assert isinstance(case.data, str)
        return cleaner.clean_text(case.data, source=case.id)
    assert isinstance(case.data, bytes)
    if case.mode == "html":
        return cleaner.clean_html(case.data, source=case.id)
    return cleaner.clean_bytes(case.data, source=case.id)


def stable_report(report: dict[str, Any]) -> dict[str, Any]:
    """The report less what varies between runs: the version string, and time-limit flags
    (a rule or document timing out depends on the machine's load, not on the code)."""
    out = {k: v for k, v in report.items() if k not in VARYING}
    if "flags" in out:
        out["flags"] = [f for f in out["flags"] if "timed out" not in f]
    return out


def outcome(cleaner: Cleaner, case: Case) -> dict[str, Any]:
    result = clean(cleaner, case)
    return {"text": result.text, "error": result.error, "report": stable_report(result.report)}


def _encode(case: Case) -> dict[str, Any]:
    if isinstance(case.data, str):
        return {"id": case.id, "mode": case.mode, "input": case.data}
    return {"id": case.id, "mode": case.mode, "input_b64": base64.b64encode(case.data).decode("ascii")}


def _decode(entry: dict[str, Any]) -> Case:
    if "input" in entry:
        return Case(entry["id"], entry["mode"], entry["input"])
    return Case(entry["id"], entry["mode"], base64.b64decode(entry["input_b64"]))


def cases(only: Iterable[str]) -> Iterator[Case]:
    for name in only:
        yield from SOURCES[name]()


def record(directory: Path, only: Iterable[str] = CORPORA, cleaner: Cleaner | None = None) -> int:
    """Clean every case of the corpora `only` and write the record; returns the count."""
    cleaner = cleaner or Cleaner(Config())
    directory.mkdir(parents=True, exist_ok=True)
    count = 0
    tmp = directory / (RECORD_NAME + ".tmp")
    with gzip.open(tmp, "wt", encoding="utf-8") as out:
        for case in cases(only):
            entry = _encode(case) | outcome(cleaner, case)
            out.write(json.dumps(entry, ensure_ascii=False) + "\n")
            count += 1
    tmp.replace(directory / RECORD_NAME)
    return count


def first_difference(a: Any, b: Any) -> str:
    """Where two values part: an offset for strings, an index or key for lists and dicts."""
    if isinstance(a, str) and isinstance(b, str):
        n = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
        return f"offset {n} (lengths {len(a)} and {len(b)})"
    if isinstance(a, list) and isinstance(b, list):
        n = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
        if n < min(len(a), len(b)):
            return f"item {n}: " + first_difference(a[n], b[n])
        return f"item {n} (lengths {len(a)} and {len(b)})"
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                return f"key {key!r} only in the {'record' if key in a else 'new run'}"
            if a[key] != b[key]:
                return f"{key}: " + first_difference(a[key], b[key])
    return "value differs"


def differences(entry: dict[str, Any], now: dict[str, Any]) -> Iterator[str]:
    """One line per differing field of one document: `id field: where`."""
    for key in ("text", "error"):
        if entry.get(key) != now[key]:
            yield f"{entry['id']} {key}: {first_difference(entry.get(key), now[key])}"
    old, new = entry["report"], now["report"]
    for key in sorted(set(old) | set(new)):
        if old.get(key) != new.get(key):
            yield f"{entry['id']} report.{key}: {first_difference(old.get(key), new.get(key))}"


def compare(directory: Path, cleaner: Cleaner | None = None) -> tuple[int, list[str]]:
    """Re-clean every recorded input; returns (documents compared, difference lines)."""
    cleaner = cleaner or Cleaner(Config())
    found: list[str] = []
    count = 0
    with gzip.open(directory / RECORD_NAME, "rt", encoding="utf-8") as records:
        for line in records:
            entry = json.loads(line)
            found.extend(differences(entry, outcome(cleaner, _decode(entry))))
            count += 1
    return count, found


def main(argv: list[str] | None = None) -> int:
    if argv is None and os.environ.get("PYTHONHASHSEED") != "0":
        # Set iteration order must not vary between the record and the compare: the scorer
        # orders tied weights in its reason by set order (seen on one pool document).
        os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("record", "compare"))
    parser.add_argument("directory", type=Path, help=f"folder of the record ({RECORD_NAME}); keep it outside the repo")
    parser.add_argument("--only", action="append", choices=CORPORA, help="corpus to record (repeatable; default all)")
    args = parser.parse_args(argv)
    if args.action == "record":
        count = record(args.directory, args.only or CORPORA)
        print(f"recorded {count} documents in {args.directory / RECORD_NAME}")
        return 0
    if not (args.directory / RECORD_NAME).is_file():
        print(f"parity: no record at {args.directory / RECORD_NAME} (run `record` first)", file=sys.stderr)
        return 2
    count, found = compare(args.directory)
    for line in found:
        print(line)
    docs = len({line.split(" ", 1)[0] for line in found})
    print(f"compared {count} documents: {docs} differ ({len(found)} fields)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
