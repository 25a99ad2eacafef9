"""Load, validate and compile rule packs: TOML files of phrase-family rules.

Rules are data so a user can read, test, switch off or add them without touching code.
Loading checks every rule and raises one `RulePackError` that lists all problems as
`file -> rule[3] (id) -> field: what is wrong`, so a pack is fixed in one round.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import regex

from . import _core
from .errors import RulePackError
from .invisible import MappedMatch, fold, original_offsets
from .model import CATEGORIES
from .prefilter import first_characters, may_match, required_literals, starts_right
from .rulechecks import CHECKS
from .signals import reports_speech

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

SCOPES = ("line", "sentence", "block", "document")
POSITIONS = ("any", "top", "bottom", "edge")
FOLLOWS = ("none", "teasers", "appeal", "labels")
_FIELDS = {"id", "category", "scope", "pattern", "position", "max_words", "reason", "examples",
           "follow", "max_follow", "max_run", "reported_speech", "case_sensitive", "enabled",
           "requires", "unless", "same", "check"}

#: Longest time one pattern may spend on one short line before the rule is skipped and reported.
MATCH_TIMEOUT_S = 0.05
#: Extra time per character of the searched text, so a linear scan of a 10 MB line is never
#: mistaken for a runaway pattern, while super-linear (backtracking) blow-ups still are.
MATCH_TIMEOUT_PER_CHAR_S = 2e-7

#: Rule ids that timed out in the document being cleaned (None outside `document_scope`): a
#: rule that ran away once is skipped for the rest of that document instead of costing its
#: time bound on every line. Per document, so results never depend on what was cleaned before.
_TIMED_OUT: ContextVar[set[str] | None] = ContextVar("cleaner_timed_out_rules", default=None)


#: Runaway-pattern probe: strings this long, and the time one probe may take. A linear
#: pattern needs well under 0.05 s for 1000 characters; a backtracking one needs seconds.
PROBE_CHARS = 1000
PROBE_TIMEOUT_S = 0.25


def timed_out_rules() -> set[str] | frozenset[str]:
    """Ids of the rules that timed out so far in the current document (see `document_scope`)."""
    return _TIMED_OUT.get() or frozenset()


class RuleSkipped(TimeoutError):
    """The rule already timed out in this document and is not searched again."""


def match_timeout(length: int) -> float:
    """The time bound for one search over `length` characters."""
    return MATCH_TIMEOUT_S + length * MATCH_TIMEOUT_PER_CHAR_S


@contextmanager
def document_scope() -> Iterator[set[str]]:
    """Track runaway rules for one document; yields the set of rule ids that timed out."""
    timed_out: set[str] = set()
    token = _TIMED_OUT.set(timed_out)
    try:
        yield timed_out
    finally:
        _TIMED_OUT.reset(token)


def pattern_flags(case_sensitive: bool) -> int:
    """The flags every rule pattern is compiled with. Validation compiles with the same
    flags, so `regex`'s own cache hands the rule that compiled pattern: each pattern is
    parsed once per process (parsing is most of the start-up time)."""
    return regex.VERSION0 | (0 if case_sensitive else regex.IGNORECASE)


@dataclass(frozen=True)
class Rule:
    """One validated rule. `pattern` is searched in a stripped line or sentence."""

    id: str
    category: str
    scope: str
    pattern: str
    reason: str
    source: str
    position: str = "any"
    max_words: int | None = None
    follow: str = "none"
    max_follow: int = 12
    #: Line rules: a line stays when it stands among more than this many lines in a row that
    #: the rule matches (a table or schedule of dates, not one stamp). None: no such limit.
    max_run: int | None = None
    #: Whether the boilerplate this rule takes can itself report speech (a comment header
    #: "X says:", a caption "Y said ..."). If not, a line or sentence that reports speech
    #: ("..., officials said") is article prose and the rule leaves it (`spares`).
    reported_speech: bool = False
    case_sensitive: bool = False
    remove_examples: tuple[str, ...] = ()
    keep_examples: tuple[str, ...] = ()
    #: Further patterns the searched text must each match somewhere, and patterns it must
    #: not match anywhere: the conditions look-arounds used to state inside the pattern,
    #: which a linear-time engine cannot run (`(?=.*\d)` is `requires = ['\d']`).
    requires: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    #: Two named groups of `pattern` that must hold the same text when both take part in the
    #: match (what a back-reference `(?P=name)` stated): `[/tag]` closes `[tag]`.
    same: tuple[str, str] | None = None
    #: The name of a check in code (`rulechecks.CHECKS`) the match must also pass, for what
    #: no pattern on a linear-time engine can say ("one credit written twice").
    check: str | None = None

    @cached_property
    def compiled(self) -> regex.Pattern[str]:
        return regex.compile(self.pattern, pattern_flags(self.case_sensitive))

    @cached_property
    def conditions(self) -> tuple[tuple[regex.Pattern[str], ...], tuple[regex.Pattern[str], ...]]:
        """`requires` and `unless`, compiled with the rule's flags."""
        flags = pattern_flags(self.case_sensitive)
        return (tuple(regex.compile(p, flags) for p in self.requires),
                tuple(regex.compile(p, flags) for p in self.unless))

    def _holds(self, text: str, match: regex.Match[str], timeout: float) -> bool:
        """Whether the pattern's `match` in `text` (the folded text) passes the rule's other
        conditions: every `requires` pattern found, no `unless` pattern, the `same` groups
        equal, the `check`."""
        requires, unless = self.conditions
        if not all(p.search(text, timeout=timeout) for p in requires):
            return False
        if any(p.search(text, timeout=timeout) for p in unless):
            return False
        if self.same is not None:
            first, second = (match.group(name) for name in self.same)
            if first is not None and second is not None and not same_text(first, second, self.case_sensitive):
                return False
        return self.check is None or CHECKS[self.check](match)

    @cached_property
    def needles(self) -> frozenset[str] | None:
        """Literals one of which every match contains (`prefilter`): lets most lines skip the regex.

        From the pattern, or else from a `requires` pattern (each must match too)."""
        for pattern in (self.pattern, *self.requires):
            needles = required_literals(pattern)
            if needles is not None:
                return needles
        return None

    @cached_property
    def first_chars(self) -> frozenset[str] | None:
        """For a pattern anchored at the start, the characters a match can begin with (`prefilter`)."""
        return first_characters(self.pattern)

    def search(self, text: str, prefiltered: bool = False) -> regex.Match[str] | None:
        """Search `text` within the time bound; raises `TimeoutError` on runaway patterns.

        Inside `document_scope`, a rule that timed out once raises `RuleSkipped` (a
        `TimeoutError`) at once for the rest of the document, so one bad pattern costs its
        time bound once per document, not once per line.
        """
        timed_out = _TIMED_OUT.get()
        if timed_out is not None and self.id in timed_out:
            raise RuleSkipped(f"rule {self.id} timed out earlier in this document")
        if not prefiltered and not (starts_right(self.first_chars, text) and may_match(self.needles, text)):
            return None  # no required literal, or the wrong first character: cannot match
        try:
            folded = fold(text)
            timeout = match_timeout(len(folded))
            match = self.compiled.search(folded, timeout=timeout)
            if match is None or not self._holds(folded, match, timeout):
                return None
            if folded is text:
                return match
            # zero-width characters, soft hyphens, no-break spaces: matched through (`invisible`)
            return MappedMatch(match, original_offsets(text), text)  # type: ignore[return-value]
        except TimeoutError:
            if timed_out is not None:
                timed_out.add(self.id)
            raise

    def fits(self, text: str) -> bool:
        """True when `text` is short enough for this rule (`max_words`).

        Splits at most `max_words` times, so a 10 MB line costs one copy, not a full split
        per rule (which made single-line megabyte files crawl).
        """
        return self.max_words is None or len(text.split(None, self.max_words)) <= self.max_words

    def spares(self, text: str) -> bool:
        """True when the rule must leave `text` although its pattern matches: the text
        reports speech and this rule's boilerplate never does ("Residents can sign up for
        flood alerts, officials said" is news, not a sign-up prompt)."""
        return not self.reported_speech and reports_speech(text)

    def matches(self, text: str) -> bool:
        """The rule's verdict on one stripped line or sentence, ignoring position."""
        text = text.strip()
        return self.fits(text) and self.search(text) is not None and not self.spares(text)


@dataclass
class RuleSet:
    """All rules in force, by scope, in load order."""

    rules: list[Rule] = field(default_factory=list)
    #: Ids of the stages' own rules (not in any pack) switched off with `--disable` (`switches`).
    disabled_builtin: frozenset[str] = frozenset()

    def by_scope(self, scope: str) -> list[Rule]:
        return [r for r in self.rules if r.scope == scope]

    def languages(self) -> frozenset[str]:
        """The languages the packs cover: the `rules/<lang>/` folders their files live in."""
        return frozenset(lang for r in self.rules if (lang := pack_language(r.source)) is not None)

    def __len__(self) -> int:
        return len(self.rules)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.rules)


def same_text(first: str, second: str, case_sensitive: bool) -> bool:
    """Whether two captured texts are the same, as a back-reference compares them: exactly,
    or ignoring case as the `regex` engine does for a case-insensitive rule."""
    if case_sensitive or first == second:
        return first == second
    return regex.fullmatch(regex.escape(first), second, pattern_flags(False)) is not None


def pack_language(source: str) -> str | None:
    """The language of a pack file by its folder (`rules/de/ads.toml` -> "de"), if it names one."""
    folder = Path(source).parent.name.lower()
    return folder if regex.fullmatch(r"[a-z]{2,3}", folder) else None


def probe_strings(pattern: str, length: int = PROBE_CHARS) -> Iterator[str]:
    """Inputs that make backtracking patterns blow up: long runs of the pattern's own
    characters (and of a few class representatives) that fail to match at the very end."""
    chars = sorted({c for c in pattern.lower() if c.isalnum() or c in " .,-'"} | set("a1 .,-"))
    for char in chars:
        yield char * length + "\x00"
        yield (char + " ") * (length // 2) + "\x00"
    yield "word " * (length // 5) + "\x00"


def probe_runaway(rule: Rule) -> str | None:
    """Search the probe strings with a time bound; describe the first that runs away, if any.

    Why at load: a pattern like `(a+)+$` passes its own short examples and then takes
    seconds (or hours) on one long line of a real document.
    """
    requires, unless = rule.conditions
    for compiled, text in ((c, t) for c in (rule.compiled, *requires, *unless) for t in probe_strings(c.pattern)):
        try:
            compiled.search(text, timeout=PROBE_TIMEOUT_S)
        except TimeoutError:
            sample = text[:12] + "…"
            return (f"catastrophic backtracking: over {PROBE_TIMEOUT_S}s on a {len(text)}-character probe "
                    f"{sample!r}; avoid nested quantifiers such as (a+)+ or (a|aa)+")
    return None


def builtin_rules_dir() -> Path:
    """The packs shipped with cleaner: `cleaner/_rules` in a wheel, `rules/` in a checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "_rules"
    return packaged if packaged.is_dir() else here.parent / "rules"


def pack_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*.toml") if p.is_file())


def load_rules(extra_dirs: Iterable[Path] = (), builtin: bool = True) -> RuleSet:
    """Load the built-in packs (unless `builtin=False`) and the user's, validating all.

    User packs are also probed for runaway patterns (`probe_runaway`); the built-in packs are
    probed by the test suite instead, so loading them stays fast.
    """
    shipped = builtin_rules_dir()
    dirs = ([shipped] if builtin else []) + [Path(d) for d in extra_dirs]
    problems: list[str] = []
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for directory in dirs:
        if not directory.is_dir():
            problems.append(f"{directory} -> not a directory of rule packs")
            continue
        for path in pack_files(directory):
            rules += _load_file(path, problems, probe=directory != shipped, seen=seen)
    if problems:
        raise RulePackError(problems)
    return RuleSet(rules)


def _load_file(path: Path, problems: list[str], probe: bool = False, seen: dict[str, str] | None = None) -> list[Rule]:
    """The valid rules of one pack; every problem goes to `problems`.

    Duplicate ids are checked on every entry that names an id, valid or not, so a pack
    with both a duplicate and another mistake in one rule reports both in one round.
    """
    seen = {} if seen is None else seen
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{path} -> cannot read: {exc}")
        return []
    except tomllib.TOMLDecodeError as exc:
        problems.append(f"{path} -> invalid TOML: {exc}")
        return []
    unknown_top = set(data) - {"rules", "pack"}
    if unknown_top:
        problems.append(f"{path} -> unknown top-level keys {sorted(unknown_top)} (expected [[rules]] tables)")
    entries = data.get("rules", [])
    if not isinstance(entries, list):
        problems.append(f"{path} -> rules: expected an array of tables ([[rules]])")
        return []
    default_category = data.get("pack", {}).get("category") if isinstance(data.get("pack"), dict) else None
    out = []
    for n, entry in enumerate(entries):
        rule_id = entry.get("id") if isinstance(entry, dict) else None
        duplicate = isinstance(rule_id, str) and rule_id in seen
        if duplicate:
            problems.append(f"{path} -> rule[{n}] ({rule_id}) -> id: duplicate, first defined in {seen[rule_id]}")
        elif isinstance(rule_id, str):
            seen[rule_id] = f"{path} rule[{n}]"
        rule = _validate(path, n, entry, default_category, problems, probe)
        if rule is not None and not duplicate:
            out.append(rule)
    return out


def _check_pattern(pattern: str, case_sensitive: bool, key: str,
                   bad: Callable[[str, str], None]) -> regex.Pattern[str] | None:
    """Compile one pattern of a rule, and check that the compiled core's linear-time engine
    runs it (every pack, built-in ones included: no rule pattern needs a time limit)."""
    try:
        compiled = regex.compile(pattern, pattern_flags(case_sensitive))
    except regex.error as exc:
        bad(key, f"invalid regular expression: {exc}")
        return None
    unsupported = _engine_check(pattern, case_sensitive)
    if unsupported is not None:
        bad(key, unsupported)
        return None
    return compiled


@lru_cache(maxsize=4096)
def _engine_check(pattern: str, case_sensitive: bool) -> str | None:
    """The engine's objection to a pattern, if any (cached: the built-in packs load often)."""
    unsupported = _core.check_pattern(pattern, case_sensitive)
    return None if unsupported is None else unsupported[2]


def _validate(path: Path, n: int, entry: object, default_category: str | None,
              problems: list[str], probe: bool = False) -> Rule | None:
    where = f"{path} -> rule[{n}]"
    if not isinstance(entry, dict):
        problems.append(f"{where} -> expected a table")
        return None
    if entry.get("id"):
        where += f" ({entry['id']})"
    before = len(problems)

    def bad(key: str, why: str) -> None:
        problems.append(f"{where} -> {key}: {why}")

    for key in sorted(set(entry) - _FIELDS):
        bad(key, f"unknown field (allowed: {', '.join(sorted(_FIELDS))})")
    rule_id = entry.get("id")
    if not isinstance(rule_id, str) or not regex.fullmatch(r"[a-z0-9][a-z0-9_.-]*", rule_id or ""):
        bad("id", "required, lower-case letters, digits, '.', '-', '_'")
    category = entry.get("category", default_category)
    if category not in CATEGORIES:
        bad("category", f"{category!r} is not one of {', '.join(CATEGORIES)}")
    scope = entry.get("scope", "line")
    if scope not in SCOPES:
        bad("scope", f"{scope!r} is not one of {', '.join(SCOPES)}")
    position = entry.get("position", "any")
    if position not in POSITIONS:
        bad("position", f"{position!r} is not one of {', '.join(POSITIONS)}")
    follow = entry.get("follow", "none")
    if follow not in FOLLOWS:
        bad("follow", f"{follow!r} is not one of {', '.join(FOLLOWS)}")
    elif follow != "none" and scope != "block":
        bad("follow", "only block rules take the lines that follow")
    max_words = entry.get("max_words")
    if max_words is not None and (not isinstance(max_words, int) or isinstance(max_words, bool) or max_words < 1):
        bad("max_words", "must be a positive whole number")
    max_follow = entry.get("max_follow", 12)
    if not isinstance(max_follow, int) or isinstance(max_follow, bool) or max_follow < 0:
        bad("max_follow", "must be a whole number >= 0")
    max_run = entry.get("max_run")
    if max_run is not None and (not isinstance(max_run, int) or isinstance(max_run, bool) or max_run < 1):
        bad("max_run", "must be a positive whole number")
    elif max_run is not None and scope != "line":
        bad("max_run", "only line rules can spare runs of lines")
    reported_speech = entry.get("reported_speech", False)
    if not isinstance(reported_speech, bool):
        bad("reported_speech", "must be true or false")
    reason = entry.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        bad("reason", "required: one line saying why this is boilerplate")
    case_sensitive = entry.get("case_sensitive", False)
    if not isinstance(case_sensitive, bool):
        bad("case_sensitive", "must be true or false")
    pattern = entry.get("pattern")
    compiled: regex.Pattern[str] | None = None
    if not isinstance(pattern, str) or not pattern:
        bad("pattern", "required: a regular expression")
    else:
        compiled = _check_pattern(pattern, case_sensitive is True, "pattern", bad)
    conditions: dict[str, tuple[str, ...]] = {}
    for key in ("requires", "unless"):
        value = entry.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(x, str) and x for x in value):
            bad(key, "must be a list of regular expressions")
            continue
        for k, extra in enumerate(value):
            _check_pattern(extra, case_sensitive is True, f"{key}[{k}]", bad)
        conditions[key] = tuple(value)
    same = entry.get("same")
    if same is not None:
        if not (isinstance(same, list) and len(same) == 2 and all(isinstance(x, str) for x in same)):
            bad("same", "must be a list of two group names of the pattern")
            same = None
        elif compiled is not None and not set(same) <= set(compiled.groupindex):
            missing = sorted(set(same) - set(compiled.groupindex))
            bad("same", f"the pattern has no group (?P<{missing[0]}>...)")
            same = None
    check = entry.get("check")
    if check is not None and check not in CHECKS:
        bad("check", f"{check!r} is not one of {', '.join(sorted(CHECKS))}")
    examples = entry.get("examples", {})
    remove: list[str] = []
    keep: list[str] = []
    if not isinstance(examples, dict):
        bad("examples", "must be a table with 'remove' and 'keep' lists")
    else:
        remove = examples.get("remove", [])
        keep = examples.get("keep", [])
        for key in sorted(set(examples) - {"remove", "keep"}):
            bad(f"examples.{key}", "unknown (use 'remove' and 'keep')")
        if not isinstance(remove, list) or not remove or not all(isinstance(x, str) for x in remove):
            bad("examples.remove", "required: at least one line this rule removes")
            remove = []
        if not isinstance(keep, list) or not keep or not all(isinstance(x, str) for x in keep):
            bad("examples.keep", "required: at least one similar line this rule must keep")
            keep = []
    if entry.get("enabled", True) is False or len(problems) > before:
        return None
    rule = Rule(id=rule_id, category=category, scope=scope, pattern=pattern, reason=reason.strip(),
                source=str(path), position=position, max_words=max_words, follow=follow,
                max_follow=max_follow, max_run=max_run, reported_speech=reported_speech,
                case_sensitive=case_sensitive,
                remove_examples=tuple(remove), keep_examples=tuple(keep),
                requires=conditions.get("requires", ()), unless=conditions.get("unless", ()),
                same=tuple(same) if same else None, check=check)  # type: ignore[arg-type]
    try:
        for text in remove:
            if not rule.matches(text):
                bad("examples.remove", f"the rule does not match {text[:60]!r}")
        for text in keep:
            if rule.matches(text):
                bad("examples.keep", f"the rule matches {text[:60]!r}, which it must keep")
    except TimeoutError:
        bad("pattern", f"took over {MATCH_TIMEOUT_S}s on its own examples (catastrophic backtracking?)")
    if probe and len(problems) == before:
        runaway = probe_runaway(rule)
        if runaway:
            bad("pattern", runaway)
    return None if len(problems) > before else rule
