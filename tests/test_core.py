"""The compiled core (cleaner._core): the parity harness, the ported pieces, the rule engine.

The Python suite is the specification of the core; these tests cover what is new with it:
that the ported splitter and render keep Python's offsets on text UTF-8 cannot hold, and
that rule patterns are judged by the linear-time engine the core scans with.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from cleaner import _core, rulepack
from cleaner.errors import RulePackError
from cleaner.model import Span
from cleaner.render import line_fates, render_with_layout
from cleaner.rulepack import load_rules, pattern_flags
from cleaner.segment import sentences

ROOT = Path(__file__).resolve().parent.parent


def test_sentences_keep_python_offsets_around_a_lone_surrogate() -> None:
    line = "Broken \ud83d text. Next one.Glued On"
    spans = sentences(line)
    assert [line[a:b] for a, b in spans] == ["Broken \ud83d text. ", "Next one.", "Glued On"]


def test_render_copies_a_lone_surrogate_and_cuts_at_python_offsets() -> None:
    text = "keep \ud83d this\nShare this story\n\nnext \U0001f600 line"
    out, layout = render_with_layout(text, [Span(12, 28)])
    assert out == "keep \ud83d this\n\nnext \U0001f600 line\n"
    assert (layout.lines_dropped, layout.edge_lines_trimmed) == (1, 0)
    fates, _ = line_fates(text, [Span(12, 28)])
    assert fates == ["keep \ud83d this", None, "", "next \U0001f600 line"]


def test_render_rejects_a_span_outside_the_text() -> None:
    with pytest.raises(ValueError, match="outside the text"):
        render_with_layout("short", [Span(2, 40)])


def test_engine_names_look_around_and_its_fix() -> None:
    construct, offset, message = _core.check_pattern(r"^share(?!d) this")
    assert (construct, offset) == ("look-around", 6)
    assert "keep" in message and "(?!...)" in message
    assert _core.check_pattern(r"^(?:read|see) more\b") is None


def test_user_pack_with_look_around_is_refused_with_the_construct_named(tmp_path: Path) -> None:
    (tmp_path / "mine.toml").write_text('''
[[rules]]
id = "mine.share"
category = "social"
pattern = '^share(?!d) this'
reason = "share prompt"
examples.remove = ["Share this"]
examples.keep = ["Shared this"]
''', encoding="utf-8")
    with pytest.raises(RulePackError) as caught:
        load_rules([tmp_path], builtin=False)
    message = str(caught.value)
    assert "mine.share" in message and "pattern: look-around at offset 6" in message


def test_every_builtin_rule_runs_on_the_linear_time_engine() -> None:
    """No built-in rule needs the backtracking engine: its pattern and every `requires` and
    `unless` pattern compile on the core (the loader refuses them otherwise, for every pack)."""
    rules = list(load_rules())
    patterns = [(p, r.case_sensitive, r.id) for r in rules for p in (r.pattern, *r.requires, *r.unless)]
    scanner = _core.Scanner([(p, case) for p, case, _ in patterns])
    assert [patterns[i][2] for i, *_ in scanner.rejected] == []
    assert len(scanner) == len(patterns)


# What the engine may hold per built-in rule once compiled (pattern, `requires`, `unless`),
# and for all of them: each worker compiles the packs, and the bound is 300 MB peak.
# A long bounded repeat of a Unicode class is a copy of its automaton per repetition
# (`media.gallery-line`'s `.{0,40000}?` was 42 MB, `\w` costs 57 kB a copy), so a new rule
# that needs one should bound words (`max_words`) or use a smaller class (docs/core.md).
RULE_BYTES = 4 << 20
PACK_BYTES = 64 << 20


def test_compiled_size_counts_the_copies_of_a_bounded_repeat() -> None:
    assert _core.compiled_bytes(r"^photos: .{0,4000}$") > 50 * _core.compiled_bytes(r"^photos: .*$")
    with pytest.raises(ValueError, match="look-around"):
        _core.compiled_bytes(r"(?<=x)y")


def test_every_builtin_rule_compiles_small_on_the_engine() -> None:
    sizes = {r.id: sum(_core.compiled_bytes(p, r.case_sensitive) for p in (r.pattern, *r.requires, *r.unless))
             for r in load_rules()}
    assert {rid: n for rid, n in sizes.items() if n > RULE_BYTES} == {}
    assert sum(sizes.values()) <= PACK_BYTES


def test_a_requires_pattern_the_engine_cannot_run_is_refused(tmp_path: Path) -> None:
    (tmp_path / "mine.toml").write_text('''
[[rules]]
id = "mine.stamp"
category = "byline"
pattern = '^updated [\\d:]+$'
requires = ['(?<=d )\\d']
reason = "stamp"
examples.remove = ["Updated 12:30"]
examples.keep = ["Updated figures"]
''', encoding="utf-8")
    with pytest.raises(RulePackError) as caught:
        load_rules([tmp_path], builtin=False)
    assert "mine.stamp) -> requires[0]: look-around at offset 0" in str(caught.value)


def test_one_scan_agrees_with_each_rule_on_its_examples() -> None:
    rules = list(load_rules())
    scanner = _core.Scanner([(r.pattern, r.case_sensitive) for r in rules])
    assert len(scanner) == len(rules)
    for i, rule in enumerate(rules):
        for text in (t.strip() for t in rule.remove_examples + rule.keep_examples):
            python = regex.search(rule.pattern, text, pattern_flags(rule.case_sensitive)) is not None
            assert (i in scanner.matching(text)) == python, (rule.id, text)


def test_scanner_lines_lists_each_rule_on_each_line() -> None:
    scanner = _core.Scanner([(r"^share this\b", False), (r"newsletter", False)])
    assert scanner.lines("Article text.\n  Share this story  \nGet our NEWSLETTER\n") == [(2, [0]), (3, [1])]


def _backtracking_search(rule, text: str) -> tuple[int, int, int, int] | None:
    """What the rule finds in `text` with the `regex` module, as rules were searched before
    the switch: pattern, every `requires`, no `unless`, the `same` groups equal."""
    flags = pattern_flags(rule.case_sensitive)
    match = regex.search(rule.pattern, text, flags)
    if match is None or not all(regex.search(p, text, flags) for p in rule.requires):
        return None
    if any(regex.search(p, text, flags) for p in rule.unless):
        return None
    if rule.same is not None:
        first, second = (match.group(name) for name in rule.same)
        if first is not None and second is not None and regex.fullmatch(regex.escape(first), second, flags) is None:
            return None
    cut = match.span("cut") if "cut" in match.re.groupindex else (-1, -1)
    return (*match.span(), *cut)


def test_a_rule_on_the_core_finds_what_the_backtracking_engine_finds_on_its_examples() -> None:
    """`_core.Rule` (pattern, `requires`, `unless`, `same` on the engine: what `Rule.search`
    runs) gives the match and `cut` span the `regex` module gives, on every example of every
    built-in rule."""
    for rule in load_rules():
        engine = _core.Rule(rule.pattern, list(rule.requires), list(rule.unless), rule.same, rule.case_sensitive)
        for text in (t.strip() for t in rule.remove_examples + rule.keep_examples):
            assert engine.search(text) == _backtracking_search(rule, text), (rule.id, text)


def test_a_rule_the_engine_cannot_run_is_refused_by_the_core() -> None:
    with pytest.raises(ValueError, match="pattern 1: look-around at offset 0"):
        _core.Rule("x", ["(?=y)"], [], None, False)


def test_a_builtin_rule_is_compiled_on_its_first_search_not_at_load() -> None:
    """Each worker loads the packs; building every built-in rule's automata at load cost
    about 60 MB and 0.3 s per process, most of it for rules a document set never reaches.
    The loader only parses them (a user pack's rules are built and their examples run)."""
    rulepack._engine.cache_clear()
    rule = next(r for r in load_rules() if r.id == "navigation.separator")
    assert rulepack._engine.cache_info().currsize == 0
    assert rule.search("* * *") and not rule.search("- 5 degrees")
    assert rulepack._engine.cache_info().currsize == 1
