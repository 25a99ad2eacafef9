"""Failing clearly, and one run per output (issue 14, cases 3, 4, 9, 10, 11).

Each test runs the command as a user does; a full disk is simulated without root by a
file-size limit (RLIMIT_FSIZE, with SIGXFSZ ignored so a write fails with EFBIG) in a
subprocess, and a long run by a stage that sleeps, registered by a small launcher script.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.outlock import LOCK_NAME, output_lock

runner = CliRunner()
ARTICLE = "The harbour reopened on Saturday after three months of repairs to its sea wall.\n"
ROOT = Path(__file__).resolve().parent.parent

#: Runs `cleaner` with a file-size limit and optionally a slow last stage (seconds per document).
LAUNCHER = """
import resource, signal, sys, time
limit, slow = int(sys.argv[1]), float(sys.argv[2])
if limit:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
if slow:
    from cleaner import cli, stages

    class Slow:
        name = "slow"
        def __call__(self, doc):
            time.sleep(slow)
            return []

    stages.REGISTRY["slow"] = lambda rules: Slow()
    cli.DEFAULT_ORDER = (*stages.DEFAULT_ORDER, "slow")
from cleaner.cli import main
sys.argv = ["cleaner", *sys.argv[3:]]
main()
"""


def launch(tmp_path: Path, *args: str, limit: int = 0, slow: float = 0.0,
           wait: bool = True) -> subprocess.CompletedProcess[str] | subprocess.Popen[str]:
    script = tmp_path / "launch.py"
    script.write_text(LAUNCHER, encoding="utf-8")
    command = [sys.executable, str(script), str(limit), str(slow), *args]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if wait:
        return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def slow_in_process(monkeypatch: pytest.MonkeyPatch, seconds: float) -> None:
    """The launcher's slow stage, in this process (same configuration key, so a resume matches)."""
    from cleaner import cli, stages

    class Slow:
        name = "slow"

        def __call__(self, doc):  # type: ignore[no-untyped-def]
            time.sleep(seconds)
            return []

    monkeypatch.setitem(stages.REGISTRY, "slow", lambda rules: Slow())
    monkeypatch.setattr(cli, "DEFAULT_ORDER", (*stages.DEFAULT_ORDER, "slow"))


def leftovers(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.name.endswith(".tmp")]


# --- case 9: output errors ----------------------------------------------------------------


def test_a_full_disk_is_one_line_exit_3_and_no_half_written_file(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "b.txt").write_text(ARTICLE * 120, encoding="utf-8")  # ~10 KB: over the limit below
    (src / "c.txt").write_text(ARTICLE, encoding="utf-8")
    done = launch(tmp_path, "clean", str(src), "-o", str(out), "--jobs", "1", "--no-review", limit=6000)
    assert done.returncode == 3, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    assert lines[0].startswith("error: cannot write") and "b.txt" in lines[0] and "1 of 3 files done" in lines[0]
    # a.txt is complete; b.txt has nothing at all (no text and diff without a report); no temp files
    assert {p.name for p in out.iterdir() if not p.name.startswith(".")} == {"a.txt", "a.report.json", "a.diff"}
    assert leftovers(out) == []


def test_a_review_page_that_does_not_fit_is_exit_3_not_a_traceback(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE + "\nShare this article\n", encoding="utf-8")
    done = launch(tmp_path, "clean", str(src), "-o", str(out), "--jobs", "1", "-q", limit=8000)
    assert done.returncode == 3, done.stderr
    assert "Traceback" not in done.stderr and "cannot write the review page" in done.stderr
    assert (out / "a.txt").read_text(encoding="utf-8") == ARTICLE and (out / "summary.json").exists()
    assert leftovers(out) == []


def test_output_naming_a_file_is_one_line_exit_3(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "taken").write_text("not a folder", encoding="utf-8")
    result = runner.invoke(app, ["clean", str(tmp_path / "a.txt"), "-o", str(tmp_path / "taken"), "--no-review"])
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output and "is a file, not a folder" in result.output
    assert (tmp_path / "taken").read_text(encoding="utf-8") == "not a folder"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into read-only folders")
def test_a_read_only_output_folder_is_one_line_exit_3(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        result = runner.invoke(app, ["clean", str(tmp_path / "a.txt"), "-o", str(out), "--no-review"])
    finally:
        out.chmod(0o755)
    assert result.exit_code == 3 and "Permission denied" in result.output, result.output


# --- case 11: file modes ------------------------------------------------------------------


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o077])
def test_outputs_get_the_mode_the_umask_gives(tmp_path: Path, umask: int) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    previous = os.umask(umask)
    try:
        result = runner.invoke(app, ["clean", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--jobs", "1"])
    finally:
        os.umask(previous)
    assert result.exit_code == 0, result.output
    for name in ("a.txt", "a.report.json", "a.diff", "summary.json", "review.html"):
        assert stat.S_IMODE((tmp_path / "out" / name).stat().st_mode) == 0o666 & ~umask, name


# --- case 3: a document over the time limit is not "cleaned" ------------------------------


def test_a_timed_out_document_is_counted_apart_and_the_exit_status_says_so(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE + "\nShare this article\n", encoding="utf-8")
    done = launch(tmp_path, "clean", str(src), "-o", str(out), "--jobs", "1", "--no-review", "--timeout", "0.3",
                  slow=2.0)
    assert done.returncode == 1, done.stderr
    assert "0/1 file cleaned, 1 passed through unchanged" in done.stderr
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["cleaned"] == 0 and summary["passed_through"] == 1
    assert summary["passed"][0]["file"] == "a.txt" and "timed out" in summary["passed"][0]["limit"]
    assert (out / "a.txt").read_text(encoding="utf-8") == ARTICLE + "\nShare this article\n"  # unchanged


def test_stdin_over_a_limit_is_written_through_and_said(tmp_path: Path) -> None:
    result = runner.invoke(app, ["clean", "-", "--max-bytes", "20"], input=ARTICLE)
    assert result.exit_code == 1
    assert ARTICLE in result.output and "not cleaned, passed through unchanged: too large" in result.output


# --- case 4: one run per output folder ----------------------------------------------------


def test_a_second_run_into_a_busy_output_refuses_and_names_the_holder(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for n in range(4):
        (src / f"d{n}.txt").write_text(ARTICLE + "\nShare this article\n", encoding="utf-8")
    first = launch(tmp_path, "clean", str(src), "-o", str(out), "--jobs", "1", "--no-review", slow=0.4, wait=False)
    try:
        deadline = time.monotonic() + 30
        while not (out / LOCK_NAME).exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        second = runner.invoke(app, ["clean", str(src), "-o", str(out), "--disable", "social.share-prompt",
                                     "--jobs", "1", "--no-review"])
        assert second.exit_code == 3, second.output
        assert f"is in use by process {first.pid}" in second.output
        assert "files done" not in second.output  # refused before anything was written
    finally:
        _, stderr = first.communicate(timeout=60)
    assert first.returncode == 0, stderr
    # only the first run's configuration is in the folder: every share prompt was removed
    assert all((out / f"d{n}.txt").read_text(encoding="utf-8") == ARTICLE for n in range(4))
    assert not (out / LOCK_NAME).exists()


def test_the_lock_is_free_again_after_a_run_and_after_a_held_lock_ends(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    with output_lock(out / LOCK_NAME):
        held = runner.invoke(app, ["clean", str(tmp_path / "a.txt"), "-o", str(out), "--no-review"])
        assert held.exit_code == 3 and f"process {os.getpid()}" in held.output
    free = runner.invoke(app, ["clean", str(tmp_path / "a.txt"), "-o", str(out), "--no-review"])
    assert free.exit_code == 0, free.output


# --- case 10: Ctrl-C ----------------------------------------------------------------------


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupt_says_how_far_it_got_and_leaves_no_temp_files(tmp_path: Path, sig: int,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for n in range(20):
        (src / f"d{n:02d}.txt").write_text(ARTICLE, encoding="utf-8")
    run = launch(tmp_path, "clean", str(src), "-o", str(out), "--jobs", "1", "--no-review", slow=0.3, wait=False)
    deadline = time.monotonic() + 30
    while not (out / "d01.report.json").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    run.send_signal(sig)
    _, stderr = run.communicate(timeout=60)
    assert run.returncode == 130, stderr
    assert "Traceback" not in stderr
    line = stderr.strip().splitlines()[-1]
    assert line.startswith("interrupted: ") and " of 20 files done; run the same command again to resume" in line
    assert leftovers(out) == [] and not (out / LOCK_NAME).exists()
    slow_in_process(monkeypatch, 0.0)
    again = runner.invoke(app, ["clean", str(src), "-o", str(out), "--jobs", "1", "--no-review"])
    assert again.exit_code == 0 and "unchanged since the last run" in again.output, again.output
