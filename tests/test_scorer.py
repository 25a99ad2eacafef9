"""The learned line scorer: what it takes, what it must leave, and how it accounts for it."""

from __future__ import annotations

import json
import math
import re
import zlib

import pytest

from cleaner.api import Cleaner, Config
from cleaner.line_features import BUCKETS, hashed, line_buckets, line_shape
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
    return [Example(line_buckets(line), label) for line in lines]


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


def test_features_read_the_line_as_python_does():
    """The core's features are Python's string semantics (str.split, str.lower with its
    final sigma and dotted capital I, the regex module's classes), so the shipped model's
    weights, trained on those strings, apply."""
    feats = line_shape("  Follow us on Twitter @cleaner  ")
    assert feats[:5] == ["bias", "wc=3", "end=none", "wc=3|end=none", "first=upper"]
    assert {"has=handle", "w=twitter", "ww=follow_us", "first2=follow_us", "last=cleaner"} <= set(feats)
    assert "w=οδος" in line_shape("ΟΔΟΣ ΑΘΗΝΩΝ") and "w=αθηνων" in line_shape("ΟΔΟΣ ΑΘΗΝΩΝ")
    assert "w=i\u0307stanbul" in line_shape("İSTANBUL")
    assert "has=url" in line_shape("HTTPſ://EXAMPLE")  # IGNORECASE matches the long s to s
    assert "has=url" not in line_shape("a.community")
    assert {"end=ellipsis", "w=0", "digits=2"} <= set(line_shape("Photos 1 of 24 ..."))
    assert "has=phone" in line_shape("Call (555) 123-4567") and "has=email" in line_shape("a.b@c-d.org")
    assert "seps=2" in line_shape("Home | News | Sport | Video | Live")
    assert len(line_shape("Broken \ud83d text")) == len(line_shape("Broken \ufffd text"))


def test_feature_buckets_are_crc32_so_the_shipped_weights_apply():
    for feature in ("bias", "w=story", "ww=continued_below", "w=οδος"):
        assert hashed(feature) == zlib.crc32(feature.encode("utf-8")) & (BUCKETS - 1)
    line = "Story Continued Below"
    assert line_buckets(line) == [hashed(f) for f in line_shape(line)]


def test_score_is_the_logistic_sum_of_the_shipped_weights():
    model = shipped_model()
    for line in ("Story Continued Below", "Officials said the plan would take effect next year."):
        p, parts = model.score(line)
        weights = sorted(((model.weights.get(hashed(f), 0.0), f) for f in line_shape(line)),
                         key=lambda t: (-t[0], t[1]))
        assert parts == [(f, w) for w, f in weights]
        assert p == 1.0 / (1.0 + math.exp(-sum(w for w, _ in weights)))


def test_the_reason_names_the_heaviest_features_ties_by_name():
    feats = line_shape("Story Continued Below")
    tied = {hashed(f): 2.0 for f in ("w=story", "w=below", "w=continued")}
    model = LineModel(tied, ("other",), {})
    stage = ScorerStage(model=model, threshold=0.5)
    custom = Cleaner(Config(stages=("scorer",)))
    custom.stages = [stage]
    (removal,) = custom.clean_text("\n".join([*BODY[:2], "Story Continued Below", BODY[2]]) + "\n").removals
    assert "bias" in feats
    assert removal.reason == ("learned line scorer: boilerplate with p=1.00 "
                              "(most weight: w=below +2.0, w=continued +2.0, w=story +2.0)")
    assert removal.category == "other"
