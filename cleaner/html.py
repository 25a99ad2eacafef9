"""HTML page to article text: trafilatura first, jusText as the second opinion.

Extraction is the one step that cannot be expressed as removals over text: it chooses
which parts of a page are the article at all. So it runs before the stages, and the
report records it as a step (which extractor, how many characters of HTML went in, how
many of text came out, why a fallback was used); everything after it is the usual
stages-propose-pipeline-records flow over the extracted text.

trafilatura runs with comments off and its deduplication off (its cache is shared across
documents, so the same page could come out differently depending on what came before).
Where it keeps too little, second opinions step in: trafilatura's full cascade looks again
at a result that is very short or looks like a menu, jusText replaces a result of (almost)
nothing, and an article body that the page split into sibling containers is recovered
whole from the tree (trafilatura keeps only the first container). The choices are the
fields of `ExtractSettings`, chosen by what held on every page set measured, not one.
"""

from __future__ import annotations

import re
from collections import Counter
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any

from .errors import DocumentTimeout, InputError
from .limits import time_limit

#: Below this many characters trafilatura has "returned nothing" and jusText is asked.
SECOND_OPINION_BELOW = 250
#: jusText's text replaces trafilatura's only when it is this many times longer...
SECOND_OPINION_FACTOR = 2.0
#: ...and at least this long (a page with a few lines of text is not worth a guess).
SECOND_OPINION_MIN_CHARS = 300

#: The fast extraction looks like a menu (most lines short) -> rerun with trafilatura's full
#: cascade, which compares candidates and rarely picks navigation.
MENU_MIN_LINES = 15
MENU_SHORT_CHARS = 30
MENU_SHORT_SHARE = 0.8

#: A fast result this short is often the page's header or one teaser: the full cascade
#: (which compares trafilatura's pick with readability's and jusText's) gets a second look,
#: and its text is taken when it is at least SHORT_RERUN_FACTOR times longer.
SHORT_RERUN_BELOW = 500
SHORT_RERUN_FACTOR = 2.0

#: Split bodies: sibling containers of the article's own container, same body-like class.
SPLIT_ANCHOR_CHARS = 80
SPLIT_MIN_PARAGRAPH = 100
SPLIT_MIN_CHARS = 300
SPLIT_MAX_LINK_SHARE = 0.3
#: A paragraph is already in the extraction when this share of its word 4-grams is.
SPLIT_PRESENT_SHARE = 0.8
SPLIT_GRAM = 4
_BODYISH_CLASS = re.compile(r"body|article|content|story|text|entry|post", re.IGNORECASE)
_SPACES = re.compile(r"\s+")

#: A line among the first few that repeats the page title is the headline, not the body.
HEADLINE_WINDOW = 3
HEADLINE_SIMILARITY = 0.8

_BLANK_LINES = re.compile(r"\n[ \t]*\n+")
_WORDS = re.compile(r"\w+")
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—]\s+")


@dataclass(frozen=True)
class ExtractSettings:
    """The extraction choices, in one place so a benchmark can compare them page set by page set.

    The defaults are what held up across every page set measured (docs/html.md); each
    switch exists so that claim can be re-checked, not as a user-facing tuning knob.
    """

    #: trafilatura's fast mode (no internal comparison with readability/jusText).
    fast: bool = True
    #: rerun the full cascade when the fast result looks like a menu.
    menu_check: bool = True
    #: rerun the full cascade when the fast result is shorter than this (0: never)...
    short_rerun_below: int = SHORT_RERUN_BELOW
    #: ...and take the rerun's text when it is this many times longer.
    short_rerun_factor: float = SHORT_RERUN_FACTOR
    #: trafilatura's favor_precision / favor_recall (at most one).
    favor_precision: bool = False
    favor_recall: bool = False
    #: append the sibling containers of a split article body.
    recover_split: bool = True
    #: move a headline that repeats the page title into metadata.
    move_headline: bool = True
    #: jusText is asked below this many characters of trafilatura text.
    second_opinion_below: int = SECOND_OPINION_BELOW


DEFAULT_SETTINGS = ExtractSettings()


class ExtractionError(InputError):
    """The page could not be parsed, or no article text was found in it."""


@dataclass
class Extraction:
    """The article text of one page, with the metadata found and the step for the report."""

    text: str
    metadata: dict[str, Any] = field(default_factory=dict)
    step: dict[str, Any] = field(default_factory=dict)


def _parse(html: str) -> Any:
    """The page as an lxml tree, parsed once for extraction and metadata alike.

    trafilatura's loader refuses fragments that do not look like a whole page (a saved
    `<div>` or a JSONL field with bare `<p>` elements); lxml still parses those.
    """
    import lxml.html
    from lxml.etree import ParserError
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        try:
            tree = lxml.html.document_fromstring(html)
        except (ParserError, ValueError) as exc:
            raise ExtractionError(f"cannot parse the page as HTML: {exc}") from None
    return tree


def _trafilatura(tree: Any, url: str | None, fast: bool, settings: ExtractSettings) -> str:
    """Main text by trafilatura: comments off, deduplication off (its cache spans documents).

    `fast` skips trafilatura's internal comparison with readability/jusText: on four page
    sets it is faster and as good or better (docs/html.md); `extract_article` reruns the
    full cascade only when the fast result looks like a menu or is very short.
    """
    from trafilatura import bare_extraction

    doc = bare_extraction(tree, url=url, include_comments=False, deduplicate=False, include_tables=True,
                          fast=fast, with_metadata=False, favor_precision=settings.favor_precision,
                          favor_recall=settings.favor_recall)
    return (doc.text or "") if doc is not None else ""


def _metadata(tree: Any) -> dict[str, Any]:
    """Title, author and date from meta tags, JSON-LD and <title>/<h1>, without slow searches.

    trafilatura's full metadata pass hunts the body for bylines and runs htmldate's
    extensive search, which costs as much as the extraction itself; meta tags and JSON-LD
    carry these fields on nearly every news page.
    """
    from htmldate import find_date
    from trafilatura.metadata import examine_meta, extract_meta_json, extract_title

    meta = examine_meta(tree)
    with suppress(Exception):  # malformed JSON-LD is common and never fatal
        meta = extract_meta_json(tree, meta)
    found: dict[str, Any] = {"title": meta.title or extract_title(tree), "author": meta.author,
                             "date": None, "sitename": meta.sitename, "url": meta.url}
    with suppress(Exception):
        found["date"] = find_date(tree, extensive_search=False, original_date=True, url=meta.url)
    return {key: value for key, value in found.items() if value}


def _justext(html: str) -> str:
    """Main text by jusText's paragraph classifier (English stoplist)."""
    import justext

    paragraphs = justext.justext(html, justext.get_stoplist("English"))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def _looks_like_menu(text: str) -> bool:
    lines = [line for line in text.split("\n") if line.strip()]
    short = sum(1 for line in lines if len(line.strip()) < MENU_SHORT_CHARS)
    return len(lines) >= MENU_MIN_LINES and short > MENU_SHORT_SHARE * len(lines)


def _similar(a: str, b: str) -> bool:
    """Word-set overlap (Jaccard) of two short texts, case-insensitive."""
    wa, wb = set(_WORDS.findall(a.casefold())), set(_WORDS.findall(b.casefold()))
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) > HEADLINE_SIMILARITY


def _title_variants(title: str) -> list[str]:
    """The title and its parts around " | ", " - ", " – ", " — " (sites append their name)."""
    parts = [part.strip() for part in _TITLE_SEPARATORS.split(title)]
    return [title] + [part for part in parts if len(part.split()) >= 3 and part != title]


def split_headline(text: str, title: str | None) -> tuple[str, str | None]:
    """Take the headline (a line near the top that repeats the page title) out of the body.

    The title is reported as metadata; keeping it in the text too would give it twice and
    mix a heading into the article's first paragraph.
    """
    if not title:
        return text, None
    variants = _title_variants(title)
    lines = text.split("\n")
    for index, line in enumerate(lines[:HEADLINE_WINDOW]):
        if line.strip() and any(_similar(line, variant) for variant in variants):
            return "\n".join(lines[:index] + lines[index + 1 :]), line.strip()
    return text, None


def _squash(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _grams(text: str) -> list[tuple[str, ...]]:
    """Word 4-grams of `text`, case-folded (the whole word run when shorter)."""
    words = _WORDS.findall(text.casefold())
    if len(words) <= SPLIT_GRAM:
        return [tuple(words)] if words else []
    return [tuple(words[i : i + SPLIT_GRAM]) for i in range(len(words) - SPLIT_GRAM + 1)]


def _paragraph_text(element: Any) -> str:
    """An element's text with a line break at each `<br>`, one squashed line per piece.

    `text_content()` glues "<strong>Task scheduling</strong><br>Clients" into
    "Task schedulingClients": a word that is on no page, and that keeps the paragraph from
    being recognised in the extracted text, which breaks the line there.
    """
    parts: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node.tag, str):  # comments and processing instructions have no text of the page
            parts.append("\n" if node.tag == "br" else node.text or "")
            for child in node:
                walk(child)
        parts.append(node.tail or "")

    parts.append(element.text or "")
    for child in element:
        walk(child)
    return "\n".join(line for line in (_squash(piece) for piece in "".join(parts).split("\n")) if line)


def recover_split_body(tree: Any, text: str) -> tuple[str, int]:
    """Add the rest of an article body that the page split into several sibling containers.

    Many CMSes cut the body into a run of containers of one class (ads or widgets between
    them) and trafilatura keeps only the first. Find the container of the extracted text,
    then its siblings and cousins of the very same body-like class ("article__body",
    "story-text", ...) and append their paragraphs not already in the text. Teaser and
    widget containers are kept out by requiring real paragraphs and few links.
    Returns the text and how many containers were added.
    """
    repeated = Counter(el.get("class") for el in tree.xpath("//*[@class][p]"))
    if not any(n >= 2 and _BODYISH_CLASS.search(css) for css, n in repeated.items()):
        return text, 0  # no body-like class holds paragraphs twice: nothing to recover (most pages)
    lines = [_squash(line) for line in text.split("\n")]
    anchors = {line for line in lines if len(line) >= SPLIT_ANCHOR_CHARS}
    if not anchors:
        return text, 0
    anchor = next((p for p in tree.iter("p") if _squash(p.text_content()) in anchors), None)
    container = anchor.getparent() if anchor is not None else None
    parent = container.getparent() if container is not None else None
    css = container.get("class") if container is not None else None
    if parent is None or not css or not _BODYISH_CLASS.search(css):
        return text, 0
    grandparent = parent.getparent()
    have = set(_grams(text))  # what is extracted already, by words: line breaks differ from the tree's
    extra: list[str] = []
    added = 0
    for other in tree.xpath("//*[@class=$css]", css=css):
        up = other.getparent()
        if other is container or up is None or not (up is parent or up.getparent() is grandparent):
            continue
        paragraphs = [(t, _grams(t)) for t in (_paragraph_text(p) for p in other.iter("p"))]
        paragraphs = [(t, grams) for t, grams in paragraphs if t and not _present(grams, have)]
        chars = sum(len(t) for t, _ in paragraphs)
        linked = sum(len(_squash(a.text_content())) for a in other.iter("a"))
        if (chars >= SPLIT_MIN_CHARS and any(len(t) >= SPLIT_MIN_PARAGRAPH for t, _ in paragraphs)
                and linked < SPLIT_MAX_LINK_SHARE * max(1, len(_squash(other.text_content())))):
            extra.extend(t for t, _ in paragraphs)
            for _, grams in paragraphs:
                have.update(grams)
            added += 1
    if not added:
        return text, 0
    return text.rstrip("\n") + "\n" + "\n".join(extra) + "\n", added


def _present(grams: list[tuple[str, ...]], have: set[tuple[str, ...]]) -> bool:
    """Most of a paragraph's word 4-grams are already extracted: adding it would print it twice."""
    return bool(grams) and sum(gram in have for gram in grams) >= SPLIT_PRESENT_SHARE * len(grams)


def _normalise(text: str) -> str:
    """One paragraph per line, at most one blank line in a row, a newline at the end."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    text = "\n".join(lines).strip()
    text = _BLANK_LINES.sub("\n\n", text)
    return text + "\n" if text else ""


def extract_article(html: str, url: str | None = None, timeout_s: float | None = None,
                    settings: ExtractSettings = DEFAULT_SETTINGS) -> Extraction:
    """The article text of `html`; raises `ExtractionError` or `DocumentTimeout`."""
    if not html.strip():
        raise ExtractionError("empty page")
    step: dict[str, Any] = {"step": "extract", "extractor": "trafilatura", "html_chars": len(html)}
    fallback = None
    with time_limit(timeout_s, "HTML extraction"):
        try:
            tree = _parse(html)
            text = _trafilatura(tree, url, settings.fast, settings)
            if settings.fast and settings.menu_check and _looks_like_menu(text):
                text = _trafilatura(tree, url, False, settings)
                fallback = "fast extraction looked like a menu; reran trafilatura's full cascade"
            elif settings.fast and len(text.strip()) < settings.short_rerun_below:
                full = _trafilatura(tree, url, False, settings)
                if len(full.strip()) > settings.short_rerun_factor * len(text.strip()):
                    fallback = (f"fast extraction kept {len(text.strip())} characters; "
                                f"trafilatura's full cascade found {len(full.strip())}")
                    text = full
            metadata = _metadata(tree)
            text, recovered = recover_split_body(tree, text) if settings.recover_split else (text, 0)
        except (DocumentTimeout, ExtractionError):
            raise
        except Exception as exc:  # trafilatura/lxml raise many types on broken markup
            raise ExtractionError(f"trafilatura cannot parse the page: {type(exc).__name__}: {exc}") from None
        if len(text.strip()) < settings.second_opinion_below:
            try:
                second = _justext(html)
            except Exception:  # jusText is only a second opinion: its failure changes nothing
                second = ""
            if len(second) >= SECOND_OPINION_MIN_CHARS and len(second) > SECOND_OPINION_FACTOR * len(text.strip()):
                fallback = (f"trafilatura kept {len(text.strip())} characters, jusText found {len(second)}"
                            if text.strip() else "trafilatura found no article text")
                text, recovered = second, 0
                step["extractor"] = "justext"
    text, headline = split_headline(text, metadata.get("title")) if settings.move_headline else (text, None)
    text = _normalise(text)
    if not text.strip():
        raise ExtractionError("no article text found in the page")
    step.update(text_chars=len(text), fallback=fallback, headline=headline, recovered_containers=recovered)
    return Extraction(text=text, metadata=metadata, step=step)
