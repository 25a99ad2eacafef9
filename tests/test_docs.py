"""The README's promises: its two set-up commands, and CI running the same test command."""

from __future__ import annotations

from conftest import ROOT


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("```bash", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line and not line.startswith("#")]


def test_readme_opens_with_a_run_command_and_a_test_command() -> None:
    run, test = readme_commands()
    assert "cleaner clean samples/input" in run
    assert "pytest" in test


def test_ci_runs_the_readme_test_command() -> None:
    _, test = readme_commands()
    assert test in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_the_usage_guide_lists_every_id_a_stage_reports() -> None:
    # docs/usage.md's switch table is where users look up what `--disable` accepts.
    from cleaner.switches import stage_rules

    table = (ROOT / "docs" / "usage.md").read_text(encoding="utf-8")
    missing = [rule.id for _, rule in stage_rules() if f"| `{rule.id}` |" not in table]
    assert missing == []
