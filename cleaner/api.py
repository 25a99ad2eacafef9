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
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .decode import decode_bytes
from .errors import CleanerError, DocumentTimeout, InputError
from .model import Document, Removal, Repair
from .pipeline import run
from .render import render_with_layout
from .repair import repair_text
from .report import build_report, error_report
from .rulepack import RuleSet, load_rules
from .stages import DEFAULT_ORDER, build_stages

DEFAULT_MAX_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class Config:
    """How to clean. Hashable, so a batch can tell whether outputs were made the same way."""

    rules_dirs: tuple[str, ...] = ()
    builtin_rules: bool = True
    disabled_rules: tuple[str, ...] = ()
    stages: tuple[str, ...] = DEFAULT_ORDER
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout_s: float | None = 60.0


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
        return rules.without(self.config.disabled_rules) if self.config.disabled_rules else rules

    @cached_property
    def stages(self) -> list:  # type: ignore[type-arg]
        return build_stages(self.rules, self.config.stages)

    def clean_text(self, text: str, source: str = "<text>") -> Result:
        """Clean already-decoded text (encoding damage inside it is still repaired)."""
        return self._clean(Document(source=source, text=text))

    def clean_bytes(self, data: bytes, source: str = "<bytes>") -> Result:
        """Decode, repair and clean one file's bytes; bad input gives a Result with `error`."""
        doc = Document(source=source, text="", raw_sha256=hashlib.sha256(data).hexdigest(), raw_bytes=len(data))
        try:
            if len(data) > self.config.max_bytes:
                raise InputError(f"too large: {len(data)} bytes (limit {self.config.max_bytes}, see --max-bytes)")
            doc.text, doc.decoded = decode_bytes(data)
        except InputError as exc:
            return Result(text="", report=error_report(source, str(exc), doc), document=None, error=str(exc))
        return self._clean(doc)

    def clean_file(self, path: str | Path) -> Result:
        """Read and clean one file; the file itself is never written to."""
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            message = f"cannot read: {exc.strerror or exc}"
            return Result(text="", report=error_report(str(path), message), error=message)
        return self.clean_bytes(data, source=str(path))

    def _clean(self, doc: Document) -> Result:
        deadline = time.monotonic() + self.config.timeout_s if self.config.timeout_s else None
        try:
            doc.text, doc.repairs = repair_text(doc.text)
            run(doc, self.stages, deadline)
        except DocumentTimeout as exc:
            message = f"timed out after {self.config.timeout_s}s ({exc})"
            return Result(text="", report=error_report(doc.source, message, doc), error=message)
        except CleanerError:
            raise
        output, layout = render_with_layout(doc.text, doc.removals)
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


def clean_file(path: str | Path, config: Config | None = None) -> Result:
    """Clean one file; the file is only read."""
    return get_cleaner(config).clean_file(path)


def clean_paths(paths: Iterable[str | Path], config: Config | None = None) -> Iterator[tuple[Path, Result]]:
    """Clean files one at a time, lazily: a generator, so a corpus is never held in memory."""
    cleaner = get_cleaner(config)
    for path in paths:
        yield Path(path), cleaner.clean_file(path)
