"""A record's own edges: the blank lines and final newline a JSONL text had, kept as they were.

A file's output follows the layout rules (no blank edge lines, one final newline). A text
field inside a record is not a file: adding a "\\n" to every record, or trimming its leading
blank lines, changes data the user did not ask to change. So for records the rendered body
gets the source text's own edges back: what stood before its first non-blank line and after
its last one. Only removals change a record's text. The report says so (`layout.edges`), and
`report.replay` applies the same step, so a full report still replays byte for byte.
"""

from __future__ import annotations

EDGES_KEPT = "kept"


def text_edges(text: str) -> tuple[str, str]:
    """(lead, trail): `text` before the start of its first non-blank line, and from the end
    of its last non-blank line (the newline that ends it) on."""
    content_start = len(text) - len(text.lstrip())
    if content_start == len(text):
        return "", ""
    lead = text[: text.rfind("\n", 0, content_start) + 1]
    newline = text.find("\n", len(text.rstrip()))
    return lead, ("" if newline < 0 else text[newline:])


def keep_edges(text: str, rendered: str) -> str:
    """`rendered` (the layout rules' output for `text`) with `text`'s own edges instead of
    the file layout's; an empty output stays empty."""
    if not rendered:
        return ""
    lead, trail = text_edges(text)
    body = rendered[:-1] if rendered.endswith("\n") else rendered
    return lead + body + trail
