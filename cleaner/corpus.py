"""Corpus evidence: lines repeated across many documents of one site are boilerplate.

A rule has to name a phrase; a site's own chrome ("More from The Daily Example", its
newsletter box, its photo-credit line) is spelled in ways no rule names, but it repeats in
every page of that site while the article text does not. A two-pass batch run counts, in
pass 1, in how many documents of each group (a site's domain, a top-level subfolder, or
the whole run) each normalised line occurs, and keeps as evidence the lines that occur in
at least `min_docs` documents and at least `min_share` of the group's documents. In pass 2
`cleaner.stages.corpus` removes those lines and says in each removal's reason how often the
line was seen ("in 41 of 1,200 documents of example.com").

Memory is bounded whatever the corpus size: lines are counted as 64-bit hashes (blake2b,
stable across processes, unlike `hash()`), and when the table grows past `max_entries`
the least-seen entries are pruned (lossy counting). Pruning can only lower a count, never
raise it, so it can lose evidence but never invent it.

Guards against taking article text (wire stories syndicated across a corpus, a quote two
stories share, a common phrase):
- only lines of `min_words`..`max_words` words and `min_chars` characters are counted;
- a line shaped like an article sentence (`sentence_words`+ words ending like a sentence)
  is never counted, so the same AP paragraph in 40 documents stays; a shorter sentence
  (`short_sentence_words`+ words) needs `sentence_factor` times the evidence;
- lines that report speech ("..., the mayor said") and credit lines the annotation
  guideline keeps ("X contributed to this report") are never counted;
- evidence is per group: a line must repeat within one site, not merely across the corpus;
- a document that is an exact copy of one already counted (a recent one: a bounded memory
  of fingerprints) is not counted again, so a story published twice does not vote twice.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import regex

from .signals import ends_sentence, reports_speech

RULE_ID = "corpus.repeated-line"
#: `--corpus-group` values that are not a JSONL field name.
GROUP_AUTO, GROUP_RUN = "auto", "run"
#: JSONL fields `auto` takes a record's group from (a URL's domain, or the domain itself).
AUTO_FIELDS = ("url", "domain")
#: Recent document fingerprints remembered to skip exact copies (bounded, not the corpus).
RECENT_DOCS = 65_536

# Python's `re` (on str, \d is every Unicode decimal digit): several times faster than `regex`
# here, and pass 1 folds every line of the corpus.
_DIGITS = re.compile(r"\d+")
#: List markers a page-to-text dump puts before a menu item ("* Facebook", "+ Politics", "o Obituaries").
_BULLET = re.compile(r"^(?:[-*+•·▪►»‣◦–—o] )+")
#: Leading list markers a line may carry beyond `max_words` before it is too long to count.
_MAX_BULLETS = 4
_LETTER = regex.compile(r"\p{L}")
#: What the annotation guideline keeps although it repeats: credit lines of the article itself.
GUIDELINE_KEEPS = regex.compile(
    r"\b(?:additional reporting|contributed (?:to )?(?:this )?(?:report|story)|(?:reporting|writing|editing) by|"
    r"editor'?s note|correction)\b", regex.IGNORECASE)


@dataclass(frozen=True)
class Settings:
    """Which lines may become evidence, and how much repetition makes them evidence."""

    #: A line must be in at least this many documents of its group ...
    min_docs: int = 5
    #: ... and in at least this share of the group's documents.
    min_share: float = 0.02
    #: Shorter lines (words and characters of the normalised line) are too common to be evidence
    #: ("Tuesday"); a menu item such as "Facebook" is just long enough.
    min_words: int = 1
    min_chars: int = 8
    #: Longer lines are paragraphs: never corpus evidence.
    max_words: int = 25
    #: A line ending like a sentence with this many words is article-shaped: never evidence.
    sentence_words: int = 10
    #: A shorter sentence of this many words could still be a wire story's line: it needs
    #: `sentence_factor` times the documents and the share.
    short_sentence_words: int = 5
    sentence_factor: int = 4
    #: Counted (group, line) entries kept before the least-seen are pruned.
    max_entries: int = 200_000

    def __post_init__(self) -> None:
        if self.min_docs < 2:
            raise ValueError(f"corpus min_docs must be at least 2, not {self.min_docs}")
        if not 0.0 <= self.min_share <= 1.0:
            raise ValueError(f"corpus min_share must be between 0 and 1, not {self.min_share}")
        if self.max_entries < 16:
            raise ValueError(f"corpus max_entries must be at least 16, not {self.max_entries}")

    def needed(self, docs: int, sentence: bool = False) -> int:
        """Documents a line must be in, in a group of `docs` documents (more for a sentence)."""
        factor = self.sentence_factor if sentence else 1
        return max(self.min_docs * factor, math.ceil(self.min_share * factor * docs))


def normalise(line: str) -> str:
    """Case-, space-, digit- and list-marker-folded line: "12 Comments", "3  comments" and
    "* 3 comments" are one line."""
    return _BULLET.sub("", " ".join(_DIGITS.sub("0", line.casefold()).split()))


def line_key(normalised: str, sentence: bool = False) -> int:
    """A 64-bit hash of a normalised line, the same in every process and on every run.

    The lowest bit says whether the line is sentence-shaped (it then needs stronger
    evidence), so the tier travels with the count at no cost in memory.
    """
    data = normalised.encode("utf-8", "surrogatepass")
    return (int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big") & ~1) | int(sentence)


def is_sentence_key(key: int) -> bool:
    """True for the key of a sentence-shaped line (see `line_key`)."""
    return bool(key & 1)


def qualifies(line: str, settings: Settings) -> bool:
    """Lines that may be counted at all: chrome-sized, not article-shaped, not a kept credit."""
    return key_if_qualifies(line, settings) is not None


def key_if_qualifies(line: str, settings: Settings) -> int | None:
    """The line's `line_key` when it may be counted, else None (one normalisation per line).

    Never counted: lines of fewer or more words than the settings allow, lines ending like
    a sentence of `sentence_words`+ words (article paragraphs, wire copy), lines that report
    speech ("..., officials said": news, not chrome) and credits the guideline keeps.
    """
    text = line.strip()
    if not text or len(text.split(None, settings.max_words + _MAX_BULLETS)) > settings.max_words + _MAX_BULLETS:
        return None  # empty, or a paragraph: rejected before it is folded
    folded = normalise(text)
    words = len(folded.split())
    if not settings.min_words <= words <= settings.max_words or len(folded) < settings.min_chars:
        return None
    sentence = ends_sentence(text)
    if sentence and words >= settings.sentence_words:
        return None
    if not _LETTER.search(text) or GUIDELINE_KEEPS.search(text) or (words >= 3 and reports_speech(text)):
        return None
    return line_key(folded, sentence and words >= settings.short_sentence_words)


def domain_of(value: str) -> str:
    """The site of a URL or domain value, without scheme, port or a leading `www.`."""
    value = value.strip()
    try:
        host = urlsplit(value if "//" in value else "//" + value).hostname or ""
    except ValueError:  # e.g. a broken IPv6 literal: the value itself names the group
        host = value
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def record_group(record: Mapping[str, object], group_by: str) -> str:
    """The group of one JSONL record ("" for the whole run): a field's value, a URL's domain."""
    if group_by == GROUP_RUN:
        return ""
    fields = AUTO_FIELDS if group_by == GROUP_AUTO else (group_by,)
    for name in fields:
        value = record.get(name)
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        if isinstance(value, str) and value.strip():
            value = value.strip()
            return (domain_of(value) or value) if "/" in value or "." in value else value
    return ""


def path_group(relative: Path, group_by: str) -> str:
    """The group of one file of a folder run: its top-level subfolder ("" at the top, or `run`)."""
    if group_by == GROUP_RUN or len(relative.parts) < 2:
        return ""
    return relative.parts[0]


def group_label(group: str) -> str:
    return group if group else "this run"


@dataclass(eq=False)
class Evidence:
    """The learned lines: per group, its document count and each evidence line's count.

    Hashable by content (`digest`), so it can sit in a `Config`: the resume key changes
    with the evidence, and a resumed run never mixes outputs cleaned with other evidence.
    """

    settings: Settings
    group_by: str
    groups: dict[str, tuple[int, dict[int, int]]] = field(default_factory=dict)
    documents: int = 0
    #: Groups counted in pass 1 (only those with evidence lines are kept in `groups`).
    group_count: int = 0

    @property
    def lines(self) -> int:
        return sum(len(counts) for _, counts in self.groups.values())

    def lookup(self, group: str | None, line: str) -> tuple[int, int] | None:
        """(documents with the line, documents of the group) when `line` is evidence there."""
        entry = self.groups.get(group or "")
        key = None if entry is None else key_if_qualifies(line, self.settings)
        if entry is None or key is None:
            return None
        count = entry[1].get(key)
        return None if count is None else (count, entry[0])

    def group_of_path(self, relative: Path) -> str:
        return path_group(relative, self.group_by)

    def group_of_record(self, record: Mapping[str, object]) -> str:
        return record_group(record, self.group_by)

    @property
    def digest(self) -> str:
        hasher = hashlib.sha256(f"{self.settings!r}\n{self.group_by}\n{self.documents}\n".encode())
        for group in sorted(self.groups):
            docs, counts = self.groups[group]
            hasher.update(f"{group}\0{docs}\0".encode("utf-8", "surrogatepass"))
            for key in sorted(counts):
                hasher.update(f"{key}:{counts[key]},".encode())
        return hasher.hexdigest()[:32]

    def __hash__(self) -> int:
        return hash(self.digest)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Evidence) and self.digest == other.digest

    def __repr__(self) -> str:  # what `batch.config_key` digests: short, and it names the content
        return f"Evidence(digest={self.digest!r}, lines={self.lines}, documents={self.documents})"

    def describe(self) -> str:
        """One line for the terminal."""
        return (f"corpus evidence: {self.lines} repeated line(s) in {len(self.groups)} of {self.group_count} "
                f"group(s), from {self.documents} document(s)")


@dataclass
class LineCounter:
    """Pass 1: in how many documents of each group each qualifying line occurs, in bounded memory."""

    settings: Settings = field(default_factory=Settings)
    group_by: str = GROUP_AUTO
    counts: dict[str, dict[int, int]] = field(default_factory=dict)
    docs: dict[str, int] = field(default_factory=dict)
    documents: int = 0
    copies: int = 0
    entries: int = 0
    floor: int = 0  # the highest count a prune has cut (0: counts are exact)
    _recent: OrderedDict[bytes, None] = field(default_factory=OrderedDict, repr=False)

    def add_document(self, group: str, text: str) -> None:
        """Count each qualifying line of `text` once for `group` (an exact copy counts not at all)."""
        fingerprint = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        if fingerprint in self._recent:
            self.copies += 1
            self._recent.move_to_end(fingerprint)
            return
        self._recent[fingerprint] = None
        if len(self._recent) > RECENT_DOCS:
            self._recent.popitem(last=False)
        self.add_lines(group, text.split("\n"))

    def add_lines(self, group: str, lines: Iterable[str]) -> None:
        """Count one document given as lines."""
        keys = {key for key in (key_if_qualifies(line, self.settings) for line in lines) if key is not None}
        self.documents += 1
        self.docs[group] = self.docs.get(group, 0) + 1
        counts = self.counts.setdefault(group, {})
        for key in keys:
            if key in counts:
                counts[key] += 1
            else:
                counts[key] = 1
                self.entries += 1
        if self.entries + len(self.docs) > self.settings.max_entries:
            self._prune()

    def add_counts(self, group: str, docs: int, counts: Iterable[tuple[int, int]]) -> None:
        """Add another counter's table for one group (a shard counted elsewhere: see
        `cleaner.corpus_counts`), pruning as `add_lines` does, so a merge stays bounded too."""
        self.docs[group] = self.docs.get(group, 0) + docs
        table = self.counts.setdefault(group, {})
        for key, n in counts:
            if key in table:
                table[key] += n
            else:
                table[key] = n
                self.entries += 1
            if self.entries + len(self.docs) > self.settings.max_entries:
                self._prune()
                if group not in self.docs:  # the whole group was cut: its other counts are no higher
                    return

    def _prune(self) -> None:
        """Drop the least-seen entries, and small groups left empty, until half the room is free.

        The cut is the smallest count that frees enough room, chosen afresh at every prune
        (usually 1: the lines seen once since they were counted), so a line that keeps
        recurring survives however long the corpus is. Groups count as entries too, so a
        crawl of millions of one-page sites stays bounded even when its pages hold no
        countable line. A prune is linear in the table and the table must grow by half its
        limit before the next one: O(1) amortised per counted line.
        """
        room = self.settings.max_entries // 2
        by_count = Counter(n for counts in self.counts.values() for n in counts.values())
        by_count.update(self.docs.values())  # a group of at most `cut` documents goes with its lines
        size, cut = self.entries + len(self.docs), 0
        for n in sorted(by_count):
            if size <= room:
                break
            size -= by_count[n]
            cut = n
        self.floor = max(self.floor, cut)
        for group in list(self.docs):
            counts = self.counts.get(group, {})
            drop = [key for key, n in counts.items() if n <= cut]
            for key in drop:
                del counts[key]
            self.entries -= len(drop)
            if not counts and self.docs[group] <= cut:
                self.counts.pop(group, None)
                del self.docs[group]

    def evidence(self) -> Evidence:
        """The lines that pass the thresholds, per group."""
        groups: dict[str, tuple[int, dict[int, int]]] = {}
        for group in sorted(self.docs):
            docs = self.docs[group]
            needed = self.settings.needed(docs), self.settings.needed(docs, sentence=True)
            found = {key: n for key, n in self.counts.get(group, {}).items() if n >= needed[is_sentence_key(key)]}
            if found:
                groups[group] = (docs, dict(sorted(found.items())))
        return Evidence(self.settings, self.group_by, groups, self.documents, len(self.docs))
