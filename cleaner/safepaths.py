"""Path safety for batches: inputs are never overwritten, odd paths never crash a run.

Why a module of its own: the batch walks trees it does not control. Symlink loops make
`Path.resolve` raise, an output folder equal to (or around) an input folder would let
outputs overwrite inputs, and two inputs can map to one output name. Each of these must
become a clear one-line message, never a traceback or a silently lost file.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


def real_path(path: Path) -> Path:
    """`path` with symlinks resolved; a symlink loop or unreadable link gives the absolute path
    instead of raising (the file is then reported as unreadable when it is opened)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: "Symlink loop" on Python < 3.13
        return path.absolute()


def is_within(path: Path, folder: Path) -> bool:
    """True if `path` is `folder` or lies inside it (both already resolved)."""
    return path == folder or folder in path.parents


def layout_problem(inputs: Iterable[Path], out_dir: Path) -> str | None:
    """Why writing into `out_dir` could overwrite an input, or None when it cannot.

    An output folder *inside* an input folder is fine (the walk skips it); the output
    folder being an input folder, or holding an input, is refused.
    """
    out = real_path(out_dir)
    for given in inputs:
        real = real_path(given)
        if real == out:
            return f"the output folder {out_dir} is the input {given}: outputs would overwrite inputs"
        if is_within(real, out):
            return (f"the input {given} is inside the output folder {out_dir}: outputs could overwrite it; "
                    "choose an output folder outside the inputs")
    return None


class OutputNames:
    """Claims output paths so two inputs never write to the same output file."""

    def __init__(self) -> None:
        self._owner: dict[Path, Path] = {}

    def claim(self, source: Path, outputs: Iterable[Path]) -> str | None:
        """Claim `outputs` for `source`; on a clash, say which input already owns one."""
        paths = list(outputs)
        for path in paths:
            owner = self._owner.get(path)
            if owner is not None and owner != source:
                return (f"output {path} is already written for {owner}; not cleaned "
                        "(inputs with the same relative name: give them separate runs or rename one)")
        for path in paths:
            self._owner[path] = source
        return None


class LinkInTheWay(Exception):
    """An output path runs through a symbolic link inside the output folder."""


def link_in_way(out_dir: Path, path: Path) -> Path | None:
    """The first symbolic link among the folders between `out_dir` and `path` (and `path`
    itself), or None. Writing through one would put an output outside the output folder."""
    try:
        parts = path.relative_to(out_dir).parts
    except ValueError:
        return None
    current = out_dir
    for part in parts:
        current = current / part
        if current.is_symlink():
            return current
    return None


def leaves_tree(path: Path, root: Path) -> bool:
    """True when `path` (found while walking `root`) is a link whose target lies outside
    `root`: such a file is not read unless asked. A broken link or a loop is not followed
    anywhere; it is read, and reported as unreadable, as before."""
    if not path.is_symlink():
        return False
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return False
    return not is_within(target, real_path(root))
