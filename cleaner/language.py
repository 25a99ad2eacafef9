"""Which language a document is in, and whether any loaded rule pack speaks it.

The rules are phrase families in one language each (`rules/<lang>/`): a German page's
"Jetzt teilen" passes every English rule untouched, and nothing in the output says so. The
report therefore names the language (with the identifier's confidence), and a confident
verdict in a language no pack covers is a review flag.

The identifier is py3langid (langid.py's model, shipped inside its wheel, loaded once per
process on first use, never downloaded). Its scan is pure Python, about 2 µs a character,
so it reads a sample of at most SAMPLE_CHARS: the document's first prose lines (PROSE_WORDS
words or more; menus and buttons say little about the language and are often English on a
foreign page), else its start. The cost per document is then bounded (under a
millisecond) whatever its length. Text shorter than MIN_CHARS gets no verdict, since a few
words are too little to tell.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import lru_cache
from typing import Any

from .model import Document

SAMPLE_CHARS = 300
MIN_CHARS = 120
PROSE_WORDS = 8
MAX_LINES_LOOKED_AT = 200  # lines searched for prose before falling back to the start
#: Below this confidence the language is reported but never flagged.
FLAG_CONFIDENCE = 0.9


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """The model, or None when it cannot be loaded here (py3langid unpacks it through a
    temporary file, which a full disk refuses): then documents get no verdict, and cleaning
    goes on, since the language is a note for review, not part of the cleaning."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    try:
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    except OSError:
        return None


def warm_before_fork(enabled: bool, jobs: int) -> None:
    """Load the model in the parent before worker processes are forked, so they share it
    instead of each spending about a second of CPU decompressing it again."""
    if enabled and jobs > 1:
        _identifier()


def prose_sample(text: str) -> str:
    """Up to SAMPLE_CHARS of `text`'s first prose lines, or of its start when it has none."""
    parts: list[str] = []
    size, start = 0, 0
    for _ in range(MAX_LINES_LOOKED_AT):
        if size >= SAMPLE_CHARS or start >= len(text):
            break
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start : min(end, start + SAMPLE_CHARS)]  # a megabyte line is never copied whole
        if len(line.split(None, PROSE_WORDS)) > PROSE_WORDS - 1:
            parts.append(line)
            size += len(line) + 1
        start = end + 1
    sample = "\n".join(parts)[:SAMPLE_CHARS]
    return sample if len(sample.strip()) >= MIN_CHARS else text[:SAMPLE_CHARS]


def identify(text: str) -> tuple[str, float] | None:
    """(ISO 639-1 code, confidence 0-1) of `text`, or None when it is too short to tell."""
    sample = prose_sample(text)
    if len(sample.strip()) < MIN_CHARS:
        return None
    identifier = _identifier()
    if identifier is None:
        return None
    code, confidence = identifier.classify(sample)
    return str(code), float(confidence)


def uncovered_flag(code: str, confidence: float, covered: Collection[str]) -> str | None:
    """The review flag for a document in a language no pack covers (None when covered or unsure)."""
    if confidence < FLAG_CONFIDENCE or not covered or code in covered:
        return None
    return (f"language {code} ({confidence:.2f}): no rule pack covers it (packs: {', '.join(sorted(covered))}), "
            "so its boilerplate is not removed")


def note_language(doc: Document, covered: Collection[str]) -> None:
    """Set `doc.language` and add the uncovered-language flag when it applies."""
    found = identify(doc.text)
    if found is None:
        return
    code, confidence = found
    doc.language = {"code": code, "confidence": round(confidence, 3)}
    flag = uncovered_flag(code, confidence, covered)
    if flag is not None:
        doc.flags.append(flag)
