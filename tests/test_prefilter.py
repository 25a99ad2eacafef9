"""The rule prefilter is a speed-up only: it may let a line through, never hide a match."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.prefilter import candidates, first_characters, may_match, required_literals, rule_index
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
    (r"^(?=.*\b(?:jan|feb)\b)\d+", {"jan", "feb"}),  # a lookahead's literal is in the text searched
    (r"(?<=ab)x", {"ab"}),
    (r"(?!foo)bar", {"bar"}),  # a negative lookahead requires nothing
])
def test_required_literals(pattern, needles):
    assert required_literals(pattern) == (frozenset(needles) if needles is not None else None)


@pytest.mark.parametrize("rule", list(RULES), ids=lambda r: r.id)
def test_every_rule_example_that_matches_gets_through(rule):
    scope = RULES.by_scope(rule.scope)
    for text in rule.remove_examples + rule.keep_examples:
        text = text.strip()
        # The whole rule (pattern, `requires`, `unless`...), the prefilter itself skipped:
        # the literals may come from a `requires` pattern, so they hold for the rule's matches.
        if rule.search(text, prefiltered=True):
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
            if rule.search(text, prefiltered=True):
                assert rule in allowed, (rule.id, text)


@pytest.mark.parametrize(("pattern", "first"), [
    (r"^by\s", {"b"}),
    (r"^(?:[|/]\s*)?[Bb][Yy]\s+", {"|", "/", "b"}),
    (r"^(?!\()(?:read|see) more", {"r", "s"}),
    (r"(?:^foo|^bar)", {"f", "b"}),
    (r"^\s*by", None),  # a class of categories: not known
    (r"^a?$", None),  # can match the empty text
    (r"by", None),  # not anchored
    (r"(?:^foo|bar)", None),  # one alternative not anchored
    (r"^[^\p{L}]+$", None),
])
def test_first_characters(pattern, first):
    assert first_characters(pattern) == (frozenset(first) if first is not None else None)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12), st.sampled_from([" ", "  ", " · "]))
def test_first_character_gate_never_hides_a_match(words, sep):
    text = sep.join(words)
    for rule in RULES:
        if rule.first_chars is not None and rule.search(text, prefiltered=True):
            assert text[:1].casefold()[:1] in rule.first_chars, (rule.id, text)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=0, max_size=8), min_size=1, max_size=8))
def test_document_scan_finds_every_line_a_rule_can_match(lines):
    """`RuleIndex.lines` (one pass over a document) lists, for each line, every rule that
    the per-line check would let through: long lines and block rules rely on it."""
    texts = [" ".join(words) for words in lines]
    document = "\n".join(texts)
    for scope in ("line", "sentence", "block", "document"):
        rules = RULES.by_scope(scope)
        index = rule_index(rules)
        found = index.lines(document)
        for number, text in enumerate(texts, start=1):
            for rule in rules:
                if rule.search(text.strip(), prefiltered=True):
                    i = rules.index(rule)
                    assert i in index.always or i in found.get(number, set()), (rule.id, text)
