"""Resumable JSONL output: a partial file plus a checkpoint saying how far it is good.

Why: a JSONL corpus run can take hours, and SIGTERM (a scheduler's time limit) or Ctrl-C
used to throw all of it away, leaving a multi-MB temporary file behind. Now the output is
written to `.NAME.partial` beside the target, and every `EVERY_RECORDS` records (and on an
interrupt) `.NAME.checkpoint` records the input lines done, the bytes of the partial file
that hold them and the run's totals so far. A run with the same input, configuration and
options truncates the partial file to that size and carries on after that line, so the
finished file is byte-identical to an uninterrupted run's; anything else starts afresh.
The partial output is plain JSONL; a `.gz` or `.zst` target is compressed once, at the end.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
import os
import shutil
import tempfile
from collections import Counter
from pathlib import Path
from typing import IO, Any

from .compressed import open_zstd_writer
from .errors import OutputError
from .filemode import apply_umask

EVERY_RECORDS = 500
EVERY_BYTES = 8 * 1024 * 1024


def _compressor(name: str, raw: IO[bytes]) -> IO[bytes]:
    """A writer that compresses into `raw`: gzip with no name and no time, or zstandard, so
    the same records give the same bytes on every run."""
    if name.endswith(".gz"):
        return gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=6)  # type: ignore[return-value]
    return open_zstd_writer(raw)


def run_key(parts: list[str], source: Path) -> str:
    """What must match for a checkpoint to be trusted: configuration, options and the input
    file's identity (path, size, modification time)."""
    info = source.stat()
    digest = hashlib.sha256("\n".join([*parts, str(source.resolve()), str(info.st_size),
                                       str(info.st_mtime_ns)]).encode("utf-8"))
    return digest.hexdigest()[:32]


def to_state(obj: Any) -> Any:
    """A dataclass (with nested dataclasses and Counters) as plain JSON data."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_state(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, dict):
        return {k: to_state(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [to_state(v) for v in obj]
    return obj


def from_state(cls: type, data: dict[str, Any]) -> Any:
    """Rebuild a dataclass written by `to_state` (its defaults tell which fields are Counters
    or dataclasses)."""
    blank = cls()
    values: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name not in data:
            continue
        default = getattr(blank, f.name)
        value = data[f.name]
        if dataclasses.is_dataclass(default):
            value = from_state(type(default), value)
        elif isinstance(default, Counter):
            value = Counter(value)
        values[f.name] = value
    return cls(**values)


class Checkpoint:
    """The partial output of `target` and the record of how much of it is good."""

    def __init__(self, target: Path, key: str):
        self.target = target
        self.key = key
        self.partial = target.with_name(f".{target.name}.partial")
        self.state = target.with_name(f".{target.name}.checkpoint")

    def load(self) -> dict[str, Any] | None:
        """The saved state if it belongs to this run and its partial file is intact."""
        try:
            state = json.loads(self.state.read_text(encoding="utf-8"))
            if state.get("key") != self.key or self.partial.stat().st_size < state["bytes"]:
                return None
            return state
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def open(self, resume_at: int) -> IO[bytes]:
        """The partial file, cut to `resume_at` bytes (0: a fresh start), positioned at its end."""
        try:
            fd = os.open(self.partial, os.O_RDWR | os.O_CREAT, 0o666)
            apply_umask(fd)
            os.ftruncate(fd, resume_at)
            handle = os.fdopen(fd, "r+b", buffering=1 << 20)
            handle.seek(resume_at)
        except OSError as exc:
            raise OutputError(f"cannot write {self.partial}: {exc.strerror or exc}") from None
        return handle

    def save(self, writer: IO[bytes], lines: int, good_bytes: int, totals: dict[str, Any]) -> None:
        """Flush the partial file and record that its first `good_bytes` hold `lines` input lines."""
        from .batch import write_atomic

        try:
            writer.flush()
            os.fsync(writer.fileno())
        except OSError as exc:
            raise OutputError(f"cannot write {self.partial}: {exc.strerror or exc}") from None
        write_atomic(self.state, json.dumps({"key": self.key, "lines": lines, "bytes": good_bytes,
                                             "totals": totals}) + "\n")

    def finish(self, writer: IO[bytes], good_bytes: int) -> None:
        """Turn the partial file into the target (compressed for `.gz`) and drop the checkpoint."""
        try:
            writer.flush()
            writer.truncate(good_bytes)
            writer.close()
            if self.target.name.endswith((".gz", ".zst")):
                fd, tmp = tempfile.mkstemp(dir=self.target.parent, prefix=f".{self.target.name}.", suffix=".tmp")
                try:
                    apply_umask(fd)
                    with os.fdopen(fd, "wb") as raw, open(self.partial, "rb") as plain, _compressor(
                            self.target.name, raw) as packed:
                        shutil.copyfileobj(plain, packed, 1 << 20)
                    os.replace(tmp, self.target)
                except BaseException:
                    Path(tmp).unlink(missing_ok=True)
                    raise
                self.partial.unlink()
            else:
                os.replace(self.partial, self.target)
            self.state.unlink(missing_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot write {self.target}: {exc.strerror or exc}") from None
