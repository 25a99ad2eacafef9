"""SIGTERM ends a run the way Ctrl-C does: through `KeyboardInterrupt`, so cleanup runs.

Why: the default SIGTERM action kills the process on the spot, so `finally` blocks never
run: temporary files stay behind and a JSONL run cannot record how far it got. Raising
`Terminated` (a `KeyboardInterrupt`) instead lets every writer delete its temporary file and
the JSONL writer save its checkpoint, and the command then reports what was finished.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class Terminated(KeyboardInterrupt):
    """The run received SIGTERM."""


@contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM raises `Terminated` (main thread only; elsewhere a no-op)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def _raise(signum: int, frame: object) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, _raise)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
