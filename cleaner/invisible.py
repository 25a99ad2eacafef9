"""Invisible and direction-changing characters: folded away for matching, counted, shown.

Why: scraped text carries zero-width spaces, soft hyphens and no-break spaces inside
phrases ("Adver\\u200btisement", "Share on\\xa0Facebook"), which kept rules from matching
while a reader sees the very phrase the rule names. Rules therefore search a *folded* copy
(zero-width characters and soft hyphens dropped, no-break spaces made plain spaces) and the
pipeline cuts the original span: offsets in removal records stay offsets into the real
text, so replay holds. Bidi controls can make a name read backwards
(`report_\\u202egpj.exe.txt` shows as `report_txt.exe.jpg`), so names on the review page
show them as `⟨U+202E⟩`, and the report counts every such character.
"""

from __future__ import annotations

import re

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u180e"
SOFT_HYPHEN = "\u00ad"
NO_BREAK_SPACES = "\u00a0\u2007\u202f"
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

_FOLD = str.maketrans({**{ch: None for ch in ZERO_WIDTH + SOFT_HYPHEN}, **{ch: " " for ch in NO_BREAK_SPACES}})
_FOLDABLE = re.compile(f"[{ZERO_WIDTH}{SOFT_HYPHEN}{NO_BREAK_SPACES}]")
_COUNTED = re.compile(f"[{ZERO_WIDTH}{SOFT_HYPHEN}{NO_BREAK_SPACES}{BIDI_CONTROLS}]")
_HIDDEN_IN_NAMES = re.compile(f"[{ZERO_WIDTH}{SOFT_HYPHEN}{NO_BREAK_SPACES}{BIDI_CONTROLS}\x00-\x1f\x7f-\x9f]")
_KINDS = {**{ch: "zero-width" for ch in ZERO_WIDTH}, SOFT_HYPHEN: "soft-hyphen",
          **{ch: "no-break-space" for ch in NO_BREAK_SPACES}, **{ch: "bidi-control" for ch in BIDI_CONTROLS}}

_last: list[str] = ["", ""]  # the last text and its folded form: rules are tried one line at a time


def fold(text: str) -> str:
    """`text` as rules see it; the same object when there is nothing to fold (the usual case)."""
    if _last[0] is text or _last[0] == text:
        return _last[1]
    folded = text.translate(_FOLD) if _FOLDABLE.search(text) else text
    _last[0], _last[1] = text, folded
    return folded


_last_offsets: list[object] = ["", []]


def original_offsets(text: str) -> list[int]:
    """For each position of `fold(text)` (and its end), the position in `text` it came from
    (kept for the last text: several rules may match the same line)."""
    if _last_offsets[0] is text:
        return _last_offsets[1]  # type: ignore[return-value]
    offsets = [i for i, ch in enumerate(text) if ch not in ZERO_WIDTH and ch != SOFT_HYPHEN]
    offsets.append(len(text))
    _last_offsets[0], _last_offsets[1] = text, offsets
    return offsets


def counts(text: str) -> dict[str, int]:
    """How many invisible or bidi characters of each kind `text` holds (kinds with none left out)."""
    found: dict[str, int] = {}
    for match in _COUNTED.finditer(text):
        kind = _KINDS[match.group()]
        found[kind] = found.get(kind, 0) + 1
    return found


def shown_name(name: str) -> str:
    """A file name with every invisible, bidi or control character written as `⟨U+XXXX⟩`."""
    return _HIDDEN_IN_NAMES.sub(lambda m: f"⟨U+{ord(m.group()):04X}⟩", name)


class MappedMatch:
    """A match found in the folded text, with positions given in the original text."""

    def __init__(self, match: object, offsets: list[int], text: str):
        self._match = match
        self._offsets = offsets
        self._text = text

    def _at(self, position: int) -> int:
        return -1 if position < 0 else self._offsets[position]

    def start(self, group: int | str = 0) -> int:
        return self._at(self._match.start(group))  # type: ignore[attr-defined]

    def end(self, group: int | str = 0) -> int:
        start = self._match.start(group)  # type: ignore[attr-defined]
        end = self._match.end(group)  # type: ignore[attr-defined]
        if end < 0:
            return -1
        # the end of the last folded character, not the start of what follows it
        return self._offsets[end - 1] + 1 if end > start else self._at(end)

    def span(self, group: int | str = 0) -> tuple[int, int]:
        return self.start(group), self.end(group)

    def group(self, group: int | str = 0) -> str | None:
        start, end = self.span(group)
        return None if start < 0 else self._text[start:end]

    def __bool__(self) -> bool:
        return True
