"""Repair encoding damage (mojibake, HTML entities, control characters) and say what changed.

ftfy runs with a conservative configuration: it may undo damage, never restyle correct text
(curly quotes, dashes, ligatures, full-width forms and Unicode normalisation stay as they
are). It runs line by line and only on lines that can hold damage at all (a cheap regex
pre-check), which keeps clean text fast and locates every repair precisely for the report.
"""

from __future__ import annotations

import re
from bisect import bisect_right

import regex
from ftfy import TextFixerConfig, fix_and_explain

from .model import Repair, Span

CONSERVATIVE = TextFixerConfig(
    unescape_html="auto",
    remove_terminal_escapes=True,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=True,
    remove_control_chars=True,
    normalization=None,
    explain=True,
)

# A line is only worth ftfy's time if it holds one of these. (Python's `re`: several times
# faster than `regex` here, and the pattern uses nothing `re` lacks.)
_SUSPECT = re.compile(
    r"[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    r"\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122 ]"  # UTF-8 read as cp1252
    r"|[\u0080-\u009f]"  # C1 controls
    r"|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});"  # HTML entities
    r"|[\x00-\x08\x0b\x0e-\x1f\x7f\ufeff\ufff9-\ufffb\ud800-\udfff]"  # controls, stray BOM, surrogates
)

# The first character of every `_SUSPECT` match. Scanning for these alone runs at C speed
# over clean text (a class, not an alternation); `_SUSPECT` is then tried only where one is.
_TRIGGER = re.compile(
    r"[\u00c2-\u00f4\u0080-\u009f&\x00-\x08\x0b\x0e-\x1f\x7f\ufeff\ufff9-\ufffb\ud800-\udfff]"
)

_LINE_BREAKS = regex.compile(r"\r\n?")

_MOJIBAKE_STEPS = {"decode_inconsistent_utf8", "restore_byte_a0", "replace_lossy_sequences", "fix_c1_controls"}


def _kind(steps: list[tuple[str, str]]) -> str:
    kinds = []
    for action, name in steps:
        if action in ("encode", "decode", "transcode") or name in _MOJIBAKE_STEPS:
            kind = "mojibake"
        elif name == "unescape_html":
            kind = "html-entity"
        elif name in ("remove_control_chars", "remove_terminal_escapes"):
            kind = "control-chars"
        else:
            kind = name.replace("_", "-")
        if kind not in kinds:
            kinds.append(kind)
    return "+".join(kinds) or "other"


def normalise_line_breaks(text: str) -> tuple[str, int]:
    """CRLF and lone CR become LF; returns the text and how many breaks changed."""
    count = 0

    def _swap(match: regex.Match[str]) -> str:
        nonlocal count
        count += 1
        return "\n"

    if "\r" not in text:
        return text, 0
    return _LINE_BREAKS.sub(_swap, text), count


def suspect_offsets(text: str) -> list[int]:
    """Start offsets of `_SUSPECT` matches, found by scanning for their first characters.

    No match crosses a newline, so the lines holding these offsets are exactly the lines on
    which `_SUSPECT.search` succeeds: the only lines ftfy has to look at.
    """
    match = _SUSPECT.match
    return [hit.start() for hit in _TRIGGER.finditer(text) if match(text, hit.start())]


def repair_text(text: str) -> tuple[str, list[Repair]]:
    """Return the repaired text and one `Repair` per changed region (offsets in the result).

    Only lines holding a suspect sequence are split out and given to ftfy; the rest of the
    text is copied as it is, so clean text costs one C-speed scan.
    """
    repairs: list[Repair] = []
    text, breaks = normalise_line_breaks(text)
    offsets = suspect_offsets(text)
    if offsets:
        lines = text.split("\n")
        starts = [0]
        for line in lines[:-1]:
            starts.append(starts[-1] + len(line) + 1)
        suspects = sorted({bisect_right(starts, offset) - 1 for offset in offsets})
        shift = 0  # how much longer the repaired text is than the original before this line
        for index in suspects:
            line = lines[index]
            explained = fix_and_explain(line, config=CONSERVATIVE)
            if explained.text != line and "\n" not in explained.text:
                fixed = explained.text
                repairs.append(_locate(line, fixed, index + 1, starts[index] + shift,
                                       list(explained.explanation or [])))
                lines[index] = fixed
                shift += len(fixed) - len(line)
        text = "\n".join(lines)
    if breaks:
        repairs.insert(0, _line_breaks(breaks))
    return text, repairs


def _line_breaks(count: int) -> Repair:
    return Repair("line-breaks", "\\r\\n", "\\n", 1, Span(0, 0), (("apply", "crlf_to_lf"),), count)


def _locate(before: str, after: str, line: int, line_start: int, steps: list[tuple[str, str]]) -> Repair:
    """Trim the common prefix and suffix so the repair names only what changed."""
    prefix = 0
    limit = min(len(before), len(after))
    while prefix < limit and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while (suffix < limit - prefix and before[len(before) - 1 - suffix] == after[len(after) - 1 - suffix]):
        suffix += 1
    changed_before = before[prefix : len(before) - suffix]
    changed_after = after[prefix : len(after) - suffix]
    start = line_start + prefix
    return Repair(_kind(steps), changed_before, changed_after, line,
                  Span(start, start + len(changed_after)), tuple(tuple(s) for s in steps))
