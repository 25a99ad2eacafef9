"""Outputs in OUT whose inputs were not part of this run: named, and removed with `--prune`.

A re-run into the same folder after inputs were deleted or renamed leaves their old
outputs behind, and the review page and any later reader would take them for this run's.
They are found by walking OUT's reports and comparing with the outputs this run's inputs
map to (`batch.find_jobs`, the same walk the run made). Only `cleaner`'s own outputs of a
stale report are removed: the report, and the text and diff its `source` maps to.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .batch import Job, find_jobs
from .review import iter_reports
from .walk import WalkFilter


def stale_reports(inputs: Iterable[Path], out_dir: Path, walk: WalkFilter | None = None) -> list[Path]:
    """Report files under `out_dir` that no input of this run writes (sorted, relative to `out_dir`)."""
    expected = {job.outputs(Path())[1] for job in find_jobs(inputs, out_dir, walk)}
    return [p.relative_to(out_dir) for p in iter_reports(out_dir) if p.relative_to(out_dir) not in expected]


def prune(out_dir: Path, stale: Iterable[Path]) -> int:
    """Remove the stale reports and their text and diff outputs; returns the files removed."""
    removed = 0
    for relative in stale:
        report = out_dir / relative
        base = relative.name[: -len(".report.json")]
        # the text and diff of that report: the same names the job that wrote it used
        candidates = [p for p in report.parent.iterdir() if p.name.startswith(base)]
        for path in candidates:
            text, report_at, diff = Job(path, path.relative_to(out_dir)).outputs(out_dir)
            if path.is_file() and report_at == report and path in (text, diff):
                path.unlink()
                removed += 1
        if report.is_file():
            report.unlink()
            removed += 1
    return removed
