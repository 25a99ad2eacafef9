"""Article paragraphs and helpers shared by the duplicate tests (exact and near copies)."""

from __future__ import annotations

from cleaner.api import clean_text

P1 = ("The city council voted on Tuesday to expand the bus network, adding twelve new routes. "
      "Officials said the plan would cost about 40 million dollars over five years.")
P2 = ("Residents who spoke at the meeting were mostly in favour, although several asked why the routes "
      "would not run later in the evening.")
P3 = ("The mayor said that the timetable could be changed once the council had seen how many people use "
      "the new buses, and that a review of the whole network is planned.")
P4 = ("Bus drivers' unions have welcomed the decision but warned that the city will need to hire about "
      "two hundred more drivers before the routes open.")


def doc(*lines: str) -> str:
    """A document of the given paragraphs, a blank line between them."""
    return "\n\n".join(lines) + "\n"


def duplicate_removals(text: str) -> list[tuple[str, str]]:
    """(rule, removed text) of every duplicate-category removal when `text` is cleaned."""
    return [(r.rule, r.text) for r in clean_text(text).removals if r.category == "duplicate"]
