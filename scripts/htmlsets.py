"""Page sets for the HTML benchmark: one loader per set, each giving (page id, page bytes, gold text).

A setting that wins on one benchmark can lose on the next, so `bench_html.py` scores every
system on several sets in one run. Each set is the public test corpus of some extractor,
with an expected article text per page, read from a path given on the command line (no
data ships with the project):

- ``scrapinghub``: the ScrapingHub article-extraction benchmark (``html/*.html.gz`` and
  ``ground-truth.json.gz``), 181 English news pages.
- ``readability``: Mozilla readability's ``test/test-pages/<name>/source.html`` with
  ``expected.html`` (readability's own output, reduced to text here), mixed languages and
  page kinds (news, blogs, documentation).
- ``fundus``: flairNLP/fundus ``tests/resources/parser/test_data/<country>/`` pages
  (``<Publisher>_<date>.html.gz``) with the parser's expected body (summary, subheadings,
  paragraphs) in ``<Publisher>.json``; news sites in many languages.
- ``newspaper4k``: newspaper4k ``tests/data/html/<name>.html`` with ``tests/data/txt/<name>.txt``.

Pages are split into a tuning half and a reporting half by a hash of set and page id
(`half`), so settings are chosen on one half and the other half's figures are reported.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

Page = tuple[str, bytes, str]

#: Block-level tags: their boundaries separate words in the text of an expected.html.
_BLOCK_TAG = re.compile(r"<(/?)(p|div|h[1-6]|li|br|tr|td|th|blockquote|pre|section|article|figure|figcaption|"
                        r"ul|ol|dl|dd|dt|table|header|footer|aside|hr)\b", re.IGNORECASE)
_DATED_PAGE = re.compile(r"^(?P<publisher>.+)_(?P<date>\d{4}_\d{2}_\d{2})\.html\.gz$")


def html_to_text(html: str) -> str:
    """The text of an HTML fragment, with a line break at every block boundary.

    lxml's ``text_content`` glues ``<p>a</p><p>b</p>`` into "ab", which would merge the last
    word of one paragraph with the first of the next and change the shingles.
    """
    import lxml.html

    marked = _BLOCK_TAG.sub(lambda m: "\n<" + m.group(1) + m.group(2), html)
    if not marked.strip():
        return ""
    root = lxml.html.fromstring(marked)
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def load_scrapinghub(path: Path) -> Iterator[Page]:
    """The ScrapingHub benchmark: gzipped pages, gold ``articleBody`` per page id."""
    with gzip.open(path / "ground-truth.json.gz", "rt", encoding="utf-8") as fh:
        gold = json.load(fh)
    for page_id in sorted(gold):
        body = (gold[page_id] or {}).get("articleBody", "") or ""
        yield page_id, gzip.decompress((path / "html" / f"{page_id}.html.gz").read_bytes()), body


def load_readability(path: Path) -> Iterator[Page]:
    """Mozilla readability's test pages: ``<name>/source.html`` and ``<name>/expected.html``."""
    for folder in sorted(p for p in path.iterdir() if (p / "source.html").is_file()):
        expected = folder / "expected.html"
        if expected.is_file():
            yield folder.name, (folder / "source.html").read_bytes(), html_to_text(expected.read_text("utf-8"))


def fundus_body(version: dict) -> str:
    """A fundus expected article body as text: summary, then each section's headline and paragraphs."""
    body = version.get("body") or {}
    lines = list(body.get("summary") or [])
    for section in body.get("sections") or []:
        lines.extend(section.get("headline") or [])
        lines.extend(section.get("paragraphs") or [])
    return "\n".join(lines)


def load_fundus(path: Path) -> Iterator[Page]:
    """fundus parser test data: each publisher's pages, oldest first, against its parser versions V1, V2, ...

    A publisher's JSON holds one expected result per parser version and the folder one page
    per version, the versions in date order; a publisher whose page count differs from its
    version count cannot be paired safely and is skipped.
    """
    for expected in sorted(path.glob("*/*.json")):
        versions = json.loads(expected.read_text("utf-8"))
        pages = sorted((m.group("date"), p) for p in expected.parent.glob(f"{expected.stem}_*.html.gz")
                       if (m := _DATED_PAGE.match(p.name)) and m.group("publisher") == expected.stem)
        names = sorted(versions, key=lambda v: int(v.lstrip("V") or 0))
        if len(pages) != len(names):
            continue
        for (_, page), name in zip(pages, names, strict=True):
            gold = fundus_body(versions[name])
            if gold.strip():
                page_id = f"{expected.parent.name}/{page.name[: -len('.html.gz')]}"
                yield page_id, gzip.decompress(page.read_bytes()), gold


def load_newspaper4k(path: Path) -> Iterator[Page]:
    """newspaper4k's test data: ``html/<name>.html`` with the expected text in ``txt/<name>.txt``."""
    for page in sorted((path / "html").glob("*.html")):
        text = path / "txt" / f"{page.stem}.txt"
        if text.is_file():
            yield page.stem, page.read_bytes(), text.read_text("utf-8")


LOADERS: dict[str, Callable[[Path], Iterator[Page]]] = {
    "scrapinghub": load_scrapinghub,
    "readability": load_readability,
    "fundus": load_fundus,
    "newspaper4k": load_newspaper4k,
}


def half(set_name: str, page_id: str) -> str:
    """"tune" or "report": a fixed split by a hash of the set's name and the page id."""
    digest = hashlib.sha256(f"{set_name}/{page_id}".encode()).digest()
    return "tune" if digest[0] % 2 == 0 else "report"
