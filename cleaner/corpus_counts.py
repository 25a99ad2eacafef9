"""Pass 1 split over many workers: one partial count file per shard, merged into the evidence.

A distributed run (datatrove tasks, see `cleaner.integrations.datatrove_corpus`) counts each
shard with its own `LineCounter` and writes the table here as JSON lines: a header with the
settings, then one line per group with its document count and its (line key, documents)
pairs. `merge` adds the tables up in one bounded `LineCounter`, file by file and line by
line, so the evidence comes out as the local `--corpus-evidence` pass 1 learns it.

When the merge equals counting the whole corpus at once:
- exactly, while the whole corpus's distinct (group, line) entries plus its groups stay within
  `Settings.max_entries`: then no shard and no merge ever prunes (a shard's table and the
  growing merged table are never larger than the whole corpus's), and counts are sums;
- above that bound both are lossy counts (pruning only lowers a count: evidence can be
  lost, never invented), and which entries are cut depends on the order, so they can differ;
- an exact copy of a document is skipped only within its shard (each counter remembers the
  recent documents it saw): a copy in another shard counts again, where the local run, which
  sees both, counts it once. A corpus deduplicated beforehand is unaffected.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any, TextIO

from .corpus import Evidence, LineCounter, Settings

FORMAT = "cleaner-corpus-counts"
VERSION = 1
#: File name suffix of a partial count file (one per task: `00003.counts.jsonl`).
SUFFIX = ".counts.jsonl"


def write_counts(counter: LineCounter, out: TextIO) -> None:
    """Write a counter's table: the header line, then one line per group (sorted, for stable bytes)."""
    header = {"format": FORMAT, "version": VERSION, "settings": asdict(counter.settings),
              "group_by": counter.group_by, "documents": counter.documents, "copies": counter.copies,
              "floor": counter.floor}
    out.write(json.dumps(header) + "\n")
    for group in sorted(counter.docs):
        counts = counter.counts.get(group, {})
        line = {"group": group, "docs": counter.docs[group], "counts": sorted(counts.items())}
        out.write(json.dumps(line, ensure_ascii=False) + "\n")


def _header(line: str, name: str) -> dict[str, Any]:
    try:
        header = json.loads(line)
    except ValueError:
        header = None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise ValueError(f"{name}: not a cleaner partial count file")
    if header.get("version") != VERSION:
        raise ValueError(f"{name}: partial count file version {header.get('version')!r}, this cleaner reads {VERSION}")
    return header


def merge(files: Iterable[tuple[str, Iterable[str]]]) -> LineCounter:
    """Add up partial count files, given as (name, lines), into one counter.

    All files must have been counted with the same settings and grouping (else the sum
    means nothing): a clear ValueError names the first that differs. The merged `floor` is
    the highest any shard or the merge itself cut (0: the counts are exact sums).
    """
    merged: LineCounter | None = None
    for name, lines in files:
        stream = iter(lines)
        header = _header(next(stream, ""), name)
        settings, group_by = Settings(**header["settings"]), header["group_by"]
        if merged is None:
            merged = LineCounter(settings, group_by)
        elif (settings, group_by) != (merged.settings, merged.group_by):
            raise ValueError(f"{name}: counted with other settings or grouping than the files before it")
        merged.documents += header["documents"]
        merged.copies += header["copies"]
        merged.floor = max(merged.floor, header["floor"])
        for raw in stream:
            if raw.strip():
                entry = json.loads(raw)
                merged.add_counts(entry["group"], entry["docs"], ((k, n) for k, n in entry["counts"]))
    if merged is None:
        raise ValueError("no partial count files to merge (did the counting pipeline run?)")
    return merged


def merge_evidence(files: Iterable[tuple[str, Iterable[str]]]) -> Evidence:
    """The evidence of the merged partial counts: what the local pass 1 learns from the whole corpus."""
    return merge(files).evidence()


EVIDENCE_FORMAT = "cleaner-corpus-evidence"
#: The merged evidence's file name in a counts folder (written once by `CorpusMergeStep`).
EVIDENCE_FILE = "evidence.json"


def write_evidence(evidence: Evidence, out: TextIO) -> None:
    """Write merged evidence (only the evidence lines: small), so the cleaning tasks need not
    each merge every partial count file."""
    out.write(json.dumps({
        "format": EVIDENCE_FORMAT, "version": VERSION, "settings": asdict(evidence.settings),
        "group_by": evidence.group_by, "documents": evidence.documents, "group_count": evidence.group_count,
        "groups": [[group, docs, sorted(counts.items())] for group, (docs, counts) in sorted(evidence.groups.items())],
    }, ensure_ascii=False) + "\n")


def read_evidence(text: str, name: str) -> Evidence:
    """The evidence `write_evidence` wrote (a clear ValueError for anything else)."""
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if not isinstance(data, dict) or data.get("format") != EVIDENCE_FORMAT or data.get("version") != VERSION:
        raise ValueError(f"{name}: not a cleaner corpus evidence file of version {VERSION}")
    groups = {group: (docs, {int(k): int(n) for k, n in counts}) for group, docs, counts in data["groups"]}
    return Evidence(Settings(**data["settings"]), data["group_by"], groups, data["documents"], data["group_count"])
