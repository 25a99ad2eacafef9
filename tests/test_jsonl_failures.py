"""JSONL runs account for every record and survive interruption (issue 14, cases 2, 5)."""

from __future__ import annotations

import json
import signal
import time
from pathlib import Path

from test_output_failures import launch
from typer.testing import CliRunner

from cleaner.cli import app

runner = CliRunner()
ARTICLE = "The harbour reopened on Saturday after three months of repairs to its sea wall.\n"
DEEP = "[" * 100_000 + "]" * 100_000


def records(n: int) -> list[str]:
    return [json.dumps({"id": i, "text": f"Story {i}. " + ARTICLE + "\nShare this article\n"}) for i in range(n)]


def test_a_pathologically_nested_record_is_one_bad_record_not_the_end_of_the_run() -> None:
    lines = [*records(2), DEEP, '{"id": 9, "text": ' + DEEP + "}", *records(1)]
    result = runner.invoke(app, ["clean", "-", "--format", "jsonl", "--jobs", "1"], input="\n".join(lines) + "\n")
    assert result.exit_code == 1
    assert "Traceback" not in result.output and "RecursionError" not in result.output
    assert "<stdin>:3: invalid JSON (nested too deeply to read) (passed through)" in result.output
    assert "<stdin>:4:" in result.output
    written = [line for line in result.stdout.splitlines() if line.startswith(("{", "["))]
    assert len(written) == 5  # every record accounted for: three cleaned, two passed through as they were
    assert written[2] == DEEP


def test_skip_leaves_the_nested_records_out(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join([*records(1), DEEP, *records(2)[1:]]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["clean", str(source), "-o", str(out), "--on-bad-record", "skip", "--jobs", "1"])
    assert result.exit_code == 1 and "in.jsonl:2: invalid JSON" in result.output
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == [0, 1]


def test_sigterm_keeps_the_work_and_the_same_command_resumes_byte_identical(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(records(12)) + "\n", encoding="utf-8")
    whole = tmp_path / "whole" / "out.jsonl"  # an uninterrupted run (the slow stage changes no output)
    assert runner.invoke(app, ["clean", str(source), "-o", str(whole), "--jobs", "1", "-q"]).exit_code == 0
    out = tmp_path / "out.jsonl"
    (tmp_path / ".out.jsonl.abcdefgh.tmp").write_bytes(b"x" * 4096)  # what an older run left behind
    run = launch(tmp_path, "clean", str(source), "-o", str(out), "--jobs", "1", slow=0.3, wait=False)
    deadline = time.monotonic() + 30
    while not (tmp_path / ".out.jsonl.partial").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.5)  # a few records of 0.3 s each
    run.send_signal(signal.SIGTERM)
    _, stderr = run.communicate(timeout=60)
    assert run.returncode == 130, stderr
    assert "interrupted: " in stderr and "records done; run the same command again to resume" in stderr
    assert not out.exists() and not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".*.tmp"))
    state = json.loads((tmp_path / ".out.jsonl.checkpoint").read_text(encoding="utf-8"))
    assert 0 < state["lines"] < 12
    again = launch(tmp_path, "clean", str(source), "-o", str(out), "--jobs", "1", "-q", slow=0.001)
    assert again.returncode == 0, again.stderr
    assert out.read_bytes() == whole.read_bytes()
    # No checkpoint and no lock are left (the review page's data folder is an output)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == [".out.review"]
    page = (tmp_path / "out.review.html").read_text(encoding="utf-8")
    assert "this run resumed an interrupted one" in page
