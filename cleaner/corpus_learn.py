"""Pass 1 of a corpus-evidence run: stream the inputs once and count their lines.

Kept apart from `corpus.py` (counting and the evidence store) because this is the I/O: it
walks a folder the way `batch.find_jobs` does, or reads a JSONL file the way `jsonl.py`
does, decodes and repairs each text as the cleaning pass will (so pass 1 counts the very
lines pass 2 judges), and never holds more than one document. Inputs that pass 2 would
refuse (unreadable, binary, over `--max-bytes`, bad records) are simply not counted here;
pass 2 reports them. HTML pages are not counted: their text only exists after extraction,
which is the expensive step, and a page's chrome is mostly left behind by extraction anyway.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from .api import DEFAULT_MAX_BYTES, is_html_path
from .batch import find_jobs
from .corpus import GROUP_AUTO, GROUP_RUN, Evidence, LineCounter, Settings, path_group, record_group
from .decode import decode_bytes
from .errors import InputError
from .jsonl import iter_lines, open_input
from .repair import repair_text
from .walk import WalkFilter


def read_text(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str | None:
    """The repaired text of one input file, or None when pass 2 would not clean it."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
            return None
        data = path.read_bytes()
        text, _ = decode_bytes(data)
    except (OSError, RuntimeError, InputError):
        return None
    return repair_text(text)[0]


def learn_tree(inputs: Iterable[Path], out_dir: Path | None, settings: Settings | None = None,
               group_by: str = GROUP_AUTO, max_bytes: int = DEFAULT_MAX_BYTES, walk: WalkFilter | None = None,
               follow_links: bool = False) -> Evidence:
    """Count the text files of a folder run (the files pass 2 will clean: the same walk),
    grouped by top-level subfolder."""
    if group_by not in (GROUP_AUTO, GROUP_RUN):
        raise ValueError(f"--corpus-group {group_by!r} names a JSONL field; a folder run groups by "
                         f"top-level subfolder ({GROUP_AUTO}) or as one group ({GROUP_RUN})")
    counter = LineCounter(settings or Settings(), group_by)
    for job in find_jobs(list(inputs), out_dir, walk, follow_links=follow_links):
        if job.problem is not None or is_html_path(job.source):
            continue
        text = read_text(job.source, max_bytes)
        if text is not None:
            counter.add_document(path_group(job.relative, group_by), text)
    return counter.evidence()


def learn_jsonl(source: str | Path, text_field: str = "text", settings: Settings | None = None,
                group_by: str = GROUP_AUTO, max_bytes: int = DEFAULT_MAX_BYTES) -> Evidence:
    """Count the records of a JSONL file (not stdin: it cannot be read twice), grouped per record."""
    if str(source) == "-":
        raise ValueError("--corpus-evidence reads the input twice, and stdin can be read only once")
    counter = LineCounter(settings or Settings(), group_by)
    with open_input(source) as reader:
        for _number, raw in iter_lines(reader):
            try:
                record = json.loads(raw.lstrip(b"\xef\xbb\xbf"))
            except ValueError:
                continue
            if not isinstance(record, dict):
                continue
            value = record.get(text_field)
            if not isinstance(value, str) or len(value) > max_bytes:
                continue
            counter.add_document(record_group(record, group_by), repair_text(value)[0])
    return counter.evidence()
