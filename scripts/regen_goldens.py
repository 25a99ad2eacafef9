#!/usr/bin/env python3
"""Regenerate samples/expected/ from samples/input/ with the current code and rules.

Run it after a deliberate change to rules or stages, then review `git diff samples/expected`
before committing: every changed line there is a behaviour change a user will see.

    python scripts/regen_goldens.py
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner.api import Cleaner, Config  # noqa: E402
from cleaner.batch import clean_tree  # noqa: E402

INPUT = ROOT / "samples" / "input"
EXPECTED = ROOT / "samples" / "expected"


def main() -> int:
    if EXPECTED.exists():
        shutil.rmtree(EXPECTED)
    summary = clean_tree([INPUT], EXPECTED, Cleaner(Config()))
    # The resume state names this code version; it is not part of what a user reviews.
    for state in EXPECTED.glob(".cleaner-*"):
        state.unlink()
    status = "with failures" if summary.failed else "ok"
    print(f"wrote {summary.files} files to {EXPECTED.relative_to(ROOT)} ({status})")
    return 1 if summary.failed else 0


if __name__ == "__main__":
    sys.exit(main())
