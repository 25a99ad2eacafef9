"""Block rules: a trigger line takes the lines that structurally belong to it.

"You may also like:" is followed by section labels and cut-off teasers; "Your support
helps us to tell the story" by the appeal's paragraphs. The trigger is a rule (data); how
far it reaches is a follower (`followers.py`): structure that holds across sites.
"""

from __future__ import annotations

from ..model import Document, Removal
from ..rulepack import RuleSet
from ..zones import Zones, zones
from .base import lines_with_literals, remove_block, remove_rest
from .followers import FOLLOWERS


class BlockStage:
    name = "blocks"

    def __init__(self, rules: RuleSet):
        self.rules = rules.by_scope("block")

    def __call__(self, doc: Document) -> list[Removal]:
        if not self.rules:
            return []
        live = doc.live_blocks()
        zone: Zones | None = None
        out: list[Removal] = []
        taken: set[int] = set()
        # Lines holding one of the rules' literals (one scan per document). An untouched line
        # without one cannot trigger; a cut line is judged by what is left of it, where
        # joined pieces could form a literal, so it is always tried.
        hits = lines_with_literals(doc, self.rules)
        touched = doc.touched_lines()
        for i, block in enumerate(live):
            if block.index in taken:
                continue
            if hits is not None and block.line not in hits and block.line not in touched:
                continue
            if zone is None:
                zone = zones(doc)
            # A line a sentence rule already cut is judged by what is left of it, and then
            # only that rest is taken: what a second cleaning would see and do (idempotence).
            text = doc.remaining(block).strip()
            for rule in self.rules:
                if not rule.fits(text) or not zone.allows(block, rule.position):
                    continue
                hit = rule.search(text)
                if not hit or rule.spares(text):
                    continue
                # Followers judge what is left of each line, at most `max_follow` lines, so no
                # more are gathered (a copy of the rest of the document per trigger made long
                # documents quadratic).
                run = []
                for b in live[i + 1 : i + 1 + rule.max_follow]:
                    if b.index in taken:
                        break
                    run.append(b)
                reach = FOLLOWERS[rule.follow]([doc.remaining(b).strip() for b in run], rule.max_follow)
                for member in [block, *run[:reach]]:
                    taken.add(member.index)
                    if doc.removed_in(member):
                        out.extend(remove_rest(doc, member, self.name, rule))
                    else:
                        out.append(remove_block(doc, member, self.name, rule))
                break
        return out
