"""A paragraph classifier for plain text: jusText's idea, applied to lines instead of HTML.

Whole-page text dumps (html-text, inscriptis, "save page as text") carry the article among
hundreds of menu items, teaser headlines, footer links and widget labels. No phrase list
can name them all, but they share a shape that jusText showed holds across sites and
languages: they are short, poor in stopwords, rarely end like a sentence, and they come
in runs; article paragraphs are long, dense in function words, punctuated, and sit
together. This stage scores every live line on those signals, lets short and borderline
lines take the class of their neighbours, keeps the main run of article lines and
removes the rest. Dumps break the article more often than HTML paragraphs do (captions,
ad slots, figure-laden sentences), so stretches of near-good lines count as good, a
sentence inside the run stays whatever its class, and the run extends over the prose
lines that continue it past a short gap.

It runs only when the document *looks like a dump* (many short non-sentence lines,
`looks_like_dump`): on text an extractor already cut down to the article, the same
signals would take sub-headings and one-line paragraphs with them, and that text is
what users run `cleaner` on most. Already-extracted text only meets the mild part: a
dangling heading or question left at the very end with no text under it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

import regex

from ..model import Block, Document, Removal
from ..rulepack import Rule
from ..signals import is_body
from .base import remove_block, remove_rest

# jusText's defaults (Pomikálek 2011), in characters and stopword shares.
LENGTH_LOW = 70
LENGTH_HIGH = 200
STOPWORDS_LOW = 0.30
STOPWORDS_HIGH = 0.32
MAX_HEADING_DISTANCE = 200
HEADINGS = False

# A dump: at least this many live lines, and this share of them short non-sentences.
DUMP_MIN_SHORT = 15
DUMP_SHORT_SHARE = 0.40
SHORT_WORDS = 5
DUMP_MIN_LEAD = 6
DUMP_MANY_SHORT = 60
# Without such a header, a page is a dump only when this share of its short lines come in
# runs of at least DUMP_RUN_LINES (menus, footers): a list-heavy article (book reviews,
# a meal plan) interleaves its short lines with its paragraphs.
DUMP_RUN_LINES = 6
DUMP_RUN_SHARE = 0.2
MIN_BODY_KEPT = 0.4
# This many near-good lines in a row are good (`promote_stretches`).
STRETCH_LINES = 3
# Sentences of at least this many words inside the run stay whatever their class (`prose_like`).
PROSE_MIN_WORDS = 4
# The run extends outward over prose lines of this length and stopword density, across gaps
# of at most this many other lines (`extend_run`).
EXTEND_CHARS = 40
EXTEND_DENSITY = 0.25
EXTEND_GAP = 2
# Most re-classifications of the kept lines in one pass (`settle`).
MAX_SETTLE = 5
# The headline: this many lines above the article at most, of so many words (`keep_headline`).
HEADLINE_REACH = 3
HEADLINE_MIN_WORDS = 3
HEADLINE_MAX_WORDS = 20
# ... and it shares this many of its words of 4+ letters (or this share of them) with the
# first LEDE_LINES kept lines.
HEADLINE_SHARED_WORDS = 2
HEADLINE_SHARED_SHARE = 0.5
LEDE_LINES = 6
# An in-article subheading has at most this many words (`keep_subheadings`).
SUBHEADING_MAX_WORDS = 12
# ... and the paragraph under it is at least this long: a teaser's one-line blurb is shorter.
SUBHEADED_CHARS = 110
# A title above that headline (when the headline is the deck) has at least this many words.
TITLE_MIN_WORDS = 5
# ... and shares its key words with the deck (as a headline does), or this many with the lede.
TITLE_SHARED_WORDS = 3
# A headline after a kicker and a bar has at least this many words after the bar.
KICKER_HEADLINE_WORDS = 5
# A line between that headline and the article of at least this many words is its standfirst
# or lede (`standfirst_like`).
STANDFIRST_MIN_WORDS = 10
# ... and with this stopword density among its words at least: a run of names or brands is a menu.
STANDFIRST_DENSITY = 0.1

# A word: letters and digits, with an apostrophe suffix ("don't"). Python's `re` (letters
# and digits are `[^\W_]`, letters `[^\W\d_]`) runs about twice as fast as `regex` per line.
_WORD = re.compile(r"[^\W_]+(?:['’][^\W\d_]+)?")
#: Enough text to tell a page's language by its stopwords; a longer dump is judged on its start.
STOPLIST_SAMPLE_CHARS = 200_000
_LINKY = regex.compile(r"(?:https?://|www\.|@\w|#\w|\.(?:com|org|net|html?)\b)", regex.IGNORECASE)
# Plain patterns run on Python's `re` (faster per line than `regex`).
_MENU_SEP = re.compile(r"\s[|•·»›]\s|\s{3,}|\t")
# In French, German or Swiss text « » and ‹ › are quotation marks ("« apaiser la colère » du
# conflit"): a line that opens one is quoting, and its » or › is no breadcrumb separator.
_MENU_SEP_QUOTING = re.compile(r"\s[|•·]\s|\s{3,}|\t")
_END_PUNCT = re.compile(r"""[.!?…:;]["'”’)\]]*$""")
_DATE_LINE = regex.compile(
    r"^(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*,?\s+)?(?:\p{L}+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+\p{L}+\.?\s+\d{4}"
    r"|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4})(?:\s*(?:at\s+)?\d{1,2}:\d{2}.{0,12})?$", regex.IGNORECASE)
_LETTER = regex.compile(r"\p{L}")  # precompiled: module-level regex.match() pays a cache lookup per call
_BULLET = re.compile(r"^[-•*–]\s+")
_HEADLINE_END = re.compile(r"""[.:;,|/…-]["'”’)\]]*$""")
_BYLINE_START = re.compile(r"(?i)(?:by|posted|updated|published|written by|photo|image)\b")
# Breadcrumbs ("Blog > Weight Loss"), a caption's credit at the end ("... Kathrin Ziegler/Getty"),
# a stamp ("Mon 18 Nov 2019 18.54 GMT"): not the headline.
_NOT_A_HEADLINE = re.compile(
    r"(?i)\s>\s|(?:getty(?: images)?|reuters|associated press|\bap|afp|shutterstock|/[\w ]+)\)?$"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d"
    r"|\d{1,2}[:.]\d{2} ?(?:am|pm|gmt|utc|et|bst)\b")
# The guideline keeps these: they are part of the published article.
_REPORT_CREDIT = re.compile(
    r"(?i)^\(?(?:additional )?(?:reporting|writing|editing)(?: by)?\b.{0,200}$"
    r"|\bcontributed (?:reporting )?to this (?:report|story|article)\b")
# A time stamp or reading time: "18.54 GMT", "Last updated", "3 min read".
_STAMP = re.compile(r"(?i)\d{1,2}[:.]\d{2} ?(?:am|pm|gmt|utc|et|bst)\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b"
                    r"|\blast (?:updated|modified)\b|\bmin(?:ute)?s? read\b")
_SHORT_END = re.compile(r"""[.!?:"”]$""")
_SENTENCE_END = re.compile(r"""[.!?…]["'”’)\]]*$""")
# A paragraph that ends in the outlet's sign-off after its last full stop ("... inner city. DM",
# "... on Monday. (AFP)"): still a sentence end. Only on lines of SIGNED_MIN_CHARS or more,
# so "Home. News. US" stays a menu.
_SIGNED_END = re.compile(r"""[.!?…]["'”’)\]]*\s+\(?[A-Z]{2,5}\)?$""")
SIGNED_MIN_CHARS = 80

DUMP_RULE = Rule(id="classifier.page-chrome", category="navigation", scope="block", pattern=".",
                 reason="page chrome of a whole-page text dump: short, stopword-poor lines outside the article",
                 source="builtin")
DANGLING = Rule(id="classifier.dangling-heading", category="other", scope="block", pattern=".",
                reason="a heading or question at the very end with no text under it", source="builtin")


@lru_cache(maxsize=1)
def _stoplists() -> tuple[list[frozenset[str]], dict[str, tuple[int, ...]]]:
    """jusText's stopword lists for every language it ships (loaded once, only for dumps),
    and for each stopword the lists that hold it (so a page is scored in one pass over its
    distinct words, not once per language)."""
    import justext

    lists = [frozenset(justext.get_stoplist(name)) for name in justext.get_stoplists()]
    holders: dict[str, list[int]] = {}
    for i, stoplist in enumerate(lists):
        for word in stoplist:
            holders.setdefault(word, []).append(i)
    return lists, {word: tuple(owners) for word, owners in holders.items()}


def pick_stoplist(texts: list[str]) -> frozenset[str]:
    """The stoplist under which the document is densest in stopwords: its language, in effect
    (the first such list in jusText's order when several tie)."""
    sample, size = [], 0
    for text in texts:
        if size >= STOPLIST_SAMPLE_CHARS:
            break
        sample.append(text)
        size += len(text)
    counts: Counter[str] = Counter()
    for word, count in Counter(_WORD.findall("\n".join(sample))).items():
        counts[word.casefold()] += count  # fold each distinct word once, not each occurrence
    if not counts:
        return frozenset()
    lists, holders = _stoplists()
    hits = [0] * len(lists)
    for word, count in counts.items():
        for i in holders.get(word, ()):
            hits[i] += count
    return lists[max(range(len(lists)), key=hits.__getitem__)] if lists else frozenset()


@lru_cache(maxsize=65536)
def is_short_line(text: str) -> bool:
    """A few words without sentence punctuation: a menu item, label or teaser headline.

    Cached: every round asks again whether the document looks like a dump."""
    return len(text.split()) <= SHORT_WORDS and not _SHORT_END.search(text.strip())


def looks_like_dump(texts: list[str]) -> bool:
    """Many short non-sentence lines, and a page header of them before the first paragraph,
    or very many of them in long runs.

    An extracted article can be list-heavy (a recipe, a schedule, a list of book reviews),
    but it starts with its title and text and its short lines sit between its paragraphs; a
    whole page starts with its menus, or has runs of them (menus, footers, link lists).
    When no line reads as a paragraph at all (reviews each signed "-- Name", a language
    whose sentences end in "。"), there is no header to see: only the runs can tell.
    """
    texts = [t for t in texts if _WORD.search(t)]  # separators and blank-ish lines say nothing
    shorts = [is_short_line(t) for t in texts]
    short = sum(shorts)
    if short < DUMP_MIN_SHORT or short < DUMP_SHORT_SHARE * len(texts):
        return False
    lead = next((i for i, text in enumerate(texts) if is_body(text)), 0)
    return lead >= DUMP_MIN_LEAD or (short >= DUMP_MANY_SHORT
                                     and short_in_runs(shorts) >= DUMP_RUN_SHARE * short)


def short_in_runs(shorts: list[bool]) -> int:
    """How many of the short lines stand in runs of at least DUMP_RUN_LINES in a row."""
    total = run = 0
    for is_short in [*shorts, False]:
        if is_short:
            run += 1
            continue
        if run >= DUMP_RUN_LINES:
            total += run
        run = 0
    return total


@dataclass
class Line:
    text: str
    chars: int
    stop_density: float
    linky: bool
    # Stopword density over the words that are not numbers: a figure-laden sentence
    # ("gained 0.03 percent at 27,403.54 points") reads as prose by its other words.
    word_density: float = 0.0
    cls: str = "bad"  # good | near-good | short | bad


def features(text: str, stoplist: frozenset[str]) -> Line:
    """A fresh `Line` (its class is set later, per occurrence) with the line's signals."""
    return Line(text, *_signals(text, stoplist))


@lru_cache(maxsize=65536)
def _signals(text: str, stoplist: frozenset[str]) -> tuple[int, float, bool, float]:
    """Length, stopword density, link/menu likeness and stopword density among the words
    that are not numbers: cached, as dumps repeat their menus."""
    words = _WORD.findall(text)
    # Words hold no spaces and case folding adds none: fold them all in one call.
    folded = " ".join(words).casefold().split(" ") if words else []
    stops = sum(map(stoplist.__contains__, folded))
    density = stops / len(words) if words else 0.0
    lettered = len(words) - sum(map(str.isdigit, words))
    word_density = stops / lettered if lettered else 0.0
    separator = _MENU_SEP_QUOTING if ("«" in text or "‹" in text) else _MENU_SEP
    linky = bool(separator.search(text)) or (
        bool(words) and len(_LINKY.findall(text)) / len(words) > 0.2)
    return len(text), density, linky, word_density


def ends_like_sentence(text: str, punct: re.Pattern[str] = _END_PUNCT) -> bool:
    """The line ends in sentence (or `punct`) punctuation, or in an outlet's sign-off after it."""
    return bool(punct.search(text)) or (len(text) >= SIGNED_MIN_CHARS and bool(_SIGNED_END.search(text)))


def headline_like(text: str) -> bool:
    """Capitalised words and no sentence end: a teaser headline or menu entry, not prose.

    Plain text has lost the links jusText uses to spot teasers; their casing and missing
    full stop survive.
    """
    if ends_like_sentence(text):
        return False
    words = [w for w in text.split() if w[0].isalpha()]
    if not words:
        return True
    caps = sum(1 for w in words if w[0].isupper())
    return caps >= 0.5 * len(words)


def initial_class(line: Line) -> str:
    """jusText's context-free classification of one line, with plain-text signals added."""
    if line.linky or _DATE_LINE.match(line.text):
        return "bad"
    if line.chars < LENGTH_HIGH and headline_like(line.text):
        return "bad" if line.chars >= LENGTH_LOW else "short"
    if not ends_like_sentence(line.text) and line.chars < LENGTH_HIGH:
        return "short"
    if line.chars < LENGTH_LOW:
        return "short"
    if line.stop_density >= STOPWORDS_HIGH:
        return "good" if line.chars > LENGTH_HIGH else "near-good"
    if line.stop_density >= STOPWORDS_LOW:
        return "near-good"
    return "bad"


def _neighbours(lines: list[Line], step: int, ignore: tuple[str, ...]) -> list[str]:
    """For each line, the class of the nearest line in direction `step` (-1 up, 1 down)
    whose class is not in `ignore` ("bad" past the edge); with "near-good" ignored, a good
    or near-good neighbour counts as "good". One pass, so runs of short lines stay linear."""
    out = ["bad"] * len(lines)
    # Walk against `step`, carrying the class of the nearest line seen so far.
    order = range(len(lines)) if step == -1 else range(len(lines) - 1, -1, -1)
    near = "bad"
    for i in order:
        out[i] = near
        cls = lines[i].cls
        if cls not in ignore:
            near = "good" if cls in ("good", "near-good") and "near-good" in ignore else cls
    return out


def revise(lines: list[Line]) -> None:
    """jusText's context-sensitive pass: short and near-good lines follow their neighbours."""
    # Headings: a short line shortly before good text is near-good (it titles that text).
    for i, line in enumerate(lines):
        if not HEADINGS or line.cls != "short" or line.linky or len(line.text.split()) > 12:
            continue
        distance = 0
        for nxt in lines[i + 1 :]:
            if nxt.cls == "good":
                line.cls = "near-good"
                break
            distance += nxt.chars
            if distance > MAX_HEADING_DISTANCE:
                break
    new = [line.cls for line in lines]
    far = ("short", "near-good")
    prevs, nexts = _neighbours(lines, -1, far), _neighbours(lines, 1, far)
    near_prevs, near_nexts = _neighbours(lines, -1, ("short",)), _neighbours(lines, 1, ("short",))
    for i, line in enumerate(lines):
        if line.cls != "short":
            continue
        prev, nxt = prevs[i], nexts[i]
        if prev == nxt == "good":
            new[i] = "good"
        elif prev == nxt == "bad":
            new[i] = "bad"
        else:
            new[i] = "good" if (prev == "bad" and near_prevs[i] == "near-good") or (
                nxt == "bad" and near_nexts[i] == "near-good") else "bad"
    for i, cls in enumerate(new):
        lines[i].cls = cls
    new = [line.cls for line in lines]
    prevs, nexts = _neighbours(lines, -1, ("near-good",)), _neighbours(lines, 1, ("near-good",))
    for i, line in enumerate(lines):
        if line.cls != "near-good":
            continue
        new[i] = "bad" if prevs[i] == nexts[i] == "bad" else "good"
    for i, cls in enumerate(new):
        lines[i].cls = cls


def promote_stretches(lines: list[Line]) -> None:
    """Several near-good lines in a row are the article's paragraphs, not a stray sentence.

    jusText demotes a near-good line between two bad ones; on a dump, a photo caption or
    a stock quote with few stopwords is enough to isolate a whole stretch of article
    sentences that way. Chrome rarely puts `STRETCH_LINES` punctuated, stopword-dense
    lines of 70+ characters next to each other, so such a stretch is good as a whole.
    """
    start = 0
    for i in range(len(lines) + 1):
        if i < len(lines) and lines[i].cls in ("good", "near-good"):
            continue
        if i - start >= STRETCH_LINES:
            for line in lines[start:i]:
                line.cls = "good"
        start = i + 1


def prose_like(line: Line) -> bool:
    """A sentence: a few words ending in sentence punctuation, no link, menu or date shape.

    Menu items, labels and teaser headlines do not end like sentences; inside the article
    run such a line is the article's own (a one-line paragraph, a quote, a figure-laden
    sentence poor in stopwords), whatever its class.
    """
    return (not line.linky and ends_like_sentence(line.text, _SENTENCE_END)
            and len(line.text.split()) >= PROSE_MIN_WORDS and not _DATE_LINE.match(line.text))


def continues_article(line: Line) -> bool:
    """A line just outside the run that reads like more of the article: prose of some
    length and stopword density among its words (numbers aside: a market report's figures
    are not chrome); a teaser list or a menu fails one or the other."""
    if _REPORT_CREDIT.search(line.text):
        return True  # "(Reporting by ...; Editing by ...)": part of the published article
    return prose_like(line) and line.word_density >= EXTEND_DENSITY and line.chars >= EXTEND_CHARS


def extend_run(lines: list[Line], keep: list[bool], first: int, last: int) -> None:
    """Keep the prose lines that continue the run outward (an article is often split by a
    caption, an ad slot or a widget label), across gaps of at most `EXTEND_GAP` other lines.

    Only the prose lines are kept; the lines of a gap stay removed. Each direction walks
    the lines once, so the stage stays linear.
    """
    for step, start in ((-1, first - 1), (1, last + 1)):
        gap, i = 0, start
        while 0 <= i < len(lines) and gap <= EXTEND_GAP:
            if continues_article(lines[i]):
                keep[i], gap = True, 0
            else:
                gap += 1
            i += step


def main_run(lines: list[Line]) -> tuple[int, int]:
    """The densest stretch of good lines: the article, with the chrome around it outside.

    Scores every line (+chars for good, -chars for bad, short bad lines weigh a fixed
    amount) and takes the maximum-sum segment (Kadane), so a long article beats a stray
    good footer paragraph while short chrome inside the article costs little.
    """
    best, best_span = 0.0, (0, -1)
    total, start = 0.0, 0
    for i, line in enumerate(lines):
        score = line.chars if line.cls == "good" else -max(20.0, 0.5 * line.chars)
        if total <= 0:
            total, start = 0.0, i
        total += score
        if total > best:
            best, best_span = total, (start, i)
    return best_span


def classify(texts: list[str]) -> list[bool]:
    """Keep (True) or remove (False) for each line of a whole-page dump."""
    stoplist = pick_stoplist(texts)
    lines = [features(t.strip(), stoplist) for t in texts]
    for line in lines:
        line.cls = initial_class(line)
    if not any(line.cls == "good" for line in lines):
        # A short story has no paragraph over LENGTH_HIGH: its best paragraphs are the anchor.
        for line in lines:
            if line.cls == "near-good" and line.stop_density >= STOPWORDS_HIGH:
                line.cls = "good"
    promote_stretches(lines)
    revise(lines)
    first, last = main_run(lines)
    # Inside the run, a sentence stays even when its own class is bad or short.
    keep = [first <= i <= last and (line.cls == "good" or prose_like(line)) for i, line in enumerate(lines)]
    if last >= first:
        keep_subheadings(lines, keep, first, last)
        extend_run(lines, keep, first, last)
        keep_headline(lines, keep)
    return keep


def keep_subheadings(lines: list[Line], keep: list[bool], first: int, last: int) -> None:
    """Inside the article run, a short heading right above a line kept is the article's own
    subheading ("Palestinians react", "Next steps"), not chrome.

    jusText's heading rule keeps a short line shortly before good text anywhere on the page,
    which brings back teaser headlines and menus too; inside the run, with the paragraph it
    heads kept right under it, the line belongs to the article."""
    for i in range(last - 1, first - 1, -1):
        if not keep[i] and keep[i + 1] and lines[i + 1].chars >= SUBHEADED_CHARS and subheading_shaped(lines[i]):
            keep[i] = True


def subheading_shaped(line: Line) -> bool:
    """2 to SUBHEADING_MAX_WORDS words opening with a capital or a figure (`heading_shaped`),
    no link or menu shape, no stamp."""
    return heading_shaped(line.text, 2, SUBHEADING_MAX_WORDS) and not line.linky and not _STAMP.search(line.text)


def heading_shaped(text: str, min_words: int, max_words: int, quotes: str = "") -> bool:
    """What headlines and subheadings share: so many words, opening with a capital, a figure
    or one of `quotes`, no sentence or label punctuation at the end (a question or an
    exclamation is fine), not a byline or a date."""
    return (min_words <= len(text.split()) <= max_words
            and (text[:1].isupper() or text[:1].isdigit() or (text[:1] != "" and text[:1] in quotes))
            and not _HEADLINE_END.search(text) and not _BYLINE_START.match(text)
            and not _DATE_LINE.match(text))


def keep_headline(lines: list[Line], keep: list[bool]) -> None:
    """Keep the article's headline: the nearest headline-shaped line at most HEADLINE_REACH
    lines above the first line kept (a byline, a date or a share bar may sit between), the
    title above it when that line is its deck, and the standfirst or lede between the
    headline and the first line kept (`standfirst_like`).

    A headline is short and does not end like a sentence, so the classifier files it with
    the menus; the guideline keeps it.
    """
    start = next((i for i, k in enumerate(keep) if k), None)
    if start is None:
        return
    lede = " ".join(islice((line.text for line, k in zip(lines[start:], keep[start:], strict=True) if k), LEDE_LINES))
    for i in range(start - 1, max(-1, start - 1 - HEADLINE_REACH), -1):
        if headline_shaped(lines[i]) and about_the_lede(lines[i].text, lede):
            keep[i] = True
            for j in range(i + 1, start):
                keep[j] = standfirst_like(lines[j])
            # A deck without a full stop is headline-shaped too: then the title sits right above
            # it, about the deck or the lede ("Strong tornadoes possible ..." over "Strong
            # tornadoes are possible across ..."), and longer than a menu entry.
            title = lines[i - 1] if i > 0 else None
            if (title is not None and headline_shaped(title) and len(title.text.split()) >= TITLE_MIN_WORDS
                    and (about_the_lede(title.text, lines[i].text)
                         or len(_content_words(title.text) & _content_words(lede)) >= TITLE_SHARED_WORDS)):
                keep[i - 1] = True
            return


def standfirst_like(line: Line) -> bool:
    """Between the headline and the first line kept: the standfirst or a lede poor in
    stopwords ("PUTRAJAYA, Nov 22 — ... Communications Minister Fahmi Fadzil said today."),
    which the guideline keeps. A byline, a date, a share bar or a label there is short, or
    shaped like one; a menu of names ("Choose vehicle brand Abarth Alfa Romeo ...") has
    almost no stopwords."""
    text = line.text
    return (len(text.split()) >= STANDFIRST_MIN_WORDS and line.word_density >= STANDFIRST_DENSITY
            and not line.linky and not _DATE_LINE.match(text)
            and not _BYLINE_START.match(text) and not _STAMP.search(text))


def _content_words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text) if len(w) >= 4 and not w.isdigit()}


def about_the_lede(headline: str, lede: str) -> bool:
    """A headline shares its key words with the story's opening lines; a share bar, a login
    link or another story's teaser does not."""
    words = _content_words(headline)
    if not words:
        return False
    shared = words & _content_words(lede)
    return len(shared) >= HEADLINE_SHARED_WORDS or len(shared) >= HEADLINE_SHARED_SHARE * len(words)


def kicker_headline(text: str) -> bool:
    """A headline after a kicker and one bar ("BUDGET 3.0 | Sars gets R4bn to hire ...",
    "Opinion | The ..."): one separator, and a headline of several words after it, where a
    menu has a separator between every entry or two."""
    parts = text.split(" | ")
    return len(parts) == 2 and len(parts[1].split()) >= KICKER_HEADLINE_WORDS and not _MENU_SEP.search(parts[1])


def headline_shaped(line: Line) -> bool:
    """3 to 20 words opening with a capital, a figure or a quotation mark (`heading_shaped`),
    no menu or link shape (but a kicker's bar), no breadcrumb, credit or stamp."""
    text = line.text
    return (heading_shaped(text, HEADLINE_MIN_WORDS, HEADLINE_MAX_WORDS, "\"'“‘«„‚‹")
            and (not line.linky or kicker_headline(text)) and not _NOT_A_HEADLINE.search(text))


_SMALL_WORDS = frozenset({"a", "an", "the", "and", "or", "of", "in", "on", "for", "to", "at", "by", "with", "&", "-"})


def is_title(text: str) -> bool:
    """A heading in title case with no sentence punctuation ("Integrate Your Data")."""
    words = text.split()
    if not words or _END_PUNCT.search(text) or not _LETTER.search(text):
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w.casefold() in _SMALL_WORDS for w in words)


def plausible(texts: list[str], keep: list[bool]) -> bool:
    """The verdict keeps most of the page's prose; otherwise the classifier misread the page.

    A dump's chrome is mostly short lines, so the article run holds most of the words of
    full-sentence paragraphs. When it would hold few, the "chrome" is the article itself
    (a list-heavy recipe or schedule that an extractor already isolated): keep it all.
    """
    body = [len(t.split()) for t in texts if is_body(t)]
    kept = [len(t.split()) for t, k in zip(texts, keep, strict=True) if k and is_body(t)]
    return any(keep) and sum(kept) >= MIN_BODY_KEPT * sum(body)


def dangling_tail(texts: list[str]) -> int:
    """How many lines at the end are headings, questions or a bulleted list of teaser
    headlines ("- 15 Amazing Images of Stars") with no text under them."""
    count = bullets = 0
    for text in reversed(texts):
        stripped = text.strip()
        bullet = _BULLET.match(stripped)
        if bullet and len(stripped.split()) <= 16 and is_title(stripped[bullet.end() :]):
            bullets += 1
            count += 1
            continue
        if bullets == 1:
            count -= 1  # one bulleted line is a list item of the story, not a teaser list
            break
        if len(stripped.split()) > 10 or not (stripped.endswith("?") or is_title(stripped)):
            break
        if ":" in stripped or not stripped[:1].isalpha():
            break  # "Contributing: ...", "Q: ...?", "20) ..." belong to the story
        count += 1
    if count >= len(texts) or count < 0:
        return 0
    return count


class ClassifierStage:
    name = "classifier"

    def __init__(self, rules: object = None):
        self.rules = rules

    def __call__(self, doc: Document) -> list[Removal]:
        # Judge every line still live (a partly cut line by what is left of it) and take
        # what is left of it: what a second cleaning would see and take (idempotence).
        live = doc.live_blocks()
        if not live:
            return []
        texts = [doc.remaining(b) for b in live]
        # Decided from the text as it came (doc.blocks: rule stages run first and thin out
        # the menus that make a page recognisable) or as it is now (what a second cleaning
        # would see). An implausible verdict is retried when other stages have changed the
        # page. The verdict is in the report's metadata ("dump": "classified" |
        # "implausible"), for dumps only. Once classified, the page is classified again
        # only when another stage has since removed lines (a doubled paragraph, say): the
        # article run can then end elsewhere, and a second cleaning would see that page.
        settled = doc.memo("classifier.settled", dict)
        if doc.metadata.get("dump") == "classified":
            if settled.get("live") != len(live) and looks_like_dump(texts):
                keep = settle(texts, classify(texts))
                if not all(keep) and plausible(texts, keep):
                    settled["live"] = sum(keep)
                    return self._remove(doc, live, keep)
            settled["live"] = len(live)
            return self._tail(doc, live, texts)
        if (doc.memo("classifier.dump-as-segmented", lambda: looks_like_dump([b.text for b in doc.blocks]))
                or looks_like_dump(texts)):
            keep = classify(texts)
            if plausible(texts, keep):
                keep = settle(texts, keep)
                doc.metadata["dump"] = "classified"
                settled["live"] = sum(keep)
                return self._remove(doc, live, keep)
            doc.metadata["dump"] = "implausible"
        return self._tail(doc, live, texts)

    def _remove(self, doc: Document, live: list[Block], keep: list[bool]) -> list[Removal]:
        return [r for b, k in zip(live, keep, strict=True) if not k for r in _take(doc, b, self.name, DUMP_RULE)]

    def _tail(self, doc: Document, live: list[Block], texts: list[str]) -> list[Removal]:
        count = dangling_tail(texts)
        tail = live[len(live) - count :] if count else []
        return [r for b in tail for r in _take(doc, b, self.name, DANGLING)]


def settle(texts: list[str], keep: list[bool]) -> list[bool]:
    """Classify the kept lines again, as a second cleaning would, until it would take
    nothing more (at most MAX_SETTLE times): with the chrome gone, the article run can end
    earlier, and what would go then goes now, so cleaning stays idempotent."""
    for _ in range(MAX_SETTLE):
        kept = [i for i, k in enumerate(keep) if k]
        rest = [texts[i] for i in kept]
        if not rest or not looks_like_dump(rest):
            break
        again = classify(rest)
        if all(again) or not plausible(rest, again):
            break
        for i, k in zip(kept, again, strict=True):
            keep[i] = k
    return keep


def _take(doc: Document, block: Block, stage: str, rule: Rule) -> list[Removal]:
    """The whole line, or what is left of a line an earlier rule cut (what a second
    cleaning would see and take), so cleaning stays idempotent."""
    return remove_rest(doc, block, stage, rule) if doc.removed_in(block) else [remove_block(doc, block, stage, rule)]
