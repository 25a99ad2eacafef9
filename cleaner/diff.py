"""A unified diff of one document, derived from the report (never from a second text diff).

Each line's fate is known from the removal records (`render.line_fates`), so the diff is
exact, linear in the document, and every hunk header names the rules behind it.
"""

from __future__ import annotations

from typing import Any

from .model import Span
from .render import line_fates

CONTEXT = 3


def unified_diff(report: dict[str, Any], name: str = "text") -> str:
    """`report`'s repaired text against its output, as a unified diff (empty if unchanged)."""
    text: str = report["text"]
    lines = text.split("\n")
    removals = report["removals"]
    fates, _ = line_fates(text, [Span(r["start"], r["end"]) for r in removals])
    rules_by_line: dict[int, list[str]] = {}
    for r in removals:
        rules_by_line.setdefault(r["line"], []).append(f"{r['category']}:{r['rule']}")
    changed = [i for i, fate in enumerate(fates) if fate != lines[i]]
    if not changed:
        return ""
    # New line numbers: position of each kept line in the output.
    new_number = []
    count = 0
    for fate in fates:
        if fate is not None:
            count += 1
        new_number.append(count)
    out = [f"--- a/{name}", f"+++ b/{name}"]
    groups: list[list[int]] = [[changed[0]]]
    for i in changed[1:]:
        if i - groups[-1][-1] <= 2 * CONTEXT:
            groups[-1].append(i)
        else:
            groups.append([i])
    for group in groups:
        lo = max(0, group[0] - CONTEXT)
        hi = min(len(lines), group[-1] + CONTEXT + 1)
        body: list[str] = []
        old_len = new_len = 0
        labels: list[str] = []
        for i in range(lo, hi):
            fate = fates[i]
            if fate == lines[i]:
                body.append(" " + lines[i])
                old_len += 1
                new_len += 1
                continue
            body.append("-" + lines[i])
            old_len += 1
            if fate is not None:
                body.append("+" + fate)
                new_len += 1
            for label in rules_by_line.get(i + 1, []):
                if label not in labels:
                    labels.append(label)
        old_start = lo + 1 if old_len else lo
        first_new = next((new_number[i] for i in range(lo, hi) if fates[i] is not None), None)
        new_start = first_new if first_new is not None else (new_number[lo - 1] if lo else 0)
        header = f"@@ -{old_start},{old_len} +{new_start},{new_len} @@"
        if labels:
            header += " " + ", ".join(labels[:6]) + (" ..." if len(labels) > 6 else "")
        out.append(header)
        out.extend(body)
    return "\n".join(out) + "\n"
