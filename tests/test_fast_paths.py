"""The speed-ups are speed only: the document-wide scans, first-character gates and the
phrase stage's memory of clean lines give exactly the removals the plain per-line path gives.

The plain path (every line tried, no document-wide scan, no memory of clean lines) is
forced with `base.SCAN_DOCUMENTS`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from cleaner.api import Cleaner, Config
from cleaner.stages import base
from tests.test_properties import documents

SAMPLES = sorted(p for p in (Path(__file__).parent.parent / "samples" / "input").rglob("*.txt"))
CLEANER = Cleaner(Config(timeout_s=None))


def removals(text: str) -> list[tuple[int, int, str, str]]:
    result = CLEANER.clean_text(text)
    return [(r.span.start, r.span.end, r.stage, r.rule) for r in result.removals]


def plain_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(base, "SCAN_DOCUMENTS", False)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_samples_same_removals_on_both_paths(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = path.read_bytes().decode("utf-8", errors="replace")
    fast = removals(text)
    with monkeypatch.context() as patch:
        plain_path(patch)
        plain = removals(text)
    assert fast == plain


def test_samples_exercise_the_fast_paths() -> None:
    """Without removals to compare, the test above would prove nothing."""
    assert sum(len(removals(p.read_bytes().decode("utf-8", errors="replace"))) for p in SAMPLES) > 50


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(text=documents())
def test_generated_documents_same_removals_on_both_paths(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = removals(text)
    with monkeypatch.context() as patch:
        plain_path(patch)
        plain = removals(text)
    assert fast == plain


def test_a_line_that_enters_an_edge_zone_in_a_later_round_is_judged_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """Round 1 removes a doubled body below a section label; in round 2 the label is at the
    bottom edge, where the edge-only rule takes it. A clean verdict from round 1 must not
    carry over once the line's zone changed."""
    paras = [f"The council said on Tuesday that bridge number {i} would open before the winter floods, "
             "according to figures released in 2019." for i in range(6)]
    text = "\n\n".join(["Bridge to open before floods", *paras, "World", *paras]) + "\n"
    fast = removals(text)
    assert any(rule == "navigation.section-label" for *_, rule in fast)
    with monkeypatch.context() as patch:
        plain_path(patch)
        assert removals(text) == fast
