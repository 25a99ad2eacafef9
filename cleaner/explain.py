"""The terminal view of one report: the document with every removal struck through,
coloured by category and labelled with its rule and reason, and every repair marked.

Every string taken from the report is passed through `termsafe.visible` first: a report is
data from a scraped page, and an escape sequence in it must be shown, not obeyed."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.text import Text

from .termsafe import visible

CATEGORY_STYLES: dict[str, str] = {
    "donation": "magenta", "comments": "cyan", "related": "blue", "navigation": "yellow",
    "social": "bright_cyan", "newsletter": "bright_magenta", "byline": "green", "legal": "bright_black",
    "ads": "red", "media": "bright_blue", "archive": "bright_red", "duplicate": "bright_yellow",
    "other": "white",
}


def explain_text(report: dict[str, Any]) -> Text:
    """A rich `Text` of the repaired document with removals and repairs marked up."""
    text: str = report["text"]
    out = Text()

    def shown(part: str) -> str:
        return visible(part, keep="\n\t")

    marks = sorted(
        [(r["start"], r["end"], "removal", r) for r in report["removals"]]
        + [(r["start"], r["end"], "repair", r) for r in report["repairs"] if r["end"] > r["start"]],
        key=lambda m: (m[0], m[1]),
    )
    pos = 0
    for start, end, kind, entry in marks:
        if start < pos:
            continue
        out.append(shown(text[pos:start]))
        if kind == "removal":
            style = CATEGORY_STYLES.get(entry["category"], "white")
            out.append(shown(text[start:end]), style=f"strike {style}")
            label = f" [{entry['category']} · {entry['rule']}: {entry['reason']}]"
            out.append(visible(label), style=f"dim {style}")
        else:
            out.append(shown(text[start:end]), style="underline green")
            out.append(visible(f" [repaired {entry['kind']}: {entry['before']!r}]"), style="dim green")
        pos = end
    out.append(shown(text[pos:]))
    return out


def explain_plain(report: dict[str, Any]) -> str:
    """The document with removals marked in plain characters, for a pipe, a file or `less`:
    `[-removed text-]{category · rule: reason}` as `git diff --word-diff` marks deletions, and a repair as
    `{+repaired text+}{repaired KIND}`. Without colour, strike-through is invisible, so the
    boundaries must be in the characters themselves."""
    text: str = report["text"]
    marks = sorted(
        [(r["start"], r["end"], "removal", r) for r in report["removals"]]
        + [(r["start"], r["end"], "repair", r) for r in report["repairs"] if r["end"] > r["start"]],
        key=lambda m: (m[0], m[1]),
    )
    out, pos = [], 0
    for start, end, kind, entry in marks:
        if start < pos:
            continue
        out.append(text[pos:start])
        if kind == "removal":
            out.append(f"[-{text[start:end]}-]{{{entry['category']} · {entry['rule']}: {entry['reason']}}}")
        else:
            out.append(f"{{+{text[start:end]}+}}{{repaired {entry['kind']}}}")
        pos = end
    out.append(text[pos:])
    return "".join(out)


def print_explanation(report: dict[str, Any], console: Console) -> None:
    counts = ", ".join(f"{c} {n}" for c, n in report["counts"].items()) or "nothing removed"
    if console.color_system is None:  # a pipe, a file, `less`, NO_COLOR: mark boundaries in characters
        console.file.write(visible(f"== {report['source']}  ({counts})") + "\n")
        console.file.write(visible(explain_plain(report), keep="\n\t"))
        for flag in report["flags"]:
            console.file.write(visible(f"flag: {flag}") + "\n")
        console.file.flush()
        return
    console.rule(Text(visible(f"{report['source']}  ({counts})")))  # Text: no markup parsed
    console.print(explain_text(report), soft_wrap=True, highlight=False, markup=False)
    for flag in report["flags"]:
        console.print(visible(f"flag: {flag}"), style="bold red", markup=False, highlight=False)
