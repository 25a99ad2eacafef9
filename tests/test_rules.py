"""Rule packs are data with examples; every example is a test, and a bad pack is reported
in full, all problems at once, with file and rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.api import clean_text
from cleaner.errors import RulePackError
from cleaner.rulepack import Rule, load_rules

RULES = list(load_rules())
REMOVE = [(r, text) for r in RULES for text in r.remove_examples]
KEEP = [(r, text) for r in RULES for text in r.keep_examples]


@pytest.mark.parametrize(("rule", "text"), REMOVE, ids=lambda x: x.id if isinstance(x, Rule) else x[:40])
def test_rule_removes_its_example(rule: Rule, text: str) -> None:
    assert rule.matches(text)


@pytest.mark.parametrize(("rule", "text"), KEEP, ids=lambda x: x.id if isinstance(x, Rule) else x[:40])
def test_rule_keeps_its_counter_example(rule: Rule, text: str) -> None:
    assert not rule.matches(text)


def test_every_rule_has_examples_both_ways() -> None:
    assert RULES
    for rule in RULES:
        assert rule.remove_examples and rule.keep_examples, rule.id


def problems(folder: Path) -> str:
    """Every problem loading the packs in `folder` reports, one per line."""
    with pytest.raises(RulePackError) as info:
        load_rules([folder])
    return "\n".join(info.value.problems)


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text(
        """
[[rules]]
id = "x.bad-regex"
category = "ads"
pattern = "(unclosed"
reason = "r"
examples.remove = ["a"]
examples.keep = ["b"]

[[rules]]
id = "x.bad-category"
category = "weather"
pattern = "a"
reason = "r"
examples.remove = ["a"]
examples.keep = ["b"]

[[rules]]
id = "x.no-examples"
category = "ads"
pattern = "a"
reason = "r"
""",
        encoding="utf-8",
    )
    (tmp_path / "broken.toml").write_text("[[rules]\nid = ", encoding="utf-8")
    (tmp_path / "dup.toml").write_text(
        """
[[rules]]
id = "ads.marker"
category = "ads"
pattern = "a"
reason = "r"
examples.remove = ["a"]
examples.keep = ["b"]
""",
        encoding="utf-8",
    )
    text = problems(tmp_path)
    assert "bad.toml -> rule[0] (x.bad-regex) -> pattern: invalid regular expression" in text
    assert "bad.toml -> rule[1] (x.bad-category) -> category: 'weather'" in text
    assert "bad.toml -> rule[2] (x.no-examples) -> examples.remove: required" in text
    assert "broken.toml -> invalid TOML" in text
    assert "dup.toml -> rule[0] (ads.marker) -> id: duplicate" in text


def test_max_run_and_reported_speech_are_validated(tmp_path: Path) -> None:
    rule = """
[[rules]]
id = "x.{name}"
category = "comments"
scope = "{scope}"
pattern = "says:$"
{field}
reason = "r"
examples.remove = ["bob says:"]
examples.keep = ["Bob says no."]
"""
    (tmp_path / "fields.toml").write_text("".join(
        rule.format(name=name, scope=scope, field=field) for name, scope, field in (
            ("zero-run", "line", "max_run = 0"), ("block-run", "block", "max_run = 2"),
            ("speech", "line", 'reported_speech = "yes"'))), encoding="utf-8")
    text = problems(tmp_path)
    assert "(x.zero-run) -> max_run: must be a positive whole number" in text
    assert "(x.block-run) -> max_run: only line rules can spare runs of lines" in text
    assert "(x.speech) -> reported_speech: must be true or false" in text


def test_a_user_pack_adds_rules_and_disable_removes_them(tmp_path: Path) -> None:
    from cleaner.api import Cleaner, Config

    (tmp_path / "site.toml").write_text(
        """
[[rules]]
id = "site.promo"
category = "ads"
pattern = '^Try Example Plus free for 30 days$'
reason = "the site's own promo"
examples.remove = ["Try Example Plus free for 30 days"]
examples.keep = ["Try harder"]
""",
        encoding="utf-8",
    )
    text = "A real sentence about the harbour reopening on Saturday.\nTry Example Plus free for 30 days\n"
    with_pack = Cleaner(Config(rules_dirs=(str(tmp_path),))).clean_text(text)
    assert [r["rule"] for r in with_pack.report["removals"]] == ["site.promo"]
    disabled = Cleaner(Config(rules_dirs=(str(tmp_path),), disabled_rules=("site.promo",))).clean_text(text)
    assert disabled.report["removals"] == []


STORY = ("The maintainers shipped the release after three months of testing, and most users will get "
         "it through their distribution's updates over the coming weeks, the project said.")
ENDING = ("Developers said the next release would focus on speed, and asked users to report any problems "
          "they find with the new scheduler on the project's mailing list before the end of the month.")


def test_a_table_of_dates_stays_while_a_lone_stamp_or_a_pair_goes() -> None:
    # byline.date-line has max_run = 2: a release table at the foot of a story is article
    # text (seen on held-out output: an LWN table of kernel releases lost every row).
    table = ["4.2.3 April 2014", "4.3 July 2014", "4.3.1 August 2014", "4.4 January 2015"]
    text = "\n\n".join([STORY, ENDING, *table]) + "\n"
    assert clean_text(text).text == text
    for stamps in (["November 19, 2019"], ["November 19, 2019", "Updated November 20, 2019"]):
        result = clean_text("\n\n".join([STORY, ENDING, *stamps]) + "\n")
        assert [r.rule for r in result.removals if r.rule.startswith("byline.")], stamps
        assert not any(stamp in result.text for stamp in stamps)


def test_a_notice_rule_leaves_a_sentence_that_reports_speech() -> None:
    # Held-out probes: news sentences quoting or reporting notices were taken whole by the
    # notice rules ("... sign up for alerts ..., officials said").
    for sentence in ("Residents can sign up for flood alerts on the council's website, officials said.",
                     '"All rights reserved," the label\'s lawyer wrote in the letter seen by reporters.',
                     "The company said its cookie policy had been changed after the regulator's inquiry."):
        text = "\n\n".join([STORY, sentence, ENDING]) + "\n"
        assert clean_text(text).text == text, sentence
    # The same rules still take the notices themselves.
    for notice in ("Sign up for our newsletter", "© 2019 Example Media. All rights reserved.",
                   "We use cookies to improve your experience. Accept all cookies"):
        result = clean_text("\n\n".join([STORY, ENDING, notice]) + "\n")
        assert notice not in result.text, notice
    # A rule whose boilerplate reports speech says so, and keeps working: comment headers.
    result = clean_text("\n\n".join([STORY, ENDING, "lonespeed says:", "Great article, thanks."]) + "\n")
    assert "lonespeed says:" not in result.text


def test_an_appeal_takes_its_paragraphs_but_not_a_story_about_appeals() -> None:
    appeal = ["Your support helps us tell the story",
              "Our journalism is free for everyone, and your support keeps it that way. "
              "Become a member today and help fund independent reporting."]
    result = clean_text("\n\n".join([STORY, ENDING, *appeal]) + "\n")
    assert not any(line in result.text for line in appeal)
    # A paragraph that reports speech is a story about a membership drive, not an appeal.
    story = ("That was the slogan of the paper's first membership drive, and within a year 50,000 "
             "readers were paying a monthly fee, the paper's editor said in an interview.")
    result = clean_text("\n\n".join([STORY, ENDING, appeal[0], story]) + "\n")
    assert story in result.text
