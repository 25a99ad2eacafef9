"""Errors a user can act on, each with a one-line message that names the problem."""

from __future__ import annotations


class CleanerError(Exception):
    """Base of every error the tool reports instead of a traceback."""


class InputError(CleanerError):
    """This input cannot be cleaned (binary, undecodable, empty, unreadable, too large)."""


class RulePackError(CleanerError):
    """One or more rule packs are invalid; the message lists every problem at once."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        count = f"{len(problems)} problem{'' if len(problems) == 1 else 's'}"
        super().__init__(f"{count} in rule packs:\n" + "\n".join(problems))


class StageContractError(CleanerError):
    """A stage returned something the pipeline cannot record; the message says how to fix it."""


class DocumentTimeout(CleanerError):
    """Cleaning one document took longer than its time limit."""


class OutputError(CleanerError):
    """An output could not be written (disk full, no permission, a file where a folder must
    be, a symbolic link in the way, another run holding the folder). Exit status 3."""


class OutputLocked(OutputError):
    """Another run is writing into the same output; the message names it."""
