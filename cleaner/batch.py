"""Clean a tree of files into an output tree that mirrors it, one file at a time.

For `IN/a/b.txt` it writes `OUT/a/b.txt` (clean text), `OUT/a/b.report.json` and
`OUT/a/b.diff`, each atomically, then `OUT/summary.json`. Inputs are only read. A file
that fails gets an error report and the batch goes on; the summary says which failed.
Work is streamed: only running totals are kept, never the corpus.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .api import Cleaner, Result
from .diff import unified_diff

REPORT_SUFFIX = ".report.json"
DIFF_SUFFIX = ".diff"
SUMMARY_NAME = "summary.json"


@dataclass(frozen=True)
class Job:
    """One input file and where its outputs go."""

    source: Path
    relative: Path

    def outputs(self, out_dir: Path) -> tuple[Path, Path, Path]:
        text = out_dir / self.relative
        base = text.with_suffix("") if text.suffix else text
        return text, base.with_name(base.name + REPORT_SUFFIX), base.with_name(base.name + DIFF_SUFFIX)


@dataclass
class Summary:
    """Running totals of a batch: what `summary.json` and the end-of-run table show."""

    files: int = 0
    cleaned: int = 0
    failed: list[dict[str, str]] = field(default_factory=list)
    flagged: list[dict[str, Any]] = field(default_factory=list)
    by_category: Counter[str] = field(default_factory=Counter)
    by_rule: Counter[str] = field(default_factory=Counter)
    files_by_rule: Counter[str] = field(default_factory=Counter)
    encodings: Counter[str] = field(default_factory=Counter)
    repairs: Counter[str] = field(default_factory=Counter)
    chars_in: int = 0
    chars_out: int = 0

    def add(self, name: str, result: Result) -> None:
        self.files += 1
        report = result.report
        if not result.ok:
            self.failed.append({"file": name, "error": result.error or "failed"})
            return
        self.cleaned += 1
        self.chars_in += report["chars_in"]
        self.chars_out += report["chars_out"]
        self.encodings[report.get("input", {}).get("encoding") or "text"] += 1
        self.by_category.update(report["counts"])
        rules = Counter(r["rule"] for r in report["removals"])
        self.by_rule.update(rules)
        self.files_by_rule.update(rules.keys())
        self.repairs.update(r["kind"] for r in report["repairs"])
        if report["flags"]:
            self.flagged.append({"file": name, "flags": report["flags"]})

    def as_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "cleaned": self.cleaned,
            "failed": len(self.failed),
            "errors": self.failed,
            "removals": sum(self.by_category.values()),
            "removals_by_category": dict(self.by_category.most_common()),
            "removals_by_rule": dict(self.by_rule.most_common()),
            "files_by_rule": dict(self.files_by_rule.most_common()),
            "repairs_by_kind": dict(self.repairs.most_common()),
            "encodings": dict(self.encodings.most_common()),
            "chars_in": self.chars_in,
            "chars_out": self.chars_out,
            "flagged": self.flagged,
        }


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write via a temporary file in the same folder and rename: never a half-written output."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def find_jobs(inputs: Iterable[Path], out_dir: Path | None = None) -> Iterator[Job]:
    """Input files in a stable order; folders are walked, the output folder is skipped."""
    seen: set[Path] = set()
    skip = out_dir.resolve() if out_dir is not None else None
    for given in inputs:
        if given.is_dir():
            for root, dirs, files in os.walk(given):
                root_path = Path(root)
                dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                                 and (skip is None or (root_path / d).resolve() != skip))
                for name in sorted(files):
                    if name.startswith("."):
                        continue
                    path = root_path / name
                    real = path.resolve()
                    if real in seen:
                        continue
                    seen.add(real)
                    yield Job(path, path.relative_to(given))
        else:
            real = given.resolve()
            if real in seen:
                continue
            seen.add(real)
            yield Job(given, Path(given.name))


def write_outputs(job: Job, result: Result, out_dir: Path) -> None:
    text_path, report_path, diff_path = job.outputs(out_dir)
    report = dict(result.report)
    report["source"] = str(job.relative)
    if result.ok:
        write_atomic(text_path, result.text)
        write_atomic(diff_path, unified_diff(report, str(job.relative)))
    write_atomic(report_path, json.dumps(report, ensure_ascii=False, indent=1) + "\n")


def clean_tree(inputs: Iterable[Path], out_dir: Path, cleaner: Cleaner,
               on_result: Any = None) -> Summary:
    """Clean every input file into `out_dir`; returns the run's totals (also in summary.json)."""
    summary = Summary()
    for job in find_jobs(inputs, out_dir):
        result = cleaner.clean_file(job.source)
        write_outputs(job, result, out_dir)
        summary.add(str(job.relative), result)
        if on_result is not None:
            on_result(job, result)
    write_atomic(out_dir / SUMMARY_NAME, json.dumps(summary.as_dict(), ensure_ascii=False, indent=1) + "\n")
    return summary
