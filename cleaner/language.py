"""Which language a document is in, and whether any loaded rule pack speaks it.

The rules are phrase families in one language each (`rules/<lang>/`): a German page's
"Jetzt teilen" passes every English rule untouched, and nothing in the output says so. The
report therefore names the language (with the identifier's confidence), and a confident
verdict in a language no pack covers is a review flag.

The identifier is py3langid (langid.py's model, shipped inside its wheel, loaded once per
process on first use, never downloaded). It reads at most SAMPLE_CHARS of the text, so the
cost per document is bounded whatever its length; text shorter than MIN_CHARS gets no
verdict, since a few words are too little to tell.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import lru_cache
from typing import Any

from .model import Document

SAMPLE_CHARS = 4000
MIN_CHARS = 120
#: Below this confidence the language is reported but never flagged.
FLAG_CONFIDENCE = 0.9


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def warm_before_fork(enabled: bool, jobs: int) -> None:
    """Load the model in the parent before worker processes are forked, so they share it
    instead of each spending about a second of CPU decompressing it again."""
    if enabled and jobs > 1:
        _identifier()


def identify(text: str) -> tuple[str, float] | None:
    """(ISO 639-1 code, confidence 0-1) of `text`, or None when it is too short to tell."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.strip()) < MIN_CHARS:
        return None
    code, confidence = _identifier().classify(sample)
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
