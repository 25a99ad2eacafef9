"""A cheap necessary condition for a rule pattern: literal words the text must contain.

Most lines of an article match no rule, yet every rule's regular expression would be run
over every line. For most patterns some literal text is required for any match
("read more", "newsletter", "©"...): if none of a pattern's required literals occurs in
the (case-folded) line, the regex cannot match and is not run. The literals are derived
from the pattern itself, so rule packs stay plain data and user packs get the speed-up too.

Soundness is what matters: the check may let a non-matching line through (the regex then
decides), but must never reject a line the regex would match. So the analysis is
conservative: only ASCII literal runs are used and compared case-folded (which covers
case-insensitive matching, including `ſ` and the Kelvin sign), anything the parser does
not know gives "no condition", and regex-module syntax is mapped to equivalents that have
no literals (`\\p{L}` to a class) or the pattern is left unfiltered.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from functools import lru_cache
from typing import Any

import ahocorasick

from .invisible import fold
from .segment import line_starts

if sys.version_info >= (3, 11):
    from re import _constants as _c
    from re import _parser as _p
else:  # pragma: no cover - Python 3.10
    import sre_constants as _c
    import sre_parse as _p

Needles = frozenset[str]

# Syntax of the `regex` module that Python's parser would misread: leave such patterns unfiltered.
# (A POSIX class such as `[[:alpha:]]` is a `[:` inside a set; a set that starts with ":" is fine.)
# (Inline flags are letters and digits only, so a lookaround such as `(?=.*\bx)` is not one.)
_UNSUPPORTED = re.compile(
    r"\{[^}]*[eisd]\s*<|\\L<|\(\?[a-zA-Z0-9-]*[VrfbewpU][a-zA-Z0-9-]*[:)]|\[\[|\[(?:\\.|[^\]\\])*\[:")
_ESCAPE = re.compile(r"\\(?:([pP])(?:\{[^}]*\}|[A-Za-z])|([mM])|(.))", re.DOTALL)
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)}


def _translate(pattern: str) -> str:
    """`regex`-only escapes replaced by ones with the same literal content (none)."""
    def swap(match: re.Match[str]) -> str:
        if match.group(1):
            return r"\w"
        if match.group(2):
            return r"\b"
        return match.group(0)

    return _ESCAPE.sub(swap, pattern)


def _safe(code: int) -> str | None:
    """A literal character as it appears in case-folded text, if that is certain: ASCII, or
    a character without case ("©", "|", "•"), which case-insensitive matching leaves alone."""
    char = chr(code)
    if code < 128:
        return char.casefold()
    if char.lower() == char == char.upper() and char.casefold() == char:
        return char
    return None


def _class(op: object, av: object) -> frozenset[str] | None:
    """The characters a small set of plain literals (`[|•·»]`, `[Ss]`) matches, case-folded."""
    if op is _c.LITERAL and isinstance(av, int):
        char = _safe(av)
        return frozenset({char}) if char else None
    if op is _c.IN and isinstance(av, list) and 0 < len(av) <= 8 and all(o is _c.LITERAL for o, _ in av):
        chars = [_safe(code) for _, code in av]
        if all(chars):
            return frozenset(chars)  # type: ignore[arg-type]
    return None


def _char(op: object, av: object) -> str | None:
    """The one case-folded character an item always matches, if there is one ("[Ss]" is "s")."""
    chars = _class(op, av)
    if chars is not None and len(chars) == 1:
        return next(iter(chars))
    return None


def _best(options: list[Needles]) -> Needles | None:
    """The most selective requirement: the longest shortest literal, then the fewest literals."""
    if not options:
        return None
    return max(options, key=lambda s: (min(len(x) for x in s), -len(s)))


def _required(items: list[tuple[object, object]]) -> Needles | None:
    options: list[Needles] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            options.append(frozenset({"".join(run)}))
            run.clear()

    for op, av in items:
        char = _char(op, av)
        if char is not None:
            run.append(char)
            continue
        flush()
        sub: Needles | None = _class(op, av)  # one of a few characters, e.g. a separator [|•·»]
        if op is _c.SUBPATTERN:
            sub = _required(list(av[-1]))  # type: ignore[index]
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            sub = _required(list(av))  # type: ignore[arg-type]
        elif op is _c.ASSERT:
            # A lookaround's literal need not be inside the match, but it is inside the text
            # searched, which is all the check needs (the text is what `may_match` looks at).
            sub = _required(list(av[1]))  # type: ignore[index]
        elif op in _REPEATS:
            low, _high, body = av  # type: ignore[misc]
            sub = _required(list(body)) if low >= 1 else None
        elif op is _c.BRANCH:
            alternatives = [_required(list(alt)) for alt in av[1]]  # type: ignore[index]
            if alternatives and all(a is not None for a in alternatives):
                sub = frozenset().union(*alternatives)  # type: ignore[arg-type]
        if sub:
            options.append(sub)
    flush()
    return _best(options)


def _parse(pattern: str) -> list[tuple[object, object]] | None:
    """The pattern as Python's parser reads it, or None for syntax it would misread or reject."""
    parsed = _parsed(pattern)
    return None if parsed is None else list(parsed)


@lru_cache(maxsize=4096)
def _parsed(pattern: str) -> tuple[tuple[object, object], ...] | None:
    """`_parse`, parsed once per pattern: both `required_literals` and `first_characters`
    read it, and parsing is a visible part of start-up."""
    if _UNSUPPORTED.search(pattern):
        return None
    try:
        return tuple(_p.parse(_translate(pattern)))
    except Exception:  # any syntax Python's parser rejects: no condition
        return None


@lru_cache(maxsize=4096)
def required_literals(pattern: str) -> Needles | None:
    """Literals (case-folded) of which every match of `pattern` contains at least one, or None."""
    parsed = _parse(pattern)
    if parsed is None:
        return None
    needles = _required(parsed)
    if not needles or any(not n for n in needles):
        return None
    return needles


def _first(items: list[tuple[object, object]]) -> tuple[frozenset[str] | None, bool]:
    """The case-folded characters a match of the sequence can start with (None: any), and
    whether the sequence can match the empty string."""
    chars: set[str] = set()
    for op, av in items:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # zero width: the next item still starts the match
        first, nullable = _first_item(op, av)
        if first is None:
            return None, False
        chars |= first
        if not nullable:
            return frozenset(chars), False
    return frozenset(chars), True


def _first_item(op: object, av: object) -> tuple[frozenset[str] | None, bool]:
    chars = _class(op, av)
    if chars is not None:
        return chars, False
    if op is _c.SUBPATTERN:
        return _first(list(av[-1]))  # type: ignore[index]
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _first(list(av))  # type: ignore[arg-type]
    if op in _REPEATS:
        low, _high, body = av  # type: ignore[misc]
        first, nullable = _first(list(body))
        return first, nullable or low == 0
    if op is _c.BRANCH:
        union: set[str] = set()
        any_nullable = False
        for alternative in av[1]:  # type: ignore[index]
            first, nullable = _first(list(alternative))
            if first is None:
                return None, False
            union |= first
            any_nullable = any_nullable or nullable
        return frozenset(union), any_nullable
    return None, False


def _anchored(items: list[tuple[object, object]]) -> frozenset[str] | None:
    """First characters of a sequence every match of which starts at the start of the text."""
    if not items:
        return None
    op, av = items[0]
    if op is _c.AT and av is _c.AT_BEGINNING:
        first, nullable = _first(items[1:])
        return None if nullable else first
    if op is _c.SUBPATTERN and len(items) == 1:
        return _anchored(list(av[-1]))  # type: ignore[index]
    if op is _c.BRANCH and len(items) == 1:
        union: set[str] = set()
        for alternative in av[1]:  # type: ignore[index]
            first = _anchored(list(alternative))
            if first is None:
                return None
            union |= first
        return frozenset(union)
    return None


@lru_cache(maxsize=4096)
def first_characters(pattern: str) -> frozenset[str] | None:
    """For a pattern anchored at the start (`^...`), the case-folded characters its matches
    can begin with; None when that is not known. A text whose first (case-folded)
    character is not among them cannot match: for a rule like `^by ...` most lines are
    rejected without running the regex. As with literals, unknown means "no condition"."""
    parsed = _parse(pattern)
    return None if parsed is None else _anchored(parsed)


def starts_right(first: frozenset[str] | None, text: str) -> bool:
    """False only when `text` cannot begin a match of a pattern with these first characters."""
    return first is None or folded(text)[:1] in first


_last: list[str] = ["", ""]  # the last text and its case-folded form: rules are tried one line at a time


def folded(text: str) -> str:
    """`text` folded (`invisible.fold`) and case-folded, cached for the last text (consecutive
    rules judge the same line)."""
    if _last[0] is not text and _last[0] != text:
        _last[0], _last[1] = text, fold(text).casefold()
    return _last[1]


def may_match(needles: Needles | None, text: str) -> bool:
    """False only when no required literal occurs in `text`: the pattern then cannot match."""
    if needles is None:
        return True
    haystack = folded(text)
    return any(needle in haystack for needle in needles)


class RuleIndex:
    """Which rules of a list can match a text at all, found with one scan of the text.

    An Aho-Corasick automaton (pyahocorasick, C) finds every required literal present in
    the case-folded text, overlaps included, in one pass. A rule is a candidate if it has
    no literal condition or one of its literals is present; the rest are never tried.
    """

    def __init__(self, rules: list[Any]):
        self.rules = rules
        # A literal with a newline in it (no line holds one) gives no usable condition, and
        # one that is only whitespace is met by nearly every line: scanning for it would cost
        # one hit per space for nothing, so such a rule is tried on every line instead.
        self.always = [i for i, rule in enumerate(rules)
                       if rule.needles is None
                       or any("\n" in needle or not needle.strip() for needle in rule.needles)]
        by_needle: dict[str, set[int]] = {}
        for i, rule in enumerate(rules):
            if i in self.always:
                continue
            for needle in rule.needles or ():
                by_needle.setdefault(needle, set()).add(i)
        self.scan: ahocorasick.Automaton | None = None
        if by_needle:
            self.scan = ahocorasick.Automaton()
            for needle, owners in by_needle.items():
                self.scan.add_word(needle, frozenset(owners))
            self.scan.make_automaton()

    def candidates(self, text: str, include: frozenset[str] | set[str] = frozenset()) -> list[Any]:
        """The rules, in their order, that may match `text` (plus any whose id is in `include`)."""
        if self.scan is None:
            return self.rules
        picked = set(self.always)
        for _end, owners in self.scan.iter(folded(text)):
            picked |= owners
        if include:
            picked.update(i for i, rule in enumerate(self.rules) if rule.id in include)
            return [self.rules[i] for i in sorted(picked)]
        head = folded(text)[:1]
        return [rule for rule in (self.rules[i] for i in sorted(picked))
                if rule.first_chars is None or head in rule.first_chars]


    def lines(self, text: str) -> dict[int, set[int]]:
        """For a whole document: 1-based line number -> indexes of the rules with a required
        literal on that line (rules without a condition, `always`, are not listed).

        One automaton pass over the case-folded document instead of one call per line: a
        line with no entry can only be matched by the `always` rules. Literals never hold a
        newline (case folding maps no character to one), so a hit lies on a single line and
        every line of the document has the same number in the folded text.
        """
        found: dict[int, set[int]] = {}
        if self.scan is None:
            return found
        haystack, starts = _folded_lines(text)
        for end, owners in self.scan.iter(haystack):
            line = bisect_right(starts, end)
            hit = found.get(line)
            if hit is None:
                found[line] = set(owners)
            else:
                hit |= owners
        return found


_FOLDED_DOCUMENT: list[Any] = [None, "", [0]]  # the last document, folded, and its line starts


def _folded_lines(text: str) -> tuple[str, list[int]]:
    """`text` folded and case-folded, and where its lines start, kept for the last document: each stage
    scans the same document for its own rules."""
    if _FOLDED_DOCUMENT[0] is not text:
        haystack = fold(text).casefold()  # folding never removes a newline: line numbers hold
        _FOLDED_DOCUMENT[:] = [text, haystack, line_starts(haystack)]
    return _FOLDED_DOCUMENT[1], _FOLDED_DOCUMENT[2]


def forget_document() -> None:
    """Drop the kept folded copy (the pipeline calls this when a document is done, so a
    large document's copy does not outlive it)."""
    _FOLDED_DOCUMENT[:] = [None, "", [0]]


_INDEXES: dict[int, tuple[list[Any], RuleIndex]] = {}


def rule_index(rules: list[Any]) -> RuleIndex:
    """The `RuleIndex` of a rule list, built once per list."""
    entry = _INDEXES.get(id(rules))
    if entry is None or entry[0] is not rules:
        entry = (rules, RuleIndex(rules))
        _INDEXES[id(rules)] = entry
    return entry[1]


def candidates(rules: list[Any], text: str, include: frozenset[str] | set[str] = frozenset()) -> list[Any]:
    """`RuleIndex(rules).candidates(text)`, with the index built once per rule list."""
    return rule_index(rules).candidates(text, include)
