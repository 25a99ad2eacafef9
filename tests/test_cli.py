"""The command as a user meets it, run in-process with typer's CliRunner."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from conftest import SAMPLE_INPUT
from typer.testing import CliRunner

from cleaner.cli import app

runner = CliRunner()
ARTICLE = "The harbour reopened on Saturday after three months of repairs to its sea wall.\n"


def tree_hashes(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_clean_mirrors_the_tree_and_writes_summary(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "a" / "b").mkdir(parents=True)
    (src / "a" / "b" / "story.txt").write_text(ARTICLE + "\nShare this article\n", encoding="utf-8")
    (src / "top.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "a" / "b" / "story.txt").read_text(encoding="utf-8") == ARTICLE
    report = json.loads((out / "a" / "b" / "story.report.json").read_text(encoding="utf-8"))
    assert report["counts"] == {"social": 1}
    assert "-Share this article" in (out / "a" / "b" / "story.diff").read_text(encoding="utf-8")
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["files"] == 2 and summary["removals_by_category"] == {"social": 1}


def test_bad_inputs_fail_alone_and_inputs_are_never_modified(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    (src / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    before = tree_hashes(src)
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(src), "-o", str(out)])
    assert result.exit_code == 1
    assert "empty.txt: empty file" in result.output
    assert "image.txt: binary file" in result.output
    assert (out / "good.txt").read_text(encoding="utf-8") == ARTICLE
    assert not (out / "empty.txt").exists()
    assert json.loads((out / "empty.report.json").read_text())["status"] == "error"
    assert tree_hashes(src) == before
    assert not list(out.rglob("*.tmp"))


def test_stdin_to_stdout() -> None:
    result = runner.invoke(app, ["clean", "-"], input=ARTICLE + "Advertisement\n")
    assert result.exit_code == 0
    assert result.stdout == ARTICLE


def test_missing_output_folder_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["clean", str(tmp_path / "a.txt")])
    assert result.exit_code == 2
    assert "output folder is required" in result.output


def test_explain_labels_each_removal() -> None:
    result = runner.invoke(app, ["explain", str(SAMPLE_INPUT / "seeds" / "002_29a937344cf50c23.txt")])
    assert result.exit_code == 0
    assert "donation · donation.appeal-opener" in result.stdout
    assert "comments · comments.forum-prompt" in result.stdout


def test_rules_list_and_check() -> None:
    listed = runner.invoke(app, ["rules", "list"])
    assert listed.exit_code == 0 and "related.header" in listed.stdout
    checked = runner.invoke(app, ["rules", "check"])
    assert checked.exit_code == 0 and "rules OK" in checked.stdout


def test_rules_check_reports_a_bad_pack(tmp_path: Path) -> None:
    (tmp_path / "x.toml").write_text('[[rules]]\nid = "x"\ncategory = "nope"\n', encoding="utf-8")
    result = runner.invoke(app, ["rules", "check", str(tmp_path)])
    assert result.exit_code == 2
    assert "category: 'nope'" in result.output


@pytest.mark.parametrize("command", [[], ["clean"], ["explain"], ["rules"], ["rules", "list"], ["rules", "check"]])
def test_commands_have_help(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output
