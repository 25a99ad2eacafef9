"""Load, validate and compile rule packs: TOML files of phrase-family rules.

Rules are data so a user can read, test, switch off or add them without touching code.
Loading checks every rule and raises one `RulePackError` that lists all problems as
`file -> rule[3] (id) -> field: what is wrong`, so a pack is fixed in one round.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
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

def pattern_flags(case_sensitive: bool) -> int:
    """The flags a rule pattern is checked with by the `regex` module at load (its syntax
    errors name the position); matching itself runs on the core (`Rule.engine`)."""
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

    @property
    def engine(self) -> _core.Rule:
        """The rule compiled on the core's linear-time engine: what every search runs.
        Raises ValueError when the engine cannot run one of its patterns (`_validate`
        reports that as a problem of the pack)."""
        return _engine(self.pattern, self.requires, self.unless, self.same, self.case_sensitive)

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

    def search(self, text: str, prefiltered: bool = False) -> EngineMatch | MappedMatch | None:
        """The rule's match in `text` (pattern, `requires`, `unless`, `same`, `check`), or None.

        Runs on the compiled core's linear-time engine, so no search can run away and none
        needs a time limit. `prefiltered`: the caller already checked the literals.
        """
        if not prefiltered and not (starts_right(self.first_chars, text) and may_match(self.needles, text)):
            return None  # no required literal, or the wrong first character: cannot match
        # zero-width characters, soft hyphens, no-break spaces: matched through (`invisible`)
        folded = fold(text)
        hit = self.engine.search(folded)
        if hit is None:
            return None
        match = EngineMatch(folded, *hit)
        if self.check is not None and not CHECKS[self.check](match):
            return None
        return match if folded is text else MappedMatch(match, original_offsets(text), text)

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


class EngineMatch:
    """A rule's match as the core reports it: the whole match and the `cut` group, in
    code points of the searched text (the part of `re.Match` the stages use)."""

    __slots__ = ("_spans", "string")

    def __init__(self, string: str, start: int, end: int, cut_start: int, cut_end: int):
        self.string = string
        self._spans = {0: (start, end), "cut": (cut_start, cut_end)}

    def span(self, group: int | str = 0) -> tuple[int, int]:
        return self._spans.get(group, (-1, -1))

    def start(self, group: int | str = 0) -> int:
        return self.span(group)[0]

    def end(self, group: int | str = 0) -> int:
        return self.span(group)[1]

    def group(self, group: int | str = 0) -> str | None:
        start, end = self.span(group)
        return None if start < 0 else self.string[start:end]

    def __bool__(self) -> bool:
        return True


def pack_language(source: str) -> str | None:
    """The language of a pack file by its folder (`rules/de/ads.toml` -> "de"), if it names one."""
    folder = Path(source).parent.name.lower()
    return folder if regex.fullmatch(r"[a-z]{2,3}", folder) else None


def builtin_rules_dir() -> Path:
    """The packs shipped with cleaner: `cleaner/_rules` in a wheel, `rules/` in a checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "_rules"
    return packaged if packaged.is_dir() else here.parent / "rules"


def pack_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*.toml") if p.is_file())


def load_rules(extra_dirs: Iterable[Path] = (), builtin: bool = True) -> RuleSet:
    """Load the built-in packs (unless `builtin=False`) and the user's, validating all.

    Every pattern runs on the core's linear-time engine, so no pack needs probing for
    runaway (backtracking) patterns and no search needs a time limit.
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
            rules += _load_file(path, problems, seen=seen, shipped=directory == shipped)
    if problems:
        raise RulePackError(problems)
    return RuleSet(rules)


def _load_file(path: Path, problems: list[str], seen: dict[str, str] | None = None,
               shipped: bool = False) -> list[Rule]:
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
        rule = _validate(path, n, entry, default_category, problems, shipped)
        if rule is not None and not duplicate:
            out.append(rule)
    return out


def _check_pattern(pattern: str, case_sensitive: bool, key: str,
                   bad: Callable[[str, str], None]) -> regex.Pattern[str] | None:
    """Check one pattern's syntax with the `regex` module (its messages name the position);
    whether the core's engine runs it is checked once the rule is built (`_validate`)."""
    try:
        return regex.compile(pattern, pattern_flags(case_sensitive))
    except regex.error as exc:
        bad(key, f"invalid regular expression: {exc}")
        return None


@lru_cache(maxsize=2048)
def _engine(pattern: str, requires: tuple[str, ...], unless: tuple[str, ...], same: tuple[str, str] | None,
            case_sensitive: bool) -> _core.Rule:
    """A rule's patterns compiled on the core, shared by every load of the same rule in a
    process (compiling the Unicode classes is most of the cost of loading the packs)."""
    return _core.Rule(pattern, list(requires), list(unless), same, case_sensitive)


def _validate(path: Path, n: int, entry: object, default_category: str | None,
              problems: list[str], shipped: bool = False) -> Rule | None:
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
    if shipped:
        # The built-in packs: the engine's check parses without building (a rule is compiled
        # on its first search); the test suite runs their examples.
        keys = [("pattern", rule.pattern), *((f"requires[{k}]", p) for k, p in enumerate(rule.requires)),
                *((f"unless[{k}]", p) for k, p in enumerate(rule.unless))]
        for key, p in keys:
            why = _core.check_pattern(p, rule.case_sensitive)
            if why is not None:
                bad(key, why[2])
        return None if len(problems) > before else rule
    try:
        _ = rule.engine  # every pack, built-in ones included: no rule pattern needs a time limit
    except ValueError as exc:
        number, _, why = str(exc).partition(": ")
        index = int(number.split()[-1])
        keys = ["pattern", *(f"requires[{k}]" for k in range(len(rule.requires))),
                *(f"unless[{k}]" for k in range(len(rule.unless)))]
        bad(keys[index], why)
        return None
    for text in remove:
        if not rule.matches(text):
            bad("examples.remove", f"the rule does not match {text[:60]!r}")
    for text in keep:
        if rule.matches(text):
            bad("examples.keep", f"the rule matches {text[:60]!r}, which it must keep")
    return None if len(problems) > before else rule
