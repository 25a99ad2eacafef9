"""A progress bar on stderr for long runs, and nothing at all when nobody is watching.

Shown only when stderr is a terminal and the user did not ask for `--quiet`: a log file
or a pipeline's captured stderr must not fill up with redraws. Counts files or records,
with throughput and, when the total is known, an ETA.
"""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)


class RunProgress:
    """`with RunProgress(...) as p: p.advance()` — a no-op unless `enabled`."""

    def __init__(self, unit: str, total: float | None = None, enabled: bool = True,
                 console: Console | None = None):
        self.console = console or Console(stderr=True)
        self.enabled = enabled and self.console.is_terminal
        self.unit = unit
        self.total = total
        self._progress: Progress | None = None
        self._task = None

    def __enter__(self) -> RunProgress:
        if self.enabled:
            columns = [SpinnerColumn(), TextColumn(f"cleaning {self.unit}"), BarColumn(),
                       MofNCompleteColumn() if self.total is not None else TextColumn("{task.completed:,.0f}"),
                       TaskProgressColumn(), TextColumn("{task.fields[rate]}"),
                       TimeElapsedColumn(), TimeRemainingColumn()]
            self._progress = Progress(*columns, console=self.console, transient=True)
            self._progress.start()
            self._task = self._progress.add_task("clean", total=self.total, rate="")
        return self

    def advance(self, n: int = 1) -> None:
        if self._progress is None or self._task is None:
            return
        self._progress.advance(self._task, n)
        speed = self._progress.tasks[0].speed
        if speed:
            self._progress.update(self._task, rate=f"{speed:,.0f} {self.unit}/s")

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._progress is not None:
            self._progress.stop()
