"""A line glued together from widget pieces ("Advertisement Continue reading the main story",
"Caption Close", "Newsletter Sign Up").

Extractors often join the labels of one widget into one line. Each piece is something a
line rule already takes on its own line; joined, no rule sees the whole. Splitting the line
where a capitalised word starts and asking the line rules about each piece finds them
without a rule per combination. Only the chrome categories count (a piece that a byline or
legal rule takes is not widget text), only short lines are tried, and every piece must be
taken: one piece of article text keeps the line whole.
"""

from __future__ import annotations

from ..prefilter import candidates
from ..rulepack import Rule

PIECE_CATEGORIES = frozenset(("ads", "media", "navigation", "social", "newsletter", "comments", "related"))
MIN_WORDS = 2
MAX_WORDS = 10


def split_points(words: list[str]) -> list[int]:
    """Word indexes where a piece may start: the line's start and every word that opens
    with a capital, a figure or a symbol (widget labels are capitalised; running text
    continues in lower case), and the end."""
    starts = [i for i, w in enumerate(words) if i == 0 or not w[:1].islower()]
    return [*starts, len(words)]


def widget_pieces(text: str, rules: list[Rule], allowed: set[str]) -> list[Rule] | None:
    """The rules that take the pieces of `text`, in order, when the line (of MIN_WORDS to
    MAX_WORDS words) is two or more pieces each taken by one of `rules` whose position is
    in `allowed`; None otherwise. Pieces are tried from the line's start, so a line whose
    first piece no rule takes costs one pass over the split points."""
    words = text.split()
    if not MIN_WORDS <= len(words) <= MAX_WORDS:
        return None
    points = split_points(words)
    if len(points) < 3:
        return None
    # A piece is part of the line, so only rules whose required literals occur in the whole
    # line can take one (one scan of the line, `prefilter`).
    usable = [r for r in candidates(rules, text) if r.position in allowed]
    if not usable:
        return None
    best: dict[int, list[Rule]] = {0: []}
    for a in range(len(points) - 1):
        if a not in best:
            continue
        for b in range(a + 1, len(points)):
            if b in best or (a == 0 and b == len(points) - 1):
                continue  # already reached; the whole line is the phrase rules' to judge
            piece = " ".join(words[points[a] : points[b]])
            if not any(ch.isalnum() for ch in piece):
                continue  # a lone "&" or "|" joins two labels ("Science & Tech"); it is no widget
            rule = next((r for r in usable if r.matches(piece)), None)
            if rule is not None:
                best[b] = [*best[a], rule]
    return best.get(len(points) - 1)

