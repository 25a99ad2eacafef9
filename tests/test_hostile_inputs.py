"""Nothing reaches outside what was asked, and no terminal obeys a document (issue 14, cases 6, 7)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.termsafe import visible

runner = CliRunner()
ARTICLE = "The harbour reopened on Saturday after three months of repairs to its sea wall.\n"
SECRET = "root:x:0:0:the secret content of a file outside the input tree\n"


def all_output_bytes(out: Path) -> bytes:
    return b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file())


# --- case 6: symbolic links ---------------------------------------------------------------


def _tree_with_links(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    (src / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "abs-link.txt").symlink_to(tmp_path / "secret.txt")  # like a link to /etc/hostname
    (src / "sub" / "up-link.txt").symlink_to("../../secret.txt")  # like ../secret
    (src / "inside-link.txt").symlink_to("good.txt")  # stays inside the tree: fine
    return src


def test_links_leaving_the_input_tree_are_not_followed(tmp_path: Path) -> None:
    src, out = _tree_with_links(tmp_path), tmp_path / "out"
    result = runner.invoke(app, ["clean", str(src), "-o", str(out), "--jobs", "1"])
    assert result.exit_code == 1, result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    errors = {e["file"]: e["error"] for e in summary["errors"]}
    assert set(errors) == {"abs-link.txt", "sub/up-link.txt"}
    assert all("outside the input folder" in e and "--follow-links" in e for e in errors.values())
    assert b"secret content" not in all_output_bytes(out)  # not in outputs, reports or review data
    assert (out / "good.txt").exists()


def test_follow_links_reads_them_when_asked(tmp_path: Path) -> None:
    src, out = _tree_with_links(tmp_path), tmp_path / "out"
    result = runner.invoke(app, ["clean", str(src), "-o", str(out), "--jobs", "1", "--follow-links", "--no-review"])
    assert result.exit_code == 0, result.output
    assert (out / "abs-link.txt").read_text(encoding="utf-8") == SECRET


def test_nothing_is_written_through_a_link_inside_the_output(tmp_path: Path) -> None:
    src, out, elsewhere = tmp_path / "in", tmp_path / "out", tmp_path / "elsewhere"
    (src / "sub").mkdir(parents=True)
    (src / "sub" / "doc.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "top.txt").write_text(ARTICLE, encoding="utf-8")
    elsewhere.mkdir()
    out.mkdir()
    (out / "sub").symlink_to(elsewhere)
    result = runner.invoke(app, ["clean", str(src), "-o", str(out), "--jobs", "1", "--no-review"])
    assert result.exit_code == 1, result.output
    assert list(elsewhere.iterdir()) == []
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert [e["file"] for e in summary["errors"]] == ["sub/doc.txt"]
    assert "symbolic link" in summary["errors"][0]["error"]
    assert (out / "top.txt").exists()


# --- case 7: terminal injection -----------------------------------------------------------

TITLE = "\x1b]0;pwned\x07"  # sets the terminal window's title
CLEAR = "\x1b[2J"  # clears the screen


def test_file_names_in_messages_are_escaped(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / f"evil{TITLE}{CLEAR}.txt").write_bytes(b"")  # empty: its name is printed in an error
    result = runner.invoke(app, ["clean", str(src), "-o", str(tmp_path / "out"), "--no-review"])
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "evil\\x1b]0;pwned\\x07\\x1b[2J.txt" in result.output


def test_explain_shows_report_fields_escaped(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE + "\nShare this article\n", encoding="utf-8")
    assert runner.invoke(app, ["clean", str(src), "-o", str(out), "--no-review"]).exit_code == 0
    path = out / "a.report.json"
    report = json.loads(path.read_text(encoding="utf-8"))
    report["source"] = f"a{TITLE}.txt"
    report["text"] = report["text"].replace("harbour", f"harbour{CLEAR}")
    shift = len(CLEAR)
    for entry in report["removals"]:
        entry["start"] += shift
        entry["end"] += shift
        entry["reason"] += TITLE
    report["flags"] = [f"flag{CLEAR}"]
    path.write_text(json.dumps(report), encoding="utf-8")
    result = runner.invoke(app, ["explain", str(path)])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "harbour\\x1b[2J" in result.output and "\\x1b]0;pwned\\x07" in result.output


def test_visible_keeps_plain_text_and_escapes_bidi_and_controls() -> None:
    assert visible("Café – “quoted”\n", keep="\n") == "Café – “quoted”\n"
    assert visible("report_\u202egpj.exe.txt") == "report_\\u202egpj.exe.txt"
    assert visible("a\x9bb\x7f") == "a\\x9bb\\x7f"
