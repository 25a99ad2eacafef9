"""A sharded JSONL corpus built from the samples, and what `cleaner clean corpus.jsonl` makes of it.

The engine tests (datatrove local and Ray executors, Ray Data) clean the shards and compare
each record with the JSONL CLI's output for the same record, and their totals with the JSONL
run's summary.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conftest import SAMPLE_INPUT, sample_inputs
from typer.testing import CliRunner

from cleaner.api import Cleaner, Config
from cleaner.cli import app
from cleaner.decode import decode_bytes
from cleaner.jsonl import clean_jsonl

SHARDS = 4


@dataclass
class Corpus:
    """The corpus as the engines read it (`shards/`) and as the CLI cleaned it (`expected`)."""

    shards: Path
    originals: dict[str, str]  # id -> input text
    expected: dict[str, dict[str, Any]]  # id -> the CLI's output record
    summary: dict[str, Any]  # the JSONL run's summary (`JsonlSummary.as_dict`)


def build_corpus(tmp: Path) -> Corpus:
    """Write the text samples as records {"id", "text"} to one file and to `SHARDS` shard files,
    and clean the whole file with `cleaner clean corpus.jsonl -o expected.jsonl`."""
    records = [{"id": str(path.relative_to(SAMPLE_INPUT)), "text": decode_bytes(path.read_bytes())[0]}
               for path in sample_inputs()]
    corpus = tmp / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    shards = tmp / "shards"
    shards.mkdir()
    for n in range(SHARDS):
        part = records[n::SHARDS]
        (shards / f"part-{n}.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in part),
                                                encoding="utf-8")
    expected = tmp / "expected.jsonl"
    done = CliRunner().invoke(app, ["clean", str(corpus), "-o", str(expected), "--jobs", "1", "-q"])
    assert done.exit_code == 0, done.output
    summary = clean_jsonl(corpus, tmp / "summary-run.jsonl", Cleaner(Config())).as_dict()
    return Corpus(shards, {r["id"]: r["text"] for r in records},
                  {r["id"]: r for r in read_records(expected)}, summary)


def read_records(*paths: Path) -> list[dict[str, Any]]:
    """Every record of these JSONL files (folders: every file in them, sorted)."""
    files = [f for p in paths for f in (sorted(p.iterdir()) if p.is_dir() else [p]) if f.is_file()]
    return [json.loads(line) for f in files for line in f.read_text(encoding="utf-8").splitlines() if line]


def as_bytes(report: dict[str, Any]) -> bytes:
    """A report serialised as the JSONL CLI writes it (key order kept), for byte comparison."""
    return json.dumps(report, ensure_ascii=False).encode("utf-8")
