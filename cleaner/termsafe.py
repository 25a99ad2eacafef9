"""Text bound for a terminal, with control characters shown escaped.

Why: report fields, rule reasons and file names come from documents and folders the user
does not control. Printed raw, an escape sequence in them can retitle the window, clear the
screen or rewrite what was printed before; a bidi override can make a name read backwards.
Everything that reaches a terminal goes through `visible` first.
"""

from __future__ import annotations

import re

#: C0 and C1 controls, DEL, and the bidi controls and invisible formatting characters that
#: change how a line reads (overrides, isolates, marks, zero-width characters).
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: object, keep: str = "") -> str:
    """`str(text)` with every unsafe character written as an escape (`\\x1b`, `\\u202e`);
    characters in `keep` (e.g. "\\n\\t" for a document shown line by line) stay as they are."""
    value = str(text)
    if not _UNSAFE.search(value):
        return value
    if not keep:
        return _UNSAFE.sub(_escape, value)
    return _UNSAFE.sub(lambda m: m.group() if m.group() in keep else _escape(m), value)
