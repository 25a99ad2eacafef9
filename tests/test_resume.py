"""Re-running over a folder: finished files are not redone, interrupted work is, outputs match."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from cleaner.api import Cleaner, Config
from cleaner.batch import SUMMARY_NAME, clean_tree
from cleaner.stages import DEFAULT_ORDER

BODY = ("The city council approved the new budget on Tuesday after a long debate about schools and roads.\n"
        "Officials said the plan would take effect next year, and residents will see changes in the spring.\n")
JUNK = ["Share this article", "Advertisement", "Sign up for our newsletter", "Read more", "Comments"]


def make_inputs(root: Path, n: int) -> Path:
    for i in range(n):
        path = root / "in" / f"d{i % 2}" / f"doc{i:03d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{JUNK[i % 5]}\nReport {i} from the district.\n{BODY}{JUNK[(i + 1) % 5]}\n", encoding="utf-8")
    return root / "in"


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def mtimes(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): p.stat().st_mtime_ns for p in root.rglob("*.report.json")}


def test_rerun_skips_finished_files_and_writes_the_same_summary(tmp_path):
    src = make_inputs(tmp_path, 12)
    out = tmp_path / "out"
    first = clean_tree([src], out, Cleaner())
    before, stamps = tree(out), mtimes(out)
    second = clean_tree([src], out, Cleaner())
    assert second.resumed == 12 and first.resumed == 0
    assert mtimes(out) == stamps  # nothing rewritten
    assert tree(out) == before  # summary included


def test_interrupted_run_resumes_to_the_uninterrupted_result(tmp_path):
    src = make_inputs(tmp_path, 12)
    reference = tmp_path / "reference"
    clean_tree([src], reference, Cleaner())
    out = tmp_path / "out"
    clean_tree([src], out, Cleaner())
    # What a kill -9 leaves: files never reached (no report), a file cut off between its text
    # and its report, an orphan temporary file, and no summary.
    for name in ("d0/doc010.report.json", "d1/doc011.report.json", "d1/doc011.diff", "d1/doc011.txt"):
        (out / name).unlink()
    (out / "d0" / "doc008.txt").write_text("half of it", encoding="utf-8")  # text newer than its report
    (out / "d0" / ".doc004.txt.abcd1234.tmp").write_text("partial", encoding="utf-8")
    (out / SUMMARY_NAME).unlink()
    finished = {k: v for k, v in mtimes(out).items() if "doc008" not in k}
    summary = clean_tree([src], out, Cleaner())
    assert tree(out) == tree(reference)
    after = mtimes(out)
    assert all(after[k] == v for k, v in finished.items())  # finished files were not redone
    assert summary.resumed == 9  # 12 files, 3 redone


def test_changed_rules_config_or_input_are_redone(tmp_path):
    src = make_inputs(tmp_path, 6)
    out = tmp_path / "out"
    clean_tree([src], out, Cleaner())
    # The rule off, and the learned scorer too (it would take the lone "Advertisement" line itself).
    changed = Config(disabled_rules=("ads.marker",), stages=tuple(s for s in DEFAULT_ORDER if s != "scorer"))
    summary = clean_tree([src], out, Cleaner(changed))
    assert summary.resumed == 0
    assert "Advertisement" in (out / "d1" / "doc001.txt").read_text(encoding="utf-8")
    edited = src / "d1" / "doc003.txt"
    time.sleep(0.01)
    edited.write_text("Advertisement\nA new story about the harbour and its boats, told at length today.\n",
                      encoding="utf-8")
    summary = clean_tree([src], out, Cleaner(changed))
    assert summary.resumed == 5
    assert (out / "d1" / "doc003.txt").read_text(encoding="utf-8").startswith("Advertisement\nA new story")


def test_kill_9_then_rerun_matches_an_uninterrupted_run(tmp_path):
    src = make_inputs(tmp_path, 40)
    command = [sys.executable, "-m", "cleaner", "clean", str(src), "--jobs", "1", "-q", "--no-review", "-o"]
    reference = tmp_path / "reference"
    subprocess.run([*command, str(reference)], check=True)
    out = tmp_path / "out"
    proc = subprocess.Popen([*command, str(out)])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None and len(list(out.rglob("*.report.json"))) < 5:
        time.sleep(0.005)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before = mtimes(out)
    subprocess.run([*command, str(out)], check=True)
    assert tree(out) == tree(reference)
    after = mtimes(out)
    assert all(after[k] == v for k, v in done_before.items())
    assert json.loads((out / SUMMARY_NAME).read_text())["files"] == 40
