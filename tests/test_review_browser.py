"""The review page end to end, opened from disk in headless Chromium (Debian's `chromium`).

Skipped when Chromium or Playwright is missing, except under CI=true, where a missing tool
fails: the browser test must run in CI. Playwright only drives the system browser
(`executable_path`); it never downloads one.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLE_INPUT
from test_review import HOSTILE_NAME, HOSTILE_TEXT, write_corpus

from cleaner.api import Cleaner, Config
from cleaner.batch import REPORT_SUFFIX, clean_tree
from cleaner.review import PAGE_NAME, build_review

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
IN_CI = os.environ.get("CI", "").lower() == "true"
#: The link of the first listed file that has removals (the most suspicious may have failed).
WITH_REMOVALS = "#files tbody tr:has(.dots [data-cat]) a"


def chromium_path() -> str | None:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    return found or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)


def missing(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: the browser test must run; .ci/run installs it)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples, a hostile file, and enough small files for a second page of the list."""
    base = tmp_path_factory.mktemp("browser")
    source = base / "in"
    if SAMPLE_INPUT.is_dir():
        shutil.copytree(SAMPLE_INPUT, source)
        (source / HOSTILE_NAME).write_text(HOSTILE_TEXT, encoding="utf-8")
    else:  # a clone without samples still gets a run with every kind of file
        write_corpus(source)
    for i in range(60):
        extra = "Advertisement\n\n" if i % 3 == 0 else ""
        (source / "bulk").mkdir(exist_ok=True)
        (source / "bulk" / f"note{i:03d}.txt").write_text(
            f"Market report number {i} for the week\n\n{extra}Prices of grain rose by {i} cents on Monday, "
            "traders said, after a dry month in the main growing regions.\n", encoding="utf-8")
    out = base / "out"
    clean_tree([source], out, Cleaner(Config()))
    build_review(out)
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = chromium_path()
    if executable is None:
        missing("chromium is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_FLAGS)
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture(scope="module")
def tab(browser: Any) -> Iterator[tuple[Any, list[str]]]:
    """One browser tab for the module (a fresh load per test), and the problems it reports."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    opened = context.new_page()
    problems: list[str] = []
    opened.on("pageerror", lambda exc: problems.append(f"script error: {exc}"))
    opened.on("dialog", lambda dialog: (problems.append(f"dialog opened: {dialog.message}"), dialog.dismiss()))
    opened.on("request", lambda req: None if req.url.startswith(("file://", "about:"))
              else problems.append(f"network: {req.url}"))
    yield opened, problems
    context.close()


@pytest.fixture
def page(tab: tuple[Any, list[str]], run: Path) -> Iterator[Any]:
    opened, problems = tab
    problems.clear()
    opened.goto("about:blank")
    opened.goto((run / PAGE_NAME).as_uri())
    opened.wait_for_selector("html[data-ready=true]", timeout=10_000)
    yield opened
    assert opened.evaluate("typeof window.pwned") == "undefined", "document text ran as script"
    assert problems == []


def number(text: str) -> int:
    return int(text.replace(",", "").strip())


def test_counts_shown_match_summary_json(page: Any, run: Path) -> None:
    summary = json.loads((run / "summary.json").read_text(encoding="utf-8"))
    assert number(page.inner_text("#t-files")) == summary["files"]
    assert number(page.inner_text("#t-removals")) == summary["removals"]
    assert number(page.inner_text("#t-flagged")) == len(summary["flagged"])
    assert number(page.inner_text("#t-failed")) == summary["failed"]
    kept = page.inner_text("#t-kept")
    assert kept == f"{summary['chars_out'] / summary['chars_in']:.0%}"
    shown = page.eval_on_selector_all("#cat-table tbody tr",
                                      "rows => rows.map(r => [r.dataset.cat, r.cells[1].innerText])")
    assert {cat: number(n) for cat, n in shown} == summary["removals_by_category"]
    rules = page.eval_on_selector_all(
        "#rule-table tbody tr", "rows => rows.map(r => [r.dataset.rule, r.cells[1].innerText, r.cells[2].innerText])")
    assert {rule: number(n) for rule, n, _ in rules} == summary["removals_by_rule"]
    assert {rule: number(f) for rule, _, f in rules} == summary["files_by_rule"]
    assert number(page.get_attribute("#shown", "data-count")) == summary["files"]


def test_filtering_by_a_category_hides_the_others(page: Any, run: Path) -> None:
    by_category: dict[str, set[str]] = {}
    for path in run.rglob("*" + REPORT_SUFFIX):
        report = json.loads(path.read_text(encoding="utf-8"))
        for category in report.get("counts", {}):
            by_category.setdefault(category, set()).add(report["source"])
    category = min(by_category, key=lambda c: (len(by_category[c]), c))
    page.select_option("#f-cat", category)
    assert number(page.get_attribute("#shown", "data-count")) == len(by_category[category])
    rows = page.eval_on_selector_all(
        "#files tbody tr", "rows => rows.map(r => [r.cells[1].querySelector('a').textContent, "
        "[...r.querySelectorAll('.dots [data-cat]')].map(s => s.dataset.cat)])")
    assert {name for name, _ in rows} == by_category[category]
    assert all(category in cats for _, cats in rows)
    visible_rule_cats = page.eval_on_selector_all("#rule-table tbody tr:not([hidden])",
                                                  "rows => rows.map(r => r.dataset.cat)")
    assert visible_rule_cats and set(visible_rule_cats) == {category}
    page.click("#files tbody tr a")
    page.wait_for_selector("#doc del.rm")
    states = page.eval_on_selector_all("#doc del.rm",
                                       "ds => ds.map(d => [d.dataset.cat, d.classList.contains('faded')])")
    assert any(cat == category for cat, _ in states)
    assert all(faded == (cat != category) for cat, faded in states)


def test_a_removed_span_shows_its_rule_on_hover_and_focus(page: Any, run: Path, tmp_path: Path) -> None:
    page.click(WITH_REMOVALS)
    span = page.locator("#doc del.rm").first
    span.wait_for()
    rule = span.get_attribute("data-rule")
    page.mouse.move(0, 0)
    assert page.is_hidden("#tip")
    span.hover()
    page.wait_for_selector("#tip", state="visible")
    assert page.inner_text("#tip .tip-rule") == rule
    assert page.inner_text("#tip .tip-why")
    page.mouse.move(0, 0)
    page.wait_for_selector("#tip", state="hidden")
    page.locator("#doc del.rm").nth(0).focus()  # keyboard users get the same label
    page.wait_for_selector("#tip", state="visible")
    assert page.inner_text("#tip .tip-rule") == rule
    assert page.locator("#doc del.rm").first.get_attribute("aria-describedby") == "tip"
    page.screenshot(path=str(tmp_path / "review.png"))
    assert (tmp_path / "review.png").stat().st_size > 10_000


def test_clean_text_is_one_click_away(page: Any, run: Path) -> None:
    page.click(WITH_REMOVALS)
    page.wait_for_selector("#doc")
    name = page.inner_text(".dhead h2")
    reports = [json.loads(p.read_text(encoding="utf-8")) for p in run.rglob("*" + REPORT_SUFFIX)]
    report = next(r for r in reports if r["source"] == name)
    page.click("#view-clean")
    assert page.is_hidden("#doc")
    from cleaner.report import replay

    assert page.locator("#clean").text_content() == replay(report)


def test_paging_search_and_hostile_file(page: Any, run: Path) -> None:
    total = number(page.get_attribute("#shown", "data-count"))
    assert total > 50 and page.locator("#files tbody tr").count() == 50
    page.click("#next")
    assert page.locator("#files tbody tr").count() == total - 50
    assert page.inner_text("#pageinfo") == "page 2 of 2"
    page.fill("#q", "onerror")
    page.wait_for_selector('#shown[data-count="1"]')
    link = page.locator("#files tbody tr a").first
    assert link.text_content() == HOSTILE_NAME
    link.click()
    page.wait_for_selector("#doc")
    assert "</script><script>window.pwned=1</script>" in page.locator("#doc").text_content()


@pytest.fixture(scope="module")
def jsonl_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A JSONL run with an id field, a bad line and a record without a final newline."""
    from typer.testing import CliRunner

    from cleaner.cli import app

    base = tmp_path_factory.mktemp("jsonl-browser")
    lines = [json.dumps({"id": f"doc-{i}", "text": f"Share this article\nStory {i}: the harbour reopened on "
                                                   "Saturday after repairs to its sea wall.\nAdvertisement\n"
                                                   "Fishermen were the first to return on Sunday."})
             for i in range(3)]
    lines.insert(1, "{not json")
    (base / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["clean", str(base / "in.jsonl"), "-o", str(base / "clean.jsonl"), "-j", "1"])
    assert result.exit_code == 1, result.output  # the bad line
    return base


def test_the_review_page_of_a_jsonl_run_lists_records_by_line_and_id(tab: tuple[Any, list[str]],
                                                                      jsonl_run: Path) -> None:
    opened, problems = tab
    problems.clear()
    opened.goto("about:blank")
    opened.goto((jsonl_run / "clean.review.html").as_uri())
    opened.wait_for_selector("html[data-ready=true]", timeout=10_000)
    names = opened.eval_on_selector_all("#files tbody tr a", "links => links.map(a => a.textContent)")
    assert sorted(names) == ["line 1 (id doc-0)", "line 2", "line 3 (id doc-1)", "line 4 (id doc-2)"]
    summary = json.loads((jsonl_run / "clean.summary.json").read_text(encoding="utf-8"))
    assert number(opened.inner_text("#t-removals")) == summary["removals"] == 6
    assert opened.inner_text("#shown") == "4 records"
    opened.click("#files tbody tr a >> text='line 3 (id doc-1)'")
    opened.wait_for_selector("#doc del.rm")
    assert opened.inner_text(".dhead h2") == "line 3 (id doc-1)"
    rules = opened.eval_on_selector_all("#doc del.rm", "ds => ds.map(d => d.dataset.rule)")
    assert rules == ["social.share-buttons", "ads.marker"]
    opened.click("#view-clean")
    records = [json.loads(line) for line in (jsonl_run / "clean.jsonl").read_text(encoding="utf-8").splitlines()
               if line.startswith("{\"id\"")]
    assert opened.locator("#clean").text_content() == records[1]["text"]  # the record's own text, no added newline
    assert not records[1]["text"].endswith("\n")
    assert problems == []
