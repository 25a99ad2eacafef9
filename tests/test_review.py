"""The review page builder, without a browser: what the page is told must be what the run did.

The corpus is built here (a user's clone has no ../shared): articles with share buttons, an
advertisement marker, a doubled paragraph, a page that is only crawl chrome (empty output),
an empty file (fails), and a file whose name and text try to inject HTML.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from typer.testing import CliRunner

from cleaner.api import Cleaner, Config
from cleaner.batch import REPORT_SUFFIX, clean_tree
from cleaner.cli import app
from cleaner.review import DETAIL_DIR, PAGE_NAME, ReviewError, build_review, segments, to_script_json

ARTICLE = ("Council approves new budget for city parks\n\n"
           "The city council voted 7-2 on Tuesday to approve a budget that adds twelve new parks staff.\n\n"
           "The mayor said the plan would be paid for by savings elsewhere in the budget.\n")
DOUBLED = ("Heavy rain closes mountain pass for a second day\n\n"
           "Snow and heavy rain forced the closure of the main mountain pass on Wednesday, officials said.\n\n"
           "Drivers were told to use the coastal road, which adds about two hours to the journey.\n\n"
           "Snow and heavy rain forced the closure of the main mountain pass on Wednesday, officials said.\n")
ARCHIVE_ONLY = ("These crawls are part of an effort to archive pages as they are created and archive the pages "
                "that they refer to. That way, as the pages that are referenced are changed or taken from the web, "
                "a link to the version that was live when the page was written will be preserved.\n"
                'Crawls of supported "No More 404" sites.\n')
HOSTILE_NAME = "<img src=x onerror=alert(1)>.txt"
HOSTILE_TEXT = ("Scientists map 🙂 a deep-sea reef </script><script>window.pwned=1</script> off the coast\n\n"
                "The reef <!-- hides --> stretches for 40 kilometres\u2028and was found by sonar in March.\n\n"
                "Share this article\n\n"
                "Researchers said more surveys are planned for the spring.\n")


def write_corpus(folder: Path) -> Path:
    """A small input folder with the boilerplate a reviewer must see; returns the folder."""
    files = {
        "plain.txt": ARTICLE,
        "news/shared.txt": ARTICLE.replace("\n\nThe mayor", "\n\nShare this article\n\nThe mayor")
        + "\nAdvertisement\n",
        "news/doubled.txt": DOUBLED,
        "archive.txt": ARCHIVE_ONLY,
        "empty.txt": "",
        HOSTILE_NAME: HOSTILE_TEXT,
    }
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def page_data(out: Path) -> dict[str, Any]:
    html = (out / PAGE_NAME).read_text(encoding="utf-8")
    match = re.search(r'<script type="application/json" id="review-data">(.*?)</script>', html, re.S)
    assert match, "the page carries its data in a JSON script element"
    return json.loads(match.group(1))


def detail(out: Path, detail_id: int) -> dict[str, Any]:
    script = (out / DETAIL_DIR / f"{detail_id:06d}.js").read_text(encoding="utf-8")
    prefix = f"window.cleanerReview.load({detail_id},"
    assert script.startswith(prefix) and script.endswith(");\n")
    return json.loads(script[len(prefix) : -3])


def flatten(items: list[Any]) -> str:
    parts = []
    for item in items:
        if isinstance(item, str):
            parts.append(item)
        elif "q" in item:
            parts.append(item["t"])
        else:
            parts.append(flatten(item["p"]))
    return "".join(parts)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cleaned corpus with its review page, shared by the read-only tests below."""
    base = tmp_path_factory.mktemp("review")
    out = base / "out"
    clean_tree([write_corpus(base / "in")], out, Cleaner(Config()))
    build_review(out)
    return out


def reports(out: Path) -> dict[str, dict[str, Any]]:
    found = {}
    for path in sorted(out.rglob("*" + REPORT_SUFFIX)):
        report = json.loads(path.read_text(encoding="utf-8"))
        found[report["source"]] = report
    return found


def test_page_totals_match_summary_json(run: Path) -> None:
    summary = json.loads((run / "summary.json").read_text(encoding="utf-8"))
    data = page_data(run)
    totals = data["totals"]
    assert (totals["files"], totals["cleaned"], totals["failed"]) == (summary["files"], summary["cleaned"],
                                                                      summary["failed"])
    assert totals["removals"] == summary["removals"] > 0
    assert (totals["chars_in"], totals["chars_out"]) == (summary["chars_in"], summary["chars_out"])
    assert totals["flagged"] == len(summary["flagged"])
    assert {c["c"]: c["n"] for c in data["categories"]} == summary["removals_by_category"]
    assert {r["id"]: r["n"] for r in data["rules"]} == summary["removals_by_rule"]
    assert {r["id"]: r["files"] for r in data["rules"]} == summary["files_by_rule"]
    assert len(data["files"]) == summary["files"]
    assert data["warnings"] == []


def test_every_file_shows_its_whole_text_and_its_clean_text(run: Path) -> None:
    """Struck spans plus kept text give back the repaired text; the clean view is the written output."""
    data = page_data(run)
    by_name = reports(run)
    for entry in data["files"]:
        report = by_name[entry["n"]]
        shown = detail(run, entry["d"])
        if report["status"] != "ok":
            assert shown["error"] == report["error"]
            continue
        assert flatten(shown["segments"]) == report["text"]
        struck = [(item["r"], flatten(item["p"])) for item in shown["segments"]
                  if isinstance(item, dict) and "r" in item]
        assert [report["removals"][i]["text"] for i, _ in struck] == [text for _, text in struck]
        assert len(struck) == len(report["removals"])
        assert [(r["c"], r["r"], r["why"]) for r in shown["removals"]] == [
            (r["category"], r["rule"], r["reason"]) for r in report["removals"]]
        assert shown["clean"] == (run / unquote(entry["txt"])).read_text(encoding="utf-8")
        assert shown["replay_ok"] is True


def test_most_suspicious_files_come_first(run: Path) -> None:
    names = [entry["n"] for entry in page_data(run)["files"]]
    assert names[0] == "empty.txt"  # failed
    assert names[1] == "archive.txt"  # empty output
    assert names[-1] == "plain.txt"  # nothing removed
    entries = {e["n"]: e for e in page_data(run)["files"]}
    middle = [entries[n] for n in names[2:]]
    shares = [1 - e["o"] / e["i"] for e in middle if not e["f"]]
    assert shares == sorted(shares, reverse=True)


def test_rule_sections_count_files_and_link_to_examples(run: Path) -> None:
    data = page_data(run)
    rules_of = {e["d"]: {k for k, _ in e["r"]} for e in data["files"]}
    for rule in data["rules"]:
        touched = {d for d, ks in rules_of.items() if rule["k"] in ks}
        assert rule["files"] == len(touched)
        assert rule["ex"] and set(rule["ex"]) <= touched
        assert rule["s"], "each rule shows what it removed"


def test_untrusted_names_and_text_cannot_inject_markup(run: Path) -> None:
    html = (run / PAGE_NAME).read_text(encoding="utf-8")
    assert html.lower().count("</script") == 2  # the page's own two script elements, nothing from the data
    assert "<!--" not in html and "<img" not in html and "\u2028" not in html
    entries = [e for e in page_data(run)["files"] if e["n"] == HOSTILE_NAME]
    assert len(entries) == 1, "the name survives exactly, as data"
    script = (run / DETAIL_DIR / f"{entries[0]['d']:06d}.js").read_text(encoding="utf-8")
    assert "</script" not in script.lower() and "\u2028" not in script
    assert flatten(detail(run, entries[0]["d"])["segments"]) == reports(run)[HOSTILE_NAME]["text"]


def test_page_is_self_contained(run: Path) -> None:
    """Opens from disk with no network: no external URL, and a policy that forbids fetching one."""
    html = (run / PAGE_NAME).read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert "<link" not in html
    assert "default-src 'none'" in html
    assert len(list((run / DETAIL_DIR).glob("*.js"))) == page_data(run)["totals"]["files"]


def test_to_script_json_round_trips_hostile_strings() -> None:
    values = ["</script>", "<!--", "a\u2028b\u2029c", "&amp;", "\ud800 lone surrogate", "🙂", '"\\']
    for value in values:
        encoded = to_script_json({"v": value})
        assert "<" not in encoded and ">" not in encoded and "&" not in encoded
        assert json.loads(encoded) == {"v": value}


def test_segments_never_need_offsets_in_the_browser() -> None:
    """Astral characters count once in Python and twice in JavaScript: the builder cuts the text itself."""
    text = "A🙂B remove me\nkeep"
    start = text.index("remove")
    removals = [{"start": start, "end": start + len("remove me")}]
    repairs = [{"start": start + 7, "end": start + 9}, {"start": 1, "end": 1}]
    items = segments(text, removals, repairs)
    assert flatten(items) == text
    assert items[0] == "A" and items[1] == {"q": 1, "t": ""}  # a repair that deleted characters: a marker
    group = next(i for i in items if isinstance(i, dict) and "r" in i)
    assert group == {"r": 0, "p": ["remove ", {"q": 0, "t": "me"}]}
    assert items[-1] == "\nkeep"


def test_cli_writes_the_page_and_review_rebuilds_it_identically(tmp_path: Path) -> None:
    out = tmp_path / "out"
    runner = CliRunner()
    result = runner.invoke(app, ["clean", str(write_corpus(tmp_path / "in")), "-o", str(out), "-q"])
    assert result.exit_code == 1, result.output  # empty.txt fails; the page is still written
    first = (out / PAGE_NAME).read_bytes()
    scripts = {p.name: p.read_bytes() for p in (out / DETAIL_DIR).iterdir()}
    result = runner.invoke(app, ["review", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / PAGE_NAME).read_bytes() == first
    assert {p.name: p.read_bytes() for p in (out / DETAIL_DIR).iterdir()} == scripts


def test_no_review_option_writes_no_page(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["clean", str(write_corpus(tmp_path / "in")), "-o", str(out), "-q", "--no-review"])
    assert result.exit_code == 1
    assert (out / "summary.json").exists()
    assert not (out / PAGE_NAME).exists() and not (out / DETAIL_DIR).exists()


def test_rebuild_drops_stale_scripts_and_warns_about_leftover_reports(tmp_path: Path) -> None:
    out = tmp_path / "out"
    clean_tree([write_corpus(tmp_path / "in")], out, Cleaner(Config()))
    build_review(out)
    before = len(list((out / DETAIL_DIR).glob("*.js")))
    (out / "news" / "doubled.report.json").unlink()
    build_review(out)
    assert len(list((out / DETAIL_DIR).glob("*.js"))) == before - 1
    warnings = page_data(out)["warnings"]
    assert len(warnings) == 1 and "summary.json" in warnings[0]


def test_never_overwrites_a_page_it_did_not_write(tmp_path: Path) -> None:
    out = tmp_path / "out"
    clean_tree([write_corpus(tmp_path / "in")], out, Cleaner(Config()))
    (out / PAGE_NAME).write_text("<p>an input that was called review.html</p>", encoding="utf-8")
    with pytest.raises(ReviewError, match="not a review page"):
        build_review(out)
    assert "an input" in (out / PAGE_NAME).read_text(encoding="utf-8")


def test_review_of_a_folder_without_reports_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(ReviewError, match=r"no \.report\.json"):
        build_review(tmp_path)
    result = CliRunner().invoke(app, ["review", str(tmp_path)])
    assert result.exit_code == 2
    assert not (tmp_path / PAGE_NAME).exists()


def test_flags_and_counts_per_file_match_reports(run: Path) -> None:
    by_name = reports(run)
    data = page_data(run)
    rule_of = {r["k"]: r["id"] for r in data["rules"]}
    for entry in data["files"]:
        report = by_name[entry["n"]]
        if report["status"] != "ok":
            assert entry["e"] == report["error"]
            continue
        assert entry["f"] == report["flags"]
        assert {rule_of[k]: n for k, n in entry["r"]} == dict(Counter(r["rule"] for r in report["removals"]))


def test_a_broken_report_is_listed_as_failed_and_the_build_goes_on(tmp_path: Path) -> None:
    out = tmp_path / "out"
    clean_tree([write_corpus(tmp_path / "in")], out, Cleaner(Config()))
    report_path = out / "news" / "shared.report.json"
    report = json.loads(report_path.read_text(encoding="utf-8"))
    del report["removals"][0]["reason"]
    report_path.write_text(json.dumps(report), encoding="utf-8")
    (out / "news" / "doubled.report.json").write_text("{not json", encoding="utf-8")
    build_review(out)
    entries = {e["n"]: e for e in page_data(out)["files"]}
    assert "removals[].reason" in entries["news/shared.txt"]["e"]
    assert any("unreadable report" in e.get("e", "") for e in entries.values())
    assert page_data(out)["totals"]["failed"] == 3  # the two broken reports and the empty input


def test_clean_keeps_its_exit_status_when_the_page_name_is_taken(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / PAGE_NAME).write_text("someone else's page", encoding="utf-8")
    result = CliRunner().invoke(app, ["clean", str(source), "-o", str(out), "-q"])
    assert result.exit_code == 0
    assert "not a review page" in result.output
    assert (out / PAGE_NAME).read_text(encoding="utf-8") == "someone else's page"
