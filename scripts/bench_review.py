#!/usr/bin/env python3
"""How the review page scales: build time and sizes for a run of N generated articles.

    python scripts/bench_review.py --files 10000 --work /tmp/review-bench

Writes N small articles (some with share buttons, advertisements, doubled paragraphs,
newsletter prompts, a few that come out empty) under WORK/in, cleans them into WORK/out
unless that is already done, then times `build_review` alone. Prints numbers only; the page
itself is WORK/out/review.html, to open in a browser.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner.api import Cleaner, Config  # noqa: E402
from cleaner.batch import clean_tree  # noqa: E402
from cleaner.review import DETAIL_DIR, build_review  # noqa: E402

WORDS = ["council", "budget", "river", "market", "school", "station", "police", "court", "harbour", "museum",
         "rain", "storm", "election", "minister", "village", "hospital", "bridge", "festival", "airport",
         "railway", "farmers", "teachers", "report"]
CHROME = ["Share this article", "Advertisement", "Sign up for our daily newsletter", "Read more:",
          "Follow us on Twitter", "Story continues below advertisement"]


def article(rng: random.Random, i: int) -> str:
    paragraphs = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 40))).capitalize() + "."
                  for _ in range(rng.randint(2, 8))]
    if i % 97 == 0:
        return "\n\n".join(rng.sample(CHROME, 3)) + "\n"  # nothing but chrome: an empty output
    if i % 5 == 0:
        paragraphs.insert(rng.randint(1, len(paragraphs)), rng.choice(CHROME))
    if i % 7 == 0:
        paragraphs.append(paragraphs[0])
    if i % 11 == 0:
        paragraphs.append(rng.choice(CHROME))
    return f"Story number {i} about the {rng.choice(WORDS)}\n\n" + "\n\n".join(paragraphs) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/review-bench"))
    parser.add_argument("--fresh", action="store_true", help="regenerate and re-clean even if WORK exists")
    args = parser.parse_args()
    source, out = args.work / "in", args.work / "out"
    if args.fresh and args.work.exists():
        shutil.rmtree(args.work)
    if not source.exists():
        rng = random.Random(42)
        for i in range(args.files):
            path = source / f"site{i % 20:02d}" / f"article{i:05d}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(article(rng, i), encoding="utf-8")
    if not (out / "summary.json").exists():
        start = time.perf_counter()
        clean_tree([source], out, Cleaner(Config()))
        print(f"clean_tree: {time.perf_counter() - start:.1f} s")
    start = time.perf_counter()
    built = build_review(out)
    seconds = time.perf_counter() - start
    scripts = list((out / DETAIL_DIR).glob("*.js"))
    print(f"files: {built.files}")
    print(f"build_review: {seconds:.2f} s ({built.files / seconds:.0f} files/s)")
    print(f"review.html: {built.page_bytes / 1e6:.2f} MB ({built.page_bytes / built.files:.0f} bytes per file)")
    print(f"detail scripts: {len(scripts)} totalling {built.detail_bytes / 1e6:.1f} MB "
          f"(largest {max(p.stat().st_size for p in scripts) / 1e3:.1f} kB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
