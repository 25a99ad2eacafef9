"""JSON Lines in, JSON Lines out: cleaning as one step of a corpus pipeline.

Each record keeps every other field as it was; the text field is replaced by the clean
text and a `cleaner` field is added (`report.compact`: counts by category, flags, rules;
the full report with `full_report`). A record that cannot be cleaned (invalid JSON, not an
object, no string text field, a document error) is never silently dropped: it is reported
with its line number and, as the user chooses, passed through unchanged or skipped.

The file is streamed: records are read, cleaned (in parallel with `jobs`) and written in
input order, with a bounded number in flight, so memory does not grow with the corpus.
The output file is written to `.NAME.partial` and renamed at the end, so an interrupted
run never leaves a half-written `.jsonl` behind; a checkpoint lets the same command resume
it (`checkpoint`).
"""

from __future__ import annotations

import glob
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
from .checkpoint import EVERY_BYTES, EVERY_RECORDS, Checkpoint, from_state, run_key, to_state
from .compressed import compression_of, open_zstd_reader, open_zstd_writer
from .edges import EDGES_KEPT, keep_edges
from .errors import OutputError
from .language import warm_before_fork
from .outlock import lock_path_for, output_lock
from .parallel import ordered_map
from .report import compact, sha256_text

ON_BAD = ("pass", "skip")
CHUNK_RECORDS = 32  # records per task sent to a worker
MAX_LISTED_PROBLEMS = 1000  # problems kept for the summary; all are counted and reported as they happen


def is_jsonl_path(path: str | Path) -> bool:
    """True for `.jsonl`, `.jsonl.gz` and `.jsonl.zst` names (the CLI's format detection)."""
    name = str(path).lower()
    return name.endswith((".jsonl", ".jsonl.gz", ".jsonl.zst"))


@dataclass(frozen=True)
class JsonlOptions:
    """How records are read and written."""

    text_field: str = "text"
    html_field: str | None = None  # clean this HTML field into `text_field` (needs `Cleaner.clean_html`)
    full_report: bool = False
    on_bad_record: str = "pass"  # "pass": write the record unchanged; "skip": leave it out
    report_field: str = "cleaner"
    source: str = "<jsonl>"
    id_field: str = "id"  # named beside the line number on the review page, when a record has it
    keep_reports: bool = False  # send each record's full report back (for the run's review page)

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
    report: dict[str, Any] | None = None  # the full report, with `JsonlOptions.keep_reports`
    record_id: str | None = None  # the record's `JsonlOptions.id_field`, when it has one


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
    report = result.report
    if "text" in report:  # cleaned (not passed through over a limit): keep the record's own edges
        text = keep_edges(report["text"], result.text)
        report = {**report, "chars_out": len(text), "output_sha256": sha256_text(text),
                  "layout": {**report.get("layout", {}), "edges": EDGES_KEPT}}
        result = replace(result, text=text, report=report)
    out[options.text_field] = result.text
    out[options.report_field] = report if options.full_report else compact(report)
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
    except RecursionError:  # 100,000 nested brackets: one bad record, not the end of the run
        return RecordOutcome(line, keep, "invalid JSON (nested too deeply to read)")
    try:
        return _process_record(cleaner, line, record, keep, options)
    except RecursionError:  # a record that parses but is too deep to write back
        return RecordOutcome(line, keep, "record nested too deeply to write back")


def _process_record(cleaner: Cleaner, line: int, record: Any, keep: bytes | None,
                    options: JsonlOptions) -> RecordOutcome:
    if not isinstance(record, dict):
        return RecordOutcome(line, keep, f"not a JSON object but a {type(record).__name__}")
    out, problem, result = clean_record(cleaner, record, options, f"{options.source}:{line}")
    ident = record.get(options.id_field)
    record_id = str(ident) if isinstance(ident, (str, int)) and not isinstance(ident, bool) else None
    if out is None:
        return RecordOutcome(line, keep, problem, record_id=record_id)
    name = f"line {line}"
    report = result.report if result is not None and options.keep_reports else None
    if result is not None and not result.ok:
        failed = Outcome(name, options.source, result.error or "failed", {})
        return RecordOutcome(line, _dumps(out) if keep is not None else None, problem, failed, report, record_id)
    assert result is not None
    stats = report_stats(result.report)
    passed = f"not cleaned: {stats['limit']}" if stats["status"] == "passed-through" else None
    return RecordOutcome(line, _dumps(out), passed, Outcome(name, options.source, None, stats), report, record_id)


@dataclass
class JsonlSummary:
    """Totals of one JSONL run: records read, written, skipped, and what went wrong where."""

    records: int = 0
    written: int = 0
    skipped: int = 0
    problem_count: int = 0
    problems: list[dict[str, Any]] = field(default_factory=list)
    cleaning: Summary = field(default_factory=Summary)
    resumed: int = 0  # input lines an earlier, interrupted run had finished (not in `as_dict`)

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
        cleaning = self.cleaning.as_dict()
        for key in ("skipped", "skipped_files"):  # a folder walk's skipped files: not records
            cleaning.pop(key, None)
        return {"records": self.records, "written": self.written, "skipped": self.skipped,
                "problems": self.problem_count, "problem_lines": self.problems, **cleaning}


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
    warm_before_fork(cleaner.config.language, jobs)
    return ordered_map(_process, lines, jobs, CHUNK_RECORDS, _init_worker, (cleaner.config, options))


@contextmanager
def open_input(path: str | Path) -> Iterator[IO[bytes]]:
    """A binary stream of the input: stdin for '-', decompressed for `.gz` and `.zst`."""
    if str(path) == "-":
        yield sys.stdin.buffer
        return
    kind = compression_of(path)
    if kind == "zst":
        with open(path, "rb") as raw, open_zstd_reader(raw) as reader:
            yield io.BufferedReader(reader, buffer_size=1 << 20)  # type: ignore[arg-type]
        return
    with (gzip.open(path, "rb") if kind == "gz" else open(path, "rb")) as handle:
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
            elif target.name.endswith(".zst"):
                with open_zstd_writer(raw) as compressed:
                    yield compressed
            else:
                with io.BufferedWriter(raw, buffer_size=1 << 20) as buffered:  # type: ignore[arg-type]
                    yield buffered  # type: ignore[misc]
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def clean_jsonl(source: str | Path, target: str | Path, cleaner: Cleaner, options: JsonlOptions | None = None,
                jobs: int = 1, on_record: Callable[[RecordOutcome], None] | None = None,
                resume: bool = True) -> JsonlSummary:
    """Clean a JSONL file (or '-' for stdin) into `target` (or '-' for stdout).

    File to file, the run holds a lock on the target and is checkpointed (`checkpoint`): an
    interrupted run, started again with `resume`, carries on where it stopped and gives the
    same bytes as an uninterrupted one. Output errors raise `OutputError`.
    """
    options = options or JsonlOptions()
    if options.source == "<jsonl>":
        options = replace(options, source="<stdin>" if str(source) == "-" else str(source))
    if options.html_field and not hasattr(cleaner, "clean_html"):
        raise ValueError("--html-field needs HTML support (Cleaner.clean_html), which this version lacks")
    if str(source) == "-" or str(target) == "-":
        return _clean_stream(source, target, cleaner, options, jobs, on_record)
    out = Path(target)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot write {out}: {exc.strerror or exc}") from None
    with output_lock(lock_path_for(out, is_folder=False)):
        _remove_stale_temps(out)
        return _clean_resumable(Path(source), out, cleaner, options, jobs, on_record, resume)


def _clean_stream(source: str | Path, target: str | Path, cleaner: Cleaner, options: JsonlOptions, jobs: int,
                  on_record: Callable[[RecordOutcome], None] | None) -> JsonlSummary:
    """stdin or stdout: streamed straight through (nothing to resume from)."""
    summary = JsonlSummary()
    try:
        with open_input(source) as reader, open_output(target) as writer:
            for item in clean_lines(iter_lines(reader), cleaner, options, jobs):
                summary.add(item)
                if item.output is not None:
                    writer.write(item.output)
                    writer.write(b"\n")
                if on_record is not None:
                    on_record(item)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
    return summary


def _remove_stale_temps(target: Path) -> None:
    """Temporary files an interrupted earlier version of a run left beside `target`."""
    prefix = f".{target.name}."
    for path in target.parent.glob(f"{glob.escape(prefix)}*.tmp"):
        if path.name.startswith(prefix) and len(path.name) == len(prefix) + 12:
            path.unlink(missing_ok=True)


def _clean_resumable(source: Path, target: Path, cleaner: Cleaner, options: JsonlOptions, jobs: int,
                     on_record: Callable[[RecordOutcome], None] | None, resume: bool) -> JsonlSummary:
    from .batch import config_key

    point = Checkpoint(target, run_key([config_key(cleaner.config), repr(options)], source))
    state = point.load() if resume else None
    summary = JsonlSummary()
    done_lines, good = 0, 0
    if state is not None:
        summary = from_state(JsonlSummary, state["totals"])
        done_lines, good = state["lines"], state["bytes"]
        summary.resumed = done_lines
    writer = point.open(good)
    since = (done_lines, good)
    try:
        with open_input(source) as reader:
            lines = ((n, raw) for n, raw in iter_lines(reader) if n > done_lines)
            for item in clean_lines(lines, cleaner, options, jobs):
                summary.add(item)
                if item.output is not None:
                    writer.write(item.output)
                    writer.write(b"\n")
                    good += len(item.output) + 1
                done_lines = item.line
                if on_record is not None:
                    on_record(item)
                if done_lines - since[0] >= EVERY_RECORDS or good - since[1] >= EVERY_BYTES:
                    point.save(writer, done_lines, good, to_state(summary))
                    since = (done_lines, good)
        point.finish(writer, good)
    except KeyboardInterrupt:
        _save_quietly(point, writer, done_lines, good, summary)
        raise
    except OSError as exc:
        writer.close()
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
    return summary


def _save_quietly(point: Checkpoint, writer: IO[bytes], lines: int, good: int, summary: JsonlSummary) -> None:
    """On an interrupt: record how far the run got (a second signal must not lose it)."""
    try:
        writer.flush()
        writer.truncate(good)
        point.save(writer, lines, good, to_state(summary))
    except (OSError, OutputError, KeyboardInterrupt):
        pass
    finally:
        writer.close()


# --- the library recipe: cleaning as a step of someone else's pipeline ----------------------


def clean_str(text: str, config: Config | None = None) -> str:
    """Clean text in, clean text out: for `pandas.Series.map` / `apply` and plain `map()`.

    A document that cannot be cleaned (it timed out) comes back unchanged, so a column
    never loses rows; use `clean_example` or `clean_records` to see why. Like a record's
    text, a cell keeps its own edges (`edges`): no final newline is added.
    """
    result = get_cleaner(config).clean_text(text)
    if not result.ok:
        return text
    return keep_edges(result.report["text"], result.text) if "text" in result.report else result.text


def clean_example(example: dict[str, Any], text_field: str = "text", config: Config | None = None,
                  report_field: str = "cleaner") -> dict[str, Any]:
    """For `datasets.Dataset.map`: returns the clean text and the compact report as a JSON string.

    Works with `map(clean_example)` and with `map(clean_example, batched=True)`: a batch is
    a dict of columns, so a list in the text field means one entry per row, and the result
    is two columns of the same length. The report is a string, not a nested dict, because
    its keys differ between records and an Arrow column needs one type for all rows. A
    record without a string text field is returned unchanged with a report saying so.
    """
    if isinstance(example.get(text_field), list):  # batched=True: columns, one entry per row
        rows = [clean_example({text_field: value}, text_field, config, report_field)
                for value in example[text_field]]
        return {text_field: [r[text_field] for r in rows], report_field: [r[report_field] for r in rows]}
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
