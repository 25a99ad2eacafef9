"""Guess the encoding of text bytes that are not UTF-8: UTF-16/32 without a BOM, legacy code pages.

Why a module of its own: plain-text files arrive in cp1251, KOI8-R, cp1250, Shift-JIS,
EUC-JP, GB18030, Big5 as well as cp1252. Reading them all as cp1252 turned every non-Western
file into mojibake that the run reported as fine. The guesses here are explicit about being
guesses (`Guess.score`, `Guess.low`), so the report can say so and a reviewer can check.

Western text is judged here rather than by charset-normalizer alone: on Latin-script text
that detector often prefers cp1250 to cp1252 for plain French or German, which would turn
"très" into "trčs". So a Latin-script guess goes to `western`, which keeps cp1252 unless the
bytes show Central European signs (`_prefers_cp1250`).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

#: Bytes of the sample handed to charset-normalizer (it is slow on large inputs).
DETECT_SAMPLE = 200_000

#: A guess below this score is flagged as low-confidence.
LOW_SCORE = 0.6

#: Letters cp1250 has and cp1252 lacks (Czech, Slovak, Polish, Hungarian, Romanian...).
_CE_LETTERS = frozenset("ěčřůňťďľĺŕąęłńśźżőűăşţĚČŘŮŇŤĎĽĹŔĄĘŁŃŚŹŻŐŰĂŞŢ")
#: Letters both code pages share, common in Slavic languages and rare in Western ones.
_SLAVIC_SHARED = frozenset("šžŠŽ")


@dataclass(frozen=True)
class Guess:
    """A guessed decoding: the text, the codec, a score in [0, 1] and whether it is weak."""

    text: str
    encoding: str
    score: float
    low: bool


def _implausible(text: str) -> int:
    """Characters real text does not hold: controls (other than white space), unassigned,
    private-use and surrogate code points."""
    bad = 0
    for ch in text:
        cat = unicodedata.category(ch)
        if (cat == "Cc" and ch not in "\t\n\r\f") or cat in ("Cn", "Co", "Cs"):
            bad += 1
    return bad


def wide_unicode(data: bytes) -> Guess | None:
    """UTF-32 or UTF-16 saved without a byte-order mark, recognised by where its NULs sit.

    Text in these encodings nearly always holds ASCII (a space, a newline, a digit), whose
    code units carry NUL bytes on one side only; binary data has NULs everywhere. A candidate
    is taken only if it decodes strictly and holds (almost) no control or unassigned
    characters, so a binary file is still refused as binary.
    """
    head = data[:65536]
    if b"\x00" not in head:
        return None
    candidates: list[str] = []
    if len(data) % 4 == 0 and len(head) >= 8:
        quads = len(head) // 4
        if head[3::4].count(0) == quads and head[2::4].count(0) >= 0.5 * quads:
            candidates.append("utf-32-le")
        if head[0::4].count(0) == quads and head[1::4].count(0) >= 0.5 * quads:
            candidates.append("utf-32-be")
    if len(data) % 2 == 0 and len(head) >= 4:
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if odd and even <= 0.1 * odd:
            candidates.append("utf-16-le")
        if even and odd <= 0.1 * even:
            candidates.append("utf-16-be")
    for name in candidates:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        sample = text[:20000]
        if sample and _implausible(sample) <= len(sample) // 200:
            return Guess(text, name, 0.99, False)
    return None


def _latin_share(text: str) -> float:
    """The share of non-ASCII letters in `text` that are Latin-script letters (1.0 if none)."""
    letters = [ch for ch in text if ord(ch) > 0x7F and ch.isalpha()]
    if not letters:
        return 1.0
    latin = sum(1 for ch in letters if unicodedata.name(ch, "").startswith("LATIN"))
    return latin / len(letters)


def _non_ascii_share(data: bytes) -> float:
    """Non-ASCII bytes against non-ASCII bytes plus ASCII letters: high for Cyrillic or CJK
    in a legacy code page, low for Western text with a few accents."""
    high = sum(1 for b in data if b > 0x7F)
    ascii_letters = sum(1 for b in data if 65 <= b <= 90 or 97 <= b <= 122)
    return high / max(1, high + ascii_letters)


def _odd_inside_words(text: str) -> int:
    """Non-ASCII symbols between two letters ("zatwierdzi³a"): a sign of the wrong code page."""
    odd = 0
    for i in range(1, len(text) - 1):
        ch = text[i]
        if ord(ch) > 0x7F and not ch.isalpha() and text[i - 1].isalpha() and text[i + 1].isalpha():
            odd += 1
    return odd


def _prefers_cp1250(data: bytes) -> bool:
    """Whether cp1250 (Central European) reads these bytes better than cp1252.

    Only when the two readings differ: cp1252 then shows symbols inside words or undefined
    bytes, or the text pairs Slavic letters both share (š, ž) with cp1250-only letters.
    """
    try:
        ce = data.decode("cp1250")
    except UnicodeDecodeError:
        return False
    west = data.decode("cp1252", errors="replace")
    if ce == west:
        return False
    odd_west = _odd_inside_words(west) + west.count("\ufffd")
    odd_ce = _odd_inside_words(ce)
    if odd_ce < odd_west:
        return True
    if odd_ce > odd_west:
        return False
    return any(ch in _SLAVIC_SHARED for ch in ce) and any(ch in _CE_LETTERS for ch in ce)


def non_western(data: bytes) -> Guess | None:
    """A non-Latin legacy code page (cp1251, KOI8-R, Shift-JIS, GB18030, Big5...) for bytes
    that are not UTF-8; None for Latin-script text, which the caller reads as before."""
    from charset_normalizer import from_bytes

    sample = data[:DETECT_SAMPLE]
    best = from_bytes(sample).best()
    if best is not None and _latin_share(str(best)) < 0.5 and _non_ascii_share(sample) >= 0.3:
        try:
            text = data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            text = None
        if text is not None:
            non_ascii = sum(1 for ch in text[:20000] if ord(ch) > 0x7F)
            score = round(max(0.0, 1.0 - best.chaos) * min(1.0, non_ascii / 16), 2)
            return Guess(text, best.encoding, score, score < LOW_SCORE)
    return None


def central_european(data: bytes) -> Guess | None:
    """cp1250 when it reads the bytes better than cp1252 (`_prefers_cp1250`), else None."""
    if _prefers_cp1250(data[:DETECT_SAMPLE]):
        try:
            text = data.decode("cp1250")
        except UnicodeDecodeError:
            return None
        return Guess(text, "cp1250", 0.8, False)
    return None
