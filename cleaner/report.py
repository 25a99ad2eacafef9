"""The per-file report: everything needed to replay, review and audit one document.

The report holds the repaired text and every removal, so `render(report["text"],
spans)` gives the written output byte for byte (`replay`). Counts are derived from the
entries, never kept separately.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any

from . import __version__
from .decode import decoded_info
from .edges import EDGES_KEPT, keep_edges
from .invisible import counts as invisible_counts
from .model import CATEGORIES, Document, Span
from .render import Layout, render

SCHEMA_VERSION = 1


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def build_report(doc: Document, output: str, layout: Layout) -> dict[str, Any]:
    counts = Counter(r.category for r in doc.removals)
    report: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "cleaner_version": __version__,
        "source": doc.source,
        "status": "ok",
        "input": _input_info(doc),
        "steps": doc.steps,
        "metadata": doc.metadata,
        "language": doc.language,
        "chars_in": len(doc.text),
        "chars_out": len(output),
        "chars_removed": sum(len(r.span) for r in doc.removals),
        "output_sha256": sha256_text(output),
        "flags": list(doc.flags),
        "counts": {c: counts[c] for c in CATEGORIES if counts[c]},
        "layout": {"lines_dropped": layout.lines_dropped,
                   "blank_lines_collapsed": layout.blank_lines_collapsed,
                   "edge_lines_trimmed": layout.edge_lines_trimmed},
        "repairs": [
            {"kind": r.kind, "line": r.line, "start": r.span.start, "end": r.span.end,
             "before": r.before, "after": r.after, "count": r.count, "steps": [list(s) for s in r.steps]}
            for r in doc.repairs
        ],
        "removals": [
            {"stage": r.stage, "rule": r.rule, "category": r.category, "reason": r.reason,
             "start": r.span.start, "end": r.span.end, "line": r.line, "text": r.text}
            for r in doc.removals
        ],
        "text": doc.text,
    }
    hidden = invisible_counts(doc.text)
    if hidden:  # zero-width, soft hyphens, no-break spaces, bidi controls: what a reader cannot see
        report["invisible"] = hidden
    return report


def error_report(source: str, message: str, doc: Document | None = None) -> dict[str, Any]:
    """The report of a document that could not be cleaned: why, and what is known of the input."""
    report: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "cleaner_version": __version__,
                              "source": source, "status": "error", "error": message}
    if doc is not None:
        report["input"] = _input_info(doc)
    return report


def _input_info(doc: Document) -> dict[str, Any]:
    info: dict[str, Any] = {"sha256": doc.raw_sha256, "bytes": doc.raw_bytes}
    if doc.decoded is not None:
        info.update(decoded_info(doc.decoded))
    return info


def replay(report: dict[str, Any]) -> str:
    """Re-derive the output from a report alone."""
    spans = [Span(r["start"], r["end"]) for r in report["removals"]]
    output = render(report["text"], spans)
    if (report.get("layout") or {}).get("edges") == EDGES_KEPT:  # a JSONL record's text (`edges`)
        output = keep_edges(report["text"], output)
    return output


def compact(report: dict[str, Any]) -> dict[str, Any]:
    """The small summary carried inside JSONL records: counts and flags, no texts."""
    keys = ("schema_version", "status", "counts", "flags", "chars_in", "chars_out", "error", "language")
    out = {k: report[k] for k in keys if report.get(k) is not None}
    out["rules"] = dict(Counter(r["rule"] for r in report.get("removals", [])))
    # an HTML page's title, author, date: small, and what a corpus keeps
    metadata = {k: v for k, v in (report.get("metadata") or {}).items() if k != "dump"}
    if metadata:
        out["metadata"] = metadata
    return out
