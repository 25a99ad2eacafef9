"""The config file: `cleaner.toml` in the working folder or `--config FILE`; the command line wins."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.cli import app

runner = CliRunner()
BODY = "The harbour reopened on Saturday after three months of repairs to its sea wall.\n"
MORE = "Fishermen were the first to return, and the fish market opened again at dawn on Sunday.\n"
DIRTY = "Share this article\n" + BODY + "Advertisement\n" + MORE


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(DIRTY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def clean(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["clean", "in", "-o", "out", "--no-review", "-j", "1", *args])
    text = Path("out/a.txt").read_text(encoding="utf-8") if Path("out/a.txt").exists() else ""
    return result.exit_code, result.output, text


def test_cleaner_toml_in_the_working_folder_sets_defaults(folder: Path) -> None:
    (folder / "cleaner.toml").write_text('keep-category = ["social"]\ndisable = ["ads.marker", "scorer.line"]\n',
                                         encoding="utf-8")
    code, output, text = clean()
    assert code == 0, output
    assert text == DIRTY  # social kept, ads.marker and the learned scorer off: nothing removed


def test_the_command_line_wins_over_the_file(folder: Path) -> None:
    (folder / "cleaner.toml").write_text('keep-category = ["social"]\n', encoding="utf-8")
    code, _, text = clean("--keep-category", "ads")
    assert code == 0
    assert text == BODY + "Advertisement\n" + MORE  # the command line's list replaces the file's


def test_config_option_and_relative_rule_packs(folder: Path) -> None:
    team = folder / "team"
    (team / "packs" / "en").mkdir(parents=True)
    (team / "packs" / "en" / "site.toml").write_text(
        '[[rules]]\nid = "site.weather"\ncategory = "other"\nscope = "line"\n'
        "pattern = '''^weather widget$'''\nreason = \"the site's weather widget\"\n"
        'examples.remove = ["Weather widget"]\nexamples.keep = ["The weather was fine."]\n', encoding="utf-8")
    (team / "settings.toml").write_text('rules = ["packs"]\nmax_bytes = "1 MB"\n', encoding="utf-8")
    (folder / "in" / "a.txt").write_text(BODY + "Weather widget\n", encoding="utf-8")
    code, output, text = clean("--config", "team/settings.toml")
    assert code == 0, output
    assert text == BODY
    assert json.loads(Path("out/a.report.json").read_text())["removals"][0]["rule"] == "site.weather"


def test_a_bad_config_file_is_a_usage_error_naming_file_and_key(folder: Path) -> None:
    (folder / "cleaner.toml").write_text('disabel = ["ads.marker"]\n', encoding="utf-8")
    code, output, _ = clean()
    assert code == 2 and "cleaner.toml -> disabel: unknown key" in output
    assert not Path("out").exists()
    (folder / "cleaner.toml").write_text('jobs = "many"\n', encoding="utf-8")
    code, output, _ = clean()
    assert code == 2 and "jobs: expected a whole number" in output
    code, output, _ = clean("--config", "nowhere.toml")
    assert code == 2 and "nowhere.toml: no such config file" in output


def test_explain_and_rules_read_the_file_too(folder: Path) -> None:
    (folder / "cleaner.toml").write_text('disable = ["social.share-buttons"]\n', encoding="utf-8")
    result = runner.invoke(app, ["explain", "in/a.txt"])
    assert result.exit_code == 0 and "social.share-buttons" not in result.stdout


def test_every_config_key_is_an_option_of_clean() -> None:
    import typer

    from cleaner.cliconfig import KEYS, PARAM_NAMES

    command = typer.main.get_command(app).commands["clean"]  # type: ignore[attr-defined]
    params = {p.name for p in command.params}
    assert [k for k in KEYS if PARAM_NAMES.get(k, k) not in params] == []


def test_prune_from_the_config_file(folder: Path) -> None:
    assert clean()[0] == 0
    (folder / "in" / "b.txt").write_text(BODY, encoding="utf-8")
    assert clean()[0] == 0 and Path("out/b.txt").exists()
    (folder / "in" / "b.txt").unlink()
    (folder / "cleaner.toml").write_text("prune = true\n", encoding="utf-8")
    code, output, _ = clean()
    assert code == 0 and "pruned 1 stale output" in output and not Path("out/b.txt").exists()


def test_the_readme_example_is_a_valid_config_file(tmp_path: Path) -> None:
    from conftest import ROOT

    from cleaner.cliconfig import load_defaults

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("### Config file", 1)[1].split("```toml", 1)[1].split("```", 1)[0]
    (tmp_path / "cleaner.toml").write_text(example, encoding="utf-8")
    defaults = load_defaults(tmp_path / "cleaner.toml")
    assert defaults["disable"] == ["duplicate.repeated-sentences"]
    assert defaults["rules"] == [str(tmp_path / "site-rules")]
