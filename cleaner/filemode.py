"""Output files get the mode the user's umask gives, like any file they write.

Why: `tempfile.mkstemp` creates files with mode 0600 whatever the umask, so every output
made via a temporary file and a rename came out private to the user, which breaks shared
corpus folders. `apply_umask` sets the mode `open()` would have given.
"""

from __future__ import annotations

import os
import threading

_LOCK = threading.Lock()


def current_umask() -> int:
    """The process umask (read by setting and restoring it; guarded against other threads)."""
    with _LOCK:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def apply_umask(fd: int) -> None:
    """Give the open file `fd` mode 0666 minus the umask, as a newly created file has."""
    os.fchmod(fd, 0o666 & ~current_umask())
