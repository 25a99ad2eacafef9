"""Phrase rules at line and sentence scope.

Line rules take a whole line when the pattern matches and the line is short enough
(`max_words`) and in the right zone (`position`). Sentence rules take single sentences,
which is how boilerplate glued onto article text is cut at the sentence boundary while
the article part of the line stays.
"""

from __future__ import annotations

from ..model import Block, Document, Removal
from ..prefilter import candidates, rule_index
from ..rulepack import Rule, RuleSet
from ..segment import sentences
from ..tables import in_table
from ..zones import Zones, block_words, zones
from . import base
from .base import lines_with_literals, remove_block, remove_part, remove_rest, untouched

#: Lines of more words than this take their candidate rules from the document-wide scan.
SHORT_LINE = 16

#: Most rounds of edge peeling in one pass (each removes at least one line at an edge).
MAX_PEELS = 50


def _has_word_outside(text: str, cuts: list[tuple[int, int]]) -> bool:
    """Whether a letter or digit of `text` lies outside every cut."""
    covered = [False] * len(text)
    for a, b in cuts:
        covered[a:b] = [True] * (b - a)
    return any(ch.isalnum() and not covered[i] for i, ch in enumerate(text))


def _in_long_run(doc: Document, block: Block, rule: Rule) -> bool:
    """Whether `block` stands among more than `rule.max_run` live lines in a row that the
    rule matches (what is left of each, wherever it sits): a release table or a schedule of
    dates is article text, while a lone stamp, or a published/updated pair, is not.

    Judged on the live lines, which are the lines a second cleaning sees, so the verdict
    does not change when the text is cleaned again. Only looks as far as it needs to.
    """
    limit = rule.max_run or 0
    run = 1
    for step in (-1, 1):
        i = block.index + step
        while 0 <= i < len(doc.blocks) and run <= limit:
            other = doc.blocks[i]
            i += step
            if doc.is_gone(other):
                continue
            if not rule.matches(doc.remaining(other)):
                break
            run += 1
    return run > limit


class LongLineRules:
    """Candidate line rules for lines of more than SHORT_LINE words, without a per-line scan.

    Only rules allowed more than SHORT_LINE words can take such a line. Those anchored at
    the start are picked by the line's first character; the literals of the others are
    found for the whole document in one pass (`RuleIndex.lines`). Rules for short lines
    have literals too common for that (" ", "-", "ap") and are tried line by line.
    """

    def __init__(self, line_rules: list[Rule]):
        self.rules = [r for r in line_rules if r.max_words is None or r.max_words > SHORT_LINE]
        self.by_first: dict[str, list[int]] = {}
        scanned: list[int] = []
        for i, rule in enumerate(self.rules):
            if rule.first_chars is None:
                scanned.append(i)
                continue
            for char in rule.first_chars:
                self.by_first.setdefault(char, []).append(i)
        self.scanned = scanned
        self.scanned_rules = [self.rules[i] for i in scanned]
        self.always = {scanned[k] for k in rule_index(self.scanned_rules).always}

    def lines(self, text: str) -> dict[int, set[int]]:
        """1-based line -> indexes (into `self.rules`) of scanned rules with a literal there."""
        return {line: {self.scanned[k] for k in owners}
                for line, owners in rule_index(self.scanned_rules).lines(text).items()}

    def pick(self, on_line: set[int] | None, text: str, words: int) -> list[Rule]:
        """The rules, in order, that may take the stripped line `text` of `words` words."""
        chosen = set(self.always)
        if on_line:
            chosen |= on_line
        chosen.update(self.by_first.get(text[:1].casefold()[:1], ()))
        return [r for r in (self.rules[i] for i in sorted(chosen)) if r.max_words is None or words <= r.max_words]


class PhraseStage:
    name = "phrases"

    def __init__(self, rules: RuleSet):
        self.line_rules = rules.by_scope("line")
        self.sentence_rules = rules.by_scope("sentence")
        self.edge_rules = [r for r in self.line_rules if r.position != "any"]
        self.long_lines = LongLineRules(self.line_rules)
        self._eligible: dict[tuple[int, int], list[Rule]] = {}

    def _fitting(self, rules: list[Rule], text: str, n: int | None = None) -> list[Rule]:
        """The rules short enough for `text` (of `n` words, if the caller knows), in their
        order, cached by word count: most article lines are longer than any rule's
        `max_words` and skip every rule at once."""
        if n is None:
            n = len(text.split())
        key = (id(rules), n)
        fitting = self._eligible.get(key)
        if fitting is None:
            fitting = self._eligible[key] = [r for r in rules if r.max_words is None or n <= r.max_words]
        return fitting

    def _line_hits(self, doc: Document) -> tuple[dict[int, set[int]], set[int]] | None:
        """Per document: which long-line rules have a literal on which line (see
        `LongLineRules`), and the lines where a sentence rule's literal occurs. None when the
        scans are off (`base.SCAN_DOCUMENTS`): then every line takes the plain path."""
        if not base.SCAN_DOCUMENTS:
            return None

        def scan() -> tuple[dict[int, set[int]], set[int]]:
            sentence_lines: set[int] = set()
            if self.sentence_rules:
                found = lines_with_literals(doc, self.sentence_rules)
                sentence_lines = set(found) if found is not None else {b.line for b in doc.blocks}
            return self.long_lines.lines(doc.text), sentence_lines

        return doc.memo(("phrases", id(self)), scan)

    def __call__(self, doc: Document) -> list[Removal]:
        out: list[Removal] = []
        zone = zones(doc)
        hits = self._line_hits(doc)
        # Untouched lines an earlier pass found clean, with where they sat (top zone, bottom
        # zone): their verdict depends only on their text and those two facts, so a later
        # round re-checks only lines whose zones moved. Not used on the plain path.
        clean: dict[int, tuple[bool, bool]] | None = None
        if hits is not None:
            clean = doc.memo(("phrases.clean", id(self)), dict)
        counts = block_words(doc)
        spared = self._spared(doc)
        for block in untouched(doc):
            where = (block.index in zone.top, block.index in zone.bottom)
            if clean is not None and clean.get(block.line) == where:
                continue
            text = block.text.strip()
            words = counts[block.index]  # an untouched line: its words as segmented
            picked = None
            if hits is not None and words > SHORT_LINE:
                picked = self.long_lines.pick(hits[0].get(block.line), text, words)
            rule = self._first(doc, self.line_rules, block, text, zone, picked, words)
            if rule is not None:
                out.append(remove_block(doc, block, self.name, rule))
                continue
            cuts = self._sentences(doc, block, zone) if hits is None or block.line in hits[1] else []
            if cuts:
                out.extend(cuts)
            elif clean is not None and block.line not in spared:
                clean[block.line] = where
        for block in doc.live_blocks():
            if not doc.removed_in(block):
                continue
            # A line a sentence rule already cut is judged by what is left of it: that is the
            # line a second cleaning sees, so the first one takes it too (idempotence).
            rule = self._first(doc, self.line_rules, block, doc.remaining(block).strip(), zone)
            if rule is not None:
                out.extend(remove_rest(doc, block, self.name, rule))
            elif self.sentence_rules and (hits is None or block.line in hits[1]):
                # Another stage cut whole sentences out of this line (a crawl notice glued to
                # the article): the sentences left are what a second cleaning would judge.
                cut = [(r.span.start - block.span.start, r.span.end - block.span.start)
                       for r in doc.removed_in(block)]
                out.extend(self._sentences(doc, block, zone, cut))
        out.extend(self._peel_edges(doc, out, clean))
        return out

    def _spared(self, doc: Document) -> set[int]:
        """Lines a rule matched but left because they stand in a long run (`max_run`)."""
        return doc.memo(("phrases.spared", id(self)), set)

    def _peel_edges(self, doc: Document, proposed: list[Removal],
                    clean: dict[int, tuple[bool, bool]] | None) -> list[Removal]:
        """Zone rules again, on the zones as they are once this pass's removals are gone.

        Removing footer lines moves the footer zone inward, so a second cleaning would see
        new lines at the edge. Peeling here until the edges stop moving keeps cleaning
        idempotent without extra pipeline rounds; each loop only looks at edge lines, and
        only at those not already found clean where they now sit (`clean`, and the lines
        this peel has tried).
        """
        if not proposed or not self.edge_rules:
            return []  # nothing moved: the zones are the ones the first pass already used
        gone = {r.line for r in proposed}
        out: list[Removal] = []
        tried: set[tuple[int, bool, bool]] = set()
        for _ in range(MAX_PEELS):
            zone = zones(doc, gone)
            peeled = []
            for index in sorted(zone.top | zone.bottom):
                block = doc.blocks[index]
                if doc.removed_in(block):
                    continue
                where = (index in zone.top, index in zone.bottom)
                if clean is not None and (clean.get(block.line) == where or (block.line, *where) in tried):
                    continue  # no line rule takes it in this position (the edge rules are line rules)
                tried.add((block.line, *where))
                rule = self._first(doc, self.edge_rules, block, block.text.strip(), zone)
                if rule is not None:
                    peeled.append(remove_block(doc, block, self.name, rule))
            if not peeled:
                break
            gone.update(r.line for r in peeled)
            out.extend(peeled)
        return out

    def _first(self, doc: Document, rules: list[Rule], block: Block, text: str, zone: Zones,
               picked: list[Rule] | None = None, words: int | None = None) -> Rule | None:
        """The first rule of `rules` that takes `text`. Only rules whose required literals
        occur in `text` can match (speed only; see prefilter); `picked` is that list when
        the caller already has it from the document-wide scan, `words` the word count of
        `text` when it is known."""
        if picked is None:
            fitting = self._fitting(rules, text, words)
            if not fitting:
                return None
            picked = candidates(fitting, text)
        for rule in picked:
            if not zone.allows(block, rule.position):
                continue
            if rule.search(text, prefiltered=True):  # `candidates` already checked the literals
                if rule.spares(text):
                    continue
                if rule.category == "navigation" and in_table(doc, block):
                    # A table row ("Yankees | 90 | 72") is the article's, however menu-like.
                    self._spared(doc).add(block.line)
                    continue
                if rule.max_run is not None and _in_long_run(doc, block, rule):
                    # Spared for now; not "clean": the run may shrink in a later round.
                    self._spared(doc).add(block.line)
                    continue
                return rule
        return None

    @staticmethod
    def _cut(piece: str, start: int, end: int, rule: Rule) -> tuple[int, int, Rule]:
        """Narrow a sentence hit to the rule's `(?P<cut>...)` group when it has one.

        A stamp or credit glued onto a headline ("... Justice Will Be Served Posted: June 27,
        2012") shares its sentence with article text; the group names the part that goes.
        """
        if "(?P<cut>" not in rule.pattern:
            return start, end, rule
        lead = len(piece) - len(piece.lstrip())
        match = rule.search(piece.strip())
        if match is None or match.start("cut") < 0:
            return start, end, rule
        a, b = match.span("cut")
        if a == 0 and b >= len(piece.strip()):
            return start, end, rule
        while a > 0 and piece.strip()[a - 1].isspace():
            a -= 1
        if a == 0:
            # A cut that opens the sentence takes the space after it: the line must not
            # open with a blank ("(Name/Agency) Over the weekend, ...").
            while b < len(piece.strip()) and piece.strip()[b].isspace():
                b += 1
        return start + lead + a, start + lead + b, rule

    def _sentences(self, doc: Document, block: Block, zone: Zones,
                   cut: list[tuple[int, int]] | None = None) -> list[Removal]:
        """Sentence rules on the line's sentences; with `cut` (offsets an earlier stage
        already removed), only on the sentences clear of those cuts."""
        if not self.sentence_rules:
            return []
        # With earlier cuts, the sentences are those of what is left of the line, as a second
        # cleaning splits it ("Click To TweetThink about it:" once a stamp glued after it is
        # cut); `where` maps each character of that text back to the line.
        text, where = _rest_of(block.text, cut) if cut else (block.text, None)
        spans = sentences(text)
        hits: list[tuple[int, int, Rule]] = []
        for start, end in spans:
            piece = text[start:end]
            rule = self._first(doc, self.sentence_rules, block, piece.strip(), zone)
            if rule is not None:
                hits.append(self._cut(piece, start, end, rule))
        if not hits:
            return []
        whole = (lambda rule: remove_rest(doc, block, self.name, rule)) if cut else (
            lambda rule: [remove_block(doc, block, self.name, rule)])
        if len(hits) == len(spans) and all((a, b) in spans for a, b, _ in hits):
            return whole(hits[0][2])
        if where is not None:
            hits = [(x, y, rule) for a, b, rule in hits for x, y in _runs(where, a, b)]
        if not _has_word_outside(block.text, [(a, b) for a, b, _ in hits] + (cut or [])):
            # What would be left is a bullet or separator ("   * "): take the whole line, as
            # a second cleaning would.
            return whole(hits[0][2])
        return [remove_part(doc, block, start, end, self.name, rule)
                for start, end, rule in _with_trailing_blank(block.text, hits, cut or [])]


def _rest_of(text: str, cut: list[tuple[int, int]]) -> tuple[str, list[int]]:
    """What `cut` (offsets in `text`) leaves of `text`, and each of its characters' offset in
    `text`."""
    parts: list[str] = []
    where: list[int] = []
    pos = 0
    for a, b in sorted(cut):
        if a > pos:
            parts.append(text[pos:a])
            where.extend(range(pos, a))
        pos = max(pos, b)
    parts.append(text[pos:])
    where.extend(range(pos, len(text)))
    return "".join(parts), where


def _runs(where: list[int], start: int, end: int) -> list[tuple[int, int]]:
    """The characters `start:end` of the text left by cuts, as ranges of the line (one range
    per stretch between earlier cuts)."""
    runs: list[tuple[int, int]] = []
    for i in range(start, end):
        if runs and runs[-1][1] == where[i]:
            runs[-1] = (runs[-1][0], where[i] + 1)
        else:
            runs.append((where[i], where[i] + 1))
    return runs


def _with_trailing_blank(text: str, hits: list[tuple[int, int, Rule]],
                         cut: list[tuple[int, int]]) -> list[tuple[int, int, Rule]]:
    """The hits, such that no line ends in a blank: when the removals (these hits and an
    earlier stage's `cut`) run to the end of the line, the first of that run takes the space
    before it; before an earlier stage's cut, the space is a removal of its own."""
    if not any(end == len(text) for _, end, _ in hits):
        return hits
    starts = {end: start for start, end in [*((a, b) for a, b, _ in hits), *cut] if start < end}
    edge = len(text)
    while edge in starts:
        edge = starts[edge]
    space = edge
    while space > 0 and text[space - 1].isspace():
        space -= 1
    if space == edge or space == 0:
        return hits
    if any(start == edge for start, _, _ in hits):
        return [(space if start == edge else start, end, rule) for start, end, rule in hits]
    return [(space, edge, hits[-1][2]), *hits]
