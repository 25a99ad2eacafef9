"""JSON Lines in, JSON Lines out: cleaning as one step of a corpus pipeline.

Each record keeps every other field as it was; the text field is replaced by the clean
text and a `cleaner` field is added (`report.compact`: counts by category, flags, rules;
the full report with `full_report`). A record that cannot be cleaned (invalid JSON, not an
object, no string text field, a document error) is never silently dropped: it is reported
with its line number and, as the user chooses, passed through unchanged or skipped.

The file is streamed: records are read, cleaned (in parallel with `jobs`) and written in
input order, with a bounded number in flight, so memory does not grow with the corpus.
The output file is written to a temporary name and renamed at the end, so an interrupted
run never leaves a half-written `.jsonl` behind.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

from .api import Cleaner, Config, Result, get_cleaner
from .batch import Outcome, Summary, report_stats
from .parallel import ordered_map
from .report import compact

ON_BAD = ("pass", "skip")
CHUNK_RECORDS = 32  # records per task sent to a worker
MAX_LISTED_PROBLEMS = 1000  # problems kept for the summary; all are counted and reported as they happen


def is_jsonl_path(path: str | Path) -> bool:
    """True for `.jsonl` and `.jsonl.gz` names (the CLI's format detection)."""
    name = str(path).lower()
    return name.endswith((".jsonl", ".jsonl.gz"))


@dataclass(frozen=True)
class JsonlOptions:
    """How records are read and written."""

    text_field: str = "text"
    html_field: str | None = None  # clean this HTML field into `text_field` (needs `Cleaner.clean_html`)
    full_report: bool = False
    on_bad_record: str = "pass"  # "pass": write the record unchanged; "skip": leave it out
    report_field: str = "cleaner"
    source: str = "<jsonl>"

    def __post_init__(self) -> None:
        if self.on_bad_record not in ON_BAD:
            raise ValueError(f"on_bad_record must be one of {ON_BAD}, not {self.on_bad_record!r}")


@dataclass(frozen=True)
class RecordOutcome:
    """One input line: the bytes to write (None = skipped) and, if it went wrong, why."""

    line: int
    output: bytes | None
    problem: str | None = None
    outcome: Outcome | None = None  # cleaning totals when the text was cleaned


def _dumps(record: dict[str, Any]) -> bytes:
    try:
        return json.dumps(record, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate in some other field: escape, never fail
        return json.dumps(record, ensure_ascii=True).encode("ascii")


def clean_record(cleaner: Cleaner, record: dict[str, Any], options: JsonlOptions,
                 source: str) -> tuple[dict[str, Any] | None, str | None, Result | None]:
    """Clean one parsed record: (new record or None, problem or None, the Result if cleaned)."""
    field_name = options.html_field or options.text_field
    value = record.get(field_name)
    if not isinstance(value, str):
        why = "missing" if field_name not in record else f"a {type(value).__name__}, not a string"
        return None, f"field {field_name!r} is {why}", None
    evidence = cleaner.config.corpus_evidence  # a --corpus-evidence run: the record's group
    group = {"group": evidence.group_of_record(record)} if evidence is not None else {}
    if options.html_field:
        if not hasattr(cleaner, "clean_html"):
            raise ValueError("HTML input is not available in this version (no Cleaner.clean_html)")
        url = record.get("url")
        result = cleaner.clean_html(value, source=source, url=url if isinstance(url, str) else None, **group)
    else:
        result = cleaner.clean_text(value, source=source, **group)
    out = dict(record)
    if not result.ok:
        out[options.report_field] = compact(result.report)
        return out, f"could not be cleaned: {result.error}", result
    out[options.text_field] = result.text
    out[options.report_field] = result.report if options.full_report else compact(result.report)
    return out, None, result


def process_line(cleaner: Cleaner, line: int, raw: bytes, options: JsonlOptions) -> RecordOutcome:
    """Parse, clean and re-serialise one input line; never raises for bad data."""
    raw = raw.rstrip(b"\r\n")
    if line == 1 and raw.startswith(b"\xef\xbb\xbf"):  # a UTF-8 byte-order mark is not part of the record
        raw = raw[3:]
    keep = raw if options.on_bad_record == "pass" else None
    try:
        record = json.loads(raw)
    except ValueError as exc:
        where = f" at column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else ""
        what = "blank line" if not raw.strip() else f"invalid JSON ({getattr(exc, 'msg', exc)}{where})"
        return RecordOutcome(line, keep, what)
    if not isinstance(record, dict):
        return RecordOutcome(line, keep, f"not a JSON object but a {type(record).__name__}")
    out, problem, result = clean_record(cleaner, record, options, f"{options.source}:{line}")
    if out is None:
        return RecordOutcome(line, keep, problem)
    name = f"line {line}"
    if result is not None and not result.ok:
        failed = Outcome(name, options.source, result.error or "failed", {})
        return RecordOutcome(line, _dumps(out) if keep is not None else None, problem, failed)
    assert result is not None
    return RecordOutcome(line, _dumps(out), None, Outcome(name, options.source, None, report_stats(result.report)))


@dataclass
class JsonlSummary:
    """Totals of one JSONL run: records read, written, skipped, and what went wrong where."""

    records: int = 0
    written: int = 0
    skipped: int = 0
    problem_count: int = 0
    problems: list[dict[str, Any]] = field(default_factory=list)
    cleaning: Summary = field(default_factory=Summary)

    def add(self, item: RecordOutcome) -> None:
        self.records += 1
        if item.output is None:
            self.skipped += 1
        else:
            self.written += 1
        if item.problem is not None:
            self.problem_count += 1
            if len(self.problems) < MAX_LISTED_PROBLEMS:
                self.problems.append({"line": item.line, "problem": item.problem})
        if item.outcome is not None:
            self.cleaning.add_outcome(item.outcome)

    def as_dict(self) -> dict[str, Any]:
        return {"records": self.records, "written": self.written, "skipped": self.skipped,
                "problems": self.problem_count, "problem_lines": self.problems, **self.cleaning.as_dict()}


_STATE: tuple[Cleaner, JsonlOptions] | None = None


def _init_worker(config: Config, options: JsonlOptions) -> None:
    global _STATE
    _STATE = (Cleaner(config), options)


def _process(item: tuple[int, bytes]) -> RecordOutcome:
    assert _STATE is not None, "worker not initialised"
    return process_line(_STATE[0], item[0], item[1], _STATE[1])


def iter_lines(stream: IO[bytes]) -> Iterator[tuple[int, bytes]]:
    """(1-based line number, raw line) for each line of a binary stream."""
    return enumerate(stream, start=1)


def clean_lines(lines: Iterable[tuple[int, bytes]], cleaner: Cleaner, options: JsonlOptions,
                jobs: int = 1) -> Iterator[RecordOutcome]:
    """Outcomes in input order; `jobs` worker processes do the cleaning."""
    global _STATE
    if jobs <= 1:
        _STATE = (cleaner, options)
        return ordered_map(_process, lines, 1)
    return ordered_map(_process, lines, jobs, CHUNK_RECORDS, _init_worker, (cleaner.config, options))


@contextmanager
def open_input(path: str | Path) -> Iterator[IO[bytes]]:
    """A binary stream of the input: stdin for '-', gunzipped for `.gz`."""
    if str(path) == "-":
        yield sys.stdin.buffer
        return
    with (gzip.open(path, "rb") if str(path).endswith(".gz") else open(path, "rb")) as handle:
        yield handle  # type: ignore[misc]


@contextmanager
def open_output(path: str | Path) -> Iterator[IO[bytes]]:
    """A binary stream for the output: stdout for '-'; else a temporary file renamed at the end.

    `.gz` output is written with a zero timestamp and no name, so the same input gives the
    same bytes on every run.
    """
    if str(path) == "-":
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as raw:
            if target.name.endswith(".gz"):
                with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=6) as zipped:
                    yield zipped  # type: ignore[misc]
            else:
                with io.BufferedWriter(raw, buffer_size=1 << 20) as buffered:  # type: ignore[arg-type]
                    yield buffered  # type: ignore[misc]
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def clean_jsonl(source: str | Path, target: str | Path, cleaner: Cleaner, options: JsonlOptions | None = None,
                jobs: int = 1, on_record: Callable[[RecordOutcome], None] | None = None) -> JsonlSummary:
    """Clean a JSONL file (or '-' for stdin) into `target` (or '-' for stdout)."""
    options = options or JsonlOptions()
    if options.source == "<jsonl>":
        options = replace(options, source="<stdin>" if str(source) == "-" else str(source))
    if options.html_field and not hasattr(cleaner, "clean_html"):
        raise ValueError("--html-field needs HTML support (Cleaner.clean_html), which this version lacks")
    summary = JsonlSummary()
    with open_input(source) as reader, open_output(target) as writer:
        for item in clean_lines(iter_lines(reader), cleaner, options, jobs):
            summary.add(item)
            if item.output is not None:
                writer.write(item.output)
                writer.write(b"\n")
            if on_record is not None:
                on_record(item)
    return summary


# --- the library recipe: cleaning as a step of someone else's pipeline ----------------------


def clean_str(text: str, config: Config | None = None) -> str:
    """Clean text in, clean text out: for `pandas.Series.map` / `apply` and plain `map()`.

    A document that cannot be cleaned (it timed out) comes back unchanged, so a column
    never loses rows; use `clean_example` or `clean_records` to see why.
    """
    result = get_cleaner(config).clean_text(text)
    return result.text if result.ok else text


def clean_example(example: dict[str, Any], text_field: str = "text", config: Config | None = None,
                  report_field: str = "cleaner") -> dict[str, Any]:
    """For `datasets.Dataset.map`: returns the clean text and the compact report as a JSON string.

    The report is a string, not a nested dict, because its keys differ between records
    and an Arrow column needs one type for all rows. A record without a string text field
    is returned unchanged with a report saying so.
    """
    options = JsonlOptions(text_field, report_field=report_field)
    out, problem, _ = clean_record(get_cleaner(config), example, options, "<example>")
    if out is None:
        return {text_field: example.get(text_field), report_field: json.dumps({"status": "error", "error": problem})}
    return {text_field: out[text_field], report_field: json.dumps(out[report_field], ensure_ascii=False)}


def clean_records(records: Iterable[dict[str, Any]], text_field: str = "text", config: Config | None = None,
                  full_report: bool = False, on_bad_record: str = "pass") -> Iterator[dict[str, Any]]:
    """A generator over records: each comes back cleaned, with a `cleaner` field, in order.

    Lazy, so it fits between a reader and a writer of any size. Records that cannot be
    cleaned are passed through unchanged with `cleaner.status == "error"` and the reason
    (or left out with `on_bad_record="skip"`).
    """
    options = JsonlOptions(text_field, full_report=full_report, on_bad_record=on_bad_record)
    cleaner = get_cleaner(config)
    for number, record in enumerate(records, start=1):
        out, problem, _ = clean_record(cleaner, record, options, f"<record {number}>")
        if problem is None and out is not None:
            yield out
        elif on_bad_record == "pass":
            yield out if out is not None else {**record, options.report_field: {"status": "error", "error": problem}}
