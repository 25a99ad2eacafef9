"""Every id a report can name is listable and switchable; stages and categories switch off too."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SAMPLE_EXPECTED
from typer.testing import CliRunner

from cleaner.api import Cleaner, Config
from cleaner.cli import app
from cleaner.rulepack import load_rules
from cleaner.stages import DEFAULT_ORDER
from cleaner.stages.duplicates import RULES as DUPLICATE_RULES
from cleaner.switches import stage_rules

runner = CliRunner()
PARAGRAPH = "The harbour reopened on Saturday after three months of repairs to its sea wall, the port authority said.\n"
DOUBLED = PARAGRAPH + "\n" + PARAGRAPH
DUMP = "".join(f"{w}\n" for w in ("Home", "News", "Sport", "Weather", "Contact us", "Log in", "Menu", "Search"))


def listed_ids(*args: str) -> set[str]:
    result = runner.invoke(app, ["rules", "list", "--json", *args])
    assert result.exit_code == 0, result.output
    return {json.loads(line)["id"] for line in result.stdout.splitlines()}


def test_every_rule_id_in_the_sample_reports_is_listed_and_can_be_disabled() -> None:
    named = {r["rule"] for p in SAMPLE_EXPECTED.rglob("*.report.json")
             for r in json.loads(p.read_text(encoding="utf-8")).get("removals", [])}
    assert {"duplicate.repeated-paragraph"} <= named  # the samples hold stage ids, not only pack ids
    ids = listed_ids()
    assert named <= ids
    assert {"duplicate.repeated-paragraph", "duplicate.repeated-sentences", "classifier.page-chrome",
            "classifier.dangling-heading"} <= ids
    Cleaner(Config(disabled_rules=tuple(sorted(ids)))).clean_text(DOUBLED)  # every listed id is accepted


def test_disabling_a_stage_rule_keeps_what_it_would_take(tmp_path: Path) -> None:
    (tmp_path / "d.txt").write_text(DOUBLED, encoding="utf-8")
    on = Cleaner(Config()).clean_text(DOUBLED)
    assert [r.rule for r in on.removals] == ["duplicate.repeated-paragraph"]
    # Every duplicate rule off: with the paragraph rule alone off, the line and sentence rules take the copy
    both = tuple(r.id for r in DUPLICATE_RULES)
    off = Cleaner(Config(disabled_rules=both)).clean_text(DOUBLED)
    assert off.removals == [] and off.text == DOUBLED
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(tmp_path / "d.txt"), "-o", str(out), "--no-review",
                                 *(arg for rule in both for arg in ("--disable", rule))])
    assert result.exit_code == 0, result.output
    assert (out / "d.txt").read_text(encoding="utf-8") == DOUBLED


def test_disable_stage_and_keep_category(tmp_path: Path) -> None:
    text = "Share this article\n" + DOUBLED
    (tmp_path / "d.txt").write_text(text, encoding="utf-8")
    for args, kept in ((["--disable-stage", "duplicates"], DOUBLED),
                       (["--keep-category", "social"], "Share this article\n" + PARAGRAPH),
                       (["--keep-category", "duplicate", "--keep-category", "social"], text)):
        out = tmp_path / "-".join(args).strip("-")
        result = runner.invoke(app, ["clean", str(tmp_path / "d.txt"), "-o", str(out), "--no-review", *args])
        assert result.exit_code == 0, result.output
        assert (out / "d.txt").read_text(encoding="utf-8") == kept, args
        report = json.loads((out / "d.report.json").read_text(encoding="utf-8"))
        assert report["text"][:-1] == text[:-1]  # nothing else changes: the report still covers every removal


def test_unknown_switches_are_usage_errors() -> None:
    for args, says in ((["--disable", "no.such-rule"], "no rule with id 'no.such-rule'"),
                       (["--disable-stage", "nope"], "no stage 'nope'"),
                       (["--keep-category", "weather"], "no category 'weather'")):
        result = runner.invoke(app, ["clean", "-", *args], input=PARAGRAPH)
        assert result.exit_code == 2 and says in result.output, args


def test_rules_list_never_truncates_ids_at_80_columns() -> None:
    result = runner.invoke(app, ["rules", "list"], env={"COLUMNS": "80"}, terminal_width=80)
    assert result.exit_code == 0
    words = set(result.stdout.split())
    ids = [r.id for r in load_rules()] + ["duplicate.repeated-sentences", "classifier.page-chrome"]
    assert [i for i in ids if i not in words] == []
    assert "…" not in result.stdout
    assert "stages (--disable-stage): " + ", ".join(DEFAULT_ORDER) in result.stdout


def test_rules_list_json_has_one_object_per_rule() -> None:
    result = runner.invoke(app, ["rules", "list", "--json"])
    entries = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(entries) == len(load_rules()) + len(stage_rules())
    first = entries[0]
    assert set(first) == {"id", "category", "stage", "scope", "position", "max_words", "reason", "source"}
    assert {e["stage"] for e in entries} == set(DEFAULT_ORDER)


def test_rules_test_says_whether_and_why_a_rule_takes_a_line() -> None:
    taken = runner.invoke(app, ["rules", "test", "social.share-buttons", "Share this article"])
    assert taken.exit_code == 0, taken.output
    assert "'Share this article': taken" in taken.stdout
    assert "removed by social.share-buttons (line 1): 'Share this article'" in taken.stdout
    kept = runner.invoke(app, ["rules", "test", "social.share-buttons", "The harbour reopened on Saturday."])
    assert kept.exit_code == 1 and "kept: the pattern does not match" in kept.stdout
    assert "social.share-buttons removes nothing" in kept.stdout
    stage = runner.invoke(app, ["rules", "test", "duplicate.repeated-paragraph", DOUBLED])
    assert stage.exit_code == 0 and "judgement of the stage" in stage.stdout
    unknown = runner.invoke(app, ["rules", "test", "no.such", "x"])
    assert unknown.exit_code == 2 and "no rule with id 'no.such'" in unknown.output


def test_rules_test_names_max_words_and_reported_speech(tmp_path: Path) -> None:
    pack = tmp_path / "en"
    pack.mkdir()
    (pack / "site.toml").write_text(
        '[[rules]]\nid = "site.signup"\ncategory = "newsletter"\nscope = "line"\nmax_words = 8\n'
        "pattern = '''sign up for (?:our|the) newsletter'''\nreason = \"a sign-up prompt\"\n"
        'examples.remove = ["Sign up for our newsletter"]\nexamples.keep = ["We sign up for things."]\n',
        encoding="utf-8")
    long = runner.invoke(app, ["rules", "test", "site.signup", "--rules", str(tmp_path),
                               "Sign up for our newsletter to hear about the flood defences in town"])
    assert long.exit_code == 1 and "kept: longer than max_words = 8" in long.stdout
    said = runner.invoke(app, ["rules", "test", "site.signup", "--rules", str(tmp_path),
                               "Sign up for the newsletter, officials said."])
    assert "reports speech" in said.stdout


def test_every_rule_a_stage_module_defines_is_known_to_the_switches() -> None:
    """A stage that gains its own rule id must list it in `switches.stage_rules`, or `--disable`
    and `rules list` would not know it."""
    import importlib
    import pkgutil

    import cleaner.stages
    from cleaner.rulepack import Rule
    from cleaner.switches import stage_rules

    defined = set()
    for info in pkgutil.iter_modules(cleaner.stages.__path__):
        module = importlib.import_module(f"cleaner.stages.{info.name}")
        defined |= {v.id for v in vars(module).values() if isinstance(v, Rule)}
    assert defined and defined == {r.id for _, r in stage_rules()}
