"""JSONL in, JSONL out: every other field kept, bad records reported by line and never lost."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner import clean_text
from cleaner.cli import app

BODY = ("The city council approved the new budget on Tuesday after a long debate about schools and roads.\n"
        "Officials said the plan would take effect next year, and residents will see changes in the spring.\n")


def article(n: int) -> str:
    return f"Share this article\nStory {n}. {BODY}Advertisement\nSign up for our newsletter\n"


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


@pytest.fixture
def mixed(tmp_path: Path) -> tuple[Path, list[str]]:
    lines = [
        json.dumps({"id": 1, "text": article(1), "meta": {"lang": "en", "tags": ["a", "b"]}, "score": 0.5}),
        json.dumps({"id": 2, "body": "no text field here"}),
        '{"id": 3, "text": "unterminated',
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": 5, "text": 42}),
        json.dumps({"id": 6, "text": article(6), "url": "https://example.org/6"}, ensure_ascii=False),
    ]
    return write_lines(tmp_path / "in.jsonl", lines), lines


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(app, ["clean", *args], input=input)


def read_jsonl(path: Path) -> list[str]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return handle.read().splitlines()


def test_records_keep_other_fields_and_get_clean_text_and_summary(mixed, tmp_path):
    source, lines = mixed
    out = tmp_path / "out.jsonl"
    result = run(str(source), "-o", str(out), "--jobs", "1", "-q")
    written = read_jsonl(out)
    assert len(written) == len(lines)  # pass-through is the default: nothing lost
    first = json.loads(written[0])
    assert first["text"] == clean_text(article(1)).text
    assert "Share this article" not in first["text"] and "Story 1." in first["text"]
    assert first["meta"] == {"lang": "en", "tags": ["a", "b"]} and first["score"] == 0.5 and first["id"] == 1
    assert list(first) == ["id", "text", "meta", "score", "cleaner"]  # field order kept, summary appended
    assert first["cleaner"]["status"] == "ok"
    assert first["cleaner"]["counts"] == {"social": 1, "newsletter": 1, "ads": 1}
    assert "removals" not in first["cleaner"]  # compact unless --full-report
    assert json.loads(written[5])["url"] == "https://example.org/6"
    assert result.exit_code == 1  # bad records make the run say so


def test_bad_records_are_passed_through_unchanged_and_named_by_line(mixed, tmp_path):
    source, lines = mixed
    out = tmp_path / "out.jsonl"
    result = run(str(source), "-o", str(out), "--jobs", "1")
    written = read_jsonl(out)
    for index in (1, 2, 3, 4):
        assert written[index] == lines[index]
    for line in (2, 3, 4, 5):
        assert f"in.jsonl:{line}:" in result.output
    assert "in.jsonl:1:" not in result.output and "in.jsonl:6:" not in result.output
    assert "field 'text' is missing" in result.output and "invalid JSON" in result.output


def test_skip_leaves_bad_records_out_but_still_reports_them(mixed, tmp_path):
    source, _ = mixed
    out = tmp_path / "out.jsonl"
    result = run(str(source), "-o", str(out), "--jobs", "1", "--on-bad-record", "skip")
    written = [json.loads(line) for line in read_jsonl(out)]
    assert [r["id"] for r in written] == [1, 6]
    assert result.exit_code == 1
    assert "in.jsonl:3:" in result.output and "skipped" in result.output


def test_full_report_replays_to_the_clean_text(tmp_path):
    from cleaner.report import replay

    source = write_lines(tmp_path / "in.jsonl", [json.dumps({"text": article(1)})])
    out = tmp_path / "out.jsonl"
    assert run(str(source), "-o", str(out), "--jobs", "1", "--full-report", "-q").exit_code == 0
    record = json.loads(read_jsonl(out)[0])
    assert replay(record["cleaner"]) == record["text"]
    assert {r["category"] for r in record["cleaner"]["removals"]} == {"social", "newsletter", "ads"}


def test_gzip_in_and_out_is_deterministic_and_custom_field(tmp_path):
    source = tmp_path / "in.jsonl.gz"
    with gzip.open(source, "wt", encoding="utf-8") as handle:
        for n in range(5):
            handle.write(json.dumps({"n": n, "content": article(n)}) + "\n")
    outs = []
    for name in ("a.jsonl.gz", "b.jsonl.gz"):
        out = tmp_path / name
        assert run(str(source), "-o", str(out), "--text-field", "content", "--jobs", "1", "-q").exit_code == 0
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    records = [json.loads(line) for line in read_jsonl(tmp_path / "a.jsonl.gz")]
    assert [r["n"] for r in records] == list(range(5))
    assert all(r["content"] == clean_text(article(r["n"])).text for r in records)


def test_stdin_to_stdout(tmp_path):
    data = json.dumps({"text": article(3), "k": "v"}) + "\n"
    result = run("-", "--format", "jsonl", "--jobs", "1", "-q", input=data)
    assert result.exit_code == 0
    record = json.loads(result.stdout.strip())
    assert record["k"] == "v" and record["text"] == clean_text(article(3)).text


@pytest.mark.parametrize("name", ["out.jsonl", "out.jsonl.gz"])
def test_interrupted_run_leaves_no_partial_output_and_resumes_byte_identical(tmp_path, name):
    from cleaner.api import Cleaner
    from cleaner.jsonl import clean_jsonl

    source = write_lines(tmp_path / "in.jsonl", [json.dumps({"text": article(n)}) for n in range(4)])
    whole = tmp_path / "whole" / name
    clean_jsonl(source, whole, Cleaner())
    out = tmp_path / name
    seen = []

    def interrupt(item):
        seen.append(item.line)
        if len(seen) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        clean_jsonl(source, out, Cleaner(), on_record=interrupt)
    assert seen == [1, 2]
    assert not out.exists() and not list(tmp_path.glob(f".{name}.*.tmp"))  # no half-written output
    seen.clear()
    summary = clean_jsonl(source, out, Cleaner(), on_record=lambda item: seen.append(item.line))
    assert seen == [3, 4]  # the first two records were not cleaned again
    assert summary.records == 4 and summary.written == 4 and summary.resumed == 2
    assert out.read_bytes() == whole.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["in.jsonl", "whole", name])


def test_html_field_is_extracted_into_the_text_field(tmp_path):
    page = ("<html><head><title>T</title></head><body><nav>Home | World | Sport</nav><article>"
            "<h1>Budget passes</h1><p>" + BODY.replace("\n", "</p><p>")
            + "Share this article</p></article></body></html>")
    source = write_lines(tmp_path / "in.jsonl", [json.dumps({"id": 1, "html": page})])
    out = tmp_path / "out.jsonl"
    assert run(str(source), "-o", str(out), "--html-field", "html", "--jobs", "1", "-q").exit_code == 0
    record = json.loads(read_jsonl(out)[0])
    assert record["html"] == page  # the source field is kept
    assert record["text"] == BODY and record["cleaner"]["status"] == "ok"
