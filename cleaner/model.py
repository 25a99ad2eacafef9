"""Core data of one cleaning run: plain dataclasses, no I/O.

Stages never edit text. They return `Removal` records over the repaired text; the clean
text, the report, the diff and the review page are all derived from `Document.text` plus
`Document.removals`, so none of them can disagree with another.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from .render import Layout

T = TypeVar("T")

#: The fixed vocabulary of removal categories (see rules/README.md for what each covers).
CATEGORIES: tuple[str, ...] = (
    "donation",
    "comments",
    "related",
    "navigation",
    "social",
    "newsletter",
    "byline",
    "legal",
    "ads",
    "media",
    "archive",
    "duplicate",
    "other",
)


@dataclass(frozen=True, order=True, slots=True)
class Span:
    """Half-open character range `[start, end)` into the repaired text."""

    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Block:
    """One non-blank line of the repaired text: the unit most rules judge.

    `span` covers the line without its newline; `line` is 1-based.
    """

    index: int
    span: Span
    line: int
    text: str
    kind: str = "line"

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True, slots=True)
class Removal:
    """A stage's proposal to cut `span` from one line; `text` equals the repaired text at `span`.

    Removals never cross a newline: a report entry is always one line or part of one, which
    is what a reviewer reads and what `render` needs to drop fully-removed lines.
    """

    span: Span
    line: int
    stage: str
    rule: str
    category: str
    reason: str
    text: str


@dataclass(frozen=True, slots=True)
class Repair:
    """One change the encoding repair made, located in the repaired text.

    `steps` are ftfy's own names for what it did (its explanation), so a reviewer can see
    why, e.g. `("encode", "sloppy-windows-1252"), ("decode", "utf-8")`.
    """

    kind: str
    before: str
    after: str
    line: int
    span: Span
    steps: tuple[tuple[str, str], ...] = ()
    count: int = 1


@dataclass
class Decoded:
    """How the input bytes became text."""

    encoding: str
    bom: bool = False
    #: "exact" (valid as declared/BOM/UTF-8), "fallback" (cp1252, utf-8+cp1252, UTF-16/32
    #: without a BOM) or "detected" (a code page charset detection chose).
    confidence: str = "exact"
    #: For a guess: how sure it is, 0..1 (None when not scored).
    score: float | None = None
    #: A guess too weak to trust: flagged on its own so a person checks the text.
    low: bool = False

    @property
    def guessed(self) -> bool:
        return self.confidence != "exact"


@dataclass
class Document:
    """Everything known about one document while it is cleaned."""

    source: str
    text: str
    blocks: list[Block] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    decoded: Decoded | None = None
    raw_sha256: str | None = None
    raw_bytes: int | None = None
    metadata: dict[str, object] = field(default_factory=dict)
    #: {"code": "en", "confidence": 0.99} when the language was identified (see `language`)
    language: dict[str, object] | None = None
    steps: list[dict[str, object]] = field(default_factory=list)
    #: The corpus-evidence group of the document (a site, a subfolder; "" the whole run), set by
    #: batch runs with `--corpus-evidence`; None outside such a run.
    corpus_group: str | None = None
    #: The clean text and its `render.Layout`, set by the pipeline once the removals are final
    #: (rendered once, used for the review flags and the result alike).
    rendered: tuple[str, Layout] | None = field(default=None, repr=False)
    _by_line: dict[int, list[Removal]] = field(default_factory=dict, repr=False)
    _live: list[Block] | None = field(default=None, repr=False)
    _memo: dict[object, object] = field(default_factory=dict, repr=False)
    # `remaining` and `is_gone` of the lines cut so far, until the line is cut again.
    _rest: dict[int, str] = field(default_factory=dict, repr=False)
    _gone: dict[int, bool] = field(default_factory=dict, repr=False)

    def set_blocks(self, blocks: list[Block]) -> None:
        """Set the segmentation the stages judge (the pipeline does this once per document)."""
        self.blocks = blocks
        self._live = None
        self._memo.clear()

    def memo(self, key: object, compute: Callable[[], T]) -> T:
        """`compute()` once per document and key: facts of the text every round reuses
        (the text never changes while stages run; only removals are added)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]  # type: ignore[return-value]

    def add_removal(self, removal: Removal) -> None:
        """Record an accepted removal (the pipeline calls this after validating it)."""
        self.removals.append(removal)
        self._by_line.setdefault(removal.line, []).append(removal)
        self._rest.pop(removal.line, None)
        self._gone.pop(removal.line, None)
        self._live = None

    def removed_in(self, block: Block) -> list[Removal]:
        """Removals already recorded inside `block`, in O(1) per block."""
        return self._by_line.get(block.line, [])

    def touched_lines(self) -> Collection[int]:
        """Line numbers some removal has cut into (read-only view)."""
        return self._by_line.keys()

    def removed_in_line(self, line: int) -> list[Removal]:
        return self._by_line.get(line, [])

    def remaining(self, block: Block) -> str:
        """The part of `block` that no removal covers yet (what later stages still judge)."""
        cuts = self._by_line.get(block.line)
        if not cuts:
            return block.text
        rest = self._rest.get(block.line)
        if rest is None:
            parts, pos = [], block.span.start
            for cut in sorted(r.span for r in cuts):
                parts.append(self.text[pos : cut.start])
                pos = max(pos, cut.end)
            parts.append(self.text[pos : block.span.end])
            rest = self._rest[block.line] = "".join(parts)
        return rest

    def is_gone(self, block: Block) -> bool:
        """True when removals leave nothing but white space of `block`."""
        if block.line not in self._by_line:
            return False
        gone = self._gone.get(block.line)
        if gone is None:
            gone = self._gone[block.line] = not self.remaining(block).strip()
        return gone

    def live_blocks(self) -> list[Block]:
        """Blocks with something left to judge, in document order.

        Kept until the next removal is recorded: every stage of a round asks for them, and
        rebuilding the list is a pass over the whole document. Callers must not change it.
        """
        if self._live is None:
            by_line = self._by_line
            self._live = [b for b in self.blocks if b.line not in by_line or not self.is_gone(b)]
        return self._live
