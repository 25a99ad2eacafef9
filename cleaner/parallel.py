"""Ordered, memory-bounded parallel map over a stream: the engine behind `--jobs`.

Corpus runs read millions of items from a generator. `multiprocessing.Pool.imap` would
drain that generator as fast as it can read (its feeder thread has no bound), so memory
would grow with the corpus. Here at most `window` chunks are in flight at once, results
come back in input order (so the output is byte-identical whatever the job count), and
one job runs in-process with the very same functions, so `--jobs 1` is not a separate
code path.
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Chunks in flight per worker: enough to keep every worker busy while one result is written.
IN_FLIGHT_PER_JOB = 4


def default_jobs() -> int:
    """The cores this process may use (the affinity mask, not the machine's total)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return max(1, os.cpu_count() or 1)


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of up to `size` consecutive items, read lazily."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _run_chunk(func: Callable[[T], R], chunk: list[T]) -> list[R]:
    return [func(item) for item in chunk]


def _exit_with_parent(parent: int) -> None:
    """End this worker when the parent is gone (`kill -9` of the run): a forked worker
    holds its own copy of the task pipe, so it would otherwise wait for work forever."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _init_worker(parent: int, initializer: Callable[..., Any] | None, initargs: tuple[Any, ...]) -> None:
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True, name="parent-watch").start()
    if initializer is not None:
        initializer(*initargs)


def ordered_map(func: Callable[[T], R], items: Iterable[T], jobs: int = 1, chunk_size: int = 16,
                initializer: Callable[..., Any] | None = None, initargs: tuple[Any, ...] = ()) -> Iterator[R]:
    """`func` over `items` in `jobs` processes, yielded in input order, with bounded memory.

    `func` and `initializer` must be module-level functions (they are pickled by name);
    `initializer(*initargs)` runs once per worker to build per-process state such as a
    `Cleaner`, and once in-process when `jobs <= 1`.
    """
    if jobs <= 1:
        if initializer is not None:
            initializer(*initargs)
        for item in items:
            yield func(item)
        return
    window = jobs * IN_FLIGHT_PER_JOB
    pending: deque[Future[list[R]]] = deque()
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                             initargs=(os.getpid(), initializer, initargs)) as pool:
        try:
            for chunk in chunked(items, chunk_size):
                pending.append(pool.submit(_run_chunk, func, chunk))
                if len(pending) >= window:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        except BaseException:
            for future in pending:
                future.cancel()
            raise
