"""Boilerplate told by its shape, not its spelling: what holds on sites no rule has seen.

Phrase rules name the words of a notice; these checks look at what a line is made of, so
they keep working when the words change from site to site:

- a **contact line** is mostly e-mail addresses, handles, phone numbers and links, with a
  few labels ("E-mail:", "Twitter:", "can be reached at") and at most a name left over, at
  the page's edge;
- a **link list** is three or more short entries between "|", "·" or "•" with no sentence
  among them ("2016 Election Calendar | WSJ/NBC Polls | 2016 Poll Standings");
- a **teaser run** is a run of headline-shaped lines (or bulleted entries) after the
  article's last paragraph, under a short header or three of them in a row.
- a **headed run** is a header made of the related-links family's words ("Keep Reading",
  "Editors' Picks") over headline-shaped lines, anywhere; a **story list** is headlines
  stamped with a time, date or count; a **pointer line** is a family label and a headline
  on one line ("See also: ..."), or a headline with "Read more" glued on; a **breadcrumb**
  is short capitalised entries between ">", "»" or " / ".

Each check is a built-in rule with its own id, so the report names it and `--disable`
switches it off. Article text is protected by where the checks look (the page's edges,
the tail after the last paragraph), by sentence shape (a line that ends like a sentence is
no teaser), and by reported speech (a line that says who said something is news).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import replace
from functools import lru_cache
from itertools import pairwise

from ..model import Block, Document, Removal
from ..rulepack import Rule, RuleSet
from ..segment import sentences
from ..signals import is_body, reports_speech
from ..tables import in_table
from ..zones import Zones, zones
from .base import remove_block, remove_part, remove_rest
from .classifier import looks_like_dump
from .pieces import PIECE_CATEGORIES, widget_pieces

#: Distinct line texts whose shape verdicts are kept: every round asks about every live
#: line again, and a site's menus recur across its pages, while the verdicts are pure
#: functions of the text.
TEXT_CACHE = 8192

CONTACT = Rule(
    id="structure.contact-line", category="byline", scope="line", pattern=".", source="builtin",
    reason="a line at the page's edge made of e-mail addresses, handles, phone numbers and links",
    remove_examples=("Tami Abdollah can be reached at http://www.twitter.com/latams",
                     "E-mail: mlasalle@sfchronicle.com Twitter: @MickLaSalle",
                     "Contact Jane Doe at jdoe@example.com or 555-123-4567."),
    keep_examples=("Call 911 if you see the suspect, police said, or write to tips@police.gov.",
                   "The account @latams was suspended on Monday after it posted the leaked memo."))
FOLLOW = Rule(
    id="structure.follow-line", category="social", scope="line", pattern=".", source="builtin",
    reason="a line at the page's edge made of social handles and follow labels",
    remove_examples=("Follow us: @cityhall | @cityhallnews", "Twitter: @MickLaSalle Instagram: @mick.lasalle"),
    keep_examples=("@cityhall said on Twitter that the road would reopen on Friday.",))
LINK_LIST = Rule(
    id="structure.link-list", category="navigation", scope="line", pattern=".", source="builtin",
    reason="a list of three or more short links between '|', '·' or '•' separators",
    remove_examples=("2016 Election Calendar | WSJ/NBC Polls | 2016 Poll Standings", "News · Sport · Weather · Video"),
    keep_examples=("The election calendar, the WSJ/NBC polls and the poll standings were published on Monday.",))
TEASER_RUN = Rule(
    id="structure.teaser-run", category="related", scope="block", pattern=".", source="builtin",
    reason="a run of headline-shaped teaser lines after the article's last paragraph",
    remove_examples=("More in Politics\nWhat to Expect When You're Expecting a Shutdown\n"
                     "Politics Counts: Shutdown Impact? Depends on Where You Live",),
    keep_examples=("Additional reporting by Jane Doe in London",))
WIDGET_PIECES = Rule(
    id="structure.widget-pieces", category="media", scope="line", pattern=".", source="builtin",
    reason="a line glued together from widget pieces that line rules take one by one",
    remove_examples=("Advertisement Continue reading the main story", "Caption Close"),
    keep_examples=("Advertisement spending rose by 8% last year, according to the industry's trade body.",))
SLIDE_RUN = Rule(
    id="structure.slide-run", category="media", scope="line", pattern=".", source="builtin",
    reason="a photo gallery's slides: lines opening with a slide counter 'N/M' of one gallery, "
           "most of its M slides present",
    remove_examples=("1/4 On Mexicans “They’re not sending the best.” Getty Images\n"
                     "2/4 On McCain “He’s not a war hero.” AFP/Getty Images\n"
                     "3/4 On Putin “He’s a leader.” Getty Images",),
    keep_examples=("1/2 cup sugar\n1/4 cup butter\n3/4 cup flour", "1/18 The team opened the season at home.\n"
                   "2/18 The team lost away.\n3/18 The team won again."))
PAGE_HEADER = Rule(
    id="structure.page-header", category="other", scope="line", pattern=".", source="builtin",
    reason="a printed page's running header or footer: a short all-capitals line printed three times or more, "
           "its page numbers aside",
    remove_examples=("PROPERTY OF THE U.S. HOUSE OF REPRESENTATIVES\nPROPERTY OF THE US. HOUSE OF REPRESENTATIVES\n"
                     "PROPERTY OF THE U.S. HOUSE OF REPRESENTATIVES",
                     "EXTENDED SUMMARY 10\n11 EXTENDED SUMMARY\n12 EXTENDED SUMMARY"),
    keep_examples=("MR. SMITH:\nMR. JONES:\nMR. SMITH:\nMR. JONES:\nMR. SMITH:",
                   "(BEGIN VIDEO CLIP)\n(END VIDEO CLIP)\n(BEGIN VIDEO CLIP)\n(END VIDEO CLIP)\n(BEGIN VIDEO CLIP)",
                   "NEW YORK\nNEW YORK\nNEW YORK Police said"))
HEADED_TEASERS = Rule(
    id="structure.headed-teasers", category="related", scope="block", pattern=".", source="builtin",
    reason="a short header of the related-links family ('Read more', 'More from X', 'Trending', "
           "'What to read next') over a run of headline-shaped lines, anywhere in the text",
    remove_examples=("Keep Reading\nNew evidence suggests a ninth planet lurking at the edge of the solar system\n"
                     "This broken space telescope keeps spotting new planets",
                     "MORE FROM THE TELEGRAPH:\nWhy the pound fell again on Monday 2 hours ago\n"
                     "Five things the budget means for you 14 comments"),
    keep_examples=("More Than a Game\nThe club was founded in 1892 by dock workers, and its first ground was a field "
                   "behind the docks.",))
STORY_LIST = Rule(
    id="structure.story-list", category="related", scope="block", pattern=".", source="builtin",
    reason="a list of three or more headline-shaped lines each stamped with a time, a date or a comment count",
    remove_examples=("Why the pound fell again on Monday 2 hours ago\n"
                     "Five things the budget means for you 14 comments\n"
                     "Police name the victim of the Leeds crash Jan 5, 2017",),
    keep_examples=("The vote was held on Jan 5, 2017.\nThe count ended two hours ago.\n"
                   "The result is due on Friday.",))
POINTER_LINE = Rule(
    id="structure.pointer-line", category="related", scope="line", pattern=".", source="builtin",
    reason="a related-links label ('Related', 'See also', 'Read more', 'Watch') and a headline on one line",
    remove_examples=("Keep reading: Why the pound fell again on Monday",
                     "SEE ALSO » Five things the budget means for you",
                     "Further reading - What your wireless carrier knows about you",
                     "Peter Jackson: I blacklisted two actors under pressure from Weinstein | Full story »"),
    keep_examples=("Read more about it: the council published the full report on Monday, with the costs.",
                   "The Latest: Trump Visits Texas After the Flood"))
LONE_HEADER = Rule(
    id="structure.lone-header", category="related", scope="line", pattern=".", source="builtin",
    reason="a related-links header before the article's first paragraph or after its last one, its links gone",
    remove_examples=("Recommended Reading:", "Most Popular", "More from NBC News Investigations:"),
    keep_examples=("More from the interview below.",))
BREADCRUMB = Rule(
    id="structure.breadcrumb", category="navigation", scope="line", pattern=".", source="builtin",
    reason="a breadcrumb or menu of short items between '>', '»', '›' or ' / ' ('Home > News > Politics')",
    remove_examples=("Home > News > Politics", "News » World » Europe » France", "Politics / Economy / World / Sport"),
    keep_examples=("He wrote that 2 > 1 and that the vote, 52 to 48, was not close at all.",
                   "Prices rose 5% / 3% / 2% over the three years, the report said."))
RULES = (CONTACT, FOLLOW, LINK_LIST, BREADCRUMB, TEASER_RUN, WIDGET_PIECES, SLIDE_RUN, PAGE_HEADER, HEADED_TEASERS,
         STORY_LIST, POINTER_LINE, LONE_HEADER)

# --- contact lines ------------------------------------------------------------------------

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_HANDLE = re.compile(r"(?<![\w@])@\w{2,30}")
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|co\.uk|com\.au|io|news)(?:/\S*)?",
                  re.IGNORECASE)
# International numbers with their "+", and the North American shape "(555) 123-4567";
# bare groups of figures ("2016 2017 2018", "12.05.2016") are years and dates.
_PHONE = re.compile(r"(?<![\w+])(?:\+\d{1,3}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]\d{2,4}){1,4}"
                    r"|\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4})(?!\w)")
_TOKEN = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
#: Words a contact line uses around its addresses.
_CONTACT_WORDS = frozenset((
    "email", "e-mail", "mail", "twitter", "facebook", "instagram", "linkedin", "threads", "bluesky", "x",
    "phone", "tel", "telephone", "fax", "mobile", "cell", "contact", "web", "website", "site", "follow",
    "on", "at", "or", "and", "via", "by", "reach", "reached", "can", "be", "is", "write", "call", "find",
    "her", "him", "them", "me", "us", "for", "more", "go", "to", "visit", "the", "of", "stories", "story",
    "news", "updates", "tips", "send", "also", "like"))
# A contact line says what it is; a name with an address alone is often the story's byline.
_CONTACT_LABEL = re.compile(
    r"(?i)\b(?:e-?mail|twitter|facebook|instagram|linkedin|phone|tel|telephone|fax|mobile|contact|reach(?:ed)?"
    r"|follow|write to|call)\b")
# What every contact line holds one of (a cheap test before the others).
_CONTACT_HINT = re.compile(r"@|\d{3}|https?://|www\.|\.(?:com|org|net|gov|edu|co\.uk|io|news)\b", re.IGNORECASE)
_REACH = re.compile(r"(?i)\b(?:reach(?:ed)?|contact|e-?mail|write to|call)\b")
_FOLLOW = re.compile(r"(?i)\bfollow\b")
#: Words a contact line may hold besides its addresses and labels (a name, a section).
CONTACT_OTHER_WORDS = 4
CONTACT_MAX_WORDS = 30


def _contact_parts(text: str) -> tuple[int, int, int]:
    """(strong, links, other): e-mail addresses, handles and phone numbers; links; and the
    words that are neither addresses nor contact labels."""
    strong = 0
    for pattern in (_EMAIL, _HANDLE, _PHONE):
        strong += len(pattern.findall(text))
        text = pattern.sub(" ", text)
    links = len(_URL.findall(text))
    text = _URL.sub(" ", text)
    other = sum(1 for w in _TOKEN.findall(text) if w.casefold() not in _CONTACT_WORDS)
    return strong, links, other


@lru_cache(maxsize=TEXT_CACHE)
def contact_shaped(text: str) -> bool:
    """Mostly addresses: at least one e-mail, handle, phone or link, and at most
    CONTACT_OTHER_WORDS words that are not contact labels. A line that reports speech is
    news ("..., police said")."""
    if len(text.split()) > CONTACT_MAX_WORDS or reports_speech(text):
        return False
    strong, links, other = _contact_parts(text)
    return (strong + links > 0 and other <= CONTACT_OTHER_WORDS
            and (strong + links > 1 or bool(_CONTACT_LABEL.search(text))))


@lru_cache(maxsize=TEXT_CACHE)
def contact_line(text: str) -> bool:
    """Every sentence of the line is contact-shaped, and the line holds an e-mail address,
    a handle or a phone number, or a link with a contact label ("can be reached at"; a line
    of links alone is often the story's sources). A line
    that also holds prose stays whole: an invitation to write in that ends a story ("Is there
    something we should know? Email the writer at ...") or an embedded post's attribution
    belongs to the text it closes."""
    if not (_EMAIL.search(text) or _HANDLE.search(text) or _PHONE.search(text)
            or (_URL.search(text) and _CONTACT_LABEL.search(text))):
        return False
    return contact_shaped(text) or all(contact_shaped(text[a:b]) for a, b in sentences(text))


# --- link lists ---------------------------------------------------------------------------

_SEPARATOR = re.compile(r"\s+[|·•]\s+|\s*\|\s*")
LINK_MIN_ENTRIES = 3
LINK_MAX_ENTRY_WORDS = 6
_ENTRY_END = re.compile(r"[.!?,;:]$")


@lru_cache(maxsize=TEXT_CACHE)
def link_list_shaped(text: str) -> bool:
    """Three or more entries of at most LINK_MAX_ENTRY_WORDS words between separators, none
    ending like a sentence or clause; not a table row (which opens or closes with a bar)."""
    stripped = text.strip()
    if stripped.startswith("|") or stripped.endswith("|"):
        return False
    entries = [e.strip() for e in _SEPARATOR.split(stripped)]
    if len(entries) < LINK_MIN_ENTRIES or any(not e for e in entries):
        return False
    return all(len(e.split()) <= LINK_MAX_ENTRY_WORDS and not _ENTRY_END.search(e) and any(c.isalpha() for c in e)
               for e in entries)


_CRUMB_SEPARATORS = (" > ", " >> ", " » ", " › ", " / ", " → ")
CRUMB_MAX_ENTRY_WORDS = 4


@lru_cache(maxsize=TEXT_CACHE)
def breadcrumb_shaped(text: str) -> bool:
    """Three or more entries (two when the first is "Home") of at most CRUMB_MAX_ENTRY_WORDS
    words between one kind of breadcrumb separator, each opening with a capital letter and
    none ending like a sentence or clause, and none a bare figure ("5% / 3% / 2%")."""
    stripped = text.strip()
    for sep in _CRUMB_SEPARATORS:
        if sep not in stripped:
            continue
        entries = [e.strip() for e in stripped.split(sep)]
        need = 2 if entries[0].casefold() in ("home", "homepage", "home page") else LINK_MIN_ENTRIES
        if len(entries) >= need and all(
                e[:1].isupper() and len(e.split()) <= CRUMB_MAX_ENTRY_WORDS and not _ENTRY_END.search(e)
                for e in entries):
            return not reports_speech(stripped)
    return False


# --- teaser runs --------------------------------------------------------------------------

_BULLET = re.compile(r"^(?:[-•·*–—▪►■□●○◦‣⁃]\s*)")
_CREDIT = re.compile(
    r"(?i)^\(?(?:additional )?(?:reporting|writing|editing|contributing)(?: by)?\b|\bcontributed\b|^by\b"
    r"|^editor'?s note|^(?:copyright|©)|^(?:photo|image|video)s?\b")
_TEASER_END = re.compile(r"""[.!:;,…]["'”’)\]]*$""")
_LIST_START = re.compile(r"(?i)^(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)")
_LIST_MARKS = (":", " -- ", " – ", " — ", " - ", "(")
_SMALL_WORDS = frozenset(("a", "an", "the", "and", "or", "of", "in", "on", "for", "to", "at", "by", "with",
                          "from", "as", "is", "vs", "vs.", "&"))
TITLE_SHARE = 0.6
TEASER_MIN_WORDS = 5
PIECES_CACHE = 65536
TEASER_MAX_WORDS = 18
HEADER_MAX_WORDS = 4
#: Teaser lines in a run without a header before it is taken (with a header: TEASER_MIN_HEADED).
TEASER_MIN_RUN = 3
TEASER_MIN_HEADED = 2


def title_cased(words: list[str]) -> bool:
    """Headline casing: at least TITLE_SHARE of the words that are not small words open with
    a capital. A list's items are written as sentences ("Hundreds of tasks that will ...")."""
    big = [w for w in words if w[:1].isalpha() and w.casefold() not in _SMALL_WORDS]
    return bool(big) and sum(w[:1].isupper() for w in big) >= TITLE_SHARE * len(big)


@lru_cache(maxsize=TEXT_CACHE)
def teaser_shaped(text: str) -> bool:
    """A teaser headline: TEASER_MIN_WORDS to TEASER_MAX_WORDS words in headline casing,
    opening with a capital or a quote mark (after a bullet), no sentence or clause end (a
    question is fine), no credit, byline or note. A line opening with a figure or a month
    is a list's entry (tour dates, a timeline), not a teaser."""
    text = _BULLET.sub("", text.strip())
    words = text.split()
    if not TEASER_MIN_WORDS <= len(words) <= TEASER_MAX_WORDS:
        return False
    first = text[:1]
    if not (first.isupper() or first in "\"'“‘") or _LIST_START.match(text):
        return False
    return title_cased(words) and not _TEASER_END.search(text) and not _CREDIT.search(text)


def list_shaped(texts: list[str]) -> bool:
    """Entries of one list share a shape: at least half of them hold the same separator
    ("Czech Republic (Group A): Seventh appearance", "June 9 -- Coral Sky Amphitheatre")."""
    return any(n >= 2 and n * 2 >= len(texts) for n in (sum(mark in t for t in texts) for mark in _LIST_MARKS))


@lru_cache(maxsize=TEXT_CACHE)
def header_shaped(text: str) -> bool:
    """A short header over a teaser list ("More in Politics", "Related Coverage:")."""
    text = text.strip()
    words = text.split()
    return (0 < len(words) <= HEADER_MAX_WORDS and text[:1].isupper() and not re.search(r"[.!?,;]$", text)
            and not _CREDIT.search(text))


def teaser_tail(texts: list[str]) -> tuple[int, int] | None:
    """(start, end) of the teaser run in `texts`, the lines after the article's last
    paragraph, or None. The run is TEASER_MIN_RUN teaser lines, or TEASER_MIN_HEADED under
    a header; the lines after it are teasers or headers too (nothing of the article follows)."""
    i = 0
    while i < len(texts):
        if teaser_shaped(texts[i]) or header_shaped(texts[i]):
            j = i
            while j < len(texts) and (teaser_shaped(texts[j]) or header_shaped(texts[j])):
                j += 1
            entries = [t for t in texts[i:j] if teaser_shaped(t)]
            headed = header_shaped(texts[i])
            if (len(entries) >= (TEASER_MIN_HEADED if headed else TEASER_MIN_RUN) and j == len(texts)
                    and not list_shaped(entries)):
                return i, j
            i = j
        else:
            i += 1
    return None


# --- headed teaser runs and story lists ---------------------------------------------------

# Words a related-links header is made of; it holds one of _HEADER_CORE.
_HEADER_CORE = frozenset((
    "related", "more", "also", "read", "reading", "reads", "popular", "trending", "recommended", "recommends",
    "latest", "next", "picks", "headlines", "elsewhere", "miss", "missed", "further", "stories"))
_HEADER_FILLER = frozenset((
    "you", "may", "might", "like", "enjoy", "this", "these", "what", "now", "today", "our", "your", "we", "us",
    "story", "articles", "article", "news", "videos", "video", "links", "coverage", "content", "posts", "topics",
    "it", "case", "most", "top", "other", "great", "recent", "week", "editor's", "editors'", "editors",
    "editor", "readers", "viewed", "shared", "emailed", "commented", "just", "around", "web", "up", "keep",
    "see", "explore", "don't", "dont", "must", "here's", "else", "all", "also", "from", "than", "s", "reader",
    "recommendations", "suggested", "similar", "must-reads", "continue", "partner", "partners", "sponsored",
    "featured", "hot", "best", "last", "new", "news:", "global", "local", "national", "world", "week's",
    "right", "thing", "things")) | _SMALL_WORDS
_HEADER_WORD = re.compile(r"[\w'’]+")
#: Family words that name a related-links header only with a word of reading or watching
#: beside them ("Up next", "Read next", "Also read"): alone, "What's next:" and "Also:" head
#: an article's own list or roundup item.
_WEAK_CORE = frozenset(("next", "also"))
_WEAK_COMPANIONS = frozenset(("read", "reading", "reads", "watch", "see", "up", "story", "stories", "article",
                              "articles", "video", "videos", "more", "related", "recommended", "popular", "miss",
                              "prev", "previous", "post", "posts", "news", "page"))
#: Words of a header besides its family words: a site's or section's name ("More from Vanity Fair").
HEADER_NAME_WORDS = 3
HEADED_MAX_WORDS = 8
# A time, date or comment count glued to a teaser's end ("... 2 hours ago", "... 14 comments").
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_STAMP = re.compile(
    r"(?i)(?:^|\s+|\s*[|·•—–-]\s*)(?:\d{1,3}\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w"
    r"|weeks?|months?|years?)\s+ago|\d{1,6}\s+(?:comments?|replies|shares|views)|" + _MONTH
    + r"\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+" + _MONTH + r"\s+\d{4}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}"
    r"|\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+(?-i:[A-Z]{2,4}))?)\s*$")
HEADLINE_MIN_WORDS = 5
#: Characters of a line the headline checks read at most: a headline of HEADLINE_MAX_WORDS
#: words with a stamp or pointer fits; longer lines are no headline, and the end-anchored
#: patterns (stamps, pointer suffixes) are never run on them (they would be quadratic on a
#: long line of spaces).
HEADLINE_MAX_CHARS = 400
#: Figures a headline holds at most ("5 things to know"): more are a table's row or a score.
HEADLINE_MAX_NUMBERS = 1
_NUMBER = re.compile(r"^[(+\-−$€£]*\d[\d.,:%–-]*\)?$")
HEADLINE_MAX_WORDS = 20
#: Teaser lines under a header before the run is taken: one when the header ends in ':'.
HEADED_MIN_ENTRIES = 2
#: Lines a header's run reaches at most (as `max_follow` of the related.header rule): the
#: scan stays linear however many headers follow each other.
HEADED_MAX_FOLLOW = 24
#: Stamped headlines in a row that are a story list without a header.
STORY_LIST_MIN = 3


@lru_cache(maxsize=TEXT_CACHE)
def header_family(text: str, core: frozenset[str] = _HEADER_CORE) -> bool:
    """A related-links header: at most HEADED_MAX_WORDS words, no sentence end (a ':' or '»'
    is fine), one word of the family (_HEADER_CORE: "Read more", "Trending", "Editors' picks",
    "Most popular") and otherwise family and small words, with at most HEADER_NAME_WORDS
    capitalised others (the site's name: "More from Vanity Fair"). Reported speech is news."""
    text = _BULLET.sub("", text.strip()).rstrip(":»›>-–— ").strip()
    words = [w.casefold() for w in _HEADER_WORD.findall(text)]
    if (not words or len(text.split()) > HEADED_MAX_WORDS or re.search(r"[.!?,;]$|[.!?]\s|[:()]", text)
            or reports_speech(text)):
        return False
    if not text[:1].isupper() or not any(w in core for w in words):
        return False
    if {w for w in words if w in core} <= _WEAK_CORE and not set(words) & _WEAK_COMPANIONS:
        return False  # "What's next", "Also": an article's own subheading or roundup label
    others = [w for w in _HEADER_WORD.findall(text) if w.casefold() not in _HEADER_FILLER | _HEADER_CORE | core]
    return len(others) <= HEADER_NAME_WORDS and all(w[:1].isupper() or w[:1].isdigit() for w in others)


# The label of a pointer line, before its headline: "Related:", "SEE ALSO »", "Read more -".
_POINTER = re.compile(r"^\s*(?:[-•·*–—▪►■□●○◦‣⁃]\s*)?([^:»›|]{2,40}?)\s*(?::|»|›|>>|\||\s[-–—]\s)\s*(\S.*)$")
_POINTER_CORE = frozenset(("related", "more", "also", "read", "reading", "see", "watch", "listen", "recommended",
                           "popular", "trending", "further", "elsewhere", "previously", "miss", "next"))
POINTER_LABEL_WORDS = 4
#: A header alone is taken only this short, at the article's edge.
LONE_HEADER_WORDS = 5


# A pointer glued after a teaser's headline: "... Read more", "... | Full story »".
_POINTER_SUFFIX = re.compile(
    r"(?i)(?:\s+|\s*[|·•»›→]\s*)(?:read (?:more|on|the (?:full )?(?:story|article))|continue reading|full story"
    r"|keep reading|learn more|see more|view more|watch (?:now|the video)|(?<=[|·•»›→] )more)"
    r"\s*(?:»|›|→|>>|\.\.\.|…)?$")


# Words a headline does not end on but a sentence going on into "read more" does ("... can read more").
_OPEN_ENDS = frozenset(("can", "could", "will", "would", "should", "may", "might", "must", "to", "and", "or", "the",
                        "a", "an", "of", "please", "also", "then", "we", "they", "i", "who", "that"))


@lru_cache(maxsize=TEXT_CACHE)
def pointer_suffixed(text: str) -> bool:
    """A headline with a pointer glued to its end ("Clarence Thomas accuser Anita Hill to
    spearhead fight against harassment in Hollywood Read more"): the rest is `headline_shaped`
    and reports no speech."""
    if len(text) > HEADLINE_MAX_CHARS:
        return False
    match = _POINTER_SUFFIX.search(text)
    if not match:
        return False
    head = text[: match.start()]
    last = head.split()[-1].casefold() if head.split() else ""
    return headline_shaped(head) and not reports_speech(head) and last not in _OPEN_ENDS


@lru_cache(maxsize=TEXT_CACHE)
def pointer_line(text: str) -> bool:
    """A related-links label (`header_family`, at most POINTER_LABEL_WORDS words, holding a
    pointer word: "Related", "See also", "Keep reading", "Watch") and a headline after it
    (`headline_shaped`), on one line. "The Latest: ..." is a story's own title; a label
    over a sentence ("More: the council voted ...") is prose."""
    if len(text) > HEADLINE_MAX_CHARS:
        return False
    match = _POINTER.match(text)
    if not match:
        return False
    label, rest = match.group(1), match.group(2)
    return (len(label.split()) <= POINTER_LABEL_WORDS and header_family(label, _POINTER_CORE)
            and headline_shaped(rest) and not reports_speech(rest))


@lru_cache(maxsize=TEXT_CACHE)
def lone_header(text: str) -> bool:
    """A related-links header that needs no links under it to be told: at most
    LONE_HEADER_WORDS words of the family alone ("Recommended reading", "Most popular"), or
    ending in ':' ("More from NBC News Investigations:"). "More Than a Game" names something
    and may head what follows."""
    if len(text.split()) > LONE_HEADER_WORDS + 2 or not header_family(text):
        return False
    names = [w for w in _HEADER_WORD.findall(text) if w.casefold() not in _HEADER_FILLER | _HEADER_CORE]
    return text.rstrip().endswith(":") or (not names and len(text.split()) <= LONE_HEADER_WORDS)


@lru_cache(maxsize=TEXT_CACHE)
def unstamped(text: str) -> tuple[str, bool]:
    """The line without a time, date or comment count glued to its end, and whether it had one.
    Lines over HEADLINE_MAX_CHARS are returned as they are."""
    if len(text) > HEADLINE_MAX_CHARS:
        return text, False
    match = _STAMP.search(text)
    if match and match.start() > 0:
        return text[: match.start()].rstrip(" |·•—–-"), True
    return text, False


@lru_cache(maxsize=TEXT_CACHE)
def headline_shaped(text: str) -> bool:
    """A headline, in title or sentence case: HEADLINE_MIN_WORDS to HEADLINE_MAX_WORDS words
    (after a bullet and a glued stamp), opening with a capital, a figure or a quote mark, no
    sentence or clause end (a question, or an excerpt cut with '...', is fine), no second
    sentence, no credit. Shorter lines are a product's feature list ("Optical heart sensor")
    or subheadings; a line of figures is a table's row or a score ("Rockledge 14 11 6 15")."""
    if len(text) > HEADLINE_MAX_CHARS:
        return False
    text = unstamped(_BULLET.sub("", text.strip()))[0]
    words = text.split()
    if not HEADLINE_MIN_WORDS <= len(words) <= HEADLINE_MAX_WORDS:
        return False
    first = text[:1]
    if not (first.isupper() or first.isdigit() or first in "\"'“‘"):
        return False
    if sum(bool(_NUMBER.match(w)) for w in words) > HEADLINE_MAX_NUMBERS or re.search(r"[.!?]\s", text):
        return False
    truncated = text.endswith(("...", "…"))
    return (truncated or not _TEASER_END.search(text)) and not _CREDIT.search(text)


@lru_cache(maxsize=TEXT_CACHE)
def stamp_only(text: str) -> bool:
    """A line that is only a time, date or count ("2 hours ago", "Jan 5, 2017", "14 comments")."""
    text = text.strip()
    return bool(text) and len(text) <= HEADLINE_MAX_CHARS and bool(_STAMP.fullmatch(" " + text))


def headed_runs(texts: list[str], headed: Collection[int] = ()) -> list[tuple[int, int]]:
    """(start, end) of each header (`header_family`) with the run of teaser lines under it:
    headlines (`headline_shaped`), stamps and short labels, up to the next line of the
    article. Taken when the run holds HEADED_MIN_ENTRIES headlines (one when the header ends
    in ':'); the header alone, or a header over paragraphs, stays, and so does the headline
    right above the article's first paragraph (the story's title after a menu). `headed`
    are lines right under a header another rule took ("Read More:" went with
    related.header, which reaches only as far as its own follower check): a run starts
    there with no header line, one headline enough, when the run ends the text. At most
    HEADED_MAX_FOLLOW lines per header are read."""
    out: list[tuple[int, int]] = []
    first_body = next((k for k, t in enumerate(texts) if is_body(t)), len(texts))
    i = 0
    while i < len(texts):
        virtual = i in headed
        if not virtual and not header_family(texts[i]):
            i += 1
            continue
        start = i if virtual else i + 1
        j, entries = start, 0
        while j < min(len(texts), start + HEADED_MAX_FOLLOW) and not is_body(texts[j]):
            if headline_shaped(texts[j]):
                entries += 1
            elif not (stamp_only(texts[j]) or (0 < len(texts[j].split()) <= 3 and not _TEASER_END.search(texts[j]))):
                break
            j += 1
        if j < len(texts) and j <= first_body and j - 1 >= start and headline_shaped(texts[j - 1]):
            # Above the article's first paragraph, the headline right over it is the story's title.
            j -= 1
            entries -= 1
        need = 1 if virtual or texts[i].rstrip().endswith(":") else HEADED_MIN_ENTRIES
        # Under a header that is gone, only a run that ends the text: a product's feature
        # list under a taken "More" menu goes on into the page.
        if entries >= need and (not virtual or j == len(texts)):
            out.append((i, j))
            i = j
        else:
            i += 1
    return out


_CLOCK_END = re.compile(r"(?i)\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?\s*$")


@lru_cache(maxsize=TEXT_CACHE)
def _clock_stamped(text: str) -> bool:
    """Whether the line's glued stamp is only a time of day: a schedule in the story
    ("Closing ceremony at the Olympic Stadium 8:00 p.m.") is stamped that way too, a
    list of other stories carries a date, an age or a count on at least one line."""
    return bool(_CLOCK_END.search(text.strip()))


def story_lists(texts: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each run of STORY_LIST_MIN or more lines that are headlines with a
    time, date or comment count glued to their end (`unstamped`): a list of stories. A
    sentence ending in a date has its full stop and is no headline; an embedded post's
    attribution ("— Jane Doe (@jane) August 17, 2016") names a handle and stays."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(texts):
        j = i
        while (j < len(texts) and unstamped(texts[j].strip())[1] and headline_shaped(texts[j])
               and "@" not in texts[j]):
            j += 1
        if j - i >= STORY_LIST_MIN and not all(_clock_stamped(texts[k]) for k in range(i, j)):
            out.append((i, j))
        i = max(j, i + 1)
    return out


# --- gallery slides and page headers -------------------------------------------------------

_SLIDE = re.compile(r"^(\d{1,3})\s*/\s*(\d{1,3})\s+\S")
# The gallery's own control, naming its M slides ("18 show all Donald Trump's ... quotes"):
# taken only with a gallery of M slides.
_SHOW_ALL = re.compile(r"(?i)^(\d{1,3})\s+(?:show|view|see) all\b")
SHOW_ALL_MAX_WORDS = 14
#: A gallery has at least this many slides, and most of them are in the text: a recipe's
#: "1/2 cup" and "3/4 cup" name different fractions, a few dates "1/18", "2/18" are no gallery.
SLIDE_MIN = 3


def slide_lines(texts: list[str]) -> list[int]:
    """Indexes of the lines that are slides of one gallery: each opens with a counter
    "N/M" (N <= M) of the same M, the N all different and rising in reading order, and at
    least half of the M slides (and SLIDE_MIN) present. One pass; groups by M."""
    by_total: dict[int, list[tuple[int, int]]] = {}
    controls: dict[int, list[int]] = {}
    for i, text in enumerate(texts):
        control = _SHOW_ALL.match(text)
        if control and len(text.split()) <= SHOW_ALL_MAX_WORDS:
            controls.setdefault(int(control.group(1)), []).append(i)
        match = _SLIDE.match(text)
        if match:
            n, m = int(match.group(1)), int(match.group(2))
            if 1 <= n <= m and len(text.split()) >= 3:
                by_total.setdefault(m, []).append((i, n))
    out: list[int] = []
    for m, found in by_total.items():
        numbers = [n for _, n in found]
        rising = all(a < b for a, b in pairwise(numbers))
        if m >= SLIDE_MIN and rising and len(found) >= max(SLIDE_MIN, (m + 1) // 2):
            out.extend(i for i, _ in found)
            out.extend(controls.get(m, ()))
    return sorted(out)


_HEADER_KEY = re.compile(r"[^A-Z ]+")
#: A running header is printed on every page: three times at least.
HEADER_MIN_COUNT = 3
HEADER_MAX_LINE_WORDS = 10


@lru_cache(maxsize=TEXT_CACHE)
def _header_key(text: str) -> str | None:
    """The line without its page numbers and punctuation, when it is a short all-capitals
    line of two words or more with no colon or bracket (speaker labels "MR. SMITH:" and
    transcript cues "(BEGIN VIDEO CLIP)" repeat too, and are the article's)."""
    if (not text or len(text.split()) > HEADER_MAX_LINE_WORDS or any(c.islower() for c in text)
            or any(c in text for c in ":()[]")):
        return None
    key = " ".join(_HEADER_KEY.sub("", text).split())
    return key if len(key.split()) >= 2 else None


def page_header_lines(texts: list[str]) -> list[int]:
    """Indexes of the lines whose header key (`_header_key`) occurs HEADER_MIN_COUNT times
    or more: a report's running header with its page numbers ("EXTENDED SUMMARY 11")."""
    keys = [_header_key(t) for t in texts]
    counts: dict[str, int] = {}
    for key in keys:
        if key:
            counts[key] = counts.get(key, 0) + 1
    return [i for i, key in enumerate(keys) if key and counts[key] >= HEADER_MIN_COUNT]


_CAPS = re.compile(r"[A-Z][A-Z'’&.-]*$")
_PAGE_NUMBER = re.compile(r"\d{1,4}$")
#: A running header glued in front of a page's text names its page number at least twice.
HEADER_MIN_NUMBERED = 2
HEADER_MAX_PREFIX_WORDS = 4


def _prefixes(text: str) -> tuple[list[str], bool, int]:
    """The line's leading all-capitals words (after a page number), whether a page number
    stands before them, and how many words follow the first HEADER_MAX_PREFIX_WORDS + 2."""
    tokens = text.split(maxsplit=HEADER_MAX_PREFIX_WORDS + 2)
    numbered = bool(tokens) and bool(_PAGE_NUMBER.match(tokens[0]))
    words: list[str] = []
    for token in tokens[1 if numbered else 0 :]:
        if len(words) == HEADER_MAX_PREFIX_WORDS or not _CAPS.match(token) or _PAGE_NUMBER.match(token):
            break
        words.append(token)
    return words, numbered, len(tokens)


def header_prefixes(texts: list[str]) -> dict[int, str]:
    """Line index -> the running header that opens it ("10 EXTENDED SUMMARY Figure 4. ..."):
    two to HEADER_MAX_PREFIX_WORDS capitalised words that open HEADER_MIN_COUNT lines or more,
    with a page number before or after them in HEADER_MIN_NUMBERED of those lines, and text
    after them. The longest such header is the line's. One pass to count, one to choose."""
    seen: list[tuple[list[str], list[bool]]] = []
    counts: dict[str, int] = {}
    numbered: dict[str, int] = {}
    for text in texts:
        words, before, _ = _prefixes(text)
        rest = text.split()
        keys, marks = [], []
        for k in range(2, len(words) + 1):
            key = " ".join(words[:k])
            after_index = k + (1 if before else 0)
            after = after_index < len(rest) and bool(_PAGE_NUMBER.match(rest[after_index]))
            counts[key] = counts.get(key, 0) + 1
            numbered[key] = numbered.get(key, 0) + (before or after)
            keys.append(key)
            marks.append(before or after)
        seen.append((keys, marks))
    out: dict[int, str] = {}
    first: set[str] = set()
    for i, (keys, marks) in enumerate(seen):
        good = [(k, m) for k, m in zip(keys, marks, strict=True)
                if counts[k] >= HEADER_MIN_COUNT and numbered[k] >= HEADER_MIN_NUMBERED]
        if not good:
            continue
        key, mark = good[-1]
        # Its first printing without a page number is the title on the document's first
        # page, and stays: like a copy, the header goes from its second printing on.
        if mark or key in first:
            out[i] = key
        first.add(key)
    return out


def _has_words(text: str) -> bool:
    return any(c.isalpha() for c in text)


class StructureStage:
    name = "structure"

    def __init__(self, rules: RuleSet | None = None, disabled: Collection[str] = ()):
        rules = rules or RuleSet()
        self.disabled = frozenset(disabled) | rules.disabled_builtin
        self.piece_rules = ([r for r in rules.by_scope("line") if r.category in PIECE_CATEGORIES]
                            if WIDGET_PIECES.id not in self.disabled else [])
        # Verdicts by line text and zone: every round, and dumps' repeated menus, ask again.
        self._seen: dict[tuple[str, frozenset[str]], tuple[Rule, ...]] = {}

    def __call__(self, doc: Document) -> list[Removal]:
        live = doc.live_blocks()
        if not live:
            return []
        texts = [doc.remaining(b).strip() for b in live]
        out: list[Removal] = []
        zone: Zones | None = None
        taken: set[int] = set()
        if TEASER_RUN.id not in self.disabled:
            last_body = max((i for i, t in enumerate(texts) if is_body(t)), default=None)
            if last_body is not None:
                run = teaser_tail(texts[last_body + 1 :])
                zone = zones(doc) if run is not None else None
                if run is not None and zone is not None and all(zone.allows(live[k], "bottom")
                                           for k in range(last_body + 1 + run[0], last_body + 1 + run[1])):
                    for k in range(last_body + 1 + run[0], last_body + 1 + run[1]):
                        taken.add(k)
                        out.extend(self._take(doc, live[k], TEASER_RUN))
        headed = self._under_taken_headers(doc, live)
        for rule, runs in ((HEADED_TEASERS, lambda t: headed_runs(t, headed)), (STORY_LIST, story_lists)):
            if rule.id not in self.disabled:
                for a, b in runs(texts):
                    for k in range(a, b):
                        if k not in taken:
                            taken.add(k)
                            out.extend(self._take(doc, live[k], rule))
        for rule, found in ((SLIDE_RUN, slide_lines), (PAGE_HEADER, page_header_lines)):
            if rule.id not in self.disabled:
                for k in found(texts):
                    if k not in taken:
                        taken.add(k)
                        out.extend(self._take(doc, live[k], rule))
        if PAGE_HEADER.id not in self.disabled:
            out.extend(self._header_prefixes(doc, live, texts, taken))
        out.extend(self._pointers(doc, live, texts, taken))
        links = LINK_LIST.id not in self.disabled
        crumbs = BREADCRUMB.id not in self.disabled
        contacts = CONTACT.id not in self.disabled or FOLLOW.id not in self.disabled
        # A whole-page dump's chrome is the classifier's: trying the pieces of its hundreds
        # of menu lines would cost more than the rest of the stage.
        pieces = bool(self.piece_rules) and not looks_like_dump(texts)
        for i, block in enumerate(live):
            if i in taken:
                continue
            text = texts[i]
            if (links and ("|" in text or "·" in text or "•" in text) and link_list_shaped(text)
                    and not in_table(doc, block)):
                zone = zone or zones(doc)
                lone = not any(0 <= k < len(texts) and link_list_shaped(texts[k]) for k in (i - 1, i + 1))
                if zone.allows(block, "edge") or lone:
                    out.extend(self._take(doc, block, LINK_LIST))
                    continue
            if crumbs and (">" in text or "»" in text or "›" in text or " / " in text or "→" in text) \
                    and breadcrumb_shaped(text) and not in_table(doc, block):
                zone = zone or zones(doc)
                lone = not any(0 <= k < len(texts) and breadcrumb_shaped(texts[k]) for k in (i - 1, i + 1))
                if zone.allows(block, "edge") or lone:
                    out.extend(self._take(doc, block, BREADCRUMB))
                    continue
            if contacts:
                zone = zone or zones(doc)
                if zone.allows(block, "edge") and _CONTACT_HINT.search(text):
                    found = self._contact(doc, block)
                    if found:
                        out.extend(found)
                        continue
            if pieces and not is_body(text):
                zone = zone or zones(doc)
                out.extend(self._pieces(doc, block, text, zone))
        return out

    @staticmethod
    def _under_taken_headers(doc: Document, live: list[Block]) -> set[int]:
        """Live-line indexes right under a related-links header (`header_family`) that
        another rule removed whole, with the lines it took after it: the header's run goes
        on there. Looks back at most HEADED_MAX_FOLLOW lines from each line after a gap."""
        out: set[int] = set()
        for k, block in enumerate(live):
            if block.index == 0 or (k > 0 and live[k - 1].index == block.index - 1):
                continue
            # Back over the lines taken as related (the header's own followers) to the header.
            index = block.index - 1
            while index >= 0 and block.index - index <= HEADED_MAX_FOLLOW:
                above = doc.blocks[index]
                gone = doc.removed_in(above)
                if not (doc.is_gone(above) and gone and all(r.category == "related" for r in gone)):
                    break
                if header_family(above.text):
                    out.add(k)
                    break
                index -= 1
        return out

    def _pointers(self, doc: Document, live: list[Block], texts: list[str], taken: set[int]) -> list[Removal]:
        """Pointer lines anywhere (`pointer_line`), and related-links headers left alone
        before the article's first paragraph or after its last one (their links went with
        other rules, or were never extracted)."""
        out: list[Removal] = []
        pointers = POINTER_LINE.id not in self.disabled
        lone = LONE_HEADER.id not in self.disabled
        if not (pointers or lone):
            return out
        bodies = [i for i, t in enumerate(texts) if is_body(t)]
        first, last = (bodies[0], bodies[-1]) if bodies else (len(texts), -1)
        for k, text in enumerate(texts):
            if k in taken:
                continue
            if pointers and (pointer_line(text) or pointer_suffixed(text)):
                rule = POINTER_LINE
            elif lone and (k < first or k > last) and lone_header(text):
                rule = LONE_HEADER
            else:
                continue
            taken.add(k)
            out.extend(self._take(doc, live[k], rule))
        return out

    def _pieces(self, doc: Document, block: Block, text: str, zone: Zones) -> list[Removal]:
        """The whole line when it is glued together from widget pieces (`pieces`); the
        report names the rule that takes each piece."""
        allowed = {"any"}
        if block.index in zone.top:
            allowed |= {"top", "edge"}
        if block.index in zone.bottom:
            allowed |= {"bottom", "edge"}
        key = (text, frozenset(allowed))
        found = self._seen.get(key)
        if found is None:
            if len(self._seen) >= PIECES_CACHE:
                self._seen.clear()
            found = self._seen[key] = tuple(widget_pieces(text, self.piece_rules, allowed) or ())
        if not found:
            return []
        reason = f"{WIDGET_PIECES.reason}: " + " + ".join(r.id for r in found)
        return [replace(r, category=found[0].category, reason=reason) for r in self._take(doc, block, WIDGET_PIECES)]

    def _header_prefixes(self, doc: Document, live: list[Block], texts: list[str], taken: set[int]) -> list[Removal]:
        """The running header (and its page number) cut from the head of each line it opens;
        the rest of the line is judged by the other checks."""
        out: list[Removal] = []
        for k, key in header_prefixes(texts).items():
            block = live[k]
            if k in taken or doc.removed_in(block):
                continue
            pattern = r"^\s*(?:\d{1,4}\s+)?" + r"\s+".join(map(re.escape, key.split())) + r"(?:\s+\d{1,4})?\s+(?=\S)"
            match = re.match(pattern, block.text)
            if match and _has_words(block.text[match.end():]):
                out.append(remove_part(doc, block, 0, match.end(), self.name, PAGE_HEADER))
        return out

    def _take(self, doc: Document, block: Block, rule: Rule) -> list[Removal]:
        if doc.removed_in(block):
            return remove_rest(doc, block, self.name, rule)
        return [remove_block(doc, block, self.name, rule)]

    def _contact(self, doc: Document, block: Block) -> list[Removal]:
        """The whole line when it is a contact line; a line an earlier stage cut is judged
        by what is left of it (what a second cleaning sees)."""
        text = doc.remaining(block).strip()
        if not contact_line(text):
            return []
        # Handles with no address or number to write to, or a follow prompt: a social line.
        writable = bool(_EMAIL.search(text) or _PHONE.search(text) or _REACH.search(text))
        social = bool(_FOLLOW.search(text)) or (bool(_HANDLE.search(text)) and not writable)
        rule = FOLLOW if social else CONTACT
        return [] if rule.id in self.disabled else self._take(doc, block, rule)


