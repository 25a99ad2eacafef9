"""Clean a tree of files into an output tree that mirrors it: in parallel, resumable, streamed.

For `IN/a/b.txt` it writes `OUT/a/b.txt` (clean text), `OUT/a/b.report.json` and
`OUT/a/b.diff`, each atomically (the report last, so it marks a finished file), then
`OUT/summary.json`. Inputs are only read. A file that fails gets an error report and the
batch goes on; the summary says which failed. Only running totals are kept, never the corpus.

Resume: `OUT/.cleaner-run` holds the run's `config_key` (cleaner code, version, rule files
and `Config`); it is rewritten when the key changes, and its modification time then marks
the start of that configuration. A re-run skips a file whose report is newer than that mark
and at least as new as the input, and whose text output still has the digest the report
names; anything else (a file a killed run never finished, changed rules, an edited input)
is cleaned again. Reports themselves carry no run state, so the same input gives the same
bytes. A killed run leaves no half-written outputs (atomic renames) and no stale summary.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from . import __version__
from .api import Cleaner, Config, Result, is_html_path
from .compressed import compression_of, strip_compression
from .diff import unified_diff
from .errors import OutputError
from .filemode import apply_umask
from .language import warm_before_fork
from .outlock import lock_path_for, output_lock
from .parallel import ordered_map
from .rulepack import builtin_rules_dir, pack_files
from .safepaths import LinkInTheWay, OutputNames, layout_problem, leaves_tree, link_in_way, real_path
from .walk import WalkFilter

REPORT_SUFFIX = ".report.json"
DIFF_SUFFIX = ".diff"
SUMMARY_NAME = "summary.json"
MANIFEST_NAME = ".cleaner-run"  # the config key of the outputs in this folder (no suffix: not an output)
_CLOCK_STEP_NS = 20_000_000  # file times come from a coarse clock; outputs must be strictly newer
MAX_LISTED_SKIPPED = 1000  # skipped files named in summary.json; all are counted
CHUNK_FILES = 8  # files per task sent to a worker: small, as one file can be large

_TEMP_NAME = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")  # what `write_atomic` leaves if killed


@dataclass(frozen=True)
class Job:
    """One input file and where its outputs go."""

    source: Path
    relative: Path
    problem: str | None = None  # set when the file must not be cleaned (e.g. its output name is taken)

    def outputs(self, out_dir: Path) -> tuple[Path, Path, Path]:
        text = out_dir / self.relative
        if compression_of(text):  # a/b.txt.gz and a/b.txt.zst give a/b.txt: the output is not compressed
            text = text.with_name(strip_compression(text.name))
        if is_html_path(text):  # a/b.html (and .html.gz, .html.zst) give a/b.txt: the output is text
            text = text.with_suffix(".txt")
        base = text.with_suffix("") if text.suffix else text
        return text, base.with_name(base.name + REPORT_SUFFIX), base.with_name(base.name + DIFF_SUFFIX)


@dataclass(frozen=True)
class Outcome:
    """What the batch needs back from one file: small, so workers send little to the parent."""

    name: str
    source: str
    error: str | None
    stats: dict[str, Any]
    resumed: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None


def report_stats(report: dict[str, Any]) -> dict[str, Any]:
    """The parts of a report that the run's totals use (no texts)."""
    return {
        "chars_in": report.get("chars_in", 0),
        "chars_out": report.get("chars_out", 0),
        "encoding": (report.get("input") or {}).get("encoding") or "text",
        "counts": report.get("counts", {}),
        "rules": dict(Counter(r["rule"] for r in report.get("removals", []))),
        "repairs": dict(Counter(r["kind"] for r in report.get("repairs", []))),
        "flags": list(report.get("flags", [])),
        "status": report.get("status", "ok"),
        "limit": report.get("limit"),
    }


@dataclass
class Summary:
    """Running totals of a batch: what `summary.json` and the end-of-run table show."""

    files: int = 0
    cleaned: int = 0
    resumed: int = 0
    skipped: int = 0  # walked files that are not documents (see `walk`), and why
    skipped_files: list[dict[str, str]] = field(default_factory=list)
    failed: list[dict[str, str]] = field(default_factory=list)
    #: Documents over a limit, written through unchanged: not cleaned, so not counted as such.
    passed: list[dict[str, str]] = field(default_factory=list)
    flagged: list[dict[str, Any]] = field(default_factory=list)
    by_category: Counter[str] = field(default_factory=Counter)
    by_rule: Counter[str] = field(default_factory=Counter)
    files_by_rule: Counter[str] = field(default_factory=Counter)
    encodings: Counter[str] = field(default_factory=Counter)
    repairs: Counter[str] = field(default_factory=Counter)
    chars_in: int = 0
    chars_out: int = 0

    def add(self, name: str, result: Result) -> None:
        """Count one cleaned `Result` (library use; batches count `Outcome`s)."""
        self.add_outcome(Outcome(name, name, result.error if not result.ok else None,
                                 report_stats(result.report) if result.ok else {}))

    def add_skipped(self, name: str, why: str) -> None:
        self.skipped += 1
        if len(self.skipped_files) < MAX_LISTED_SKIPPED:
            self.skipped_files.append({"file": name, "why": why})

    def add_outcome(self, outcome: Outcome) -> None:
        self.files += 1
        self.resumed += outcome.resumed
        if not outcome.ok:
            self.failed.append({"file": outcome.name, "error": outcome.error or "failed"})
            return
        stats = outcome.stats
        if stats.get("status") == "passed-through":
            self.passed.append({"file": outcome.name, "limit": stats.get("limit") or "over a limit"})
            self.flagged.append({"file": outcome.name, "flags": stats["flags"]})
            return
        self.cleaned += 1
        self.chars_in += stats["chars_in"]
        self.chars_out += stats["chars_out"]
        self.encodings[stats["encoding"]] += 1
        self.by_category.update(stats["counts"])
        self.by_rule.update(stats["rules"])
        self.files_by_rule.update(stats["rules"].keys())
        self.repairs.update(stats["repairs"])
        if stats["flags"]:
            self.flagged.append({"file": outcome.name, "flags": stats["flags"]})

    def as_dict(self) -> dict[str, Any]:
        """The summary as written; `resumed` is left out so a resumed run's summary is identical."""
        return {
            "files": self.files,
            "cleaned": self.cleaned,
            "failed": len(self.failed),
            "errors": self.failed,
            "skipped": self.skipped,
            "skipped_files": self.skipped_files,
            "passed_through": len(self.passed),
            "passed": self.passed,
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


def write_atomic(path: Path, data: str | bytes | Callable[[TextIO], object]) -> None:
    """Write via a temporary file in the same folder and rename: never a half-written output.

    `data` may also be a function that writes UTF-8 text to the handle it is given, so a
    large report is streamed to disk instead of being built as one string first. A write
    that fails (disk full, no permission) raises `OutputError` and leaves nothing behind.
    """
    tmp = _write_temp(path, data)
    try:
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _output_error(path, exc) from None


def _output_error(path: Path, exc: OSError) -> OutputError:
    return OutputError(f"cannot write {path}: {exc.strerror or exc}")


def _write_temp(path: Path, data: str | bytes | Callable[[TextIO], object]) -> str:
    """Write `data` to a new temporary file beside `path` (mode as the umask says); its name."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise _output_error(path, exc) from None
    try:
        apply_umask(fd)
        if callable(data):
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as text_handle:
                data(text_handle)
        else:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data.encode("utf-8") if isinstance(data, str) else data)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _output_error(path, exc) from None
        raise
    return tmp


def write_set(files: list[tuple[Path, str | bytes | Callable[[TextIO], object]]]) -> None:
    """Write several outputs as one: all to temporary files first, then renamed in order.

    If any write fails (a full disk), every temporary file is removed and no output is
    renamed, so a file never has its text and diff without its report.
    """
    temps: list[str] = []
    current = files[0][0]
    try:
        for path, data in files:
            current = path
            temps.append(_write_temp(path, data))
        for (path, _), tmp in zip(files, temps, strict=True):
            current = path
            os.replace(tmp, path)
    except BaseException as exc:
        for tmp in temps:
            Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _output_error(current, exc) from None
        raise


LINK_OUTSIDE = "a symbolic link to a file outside the input folder: not read (use --follow-links to read it)"


def find_jobs(inputs: Iterable[Path], out_dir: Path | None = None, walk: WalkFilter | None = None,
              on_skip: Callable[[str, str], None] | None = None, follow_links: bool = False) -> Iterator[Job]:
    """Input files in a stable order; folders are walked, the output folder is skipped.

    In a walked folder, `walk` decides which files are documents; the others are passed to
    `on_skip` (relative name, why) and not cleaned. Files given by name are always cleaned.
    A link found while walking a folder is read only when its target lies inside that
    folder, unless `follow_links`: a link to /etc/hostname or ../secret would otherwise copy
    that file into the outputs. Inputs named on the command line are read as given.
    """
    walk = walk or WalkFilter()
    seen: set[Path] = set()
    walked: set[Path] = set()
    skip = real_path(out_dir) if out_dir is not None else None
    names = OutputNames()  # two inputs with one relative name would overwrite each other's outputs
    names.claim(Path("the run's summary"), [Path(SUMMARY_NAME)])  # an input named summary.json must not clash

    def job(path: Path, relative: Path) -> Job:
        made = Job(path, relative)
        clash = names.claim(path, made.outputs(Path()))
        return Job(path, relative, clash) if clash else made

    for given in inputs:
        if given.is_dir():
            for root, dirs, files in os.walk(given, followlinks=follow_links):
                root_path = Path(root)
                walked.add(real_path(root_path))
                dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                                 and (skip is None or real_path(root_path / d) != skip)
                                 and real_path(root_path / d) not in walked)  # no link loops
                for name in sorted(files):
                    path = root_path / name
                    why = walk.skip_reason(path.relative_to(given))
                    if why is not None:
                        if on_skip is not None:
                            on_skip(str(path.relative_to(given)), why)
                        continue
                    if not follow_links and leaves_tree(path, given):
                        yield Job(path, path.relative_to(given), LINK_OUTSIDE)
                        continue
                    real = real_path(path)
                    if real in seen:
                        continue
                    seen.add(real)
                    yield job(path, path.relative_to(given))
        else:
            real = real_path(given)
            if real in seen:
                continue
            seen.add(real)
            yield job(given, Path(given.name))


def config_key(config: Config) -> str:
    """A stable digest of everything that decides the output: code, version, rule files, config.

    Python's `hash()` differs between processes, so the key is a SHA-256 over the package's
    own source files (a code change in a checkout counts), every rule pack in force and the
    `Config` fields.
    """
    digest = hashlib.sha256(f"{__version__}\n{config!r}\n".encode())
    package = Path(__file__).resolve().parent
    rule_dirs = ([builtin_rules_dir()] if config.builtin_rules else []) + [Path(d) for d in config.rules_dirs]
    files = sorted(package.rglob("*.py")) + [p for d in rule_dirs if d.is_dir() for p in pack_files(d)]
    for path in files:
        digest.update(str(path.relative_to(package) if path.is_relative_to(package) else path).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:32]


def write_outputs(job: Job, result: Result, out_dir: Path) -> dict[str, Any]:
    """Write one file's outputs, the report last (it marks the file finished); returns the report."""
    text_path, report_path, diff_path = job.outputs(out_dir)
    report = dict(result.report)
    report["source"] = str(job.relative)
    link = link_in_way(out_dir, report_path)
    if link is not None:
        raise LinkInTheWay(f"not written: {link} is a symbolic link (outputs are never written through links)")
    write_report = (report_path, lambda handle: (json.dump(report, handle, ensure_ascii=False, indent=1),
                                                 handle.write("\n")))
    if result.ok:
        # a document passed through over a limit has no removals and no text in its report
        diff = unified_diff(report, str(job.relative)) if "text" in report else ""
        write_set([(text_path, result.text), (diff_path, diff), write_report])
    else:  # outputs of an earlier, successful run would now contradict the report
        for stale in (text_path, diff_path):
            try:
                stale.unlink(missing_ok=True)
            except OSError as exc:
                raise _output_error(stale, exc) from None
        write_set([write_report])
    return report


def config_epoch(out_dir: Path, key: str, renew: bool = False) -> int:
    """When outputs in `out_dir` started being made with `key` (ns): older ones are stale.

    The manifest is rewritten when the key changed (or `renew`, for --force); the run then
    waits out the file clock's granularity, so all its outputs are strictly newer.
    """
    path = out_dir / MANIFEST_NAME
    try:
        if not renew and path.read_text(encoding="utf-8").strip() == key:
            return path.stat().st_mtime_ns
    except OSError:
        pass
    write_atomic(path, key + "\n")
    since = path.stat().st_mtime_ns
    while time.time_ns() <= since + _CLOCK_STEP_NS:
        time.sleep(0.005)
    return since


def finished_report(job: Job, out_dir: Path, since: int) -> dict[str, Any] | None:
    """The report of a file an earlier run finished with this config, or None to clean it again."""
    text_path, report_path, diff_path = job.outputs(out_dir)
    try:
        made = report_path.stat().st_mtime_ns
        if made <= since or made < job.source.stat().st_mtime_ns:
            return None
        report = json.loads(report_path.read_bytes())
        if report.get("status") != "ok" or not diff_path.exists():
            return None
        if hashlib.sha256(text_path.read_bytes()).hexdigest() != report.get("output_sha256"):
            return None
    except (OSError, ValueError):
        return None
    return report


@dataclass
class _TreeState:
    cleaner: Cleaner
    out_dir: Path
    since: int
    resume: bool


_STATE: _TreeState | None = None


def _init_worker(config: Config, out_dir: Path, since: int, resume: bool) -> None:
    global _STATE
    _STATE = _TreeState(Cleaner(config), out_dir, since, resume)


def _clean_job(job: Job) -> Outcome:
    """Clean (or resume) one file and write its outputs; runs in a worker process."""
    state = _STATE
    assert state is not None, "worker not initialised"
    name = str(job.relative)
    if job.problem is not None:
        return Outcome(name, str(job.source), job.problem, {})
    if state.resume:
        report = finished_report(job, state.out_dir, state.since)
        if report is not None:
            return Outcome(name, str(job.source), None, report_stats(report), resumed=True)
    evidence = state.cleaner.config.corpus_evidence  # a --corpus-evidence run: the file's group
    group = {"group": evidence.group_of_path(job.relative)} if evidence is not None else {}
    result = state.cleaner.clean_file(job.source, **group)
    try:
        report = write_outputs(job, result, state.out_dir)
    except LinkInTheWay as exc:
        return Outcome(name, str(job.source), str(exc), {})
    if not result.ok:
        return Outcome(name, str(job.source), result.error or "failed", {})
    return Outcome(name, str(job.source), None, report_stats(report))


def remove_stale_temp_files(out_dir: Path) -> int:
    """Delete temporary files an interrupted run left in `out_dir` (only `write_atomic`'s)."""
    removed = 0
    for root, _dirs, files in os.walk(out_dir):
        for name in files:
            if _TEMP_NAME.match(name):
                Path(root, name).unlink(missing_ok=True)
                removed += 1
    return removed


def clean_tree(inputs: Iterable[Path], out_dir: Path, cleaner: Cleaner,
               on_result: Callable[[Outcome], None] | None = None, jobs: int = 1,
               resume: bool = True, walk: WalkFilter | None = None, follow_links: bool = False) -> Summary:
    """Clean every input file into `out_dir`; returns the run's totals (also in summary.json).

    `jobs` worker processes clean files in parallel; outcomes arrive, and are counted, in
    input order, so outputs and summary are the same whatever `jobs`. With `resume`, files
    an earlier run finished with the same configuration are counted from their reports.
    """
    inputs = list(inputs)
    problem = layout_problem(inputs, out_dir)
    if problem is not None:
        raise ValueError(problem)
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"cannot write into {out_dir}: it is a file, not a folder")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _output_error(out_dir, exc) from None
    with output_lock(lock_path_for(out_dir, is_folder=True)):  # one run at a time: no mixed outputs
        return _clean_locked(inputs, out_dir, cleaner, on_result, jobs, resume, walk, follow_links)


def _clean_locked(inputs: list[Path], out_dir: Path, cleaner: Cleaner, on_result: Callable[[Outcome], None] | None,
                  jobs: int, resume: bool, walk: WalkFilter | None, follow_links: bool) -> Summary:
    try:
        (out_dir / SUMMARY_NAME).unlink(missing_ok=True)  # a summary must never describe a run that did not end
    except OSError as exc:
        raise _output_error(out_dir / SUMMARY_NAME, exc) from None
    remove_stale_temp_files(out_dir)
    since = config_epoch(out_dir, config_key(cleaner.config), renew=not resume)
    if jobs <= 1:
        global _STATE
        _STATE = _TreeState(cleaner, out_dir, since, resume)
        initializer, initargs = None, ()
    else:
        initializer, initargs = _init_worker, (cleaner.config, out_dir, since, resume)
        warm_before_fork(cleaner.config.language, jobs)
    summary = Summary()
    found = find_jobs(inputs, out_dir, walk, summary.add_skipped, follow_links)
    for outcome in ordered_map(_clean_job, found, jobs, CHUNK_FILES, initializer, initargs):
        summary.add_outcome(outcome)
        if on_result is not None:
            on_result(outcome)
    write_atomic(out_dir / SUMMARY_NAME, json.dumps(summary.as_dict(), ensure_ascii=False, indent=1) + "\n")
    return summary
