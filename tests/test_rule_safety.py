"""Hostile and broken rule packs: reported all at once, and never able to hang a run (issue 7)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.api import Cleaner, Config
from cleaner.cli import app
from cleaner.errors import DocumentTimeout, RulePackError
from cleaner.limits import time_limit
from cleaner.rulepack import load_rules

runner = CliRunner()

RUNAWAY = '''
[[rules]]
id = "user.runaway"
category = "other"
pattern = '(a+)+$'
reason = "nested quantifier: backtracks for ever on a long run of a's"
examples.remove = ["aaa"]
examples.keep = ["b"]
'''

BROKEN = '''
[[rules]]
id = "user.bad-category"
category = "gossip"
pattern = 'x'
reason = "r"
examples.remove = ["x"]
examples.keep = ["y"]

[[rules]]
id = "user.bad-category"
category = "other"
pattern = 'unclosed('
reason = "r"
examples.remove = ["unclosed"]
examples.keep = ["y"]
'''


def write_pack(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def broken_packs(tmp_path: Path) -> Path:
    packs = tmp_path / "packs"
    write_pack(packs, "a_runaway.toml", RUNAWAY)
    write_pack(packs, "b_broken.toml", BROKEN)
    write_pack(packs, "c_invalid.toml", "[[rules]\nid = 'oops'\n")
    return packs


def assert_every_problem_listed(output: str, packs: Path) -> None:
    lines = [ln for ln in output.splitlines() if " -> " in ln]
    expected = [
        (packs / "b_broken.toml", "rule[0] (user.bad-category) -> category: 'gossip' is not one of"),
        (packs / "b_broken.toml", "rule[1] (user.bad-category) -> id: duplicate"),
        (packs / "b_broken.toml", "rule[1] (user.bad-category) -> pattern: invalid regular expression"),
        (packs / "c_invalid.toml", "invalid TOML"),
    ]
    for path, fragment in expected:
        assert any(ln.startswith(f"{path} -> ") and fragment in ln for ln in lines), (fragment, output)
    assert f"{len(expected)} problem{'' if len(expected) == 1 else 's'} in rule packs" in output


def test_rules_check_lists_every_problem_at_once_with_file_and_rule(tmp_path: Path) -> None:
    packs = broken_packs(tmp_path)
    started = time.monotonic()
    result = runner.invoke(app, ["rules", "check", str(packs)])
    assert time.monotonic() - started < 20
    assert result.exit_code == 2
    assert_every_problem_listed(result.output, packs)


def test_clean_with_broken_rules_stops_before_touching_any_file(tmp_path: Path) -> None:
    packs = broken_packs(tmp_path)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("An article.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(tmp_path / "in"), "-o", str(out), "--rules", str(packs)])
    assert result.exit_code == 2
    assert_every_problem_listed(result.output, packs)
    assert not out.exists()


def test_a_nested_quantifier_runs_in_linear_time_on_the_core(tmp_path: Path) -> None:
    """`(a+)+$` backtracks for ever in a backtracking engine; every rule runs on the core's
    finite automata instead, so the pack loads, long lines of a's clean at once and no rule
    needs a time limit or a flag."""
    packs = write_pack(tmp_path / "packs", "runaway.toml", RUNAWAY)
    cleaner = Cleaner(Config(rules_dirs=(str(packs),)))
    lines = [("a" * 30000 + "!") if i % 2 else f"Paragraph {i} of the article, with a verb." for i in range(40)]
    text = "\n".join([*lines, "Share this article"]) + "\n"
    _ = cleaner.stages
    started = time.process_time()
    result = cleaner.clean_text(text)
    assert time.process_time() - started < 5
    assert result.ok and not [f for f in result.flags if "user.runaway" in f]
    assert "Share this article" not in result.text  # the other rules ran
    assert "a" * 30000 + "!" in result.text  # the rule's `$` needs the a's to end the line


def test_time_limit_interrupts_python_code() -> None:
    started = time.monotonic()
    with pytest.raises(DocumentTimeout), time_limit(0.2):
        while True:
            pass
    assert time.monotonic() - started < 2


def test_load_error_message_names_every_problem() -> None:
    with pytest.raises(RulePackError) as caught:
        load_rules([Path("/nonexistent/packs")])
    assert caught.value.problems == ["/nonexistent/packs -> not a directory of rule packs"]
