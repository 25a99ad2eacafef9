"""One run at a time per output: a lock file that names its holder.

Why: two `cleaner clean IN -o OUT` runs with different options interleave their outputs,
delete each other's temporary files, and leave a folder a later resume trusts although it
mixes two configurations. The lock is an `flock` on `OUT/.cleaner-lock` (JSONL: a
`.NAME.cleaner-lock` beside the output file), so it is released by the kernel when the run
ends, however it ends: a killed run never leaves a stale lock behind (only, after `kill -9`,
the file, which the next run simply locks again). The file holds who
holds it (process id, host, start time, command) so the refusal can say so.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from .errors import OutputError, OutputLocked
from .filemode import apply_umask

LOCK_NAME = ".cleaner-lock"


def lock_path_for(output: Path, is_folder: bool) -> Path:
    """Where the lock of `output` lives: inside a folder, beside a file."""
    return output / LOCK_NAME if is_folder else output.with_name(f".{output.name}{LOCK_NAME}")


def _holder(path: Path) -> str:
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
        started = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(info["started"]))
        return f"process {info['pid']} on {info['host']}, started {started}: {info['command']}"
    except (OSError, ValueError, KeyError, TypeError):
        return "another cleaner run"


def _acquire(path: Path) -> int:
    """Open and lock `path`; retried when the file was replaced meanwhile (a run that ended
    removes its lock file, and a lock on the removed file would guard nothing)."""
    for _ in range(100):
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as exc:
            raise OutputError(f"cannot write {path.parent}: {exc.strerror or exc}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            from .termsafe import visible

            raise OutputLocked(f"{path.parent} is in use by {visible(_holder(path))}; wait for it to "
                               "finish or choose another output") from None
        try:
            same = os.stat(path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            same = False
        if same:
            return fd
        os.close(fd)
    raise OutputError(f"cannot lock {path}: it keeps being replaced")


@contextmanager
def output_lock(path: Path) -> Iterator[None]:
    """Hold the lock at `path` for the block; raise `OutputLocked` naming the holder if taken.

    The lock file is removed when the block ends, so a finished output holds no trace of it.
    """
    fd = _acquire(path)
    try:
        apply_umask(fd)
        info = {"pid": os.getpid(), "host": socket.gethostname(), "started": time.time(),
                "command": " ".join(sys.argv)}
        os.ftruncate(fd, 0)
        os.write(fd, (json.dumps(info) + "\n").encode("utf-8"))
        yield
    finally:
        with suppress(OSError):
            path.unlink(missing_ok=True)
        os.close(fd)  # releases the flock
