"""Build the review page of an output folder from its report files alone.

`OUT/review.html` is one static page that opens from disk (no server, no network). It
holds the run summary and a compact index of every file; the marked-up text of each file
lives in its own small script, `OUT/.review/000123.js`, which the page adds as a
`<script>` tag only when a person opens that file. So a run of 10,000 files gives a page of
a few megabytes instead of one giant DOM, and `fetch()` (blocked on `file://`) is never
needed. The folder starts with a dot because `cleaner clean` never mirrors dot names from
its input, so it cannot collide with an output file.

The build streams: one report is read, its detail script written, and only a small index
entry kept. Output is deterministic (no timestamps, sorted walks), so two review folders
can be compared with `diff -r`. Untrusted document text only ever reaches the page as
JSON data, escaped so that it cannot close a `<script>` element, and the page's script
puts it into the DOM with `textContent`, never as markup.
"""

from __future__ import annotations

import json
import os
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .batch import REPORT_SUFFIX, SUMMARY_NAME, Job, write_atomic
from .errors import CleanerError
from .invisible import shown_name
from .model import CATEGORIES
from .report import replay, sha256_text
from .words import plural

PAGE_NAME = "review.html"
DETAIL_DIR = ".review"
EXAMPLES_PER_RULE = 5
SNIPPETS_PER_RULE = 3
SNIPPET_CHARS = 140
#: Marks a page this module wrote, so a clean text that happens to be called review.html is never overwritten.
GENERATOR_MARK = '<meta name="generator" content="cleaner-review">'
_DETAIL_NAME = re.compile(r"^\d{6,}\.js$")


class ReviewError(CleanerError):
    """The review page cannot be built (no reports, or the page name is taken)."""


@dataclass(frozen=True)
class ReviewBuild:
    """What a build wrote, for the CLI's one-line message and for benchmarks."""

    page: Path
    files: int
    page_bytes: int
    detail_bytes: int


@dataclass
class _RuleTotals:
    category: str
    reason: str
    removals: int = 0
    files: int = 0
    examples: list[tuple[int, str, int]] = field(default_factory=list)  # (-count, name, detail id)
    snippets: list[str] = field(default_factory=list)


@dataclass
class _Totals:
    """Running totals over the reports: the page's summary, built without holding any text."""

    files: int = 0
    cleaned: int = 0
    failed: int = 0
    chars_in: int = 0
    chars_out: int = 0
    flagged: int = 0
    empty: int = 0
    replay_mismatches: int = 0
    by_category: Counter[str] = field(default_factory=Counter)
    files_by_category: Counter[str] = field(default_factory=Counter)
    repairs: Counter[str] = field(default_factory=Counter)
    rules: dict[tuple[str, str], _RuleTotals] = field(default_factory=dict)

    def add(self, report: dict[str, Any], name: str, detail_id: int) -> None:
        self.files += 1
        if report.get("status") != "ok":
            self.failed += 1
            return
        self.cleaned += 1
        self.chars_in += report["chars_in"]
        self.chars_out += report["chars_out"]
        self.flagged += bool(report["flags"])
        self.empty += report["chars_out"] == 0 and report["chars_in"] > 0
        self.repairs.update(r["kind"] for r in report["repairs"])
        categories = Counter(r["category"] for r in report["removals"])
        self.by_category.update(categories)
        self.files_by_category.update(categories.keys())
        per_rule: dict[tuple[str, str], int] = Counter((r["rule"], r["category"]) for r in report["removals"])
        for removal in report["removals"]:
            key = (removal["rule"], removal["category"])
            rule = self.rules.get(key)
            if rule is None:
                rule = self.rules[key] = _RuleTotals(removal["category"], removal["reason"])
            rule.removals += 1
            snippet = _snippet(removal["text"])
            if len(rule.snippets) < SNIPPETS_PER_RULE and snippet and snippet not in rule.snippets:
                rule.snippets.append(snippet)
        for key, n in per_rule.items():
            rule = self.rules[key]
            rule.files += 1
            rule.examples.append((-n, name, detail_id))
            if len(rule.examples) > 4 * EXAMPLES_PER_RULE:  # keep it small while streaming
                rule.examples = sorted(rule.examples)[:EXAMPLES_PER_RULE]


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET_CHARS else text[: SNIPPET_CHARS - 1] + "…"


def iter_reports(out_dir: Path) -> Iterator[Path]:
    """Every `*.report.json` under `out_dir` in a stable order; dot folders (ours) are skipped."""
    for root, dirs, files in os.walk(out_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.endswith(REPORT_SUFFIX) and not name.startswith("."):
                yield Path(root) / name


def share_removed(chars_in: int, chars_out: int) -> float:
    """The part of the text that did not reach the output (0 for an empty input)."""
    return max(0.0, min(1.0, 1 - chars_out / chars_in)) if chars_in else 0.0


def suspicion_key(entry: dict[str, Any]) -> tuple[Any, ...]:
    """Most suspicious first: failures, empty outputs, flagged files, then the largest share removed."""
    failed = "e" in entry
    empty = not failed and entry["o"] == 0 and entry["i"] > 0
    return (not failed, not empty, not entry["f"], -share_removed(entry["i"], entry["o"]), entry["n"])


def segments(text: str, removals: list[dict[str, Any]], repairs: list[dict[str, Any]]) -> list[Any]:
    """Cut `text` into what the page shows, so the browser never slices by offsets.

    Python offsets count code points and JavaScript's count UTF-16 units, so the page must
    not slice the text itself. Items are a plain string (kept), `{"r": i, "p": parts}` for
    removal `i` (parts: strings or repairs inside it) or `{"q": j, "t": text}` for repair `j`
    (`t` is empty for a repair that deleted characters: the page shows a marker there).
    """
    n = len(text)
    cuts: list[tuple[int, int, int]] = []  # (start, end, removal index), non-overlapping
    last = 0
    for i, r in sorted(enumerate(removals), key=lambda item: (item[1]["start"], item[1]["end"])):
        start, end = max(r["start"], last), min(r["end"], n)
        if start < end:
            cuts.append((start, end, i))
            last = end
    fixes: list[tuple[int, int, int]] = []
    last = 0
    for j, q in sorted(enumerate(repairs), key=lambda item: (item[1]["start"], item[1]["end"])):
        start, end = max(q["start"], last), min(q["end"], n)
        if start <= end and start <= n:
            fixes.append((start, end, j))
            last = end
    points = sorted({0, n} | {p for c in cuts for p in c[:2]} | {p for f in fixes for p in f[:2]})
    cut_starts = [c[0] for c in cuts]
    fix_starts = [f[0] for f in fixes]
    zero_width: dict[int, list[int]] = {}
    for start, end, j in fixes:
        if start == end:
            zero_width.setdefault(start, []).append(j)

    def covering(starts: list[int], spans: list[tuple[int, int, int]], pos: int) -> int | None:
        k = bisect_right(starts, pos) - 1
        while k >= 0 and spans[k][0] == spans[k][1]:  # skip zero-width repairs
            k -= 1
        return spans[k][2] if k >= 0 and spans[k][0] <= pos < spans[k][1] else None

    out: list[Any] = []
    group: dict[str, Any] | None = None
    for a, b in zip(points, [*points[1:], n + 1], strict=True):
        for j in zero_width.get(a, []):
            marker = {"q": j, "t": ""}
            inside = group is not None and covering(cut_starts, cuts, a) == group["r"]
            (group["p"] if inside and group is not None else out).append(marker)
        if a >= b or a >= n:
            continue
        piece = text[a:b]
        rm = covering(cut_starts, cuts, a)
        fix = covering(fix_starts, fixes, a)
        item: Any = piece if fix is None else {"q": fix, "t": piece}
        if rm is None:
            group = None
            if isinstance(item, str) and out and isinstance(out[-1], str):
                out[-1] += item
            else:
                out.append(item)
        else:
            if group is None or group["r"] != rm:
                group = {"r": rm, "p": []}
                out.append(group)
            group["p"].append(item)
    return out


def detail_payload(report: dict[str, Any], name: str, detail_id: int) -> dict[str, Any]:
    """Everything the page shows for one file: marked-up text, removals, repairs, clean text."""
    payload: dict[str, Any] = {"id": detail_id, "name": name, "status": report.get("status", "error"),
                               "input": report.get("input", {})}
    if shown_name(name) != name:
        payload["shown"] = shown_name(name)
    if payload["status"] != "ok":
        payload["error"] = report.get("error") or "failed"
        return payload
    text: str = report["text"]
    clean = replay(report)
    payload.update(
        chars_in=report["chars_in"], chars_out=report["chars_out"], flags=report["flags"],
        counts=report["counts"], layout=report.get("layout", {}), steps=report.get("steps", []),
        replay_ok=sha256_text(clean) == report.get("output_sha256"),
        removals=[{"c": r["category"], "r": r["rule"], "why": r["reason"], "line": r["line"], "stage": r["stage"]}
                  for r in report["removals"]],
        repairs=[{"kind": q["kind"], "before": q["before"], "after": q["after"], "count": q.get("count", 1),
                  "line": q["line"], "steps": q.get("steps", [])} for q in report["repairs"]],
        segments=segments(text, report["removals"], report["repairs"]),
        clean=clean,
    )
    return payload


def to_script_json(data: Any) -> str:
    """JSON that is safe inside an HTML `<script>` element and as a JavaScript expression.

    `<`, `>` and `&` are escaped so no text can close the element or open a comment, and
    U+2028/U+2029 so older JavaScript parsers accept it. A lone surrogate (which UTF-8
    cannot carry) falls back to ASCII escapes for that value.
    """
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    try:
        raw.encode("utf-8")
    except UnicodeEncodeError:
        raw = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        raw = raw.replace(char, escaped)
    return raw


def _href(relative: Path) -> str:
    return "/".join(quote(part, safe="") for part in relative.parts)


def _index_entry(report: dict[str, Any], report_path: Path, out_dir: Path, detail_id: int,
                 rule_ids: dict[tuple[str, str], int]) -> dict[str, Any]:
    """The compact line of the file list: name, sizes, rules (as indexes), flags, links."""
    relative = report_path.relative_to(out_dir)
    base = relative.name[: -len(REPORT_SUFFIX)]
    source = str(report.get("source") or relative.with_name(base))
    entry = _record_entry(report, source, detail_id, rule_ids)
    entry["rep"] = _href(relative)
    if shown_name(source) != source:  # invisible or bidi characters in the name: shown, not obeyed
        entry["v"] = shown_name(source)
    if report.get("status") != "ok":
        return entry
    if not Path(source).is_absolute():  # where `cleaner clean` put this file's outputs (batch.Job decides)
        text_path, report_at, diff_path = Job(Path(source), Path(source)).outputs(out_dir)
        if report_at == report_path:
            for key, path in (("txt", text_path), ("diff", diff_path)):
                if path.is_file():
                    entry[key] = _href(path.relative_to(out_dir))
    return entry


_REPORT_FIELDS = {"text": str, "chars_in": int, "chars_out": int, "flags": list, "counts": dict,
                  "removals": list, "repairs": list}
_REMOVAL_FIELDS = ("start", "end", "line", "stage", "rule", "category", "reason", "text")
_REPAIR_FIELDS = ("start", "end", "line", "kind", "before", "after")


def read_report(path: Path) -> dict[str, Any]:
    """One report, or an error report saying why it cannot be shown (the build never stops on one file)."""
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return {"status": "error", "error": f"unreadable report: {exc}"}
    if not isinstance(report, dict):
        return {"status": "error", "error": "unreadable report: not a JSON object"}
    if report.get("status") != "ok":
        return report
    problems = [k for k, kind in _REPORT_FIELDS.items() if not isinstance(report.get(k), kind)]
    if not problems:
        problems = sorted({f"removals[].{k}" for r in report["removals"] for k in _REMOVAL_FIELDS
                           if not isinstance(r, dict) or k not in r}
                          | {f"repairs[].{k}" for q in report["repairs"] for k in _REPAIR_FIELDS
                             if not isinstance(q, dict) or k not in q})
    if problems:
        return {"status": "error", "source": report.get("source"),
                "error": f"malformed report (missing or wrong: {', '.join(problems)})"}
    return report


def _same_content(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _load_summary(out_dir: Path) -> dict[str, Any] | None:
    path = out_dir / SUMMARY_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _asset(name: str) -> str:
    return resources.files("cleaner").joinpath("review_assets", name).read_text(encoding="utf-8")


def render_page(data: dict[str, Any]) -> str:
    """The page: the template with the stylesheet, the script and the data put in place."""
    page = _asset("template.html")
    parts = {"css": _asset("review.css"), "js": _asset("review.js"), "data": to_script_json(data)}
    return re.sub(r"/\*@(css|js|data)@\*/", lambda m: parts[m.group(1)], page)


class ReviewWriter:
    """Builds a review page while reports stream past: each report's detail script is written
    at once and only its small index entry kept. `build_review` feeds it an output folder's
    report files; a JSONL run feeds it each record's report as the record is cleaned."""

    def __init__(self, page_path: Path, detail_dir: Path) -> None:
        if page_path.exists() and GENERATOR_MARK not in page_path.read_text(encoding="utf-8",
                                                                              errors="replace")[:4096]:
            raise ReviewError(f"{page_path} exists and is not a review page (is an input called {page_path.name}?)")
        self.page_path, self.detail_dir = page_path, detail_dir
        self.totals = _Totals()
        self.rule_ids: dict[tuple[str, str], int] = {}
        self.index: list[dict[str, Any]] = []
        self.written: set[str] = set()
        self.detail_bytes = 0

    def add(self, report: dict[str, Any], entry: dict[str, Any] | None = None, name: str | None = None) -> None:
        """Add one report; `entry` is its index line when the caller made it, else one is made
        from `name` (a JSONL record: no files to link to)."""
        detail_id = len(self.index)
        if entry is None:
            entry = _record_entry(report, name or str(report.get("source")), detail_id, self.rule_ids)
        self.totals.add(report, entry["n"], detail_id)
        payload = detail_payload(report, entry["n"], detail_id)
        if payload.get("replay_ok") is False:
            self.totals.replay_mismatches += 1
            entry["f"] = [*entry["f"], "report does not replay to its recorded output"]
        script_name = f"{detail_id:06d}.js"
        script = f"window.cleanerReview.load({detail_id},{to_script_json(payload)});\n".encode()
        if not _same_content(self.detail_dir / script_name, script):  # a rebuild rewrites only what changed
            write_atomic(self.detail_dir / script_name, script)
        self.written.add(script_name)
        self.detail_bytes += len(script)
        self.index.append(entry)

    def finish(self, summary: dict[str, Any] | None, extra_warnings: Iterable[str] = (),
               unit: str = "files") -> ReviewBuild:
        """Write the page (and drop detail scripts of an earlier, larger build); `unit` is
        what the page calls its entries ("records" for a JSONL run)."""
        if self.detail_dir.is_dir():
            for stale in self.detail_dir.iterdir():
                if _DETAIL_NAME.match(stale.name) and stale.name not in self.written:
                    stale.unlink()
        self.index.sort(key=suspicion_key)
        data = _page_data(self.totals, self.rule_ids, self.index, summary, self.detail_dir.name)
        data["warnings"] = [*data["warnings"], *extra_warnings]
        if unit != "files":
            data["unit"] = unit
        page = render_page(data)
        write_atomic(self.page_path, page)
        return ReviewBuild(self.page_path, len(self.index), len(page.encode("utf-8")), self.detail_bytes)


def _record_entry(report: dict[str, Any], name: str, detail_id: int,
                  rule_ids: dict[tuple[str, str], int]) -> dict[str, Any]:
    """The index line of a report: what a JSONL record (no files of its own) has, and the start
    of a file's (`_index_entry` adds its links)."""
    entry: dict[str, Any] = {"n": name, "d": detail_id}
    if report.get("status") != "ok":
        entry.update(i=0, o=0, r=[], f=[], e=report.get("error") or "failed")
        return entry
    rules = Counter((r["rule"], r["category"]) for r in report["removals"])
    entry.update(i=report["chars_in"], o=report["chars_out"], f=list(report["flags"]),
                 r=[[rule_ids.setdefault(key, len(rule_ids)), n] for key, n in sorted(rules.items())])
    if report["repairs"]:
        entry["q"] = sum(q.get("count", 1) for q in report["repairs"])
    return entry


def build_review(out_dir: Path, reports: Iterable[Path] | None = None) -> ReviewBuild:
    """Write `out_dir/review.html` and its detail scripts from the reports under `out_dir`."""
    out_dir = Path(out_dir)
    writer = ReviewWriter(out_dir / PAGE_NAME, out_dir / DETAIL_DIR)
    for detail_id, report_path in enumerate(reports if reports is not None else iter_reports(out_dir)):
        report = read_report(report_path)
        writer.add(report, _index_entry(report, report_path, out_dir, detail_id, writer.rule_ids))
    if not writer.index:
        raise ReviewError(f"no {REPORT_SUFFIX} files under {out_dir}: run `cleaner clean IN -o {out_dir}` first")
    summary = _load_summary(out_dir)
    return writer.finish(summary, stale_warnings(summary))


def stale_warnings(summary: dict[str, Any] | None) -> list[str]:
    """The page's warning naming outputs whose inputs this run no longer saw (see `prune`)."""
    stale = (summary or {}).get("stale_outputs") or []
    if not stale:
        return []
    names = ", ".join(stale[:20]) + (f" and {len(stale) - 20} more" if len(stale) > 20 else "")
    return [f"{plural(len(stale), 'report')} left from an earlier run (their inputs were not in this run): {names}. "
            "Run again with --prune to remove them."]


def _page_data(totals: _Totals, rule_ids: dict[tuple[str, str], int], index: list[dict[str, Any]],
               summary: dict[str, Any] | None, detail_dir: str = DETAIL_DIR) -> dict[str, Any]:
    rules = []
    for (rule_id, category), number in sorted(rule_ids.items(), key=lambda item: item[1]):
        t = totals.rules[(rule_id, category)]
        rules.append({"id": rule_id, "c": category, "why": t.reason, "n": t.removals, "files": t.files,
                      "ex": [d for _, _, d in sorted(t.examples)[:EXAMPLES_PER_RULE]], "s": t.snippets,
                      "k": number})
    order = {c: i for i, c in enumerate(CATEGORIES)}
    categories = [{"c": c, "n": n, "files": totals.files_by_category[c]}
                  for c, n in sorted(totals.by_category.items(), key=lambda item: (-item[1], order.get(item[0], 99)))]
    warnings = []
    if summary is not None and summary.get("files") != totals.files and not summary.get("stale_outputs"):
        warnings.append(f"summary.json counts {summary.get('files')} files but the folder holds {totals.files} "
                        "reports: some are left from an earlier run. Clean into an empty folder to compare.")
    if totals.replay_mismatches:
        warnings.append(f"{plural(totals.replay_mismatches, 'report')} not replaying to the recorded output: "
                        "they were edited or come from another version.")
    return {
        "schema": 1,
        "totals": {"files": totals.files, "cleaned": totals.cleaned, "failed": totals.failed,
                   "removals": sum(totals.by_category.values()), "chars_in": totals.chars_in,
                   "chars_out": totals.chars_out, "flagged": totals.flagged, "empty": totals.empty,
                   "repairs": dict(sorted(totals.repairs.items()))},
        "categories": categories,
        "rules": sorted(rules, key=lambda r: (-r["n"], r["id"], r["c"])),
        "files": index,
        "detail_dir": detail_dir,
        "warnings": warnings,
    }
