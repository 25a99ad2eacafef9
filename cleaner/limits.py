"""Per-document limits: a hard time bound, and what happens to a document over a limit.

Why: a cleaning step sits inside long corpus jobs. One pathological document (a 10 MB
line, a rule that backtracks) must cost a bounded time and must not stop the batch. A
deadline checked between stages comes too late when one stage runs for minutes, so
`time_limit` interrupts Python code wherever it is (SIGALRM, main thread). Rule patterns
run on the core's linear-time engine, so no rule search can run away.

A document over a limit is either passed through unchanged (`on_limit="pass"`: the decoded
text, neither repaired nor cleaned, and a report that says so) or skipped (`"skip"`: no
output, a one-line error). Either way the batch goes on.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from . import __version__
from .errors import DocumentTimeout

ON_LIMIT: tuple[str, ...] = ("pass", "skip")
STATUS = {"pass": "passed-through", "skip": "skipped"}


class _Expired(BaseException):
    """Raised by the alarm: a BaseException, so library code's `except Exception` (trafilatura
    wraps some steps in one) cannot swallow it; it leaves the block as `DocumentTimeout`."""


@contextmanager
def time_limit(seconds: float | None, what: str = "cleaning") -> Iterator[None]:
    """Raise `DocumentTimeout` from the block once `seconds` have passed.

    Only where signals work (the main thread of a POSIX process) and only when no outer
    timer is running (an outer bound stays in charge); elsewhere the block runs and the
    callers' deadline checks (between stages, after extraction) still apply.
    """
    usable = (seconds is not None and seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread()
              and signal.getitimer(signal.ITIMER_REAL)[0] == 0)
    if not usable:
        yield
        return

    def _expired(signum: int, frame: object) -> None:
        raise _Expired

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Expired:
        raise DocumentTimeout(f"{what} took longer than {seconds:g}s") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def limit_report(source: str, message: str, action: str, input_info: dict[str, Any] | None = None) -> dict[str, Any]:
    """The report of a document over a limit: which limit, and what was done with it.

    It carries no text (a document over the size limit would double the output), so it is
    not replayable; `status` says why: "passed-through" or "skipped".
    """
    report: dict[str, Any] = {"schema_version": 1, "cleaner_version": __version__, "source": source,
                              "status": STATUS[action], "limit": message, "flags": [limit_flag(message, action)],
                              "removals": [], "repairs": [], "counts": {}}
    if input_info is not None:
        report["input"] = input_info
    return report


def limit_flag(message: str, action: str) -> str:
    """The review flag of a document over a limit."""
    done = "passed through unchanged (not cleaned)" if action == "pass" else "skipped (no output)"
    return f"limit exceeded: {message}; {done}"
