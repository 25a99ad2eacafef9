"""The learned line scorer: what it takes, what it must leave, and how it accounts for it."""

from __future__ import annotations

import json
import re

import pytest

from cleaner.api import Cleaner, Config
from cleaner.line_features import hashed, line_shape
from cleaner.report import replay
from cleaner.scorer_training import Example, train
from cleaner.stages.scorer import RULE_ID, LineModel, ScorerStage, hard_wrapped, shipped_model

BODY = [
    "The city council approved the new budget on Tuesday after a long debate about schools and roads.",
    "Officials said the plan would take effect next year, and residents will see changes in the spring.",
    "The mayor, who proposed the budget in March, called the vote a victory for the neighbourhoods.",
]

scorer_only = Cleaner(Config(stages=("scorer",)))


def cleaned(lines: list[str]) -> tuple[str, list]:
    result = scorer_only.clean_text("\n\n".join(lines) + "\n")
    return result.text, result.removals


def test_the_shipped_model_loads_and_is_small():
    model = shipped_model()
    assert model is not None and model.weights and model.categories
    assert "other" in model.categories or len(model.categories) > 3


@pytest.mark.parametrize("junk", [
    "Click to share on Facebook (Opens in new window)",
    "Story Continued Below",
    "Advertisement Continue reading the main story",
    "Click here to continue reading.",
])
def test_takes_chrome_the_rules_may_not_name(junk):
    text, removals = cleaned(["Council passes budget after long debate", *BODY[:2], junk, BODY[2]])
    assert junk not in text
    assert [r.rule for r in removals] == [RULE_ID]
    assert removals[0].text == junk


@pytest.mark.parametrize("keep", [
    "Additional reporting by Reuters News Agency",
    "John Bresnahan contributed to this report.",
])
def test_leaves_what_the_guideline_keeps(keep):
    text, _ = cleaned(["Council passes budget after long debate", *BODY, keep])
    assert keep in text


def test_leaves_a_transcripts_speaker_labels():
    lines = [BODY[0], "MR. SMITH:", BODY[1], "ANDERSON COOPER, CNN:", BODY[2], "MR. JONES:"]
    text, removals = cleaned(lines)
    assert removals == [] and all(line in text for line in lines)


def test_leaves_the_headline_and_article_sentences():
    lines = ["Researchers find new species of frog in rainforest", *BODY]
    text, removals = cleaned(lines)
    assert removals == []
    assert all(line in text for line in lines)


def test_stays_out_of_hard_wrapped_prose():
    wrapped = ["The committee said the agency had been warned about the", "risks of the program in a series of",
               "memos written by staff members over", "several years before the collapse"]
    assert hard_wrapped(wrapped)
    assert not hard_wrapped(BODY)
    _, removals = cleaned(wrapped)
    assert removals == []


def test_each_removal_says_its_score_and_drivers_and_replays():
    result = scorer_only.clean_text("\n".join([*BODY[:2], "Story Continued Below", BODY[2]]) + "\n")
    (removal,) = result.removals
    assert removal.stage == "scorer" and removal.category in shipped_model().categories
    assert re.search(r"p=(0\.9\d|1\.00) \(most weight: \S+ [+-]\d", removal.reason)
    assert replay(result.report) == result.text


def test_off_when_the_stage_is_left_out():
    text = "\n".join([*BODY[:2], "Story Continued Below", BODY[2]]) + "\n"
    without = Cleaner(Config(stages=("phrases",)))
    assert "Story Continued Below" in without.clean_text(text).text


def _examples(lines: list[str], label: str) -> list[Example]:
    return [Example([hashed(f) for f in line_shape(line)], label) for line in lines]


def test_training_is_deterministic_and_learns_a_phrase_family():
    junk = ["Subscribe to our podcast now", "Subscribe to the daily briefing", "Subscribe for more videos"]
    data = _examples(BODY * 3, "keep") + _examples(junk, "newsletter") * 3
    one, two = train(data, seed=1), train(data, seed=1)
    assert json.dumps(one.to_json()) == json.dumps(two.to_json())
    model = LineModel.from_json(one.to_json())
    stage = ScorerStage(model=model, threshold=0.5)
    custom = Cleaner(Config(stages=("scorer",)))
    custom.stages = [stage]
    out = custom.clean_text("\n".join([*BODY[:2], "Subscribe to our newsletter today", BODY[2]]) + "\n")
    assert [r.text for r in out.removals] == ["Subscribe to our newsletter today"]
    assert out.removals[0].category == "newsletter"


def test_switched_off_by_its_id_and_listed():
    text = "\n".join([*BODY[:2], "Story Continued Below", BODY[2]]) + "\n"
    assert "Story Continued Below" not in scorer_only.clean_text(text).text
    off = Cleaner(Config(stages=("scorer",), disabled_rules=(RULE_ID,)))
    assert "Story Continued Below" in off.clean_text(text).text
    from typer.testing import CliRunner

    from cleaner.cli import app

    listed = CliRunner().invoke(app, ["rules", "list"])
    assert RULE_ID in listed.output


def test_a_kept_category_is_kept_from_the_scorer_too():
    text = "\n".join([*BODY[:2], "Advertisement", BODY[2]]) + "\n"
    kept = Cleaner(Config(stages=("scorer",), kept_categories=("ads",)))
    assert "Advertisement" in kept.clean_text(text).text


def test_a_line_printed_many_times_goes_all_at_once_or_not_at_all():
    """The verdict depends on the line alone, so removals cannot cascade round after round and
    cleaning the output again removes nothing (found by the fuzz harness: ten copies of a
    headline went one per round when position and neighbours counted)."""
    from cleaner import clean_text

    headline = "Researchers find new species of frog in rainforest"
    text = "\n\n".join([headline, *BODY, *([headline] * 10)]) + "\n"
    once = clean_text(text)
    twice = clean_text(once.text)
    assert twice.removals == [] and twice.text == once.text
    assert once.text.startswith(headline)
