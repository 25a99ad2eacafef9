"""The small things that tell a user the tool is finished: help, plurals, early errors, plain marks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner import clean_text
from cleaner.cli import app

runner = CliRunner()
BODY = "The harbour reopened on Saturday after three months of repairs to its sea wall.\n"
COMMANDS = [[], ["clean"], ["explain"], ["review"], ["rules"], ["rules", "list"], ["rules", "test"],
            ["rules", "check"]]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "cleaner")
def test_help_reads_cleanly_at_80_columns(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "80"}, terminal_width=80)
    assert result.exit_code == 0
    text = result.stdout
    assert max(len(line) for line in text.splitlines()) <= 80
    for raw in ("<list", "<str>", "<int>", "<float>", "<path>", "--no-no-", "268435456", "[default: no-"):
        assert raw not in text, raw
    assert [line for line in text.splitlines() if "..." in line and not line.startswith("Usage:")] == []
    assert runner.invoke(app, [*command, "-h"], env={"COLUMNS": "80"}).stdout == text


def test_clean_help_names_sizes_and_every_new_option() -> None:
    text = runner.invoke(app, ["clean", "--help"], env={"COLUMNS": "80"}, terminal_width=80).stdout
    assert "[default: 256 MB]" in text
    for option in ("--config FILE", "--disable RULE_ID", "--disable-stage STAGE", "--keep-category CATEGORY",
                   "--include GLOB", "--exclude GLOB", "--prune", "--no-builtin-rules ", "--max-bytes SIZE"):
        assert option in text, option


def test_max_bytes_takes_units(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY * 100, encoding="utf-8")
    result = runner.invoke(app, ["clean", str(tmp_path / "a.txt"), "-o", str(tmp_path / "o"), "--no-review",
                                 "--max-bytes", "1 KB", "--on-limit", "skip"])
    assert result.exit_code == 1 and "limit 1024" in result.output
    bad = runner.invoke(app, ["clean", "-", "--max-bytes", "lots"], input=BODY)
    assert bad.exit_code == 2 and "--max-bytes: not a size: 'lots'" in bad.output


def test_plural_only_when_plural(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Share this article\n" + BODY, encoding="utf-8")
    result = runner.invoke(app, ["clean", str(tmp_path / "in"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert "1/1 file cleaned" in result.output and "(1 file)" in result.output
    assert "1 files" not in result.output


def test_a_missing_input_is_an_error_before_anything_is_created(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    result = runner.invoke(app, ["clean", str(tmp_path / "a.txt"), str(tmp_path / "missing.txt"),
                                 "-o", str(tmp_path / "xo")])
    assert result.exit_code == 1 and "missing.txt: no such file or folder" in result.output
    assert not (tmp_path / "xo").exists()


def test_a_jsonl_output_name_for_text_input_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    result = runner.invoke(app, ["clean", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 2 and "the output of files and folders is a folder" in result.output
    assert not (tmp_path / "out.jsonl").exists()


def test_explain_of_a_summary_says_it_is_not_a_report(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(BODY, encoding="utf-8")
    runner.invoke(app, ["clean", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--no-review"])
    result = runner.invoke(app, ["explain", str(tmp_path / "out" / "summary.json")])
    assert result.exit_code == 2 and "not a report but the run's summary" in result.output
    shown = runner.invoke(app, ["explain", str(tmp_path / "out" / "a.report.json")])
    assert shown.exit_code == 0 and "The harbour reopened" in shown.stdout


def test_clean_text_of_bytes_says_what_to_use() -> None:
    with pytest.raises(TypeError, match="clean_text takes str, not bytes; use clean_bytes for bytes"):
        clean_text(b"x")  # type: ignore[arg-type]


def test_explain_through_a_pipe_marks_removal_boundaries(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Share this article\n" + BODY + "Advertisement\n" + BODY, encoding="utf-8")
    result = runner.invoke(app, ["explain", str(tmp_path / "a.txt")])  # CliRunner's stdout is not a terminal
    assert "[-Share this article-]{social · social.share-buttons:" in result.stdout
    assert "[-Advertisement-]{ads · ads.marker: an advertising marker}" in result.stdout
    assert "\x1b[" not in result.stdout


def test_stale_outputs_are_named_and_pruned(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (src / name).write_text(BODY, encoding="utf-8")
    assert runner.invoke(app, ["clean", str(src), "-o", str(out), "-j", "1"]).exit_code == 0
    (src / "b.txt").unlink()
    result = runner.invoke(app, ["clean", str(src), "-o", str(out), "-j", "1"])
    assert "1 report left from an earlier run" in result.output and "b.report.json" in result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["stale_outputs"] == ["b.report.json"]
    assert "b.report.json" in (out / "review.html").read_text(encoding="utf-8")  # the page names it too
    assert (out / "b.txt").exists()
    result = runner.invoke(app, ["clean", str(src), "-o", str(out), "-j", "1", "--prune"])
    assert result.exit_code == 0 and "pruned 1 stale output (3 files removed): b.report.json" in result.output
    assert not any((out / n).exists() for n in ("b.txt", "b.report.json", "b.diff"))
    assert (out / "a.txt").exists() and (out / "c.report.json").exists()
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["pruned"] == ["b.report.json"]
