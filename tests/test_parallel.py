"""`--jobs`: the same bytes whatever the job count, in input order, with bounded memory."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.parallel import IN_FLIGHT_PER_JOB, ordered_map

BODY = ("The city council approved the new budget on Tuesday after a long debate about schools and roads.\n"
        "Officials said the plan would take effect next year, and residents will see changes in the spring.\n")
JUNK = ["Share this article", "Advertisement", "Sign up for our newsletter", "Read more", "Comments"]


def article(n: int) -> str:
    """Documents that differ from each other, so an order mix-up shows."""
    return "\n".join([JUNK[n % 5], f"Report number {n} from the district.", BODY, JUNK[(n + 2) % 5], ""])


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _square(x: int) -> int:
    return x * x


def test_ordered_map_keeps_order_in_processes():
    assert list(ordered_map(_square, range(200), jobs=2, chunk_size=7)) == [x * x for x in range(200)]


def test_ordered_map_does_not_read_ahead_without_bound():
    pulled = []

    def items():
        for i in range(10_000):
            pulled.append(i)
            yield i

    results = ordered_map(_square, items(), jobs=2, chunk_size=5)
    assert next(results) == 0
    # Only a window of chunks is read before the first result comes back, never the whole input.
    assert len(pulled) <= (2 * IN_FLIGHT_PER_JOB + 1) * 5
    results.close()


def test_folder_outputs_are_byte_identical_across_job_counts(tmp_path):
    src = tmp_path / "in"
    for n in range(24):
        sub = src / f"part{n % 3}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"doc{n:02d}.txt").write_text(article(n), encoding="utf-8")
    (src / "part0" / "broken.txt").write_bytes(bytes(range(256)) * 10)
    trees = {}
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}"
        result = CliRunner().invoke(app, ["clean", str(src), "-o", str(out), "--jobs", str(jobs), "-q", "--no-review"])
        assert result.exit_code == 1  # the binary file fails, the rest are cleaned
        trees[jobs] = tree_bytes(out)
    assert trees[1] == trees[2]
    summary = json.loads(trees[1]["summary.json"])
    assert summary["files"] == 25 and summary["failed"] == 1
    assert [e["file"] for e in summary["errors"]] == ["part0/broken.txt"]


def test_jsonl_output_is_byte_identical_across_job_counts(tmp_path):
    source = tmp_path / "in.jsonl"
    lines = [json.dumps({"i": n, "text": article(n)}) for n in range(150)]
    lines[70] = "{broken"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outputs = {}
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}.jsonl"
        result = CliRunner().invoke(app, ["clean", str(source), "-o", str(out), "--jobs", str(jobs), "-q"])
        assert result.exit_code == 1
        outputs[jobs] = out.read_bytes()
    assert outputs[1] == outputs[2]
    records = outputs[1].decode().splitlines()
    assert records[70] == "{broken"
    assert [json.loads(r)["i"] for i, r in enumerate(records) if i != 70] == [n for n in range(150) if n != 70]
