"""HTML in, clean article out: decoding, extraction, the report's step and metadata, limits."""

from __future__ import annotations

import codecs
import gzip
import json
import time
from pathlib import Path

import pytest
from conftest import SAMPLE_EXPECTED, SAMPLE_INPUT

import cleaner
import cleaner.html as html_mod
from cleaner.api import Cleaner, Config, is_html_path
from cleaner.batch import clean_tree
from cleaner.errors import InputError
from cleaner.htmldecode import declared_charset, decode_html
from cleaner.report import replay

HTML_IN = SAMPLE_INPUT / "html"
HTML_EXPECTED = SAMPLE_EXPECTED / "html"

PARAGRAPHS = [
    "The harbour authority said on Monday that the new ferry terminal would open in September, two years later "
    "than planned, after the discovery of an old sea wall under the site delayed the foundations.",
    "Engineers had to redesign the pier so that the wall, which dates from the eighteenth century, could stay "
    "in place. Archaeologists recorded the structure before the work resumed in the spring.",
    "The terminal will handle up to twelve sailings a day to the islands, twice as many as the temporary "
    "building it replaces, and will have covered waiting areas and a direct bus connection.",
]


def page(paragraphs: list[str] = PARAGRAPHS, head: str = '<meta charset="utf-8">', title: str = "Ferry terminal "
         "opening delayed to September") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head>{head}<title>{title}</title></head><body>"
            f'<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>'
            f"<article><h1>{title}</h1>{body}</article>"
            f"<footer>© 2024 Harbour Times. All rights reserved.</footer></body></html>")


@pytest.fixture()
def html_cleaner() -> Cleaner:
    return Cleaner(Config())


@pytest.mark.parametrize("name", ["normal-article.html", "misdeclared-charset.html", "article-twice.html",
                                  "airport-trains.html.gz"])
def test_samples_give_their_expected_text(html_cleaner: Cleaner, name: str) -> None:
    result = html_cleaner.clean_file(HTML_IN / name)
    assert result.ok, result.error
    stem = name.split(".html")[0]
    assert result.text == (HTML_EXPECTED / f"{stem}.txt").read_text(encoding="utf-8")
    assert replay(result.report) == result.text


def test_normal_page_keeps_the_article_and_drops_the_page_around_it(html_cleaner: Cleaner) -> None:
    result = html_cleaner.clean_file(HTML_IN / "normal-article.html")
    text = result.text
    assert "stacking sandbags" in text and "well into May" in text
    for chrome in ("Subscribe for $1", "Related stories", "riverwatcher", "Sign up for our newsletter",
                   "All rights reserved", "Share on Facebook"):
        assert chrome not in text
    meta = result.report["metadata"]
    assert meta["title"] == "River towns brace for record spring flood"
    assert meta["author"] == "Maria Lindqvist"
    assert meta["date"] == "2024-04-11"
    step = next(s for s in result.report["steps"] if s["step"] == "extract")
    assert step["extractor"] == "trafilatura"
    assert step["html_chars"] > step["text_chars"] == len(result.report["text"])
    assert step["headline"] == meta["title"]
    assert not text.startswith(meta["title"])


def test_misdeclared_page_is_read_as_the_utf8_it_really_is(html_cleaner: Cleaner) -> None:
    result = html_cleaner.clean_file(HTML_IN / "misdeclared-charset.html")
    assert "Zürich’s old town" in result.text and "crêpe" in result.text
    assert "Ã" not in result.text
    assert result.report["input"]["encoding"] == "utf-8"
    notes = [s["note"] for s in result.report["steps"] if s["step"] == "decode"]
    assert notes and "iso8859_1" in notes[0]
    assert result.report["metadata"]["author"] == "Lukas Brändli"


def test_article_that_appears_twice_comes_out_once_and_the_copy_is_reported(html_cleaner: Cleaner) -> None:
    result = html_cleaner.clean_file(HTML_IN / "article-twice.html")
    assert result.text.count("The longer hours will cost") == 1
    assert result.report["text"].count("The longer hours will cost") == 2
    assert result.report["counts"].get("duplicate", 0) >= 5


def test_batch_writes_text_report_and_diff_next_to_the_html_name(html_cleaner: Cleaner, tmp_path: Path) -> None:
    src = tmp_path / "in" / "a"
    src.mkdir(parents=True)
    (src / "b.html").write_text(page(), encoding="utf-8")
    (src / "c.htm.gz").write_bytes(gzip.compress(page().encode("utf-8")))
    (src / "broken.html").write_bytes(b"")
    out = tmp_path / "out"
    summary = clean_tree([tmp_path / "in"], out, html_cleaner)
    for stem in ("b", "c"):
        assert (out / "a" / f"{stem}.txt").read_text(encoding="utf-8").startswith("The harbour authority")
        report = json.loads((out / "a" / f"{stem}.report.json").read_text(encoding="utf-8"))
        assert report["steps"][-1]["extractor"] == "trafilatura"
        assert (out / "a" / f"{stem}.diff").exists()
    assert not (out / "a" / "b.html").exists()
    assert summary.cleaned == 2 and [f["file"] for f in summary.failed] == [str(Path("a") / "broken.html")]


def test_a_fragment_without_html_or_body_tags_is_still_extracted() -> None:
    fragment = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    result = cleaner.clean_html(fragment)
    assert result.ok, result.error
    assert result.text.splitlines() == PARAGRAPHS


def test_clean_html_accepts_text_and_bytes_alike() -> None:
    from_text = cleaner.clean_html(page(), source="t")
    from_bytes = cleaner.clean_html(page().encode("utf-8"), source="b")
    assert from_text.ok and from_text.text == from_bytes.text
    assert from_text.text.splitlines()[0] == PARAGRAPHS[0]


@pytest.mark.parametrize("name,expected", [("a.html", True), ("a.HTM", True), ("a.xhtml", True),
                                           ("a.html.gz", True), ("a.txt", False), ("a.txt.gz", False),
                                           ("html", False)])
def test_html_suffixes(name: str, expected: bool) -> None:
    assert is_html_path(name) is expected


# --- decoding -------------------------------------------------------------------------------


def test_declared_charset_is_found_in_meta_and_http_equiv() -> None:
    assert declared_charset(b'<meta charset="Windows-1251">') == "cp1251"
    assert declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">') == "iso8859_1"
    assert declared_charset(b'<?xml version="1.0" encoding="utf-8"?><html>') == "utf_8"
    assert declared_charset(b"<html><body>no declaration</body></html>") is None


def test_a_true_declaration_is_honoured() -> None:
    data = page(["Новый паром начнёт ходить к островам в сентябре, сообщили в администрации порта."],
                head='<meta charset="windows-1251">').encode("cp1251")
    text, decoded, note = decode_html(data)
    assert "Новый паром" in text and decoded.encoding == "cp1251" and note is None


def test_utf8_bytes_win_over_a_wrong_declaration() -> None:
    data = page(["Le café de la gare a rouvert ses portes après deux années de travaux."],
                head='<meta charset="iso-8859-1">').encode("utf-8")
    text, decoded, note = decode_html(data)
    assert "café" in text and decoded.encoding == "utf-8" and "iso8859_1" in (note or "")


def test_declared_utf8_that_is_not_utf8_is_detected() -> None:
    data = page(["Le café de la gare a rouvert ses portes après deux années de travaux, à la grande joie "
                 "des habitués qui prenaient leur café crème au comptoir chaque matin."]).encode("cp1252")
    text, decoded, note = decode_html(data)
    assert "café crème" in text and decoded.confidence == "fallback" and "utf_8" in (note or "")


def test_bom_comes_first_and_gzip_is_undone() -> None:
    data = codecs.BOM_UTF16_LE + page().encode("utf-16-le")
    text, decoded, _ = decode_html(gzip.compress(data))
    assert decoded.bom and decoded.encoding == "utf-16-le" and "ferry terminal" in text


def test_decompression_is_bounded() -> None:
    bomb = gzip.compress(b"<p>" + b"a" * 2_000_000 + b"</p>")
    with pytest.raises(InputError, match="too large"):
        decode_html(bomb, max_bytes=100_000)


# --- extraction fallbacks and failures -----------------------------------------------------


def test_justext_takes_over_when_trafilatura_finds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_mod, "_trafilatura", lambda tree, url, fast, settings: "")
    # jusText wants paragraphs of 200+ characters (a paragraph printed twice in one line would
    # lose its second copy as a duplicate, so each is lengthened with a sentence of its own).
    longer = [f"{p} Paragraph number {i + 1} of this report goes on for a little while longer than the rest."
              for i, p in enumerate(PARAGRAPHS)]
    result = Cleaner(Config()).clean_html(page(longer))
    assert result.ok, result.error
    step = result.report["steps"][-1]
    assert step["extractor"] == "justext" and step["fallback"] == "trafilatura found no article text"
    assert longer[1] in result.text and "All rights reserved" not in result.text


def test_menu_like_fast_extraction_is_rerun_with_the_full_cascade(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[bool] = []
    real = html_mod._trafilatura

    def fake(tree, url, fast, settings):
        calls.append(fast)
        return "\n".join(f"Menu item {i}" for i in range(30)) if fast else real(tree, url, fast, settings)

    monkeypatch.setattr(html_mod, "_trafilatura", fake)
    result = Cleaner(Config()).clean_html(page())
    assert calls == [True, False]
    assert "menu" in result.report["steps"][-1]["fallback"]
    assert "Menu item" not in result.text and PARAGRAPHS[2] in result.text


def test_a_short_fast_extraction_gets_the_full_cascade_and_its_longer_text(monkeypatch: pytest.MonkeyPatch) -> None:
    header = "Ferry terminal opening delayed\nBy the harbour desk, with a long enough line for a byline too"
    calls: list[bool] = []

    def fake(tree, url, fast, settings):
        calls.append(fast)
        return header if fast else "\n".join(PARAGRAPHS)

    monkeypatch.setattr(html_mod, "_trafilatura", fake)
    result = Cleaner(Config()).clean_html(page())
    assert calls == [True, False]
    assert all(paragraph in result.text for paragraph in PARAGRAPHS)
    assert "full cascade found" in result.report["steps"][-1]["fallback"]


def test_a_short_article_keeps_its_fast_extraction_when_the_cascade_finds_no_more(
        monkeypatch: pytest.MonkeyPatch) -> None:
    short = PARAGRAPHS[0] + "\n" + PARAGRAPHS[1]
    monkeypatch.setattr(html_mod, "_trafilatura", lambda tree, url, fast, settings: short if fast else short + " More")
    result = Cleaner(Config()).clean_html(page())
    assert result.report["steps"][-1]["fallback"] is None
    assert result.text.startswith(PARAGRAPHS[0]) and "More" not in result.text


def test_a_page_the_extractor_cannot_parse_is_an_error_in_the_report(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(tree, url, fast, settings):
        raise ValueError("lxml choked")

    monkeypatch.setattr(html_mod, "_trafilatura", broken)
    result = Cleaner(Config()).clean_html(page(), source="bad.html")
    assert not result.ok
    assert "cannot parse" in result.error and "lxml choked" in result.error
    assert result.report["status"] == "error" and result.report["source"] == "bad.html"


@pytest.mark.parametrize("data,message", [(b"", "empty"), (b"<html><body></body></html>", "no article text"),
                                          (b"\x1f\x8bnot gzip", "gzip"), (b"\x00\x01\x02binary", "binary")])
def test_unusable_pages_give_clear_errors(data: bytes, message: str) -> None:
    result = Cleaner(Config()).clean_html(data)
    assert not result.ok and message in result.error


def test_time_limit_covers_extraction_and_the_batch_goes_on(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    real = html_mod._trafilatura

    def slow_on_marker(tree, url, fast, settings):
        if tree.xpath("//p[contains(., 'SLOW')]"):
            time.sleep(5)
        return real(tree, url, fast, settings)

    monkeypatch.setattr(html_mod, "_trafilatura", slow_on_marker)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a-slow.html").write_text(page([*PARAGRAPHS, "SLOW"]), encoding="utf-8")
    (tmp_path / "in" / "b-fine.html").write_text(page(), encoding="utf-8")
    started = time.monotonic()
    summary = clean_tree([tmp_path / "in"], tmp_path / "out", Cleaner(Config(timeout_s=0.5)))
    assert time.monotonic() - started < 4, "the time limit did not interrupt the extraction"
    assert summary.cleaned == 1 and summary.failed[0]["file"] == "a-slow.html"
    report = json.loads((tmp_path / "out" / "a-slow.report.json").read_text(encoding="utf-8"))
    assert report["status"] == "error" and "timed out" in report["error"]
    assert (tmp_path / "out" / "b-fine.txt").read_text(encoding="utf-8").startswith("The harbour authority")


def test_an_article_body_split_into_sibling_containers_is_recovered_whole() -> None:
    more = ["The second phase of the project, a car park for three hundred vehicles and a cycle path along the "
            "quay, is due to start next year if the city council approves the budget in December.",
            "Local businesses said the delay had cost them summer trade, and the chamber of commerce asked the "
            "authority to reduce harbour fees for shops near the building site until the terminal opens."]
    teaser = "<li><a href='/y'>Unrelated teaser link about ferries and the harbour in other towns</a></li>" * 6
    split = (f"<html><head><title>Ferry terminal opening delayed</title></head><body><article>"
             f"<div class='section'><div class='article-body'><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p></div></div>"
             f"<aside class='ad'><p>Advertisement</p></aside>"
             f"<div class='section'><div class='article-body'><p>{more[0]}</p><p>{more[1]}</p></div></div>"
             f"<div class='section'><div class='article-body'><ul>{teaser}</ul></div></div>"
             f"</article></body></html>")
    result = Cleaner(Config()).clean_html(split)
    assert result.ok, result.error
    assert result.text.splitlines()[:2] == PARAGRAPHS[:2]
    assert more[0] in result.text and more[1] in result.text
    assert "Unrelated teaser" not in result.text
    assert result.report["steps"][-1]["recovered_containers"] == 1


SECOND_PHASE = ["The second phase of the project, a car park for three hundred vehicles and a cycle path along "
                "the quay, is due to start next year if the city council approves the budget in December.",
                "Local businesses said the delay had cost them summer trade, and the chamber of commerce asked "
                "the authority to reduce harbour fees for shops near the building site until the terminal opens."]


def test_split_body_recovery_does_not_print_paragraphs_trafilatura_already_kept() -> None:
    # Both containers are extracted; the <br> after each lead-in makes trafilatura break the line
    # there, so the tree's paragraph ("Phase two The second phase ...") is no extracted line.
    page_html = (f"<html><head><title>Ferry terminal opening delayed</title></head><body><main><article>"
                 f"<div class='text'><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p></div>"
                 f"<div class='text'><p><strong>Phase two</strong><br>{SECOND_PHASE[0]}</p>"
                 f"<p><strong>Trade</strong><br>{SECOND_PHASE[1]}</p></div></article></main></body></html>")
    result = Cleaner(Config()).clean_html(page_html)
    assert result.ok, result.error
    assert all(result.text.count(paragraph) == 1 for paragraph in SECOND_PHASE)
    assert result.report["steps"][-1]["recovered_containers"] == 0


def test_recovered_paragraphs_break_lines_at_br_instead_of_gluing_words() -> None:
    page_html = (f"<html><head><title>Ferry terminal opening delayed</title></head><body><article>"
                 f"<div class='section'><div class='article-body'><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>"
                 f"</div></div><aside class='ad'><p>Advertisement</p></aside>"
                 f"<div class='section'><div class='article-body'><p><strong>Phase two</strong><br>"
                 f"{SECOND_PHASE[0]}</p><p><strong>Trade</strong><br>{SECOND_PHASE[1]}</p></div></div>"
                 f"</article></body></html>")
    result = Cleaner(Config()).clean_html(page_html)
    assert result.ok, result.error
    assert result.report["steps"][-1]["recovered_containers"] == 1
    assert SECOND_PHASE[0] in result.text.splitlines() and SECOND_PHASE[1] in result.text.splitlines()
    assert "twoThe" not in result.text and "TradeLocal" not in result.text


def test_headline_split_only_takes_a_line_that_repeats_the_title() -> None:
    text = "Ferry terminal opening delayed to September\nThe harbour authority said...\n"
    body, headline = html_mod.split_headline(text, "Ferry terminal opening delayed to September | Harbour Times")
    assert headline == "Ferry terminal opening delayed to September" and body.startswith("The harbour")
    assert html_mod.split_headline(text, "Council votes on budget") == (text, None)
    assert html_mod.split_headline(text, None) == (text, None)
