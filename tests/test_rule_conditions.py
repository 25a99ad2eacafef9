"""Rule fields that state what look-arounds and back-references used to, so every rule runs
on the linear-time engine: `requires`, `unless`, `same` and `check`."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from cleaner.api import Cleaner, Config
from cleaner.errors import RulePackError
from cleaner.rulepack import Rule, load_rules

STAMP = '''
[[rules]]
id = "site.stamp"
category = "byline"
pattern = '^(?:updated|posted)\\s+[\\w\\s,:]+$'
requires = ['\\d']
unless = ['^posted\\s+by\\b', 'sale']
max_words = 8
reason = "an update stamp: it must hold a number, and a 'posted by' line is a byline of its own"
examples.remove = ["Updated March 3, 10:15"]
examples.keep = ["Updated March and April", "Posted by 2 editors", "Updated 3 sale prices"]
'''


def pack(tmp_path: Path, text: str) -> Path:
    (tmp_path / "site.toml").write_text(text, encoding="utf-8")
    return tmp_path


def problems(tmp_path: Path, text: str) -> str:
    with pytest.raises(RulePackError) as caught:
        load_rules([pack(tmp_path, text)], builtin=False)
    return str(caught.value)


def builtin(rule_id: str) -> Rule:
    return next(r for r in load_rules() if r.id == rule_id)


def test_requires_and_unless_decide_with_the_pattern(tmp_path: Path) -> None:
    (rule,) = load_rules([pack(tmp_path, STAMP)], builtin=False)
    assert rule.matches("Posted June 2, 9:00")
    assert not rule.matches("Posted June and July")  # no digit: `requires`
    assert not rule.matches("Posted by 3 editors")  # `unless`, first pattern
    assert not rule.matches("Updated 3 SALE prices")  # `unless`, case-insensitive like the rule


def test_a_user_rule_with_requires_cleans_a_document(tmp_path: Path) -> None:
    offer = STAMP.replace("site.stamp", "site.offer").replace("byline", "ads").replace(
        "pattern = '^(?:updated|posted)\\s+[\\w\\s,:]+$'", "pattern = '^member offer:.*$'").replace(
        "max_words = 8", "max_words = 20").replace(
        'examples.remove = ["Updated March 3, 10:15"]', 'examples.remove = ["Member offer: 20 percent off"]').replace(
        'examples.keep = ["Updated March and April", "Posted by 2 editors", "Updated 3 sale prices"]',
        'examples.keep = ["Member offer: read about the plan"]')
    cleaner = Cleaner(Config(rules_dirs=(str(pack(tmp_path, offer)),)))
    article = "The council met on Tuesday evening and voted to close the bridge for repairs until spring."
    kept = "Member offer: the council has not yet said what the repairs will cost the town this year."
    later = "Drivers will be sent over the old ferry road, which adds about twenty minutes to the trip."
    text = f"{article}\nMember offer: 20 percent off a year of the paper\n{kept}\n{later}\n"
    result = cleaner.clean_text(text)
    assert [(r.rule, r.line) for r in result.removals] == [("site.offer", 2)]
    assert kept in result.text


TAG = '''
[[rules]]
id = "site.tag"
category = "other"
pattern = '^\\[(?P<open>[a-z]+)\\].*\\[/(?P<close>[a-z]+)\\]$'
same = ["open", "close"]
reason = "markup left in the text"
examples.remove = ["[b]Sale[/B]"]
examples.keep = ["[b]Sale[/i]"]
'''


def test_same_groups_must_hold_the_same_text(tmp_path: Path) -> None:
    (rule,) = load_rules([pack(tmp_path, TAG)], builtin=False)
    assert rule.same == ("open", "close")
    assert rule.matches("[quote]Text[/QUOTE]") and not rule.matches("[quote]Text[/quot]")


def test_new_fields_are_validated(tmp_path: Path) -> None:
    fields = "requires = ['(unclosed']\nsame = [\"nope\", \"none\"]\ncheck = \"twice\""
    text = STAMP.replace("requires = ['\\d']", fields)
    found = problems(tmp_path, text)
    assert "(site.stamp) -> requires[0]: invalid regular expression" in found
    assert "(site.stamp) -> same: the pattern has no group (?P<none>...)" in found
    assert "(site.stamp) -> check: 'twice' is not one of doubled-credit" in found
    found = problems(tmp_path, STAMP.replace("unless = ['^posted\\s+by\\b', 'sale']", "unless = [3]"))
    assert "(site.stamp) -> unless: must be a list of regular expressions" in found


def test_a_doubled_credit_is_found_on_every_split_not_only_the_engines_first() -> None:
    """The back-reference `(?P=credit)` became a check in code: the engine's one match splits
    "Jim Cole/AP Photo Jim Cole/AP Photo" after "Jim Cole/AP", yet the line is one credit twice."""
    rule = builtin("media.doubled-credit")
    line = "Jim Cole/AP Photo Jim Cole/AP Photo"
    first = regex.search(rule.pattern, line, regex.IGNORECASE)
    assert first is not None and first.group("credit") == "Jim Cole/AP"
    assert rule.matches(line)
    assert rule.matches("toggle caption jim cole/ap photo Jim Cole/AP Photo")  # case-insensitive, as before
    assert not rule.matches("Jim Cole/AP Photo Jim Cole/AP Photos")
    assert not rule.matches("Jim Cole/AP Evan Vucci/AP")


def test_rewritten_rules_keep_their_edges() -> None:
    """Each edge a look-around used to hold, on the rewritten built-in rule."""
    cases = {
        "byline.date-line": (["Nov 18, 2019 at 9:24 pm ET"], ["(Published Monday, Nov. 18, 2019)", "Monday at noon",
                                                              "29 November 2018 | 20 January 2019"]),
        "media.caption-credit-tail": (["Crews worked through the night to clear the road. Credit: Jane Doe"],
                                      ["Crews worked through the night to clear the road, photo credit: Jane Doe",
                                       "Crews worked through the night, image credit: Jane Doe"]),
        "media.gallery-caption": (["Hide Caption 23 of 23"],
                                  ["Hide caption options are in the settings, the firm said."]),
        "related.pointer-prefix": (["Also on rt.com: Journalists threatened with arrests"],
                                   ["Also on CNN.com, the anchor apologised for the error."]),
        "related.bracketed-pointer": (["(READ: How the shutdown will hit national parks)"],
                                      ["(READ: How the shutdown will hit national parks.)"]),
        "social.click-to-tweet": (["Click To TweetThink about it:"], ["Click To Tweetthink about it:"]),
        "other.markup-residue": (["[button link=\"x\"] Send us YOUR kit review[/button]"],
                                 ["[b]The council voted[/i]"]),
        "media.gallery-line": (["Photos: The station The crew waves. Hide Caption 3 of 3"],
                               ["Photos: The station The crew waves. Hide Caption 2 of 3"]),
        "byline.by-author-date": (["By Justine Coleman - 11/18/19 11:04 PM EST"], ["By Jane Doe today"]),
        "byline.author-dash-date": (["Chris Davies - NOVEMBER 19, 2019, 10:31 pm CST"],
                                    ["Chris Davies - November was a busy month"]),
    }
    for rule_id, (removed, kept) in cases.items():
        rule = builtin(rule_id)
        assert [t for t in removed if not rule.matches(t)] == [], rule_id
        assert [t for t in kept if rule.matches(t)] == [], rule_id


def test_a_gallery_caption_is_cut_where_it_was() -> None:
    """The `cut` group of a rewritten sentence rule spans what the look-ahead version cut."""
    rule = builtin("media.gallery-caption")
    match = rule.search("Hide Caption 2 of 5 Photosynthesis explained")
    assert match is not None and match.span("cut") == (0, 20)
