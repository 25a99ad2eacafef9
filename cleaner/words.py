"""Counted words in messages: "1 file", "2 files", never "1 files" or "file(s)"."""

from __future__ import annotations


def plural(n: int, word: str, many: str | None = None) -> str:
    """`n` and `word`, in the plural only when `n` is not 1 (thousands separated)."""
    return f"{n:,} {word if n == 1 else (many or word + 's')}"
