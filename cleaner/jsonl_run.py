"""What a JSONL run writes beside its output file: `NAME.summary.json` and a review page.

For `-o clean.jsonl` that is `clean.summary.json`, `clean.review.html` and the page's
detail scripts in `.clean.review/`, so a folder can hold several runs side by side. The
page lists each record by its line number (and its id field when it has one); its detail
scripts are written as records are cleaned, so nothing grows with the corpus but the
page's compact index. Output to stdout (`-o -`) has no side files: there is nowhere to put them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .batch import write_atomic
from .compressed import strip_compression
from .jsonl import JsonlSummary, RecordOutcome
from .review import ReviewBuild, ReviewWriter


@dataclass(frozen=True)
class SidePaths:
    summary: Path
    page: Path
    detail_dir: Path


def side_paths(target: Path) -> SidePaths:
    """Where a JSONL run into `target` puts its summary and review page."""
    stem = strip_compression(target.name)
    stem = stem[: -len(".jsonl")] if stem.lower().endswith(".jsonl") else stem
    return SidePaths(target.with_name(f"{stem}.summary.json"), target.with_name(f"{stem}.review.html"),
                     target.with_name(f".{stem}.review"))


def record_name(item: RecordOutcome, id_field: str) -> str:
    """How the page names a record: its line, and its id when it has one."""
    return f"line {item.line}" + (f" ({id_field} {item.record_id})" if item.record_id is not None else "")


class JsonlReview:
    """The review page of one JSONL run, fed record by record."""

    def __init__(self, paths: SidePaths, id_field: str) -> None:
        self.writer = ReviewWriter(paths.page, paths.detail_dir)
        self.id_field = id_field

    def add(self, item: RecordOutcome) -> None:
        report: dict[str, Any] | None = item.report
        if report is None:  # not cleaned: invalid JSON, no text field, ...
            report = {"status": "error", "error": item.problem or "not cleaned"}
        self.writer.add(report, name=record_name(item, self.id_field))

    def finish(self, resumed: int = 0) -> ReviewBuild | None:
        """Write the page; `resumed` records were cleaned by an interrupted earlier run, whose
        reports are not kept, so the page says it lists only the rest."""
        if not self.writer.index:
            return None
        warnings = [f"this run resumed an interrupted one: the first {resumed:,} records were cleaned then "
                    "and are not listed here (run again with --force for a page of every record)"] if resumed else []
        return self.writer.finish(None, warnings, unit="records")


def write_summary(path: Path, summary: JsonlSummary, source: str, target: str) -> None:
    """`NAME.summary.json`: what `summary.json` holds for a folder, plus the record counts."""
    data = {"input": source, "output": target, **summary.as_dict()}
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
