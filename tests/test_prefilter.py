"""The rule prefilter is a speed-up only: it may let a line through, never hide a match."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.prefilter import candidates, may_match, required_literals
from cleaner.rulepack import load_rules

RULES = load_rules()


@pytest.mark.parametrize(("pattern", "needles"), [
    (r"\bread more\b", {"read more"}),
    (r"colou?r", {"colo"}),
    (r"(?:a|b)?xyz", {"xyz"}),
    (r"^(?:sign up|subscribe) now", {"ign up", "ubscribe"}),  # the parser factors out the common "s"
    (r"\p{Lu}ondon", {"ondon"}),
    (r"[Bb][Yy]\s+\w+", {"by"}),
    (r"^(?:©|\(c\)|copyright)", {"©", "(c)", "copyright"}),
    (r"\s[|•]\s", {"|", "•"}),
    (r"(?i)ÉTÉ", {"t"}),  # cased non-ASCII letters are not used: case folding could change them
    (r"[[:alpha:]]+x", None),  # POSIX classes: Python's parser would misread them
    (r"foo{e<=1}", None),  # fuzzy matching
    (r"a*", None),
])
def test_required_literals(pattern, needles):
    assert required_literals(pattern) == (frozenset(needles) if needles is not None else None)


@pytest.mark.parametrize("rule", list(RULES), ids=lambda r: r.id)
def test_every_rule_example_that_matches_gets_through(rule):
    scope = RULES.by_scope(rule.scope)
    for text in rule.remove_examples + rule.keep_examples:
        text = text.strip()
        if rule.compiled.search(text):
            assert may_match(rule.needles, text)
            assert rule in candidates(scope, text)


WORDS = sorted({w for r in RULES for t in r.remove_examples for w in t.split()} | {"ſign", "K", "©", "|", "ÉTÉ"})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12), st.sampled_from([" ", "  ", " · "]))
def test_no_match_is_ever_filtered_out(words, sep):
    text = sep.join(words)
    for scope in ("line", "sentence", "block", "document"):
        rules = RULES.by_scope(scope)
        allowed = candidates(rules, text)
        for rule in rules:
            if rule.compiled.search(text):
                assert rule in allowed, (rule.id, text)
