"""A JSONL run is reported as well as a folder: summary and review page beside the output,
honest counts on stderr, each record's text edges kept, and HTML metadata in the compact field."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import require_engine
from typer.testing import CliRunner

from cleaner import clean_example, clean_records
from cleaner.api import Cleaner, Config
from cleaner.cli import app
from cleaner.jsonl import JsonlOptions, clean_record
from cleaner.report import replay

runner = CliRunner()
BODY = "The harbour reopened on Saturday after three months of repairs to its sea wall.\n"
JUNK = "Share this article\nAdvertisement\nSign up for our newsletter\nFollow us on Twitter\n"


def write(path: Path, records: list[object]) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records), encoding="utf-8")
    return path


def page_data(page: Path) -> dict:
    raw = re.search(r'<script type="application/json" id="review-data">(.*?)</script>', page.read_text(), re.S)
    assert raw is not None
    return json.loads(raw.group(1))


def test_a_jsonl_run_writes_summary_and_review_page_beside_its_output(tmp_path: Path) -> None:
    source = write(tmp_path / "in.jsonl", [{"id": "a1", "text": "Share this article\n" + BODY}, "not json",
                                           {"text": BODY}])
    out = tmp_path / "o" / "clean.jsonl"
    result = runner.invoke(app, ["clean", str(source), "-o", str(out), "-j", "1"])
    assert result.exit_code == 1  # the bad line
    summary = json.loads((tmp_path / "o" / "clean.summary.json").read_text(encoding="utf-8"))
    assert summary["records"] == 3 and summary["problems"] == 1 and summary["removals"] == 1
    assert summary["problem_lines"] == [{"line": 2, "problem": "invalid JSON (Expecting value at column 1)"}]
    page = tmp_path / "o" / "clean.review.html"
    data = page_data(page)
    assert sorted(f["n"] for f in data["files"]) == ["line 1 (id a1)", "line 2", "line 3"]
    assert data["detail_dir"] == ".clean.review" and len(list((tmp_path / "o" / ".clean.review").glob("*.js"))) == 3
    assert "review page:" in result.output and "3 records" in result.output
    none = runner.invoke(app, ["clean", str(source), "-o", str(tmp_path / "p.jsonl"), "--no-review"])
    assert none.exit_code == 1 and not (tmp_path / "p.review.html").exists() and (tmp_path / "p.summary.json").exists()


def test_stderr_counts_records_read_and_lists_every_flagged_record_count(tmp_path: Path) -> None:
    records: list[object] = [{"text": JUNK + "A short story about the bridge.\n"} for _ in range(25)]
    source = write(tmp_path / "in.jsonl", [*records, "{broken"])
    result = runner.invoke(app, ["clean", str(source), "-o", str(tmp_path / "out.jsonl"), "--no-review"])
    assert "25/26 records cleaned" in result.output
    assert "25 records flagged for review:" in result.output and "and 5 more" in result.output
    assert "files" not in result.output and "file(s)" not in result.output
    one = write(tmp_path / "one.jsonl", [{"text": BODY}])
    result = runner.invoke(app, ["clean", str(one), "-o", str(tmp_path / "one-out.jsonl"), "--no-review"])
    assert "1/1 record cleaned" in result.output and "1 record read" in result.output


def test_a_record_keeps_its_own_edges(tmp_path: Path) -> None:
    texts = ["No newline at the end, and nothing to take.", "\n\nLeading blank lines stay.\n\n\n",
             "Share this article\nThe story, without a final newline.", "  Indented first line.\nShare this article\n"]
    source = write(tmp_path / "in.jsonl", [{"text": t} for t in texts])
    result = runner.invoke(app, ["clean", str(source), "-o", str(tmp_path / "out.jsonl"), "--full-report",
                                 "--no-review"])
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["text"] for r in out] == [texts[0], texts[1], "The story, without a final newline.",
                                        "  Indented first line.\n"]
    for record in out:  # the full report still replays to exactly the record's text
        assert replay(record["cleaner"]) == record["text"]
    assert [r["text"] for r in clean_records([{"text": t} for t in texts])] == [r["text"] for r in out]


def test_the_compact_field_carries_html_metadata() -> None:
    page = ("<html><head><title>Harbour reopens</title><meta name='author' content='Ann Smith'>"
            "<meta property='article:published_time' content='2024-05-04'></head><body><article><h1>Harbour "
            "reopens</h1><p>The harbour reopened on Saturday after three months of repairs to its sea wall, "
            "officials said.</p><p>Fishermen were the first to return, and the fish market opened again at dawn "
            "on Sunday.</p></article></body></html>")
    out, problem, _ = clean_record(Cleaner(Config()), {"html": page}, JsonlOptions(html_field="html"), "<t>")
    assert problem is None and out is not None
    assert out["cleaner"]["metadata"]["title"] == "Harbour reopens"
    assert out["cleaner"]["metadata"]["date"] == "2024-05-04"


def test_clean_example_works_batched_as_datasets_map_batched_true_calls_it() -> None:
    batch = {"text": ["Share this article\n" + BODY, BODY, None], "id": [1, 2, 3]}
    out = clean_example(batch)
    assert out["text"] == [BODY, BODY, None]
    assert [json.loads(r)["status"] for r in out["cleaner"]] == ["ok", "ok", "error"]
    assert all(isinstance(r, str) for r in out["cleaner"])


def test_clean_example_with_datasets_map_batched() -> None:
    datasets = require_engine("datasets")  # the test extra installs it: in CI a missing one fails
    ds = datasets.Dataset.from_dict({"text": ["Share this article\n" + BODY, BODY]}).map(clean_example, batched=True)
    assert ds["text"] == [BODY, BODY]
