"""The inputs people have: folders of mixed files, .gz and .zst text and JSONL, HTML on stdin."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import zstandard
from typer.testing import CliRunner

from cleaner.cli import app

runner = CliRunner()
BODY = "The harbour reopened on Saturday after three months of repairs to its sea wall.\n"
DIRTY = "Share this article\n" + BODY
PAGE = ("<html><head><title>Harbour reopens</title></head><body><nav>Home | News | Sport</nav><article>"
        "<h1>Harbour reopens</h1><p>The harbour reopened on Saturday after three months of repairs to its sea "
        "wall, officials said on Monday.</p><p>Fishermen were the first to return, and the fish market opened "
        "again at dawn on Sunday with a queue around the block.</p></article></body></html>")


def run(*args: str, stdin: str | bytes | None = None) -> tuple[int, str]:
    result = runner.invoke(app, ["clean", *args], input=stdin)
    return result.exit_code, result.output


def test_a_folder_walk_cleans_text_and_html_by_extension_and_lists_the_rest(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    (src / "sub").mkdir(parents=True)
    for name in ("a.txt", "b.text", "sub/c.txt"):
        (src / name).write_text(DIRTY, encoding="utf-8")
    (src / "page.html").write_text(PAGE, encoding="utf-8")
    for name in ("meta.json", "notes.md", "shard.jsonl", "LICENSE", ".hidden.txt"):
        (src / name).write_text('{"text": "x"}\n', encoding="utf-8")
    code, output = run(str(src), "-o", str(out), "--no-review", "-j", "1")
    assert code == 0, output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["files"] == 4 and summary["skipped"] == 5
    assert {s["file"]: s["why"] for s in summary["skipped_files"]} == {
        ".hidden.txt": "dot file", "LICENSE": "not a text or HTML file by its extension",
        "meta.json": "not a text or HTML file by its extension", "notes.md": "not a text or HTML file by its extension",
        "shard.jsonl": "not a text or HTML file by its extension"}
    assert "5 files skipped" in output and "meta.json" in output
    assert not (out / "meta.report.json").exists() and (out / "sub" / "c.txt").read_text() == BODY
    # a file named on the command line is cleaned whatever its extension: the user chose it
    code, output = run(str(src / "notes.md"), "-o", str(tmp_path / "one"), "--no-review")
    assert code == 0 and (tmp_path / "one" / "notes.report.json").exists()


def test_include_and_exclude_globs(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "drafts").mkdir(parents=True)
    for name in ("a.txt", "b.md", "drafts/c.txt", "d.txt"):
        (src / name).write_text(DIRTY, encoding="utf-8")
    out = tmp_path / "out"
    code, output = run(str(src), "-o", str(out), "--no-review", "--include", "*.md", "--include", "*.txt",
                       "--exclude", "drafts/*", "--exclude", "d.txt")
    assert code == 0, output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["files"] == 2 and sorted(s["file"] for s in summary["skipped_files"]) == ["d.txt", "drafts/c.txt"]
    assert (out / "b.md").read_text(encoding="utf-8") == BODY


def test_gzip_and_zstandard_text_files_are_read(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "a.txt.gz").write_bytes(gzip.compress(DIRTY.encode()))
    (src / "b.txt.zst").write_bytes(zstandard.ZstdCompressor().compress(DIRTY.encode()))
    (src / "c.html.zst").write_bytes(zstandard.ZstdCompressor().compress(PAGE.encode()))
    (src / "broken.txt.gz").write_bytes(b"not gzip at all")
    code, output = run(str(src), "-o", str(out), "--no-review", "-j", "1")
    assert code == 1, output  # the broken one fails alone
    assert (out / "a.txt").read_text(encoding="utf-8") == BODY
    assert (out / "b.txt").read_text(encoding="utf-8") == BODY
    assert "Fishermen were the first" in (out / "c.txt").read_text(encoding="utf-8")
    assert "broken.txt.gz: not gzip data" in output


def test_decompression_is_bounded_by_max_bytes(tmp_path: Path) -> None:
    big = tmp_path / "big.txt.zst"
    big.write_bytes(zstandard.ZstdCompressor().compress((BODY * 2000).encode()))
    assert big.stat().st_size < 2000
    code, output = run(str(big), "-o", str(tmp_path / "out"), "--no-review", "--max-bytes", "64 KB")
    assert code == 1 and "too large once decompressed: over 65536 bytes" in output


def test_jsonl_zst_in_and_out(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl.zst"
    lines = "".join(json.dumps({"id": i, "text": DIRTY}) + "\n" for i in range(3)).encode()
    source.write_bytes(zstandard.ZstdCompressor().compress(lines))
    code, output = run(str(source), "-o", str(tmp_path / "out.jsonl.zst"), "--no-review", "-j", "1")
    assert code == 0, output
    with open(tmp_path / "out.jsonl.zst", "rb") as handle:
        records = [json.loads(line) for line in zstandard.ZstdDecompressor().stream_reader(handle).read().splitlines()]
    assert [r["text"] for r in records] == [BODY] * 3 and [r["id"] for r in records] == [0, 1, 2]


def test_html_on_stdin(tmp_path: Path) -> None:
    code, output = run("-", "--format", "html", "--report", str(tmp_path / "r.json"), stdin=PAGE)
    assert code == 0, output
    assert "Fishermen were the first to return" in output and "<p>" not in output and "Home | News" not in output
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["metadata"]["title"] == "Harbour reopens" and report["steps"]
    code, output = run("-", stdin=PAGE)  # without --format html it is text, as before
    assert "<p>" in output
    code, output = run(str(tmp_path), "-o", str(tmp_path / "o"), "--format", "html")
    assert code == 2 and "--format html is for '-'" in output
