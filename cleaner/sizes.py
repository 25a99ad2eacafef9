"""Byte sizes as people write them ("256 MB", "1.5G", "268435456") and as help shows them.

Units are binary (1 MB = 1024 * 1024 bytes, as `ls -h` and `du -h` count), so the default
"256 MB" is the same limit the library's `DEFAULT_MAX_BYTES` has always been.
"""

from __future__ import annotations

import re

_UNITS = {"": 1, "b": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*$", re.IGNORECASE)


def parse_size(text: str | int) -> int:
    """Bytes in `text`; ValueError with a one-line message when it is not a size."""
    if isinstance(text, int):
        return text
    match = _SIZE.match(str(text))
    if not match:
        raise ValueError(f"not a size: {text!r} (use bytes or a unit: 500 KB, 256 MB, 2 GB)")
    return int(float(match.group(1)) * _UNITS[match.group(2).lower()])


def format_size(n: int) -> str:
    """`n` bytes in the largest unit that divides it exactly ("256 MB"), else in bytes."""
    for unit in ("TB", "GB", "MB", "KB"):
        factor = _UNITS[unit[0].lower()]
        if n >= factor and n % factor == 0:
            return f"{n // factor} {unit}"
    return f"{n} bytes"
