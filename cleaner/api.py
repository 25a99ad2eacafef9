"""The library interface: everything a pipeline needs, without the CLI.

    >>> from cleaner import clean_text
    >>> result = clean_text("Article text.\\n\\nShare this article\\n")
    >>> result.text
    'Article text.\\n'

`Cleaner` holds validated rules and stages, so a pipeline builds one and calls it per
document; the module-level functions use a shared default `Cleaner`.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .compressed import compression_of, decompress, strip_compression
from .corpus import RULE_ID as CORPUS_RULE_ID
from .corpus import Evidence
from .decode import decode_bytes, decoded_info
from .errors import DocumentTimeout, InputError
from .language import note_language
from .limits import ON_LIMIT, limit_report, time_limit
from .model import Document, Removal, Repair
from .pipeline import run
from .render import render_with_layout
from .repair import repair_text
from .report import build_report, error_report
from .rulepack import RuleSet, load_rules
from .stages import DEFAULT_ORDER, build_stages
from .switches import switch_off, switch_stages

DEFAULT_MAX_BYTES = 256 * 1024 * 1024
HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def is_html_path(path: str | Path) -> bool:
    """True for .html/.htm/.xhtml files and their compressed (.gz, .zst) versions."""
    return strip_compression(Path(path).name.lower()).endswith(HTML_SUFFIXES)


@dataclass(frozen=True)
class Config:
    """How to clean. Hashable, so a batch can tell whether outputs were made the same way."""

    rules_dirs: tuple[str, ...] = ()
    builtin_rules: bool = True
    disabled_rules: tuple[str, ...] = ()
    #: Categories whose removals are all kept (their rules and the stages' own ids are off).
    kept_categories: tuple[str, ...] = ()
    stages: tuple[str, ...] = DEFAULT_ORDER
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout_s: float | None = 60.0
    #: A document over `max_bytes` or `timeout_s`: "pass" writes its decoded text through
    #: unchanged (flagged, status "passed-through"); "skip" writes no output (an error).
    on_limit: str = "pass"
    #: Identify each document's language (report `language`), and flag one no loaded pack covers.
    language: bool = True
    #: Lines learned from the whole run (`cleaner.corpus_learn`, `--corpus-evidence`); None: no
    #: corpus stage removals, as for any single document. Part of the config, so of the resume key.
    corpus_evidence: Evidence | None = None

    def __post_init__(self) -> None:
        if self.on_limit not in ON_LIMIT:
            raise ValueError(f"on_limit must be one of {', '.join(ON_LIMIT)}, not {self.on_limit!r}")
        if self.max_bytes < 1:
            raise ValueError(f"max_bytes must be at least 1, not {self.max_bytes}")


@dataclass
class Result:
    """One cleaned document: the clean text and the full account of how it was made."""

    text: str
    report: dict[str, Any]
    document: Document | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def removals(self) -> list[Removal]:
        return self.document.removals if self.document else []

    @property
    def repairs(self) -> list[Repair]:
        return self.document.repairs if self.document else []

    @property
    def flags(self) -> list[str]:
        return list(self.report.get("flags", []))


@dataclass
class Cleaner:
    """Validated rules and stages for one configuration, reused across documents."""

    config: Config = field(default_factory=Config)

    @cached_property
    def rules(self) -> RuleSet:
        rules = load_rules([Path(d) for d in self.config.rules_dirs], builtin=self.config.builtin_rules)
        if not self.config.disabled_rules and not self.config.kept_categories:
            return rules
        return switch_off(rules, self.config.disabled_rules, self.config.kept_categories)

    @cached_property
    def languages(self) -> frozenset[str]:
        """The languages the loaded packs cover (`rules/<lang>/`), for the language flag."""
        return self.rules.languages()

    @cached_property
    def stages(self) -> list:  # type: ignore[type-arg]
        evidence = None if CORPUS_RULE_ID in self.config.disabled_rules else self.config.corpus_evidence
        stages = build_stages(self.rules, self.config.stages, evidence)
        return switch_stages(stages, self.config.disabled_rules, self.config.kept_categories)

    def clean_text(self, text: str, source: str = "<text>", group: str | None = None) -> Result:
        """Clean already-decoded text (encoding damage inside it is still repaired).

        `Config.max_bytes` counts the text's UTF-8 bytes, so a JSONL record or a library
        call meets the same size limit as a file. `group` is the document's corpus-evidence
        group (see `Config.corpus_evidence`).
        """
        if not isinstance(text, str):
            raise TypeError(f"clean_text takes str, not {type(text).__name__}; "
                            "use clean_bytes for bytes" if isinstance(text, (bytes, bytearray, memoryview))
                            else f"clean_text takes str, not {type(text).__name__}")
        doc = Document(source=source, text=text, corpus_group=group)
        size = len(text) if len(text) * 4 <= self.config.max_bytes else len(text.encode("utf-8", "surrogatepass"))
        if size > self.config.max_bytes:
            return self._over_limit(doc, text, self._size_message(size))
        return self._clean(doc)

    def clean_bytes(self, data: bytes, source: str = "<bytes>", group: str | None = None) -> Result:
        """Decode, repair and clean one file's bytes; bad input gives a Result with `error`."""
        doc = Document(source=source, text="", raw_sha256=hashlib.sha256(data).hexdigest(), raw_bytes=len(data),
                       corpus_group=group)
        too_large = len(data) > self.config.max_bytes
        if too_large and self.config.on_limit == "skip":
            return self._over_limit(doc, "", self._size_message(len(data)))
        try:
            doc.text, doc.decoded = decode_bytes(data)
        except InputError as exc:
            return Result(text="", report=error_report(source, str(exc), doc), document=None, error=str(exc))
        if too_large:
            return self._over_limit(doc, doc.text, self._size_message(len(data)))
        return self._clean(doc)

    def _size_message(self, size: int) -> str:
        return f"too large: {size} bytes (limit {self.config.max_bytes}, see --max-bytes)"

    def _over_limit(self, doc: Document, original: str, message: str) -> Result:
        """A document over a limit: passed through unchanged or skipped (`Config.on_limit`)."""
        action = self.config.on_limit
        info = {"sha256": doc.raw_sha256, "bytes": doc.raw_bytes}
        if doc.decoded is not None:
            info.update(decoded_info(doc.decoded))
        report = limit_report(doc.source, message, action, info)
        if action == "pass":
            return Result(text=original, report=report)
        error = f"skipped: {message} (--on-limit skip)"
        report["error"] = error
        return Result(text="", report=report, error=error)

    def clean_html(self, data: bytes | str, source: str = "<html>", url: str | None = None,
                   group: str | None = None) -> Result:
        """Extract the article from one HTML page (bytes in any encoding, gzip allowed) and clean it.

        The extraction is a step of the report; `Config.timeout_s` bounds extraction and
        stages together. A page that cannot be parsed or takes too long gives a Result with
        `error`, never an exception.
        """
        from .html_api import clean_html_document

        return clean_html_document(self, data, source, url, group)

    def clean_file(self, path: str | Path, group: str | None = None) -> Result:
        """Read and clean one file (HTML by suffix, see `is_html_path`); the file is never written to."""
        try:
            info = os.stat(path)
            if not stat.S_ISREG(info.st_mode):
                # A FIFO or device would block or never end; a folder is not a document.
                message = "not a regular file (folder, pipe or device): not read"
                return Result(text="", report=error_report(str(path), message), error=message)
            if info.st_size > self.config.max_bytes and self.config.on_limit == "skip":
                doc = Document(source=str(path), text="", raw_bytes=info.st_size)
                return self._over_limit(doc, "", self._size_message(info.st_size))
            data = Path(path).read_bytes()
        except (OSError, RuntimeError) as exc:  # RuntimeError: symlink loop on some Pythons
            message = f"cannot read: {getattr(exc, 'strerror', None) or exc}"
            return Result(text="", report=error_report(str(path), message), error=message)
        kind = compression_of(path)
        if kind == "zst" or (kind == "gz" and not is_html_path(path)):  # HTML reads gzip itself
            try:
                data = decompress(data, kind, self.config.max_bytes)
            except InputError as exc:
                return Result(text="", report=error_report(str(path), str(exc)), error=str(exc))
        if is_html_path(path):
            return self.clean_html(data, source=str(path), group=group)
        return self.clean_bytes(data, source=str(path), group=group)

    def _clean(self, doc: Document, deadline: float | None = None) -> Result:
        if deadline is None and self.config.timeout_s:
            deadline = time.monotonic() + self.config.timeout_s
        _ = self.stages  # rules are compiled and validated before the clock starts
        original = doc.text
        try:
            remaining = None if deadline is None else max(deadline - time.monotonic(), 1e-6)
            with time_limit(remaining):
                doc.text, doc.repairs = repair_text(doc.text)
                run(doc, self.stages, deadline)
        except DocumentTimeout as exc:
            message = f"timed out after {self.config.timeout_s}s ({exc})"
            return self._over_limit(doc, original, message)
        output, layout = doc.rendered or render_with_layout(doc.text, doc.removals)
        if self.config.language:
            note_language(doc, self.languages)
        return Result(text=output, report=build_report(doc, output, layout), document=doc)


_DEFAULT: dict[Config, Cleaner] = {}


def get_cleaner(config: Config | None = None) -> Cleaner:
    """A shared `Cleaner` per configuration, so rules are validated once per process."""
    config = config or Config()
    if config not in _DEFAULT:
        _DEFAULT[config] = Cleaner(config)
    return _DEFAULT[config]


def clean_text(text: str, config: Config | None = None, source: str = "<text>") -> Result:
    """Clean one document given as text. See `Result` for what comes back."""
    return get_cleaner(config).clean_text(text, source)


def clean_bytes(data: bytes, config: Config | None = None, source: str = "<bytes>") -> Result:
    """Clean one document given as bytes in any supported encoding."""
    return get_cleaner(config).clean_bytes(data, source)


def clean_html(data: bytes | str, config: Config | None = None, source: str = "<html>",
               url: str | None = None) -> Result:
    """Extract and clean the article of one HTML page (bytes or text)."""
    return get_cleaner(config).clean_html(data, source, url)


def clean_file(path: str | Path, config: Config | None = None) -> Result:
    """Clean one file; the file is only read."""
    return get_cleaner(config).clean_file(path)


def clean_paths(paths: Iterable[str | Path], config: Config | None = None) -> Iterator[tuple[Path, Result]]:
    """Clean files one at a time, lazily: a generator, so a corpus is never held in memory."""
    cleaner = get_cleaner(config)
    for path in paths:
        yield Path(path), cleaner.clean_file(path)
