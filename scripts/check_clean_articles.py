"""Does cleaner leave clean articles alone? Every removal from text that should stay whole.

    .venv/bin/python scripts/check_clean_articles.py DIR [DIR ...] [--wrap] [--show N]

Why: the benchmark says how much boilerplate goes, but the rules were written while looking
at it. A folder of article texts cleaner has never seen (already clean, or extractor output
a person will read) is the way to look for the worst error, article text removed. This
cleans every `*.txt` under each DIR and prints each removal with its rule, so a person can
read them all; nothing is written and nothing is asserted.

`--wrap` also puts each article inside a made-up page (a menu above it, a footer of links
and teasers below) and counts the article lines the whole-page classifier then loses, for
the lines cleaner keeps when the article stands alone: the classifier's cost on article
shapes it has never seen (lists, tables, short texts). docs/accuracy.md ("Held-out check")
has the figures for newspaper3k's and Mozilla Readability's test articles and BBC News.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from cleaner.api import Cleaner, Result

MENU = ["Skip to main content", "Home", "News", "World", "UK", "Business", "Politics", "Tech", "Science",
        "Health", "Education", "Entertainment & Arts", "Sport", "Weather", "Sign in", "Search", "Menu",
        "Live", "Video", "Newsletters"]
FOOTER = ["Most Read", "Markets slide as oil prices jump", "Teacher wins national award for science project",
          "Storm warning issued for the north coast", "Five things to watch this week", "About us", "Contact us",
          "Careers", "Advertise with us", "Terms of Use", "Privacy Policy", "Cookie settings",
          "© 2024 Example News Group. All rights reserved."]


def articles(folders: list[Path]) -> Iterator[tuple[Path, str]]:
    """(path, text) of every `*.txt` under the folders, in a stable order, one at a time."""
    for folder in folders:
        for path in sorted(folder.rglob("*.txt")):
            yield path, path.read_text(encoding="utf-8", errors="replace")


def removed_pieces(result: Result) -> list[tuple[str, str]]:
    """(rule, removed text) of each removal that took more than whitespace."""
    return [(r.rule, r.text.strip()) for r in result.removals if r.text.strip()]


def wrapped_losses(cleaner: Cleaner, text: str) -> tuple[int, list[str]]:
    """Article lines kept when the article stands alone, and those of them lost once the
    article sits inside a made-up page."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    alone = set(cleaner.clean_text("\n\n".join(lines) + "\n").text.split("\n"))
    kept = [line for line in lines if line in alone]
    page = "\n".join(MENU) + "\n\n" + "\n\n".join(lines) + "\n\n" + "\n".join(FOOTER) + "\n"
    out = {line.strip() for line in cleaner.clean_text(page).text.split("\n")}
    return len(kept), [line for line in kept if line not in out]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--wrap", action="store_true", help="also count what the page classifier loses")
    parser.add_argument("--show", type=int, default=3, help="lost lines to print per wrapped article")
    args = parser.parse_args(argv)
    cleaner = Cleaner()
    files = removals = wrapped_lines = wrapped_lost = pages_losing = 0
    by_rule: Counter[str] = Counter()
    for path, text in articles(args.folders):
        files += 1
        pieces = removed_pieces(cleaner.clean_text(text))
        if pieces:
            print(f"== {path}")
            for rule, piece in pieces:
                print(f"   [{rule}] {piece[:200]}")
        removals += len(pieces)
        by_rule.update(rule for rule, _ in pieces)
        if args.wrap:
            kept, lost = wrapped_losses(cleaner, text)
            wrapped_lines += kept
            wrapped_lost += len(lost)
            if lost:
                pages_losing += 1
                print(f"-- {path} in a page: {len(lost)} of {kept} article lines lost")
                for line in lost[: args.show]:
                    print(f"   lost: {line[:160]}")
    print(f"\n{files} articles, {removals} removals")
    for rule, count in by_rule.most_common():
        print(f"  {rule}: {count}")
    if args.wrap:
        share = wrapped_lost / wrapped_lines if wrapped_lines else 0.0
        print(f"in a made-up page: {wrapped_lost} of {wrapped_lines} article lines lost ({share:.1%}), "
              f"in {pages_losing} of {files} articles")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
