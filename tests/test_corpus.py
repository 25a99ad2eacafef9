"""Corpus evidence: counting in pass 1, the guards, the stage, and the two-pass CLI runs."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st
from test_properties import documents, is_subsequence
from typer.testing import CliRunner

from cleaner.api import Cleaner, Config
from cleaner.batch import config_key
from cleaner.cli import app
from cleaner.corpus import (
    GROUP_RUN,
    RULE_ID,
    Evidence,
    LineCounter,
    Settings,
    domain_of,
    key_if_qualifies,
    normalise,
    record_group,
)
from cleaner.corpus_learn import learn_jsonl, learn_tree
from cleaner.repair import repair_text
from cleaner.report import replay

runner = CliRunner()
CHROME = "Riverside Gazette Community Desk"
WORDS = ("harbour", "council", "bridge", "orchard", "library", "ferry", "school", "museum", "market", "tram",
         "clinic", "garden", "stadium", "quarry", "canal", "festival", "bakery", "airport", "theatre", "mill")


def article(i: int) -> str:
    """A short story of its own: no line of it repeats in another document."""
    a, b, c = WORDS[i % 20], WORDS[(i * 7 + 3) % 20], WORDS[(i * 13 + 5) % 20]
    return (f"The {a} near the {b} reopened after months of repairs paid for by the {c} fund.\n\n"
            f"Residents of the {b} district gathered at the {a} on the first morning to see the work.\n\n"
            f"Story number {i} of the {c} series follows the {a} and the {b} through the winter.\n")


def with_banner(i: int, banner: str = CHROME) -> str:
    """A story under the site's banner line (which a single-document cleaning keeps: it could be a headline)."""
    return f"{banner}\n\n{article(i)}"


def counter_with(docs: list[str], group: str = "example.com", **settings: object) -> LineCounter:
    counter = LineCounter(Settings(**settings))  # type: ignore[arg-type]
    for text in docs:
        counter.add_document(group, text)
    return counter


# --- counting -------------------------------------------------------------------------------


def test_lines_are_folded_for_case_space_digits_and_list_markers() -> None:
    assert normalise("  12 Comments ") == normalise("3   comments") == normalise("* 3 COMMENTS") == "0 comments"
    assert normalise("Share this") != normalise("Share that")


def test_a_line_counts_once_per_document() -> None:
    docs = [article(i) + f"{CHROME}\n{CHROME}\n{CHROME}\n" for i in range(6)]
    evidence = counter_with(docs).evidence()
    assert evidence.lookup("example.com", CHROME) == (6, 6)


def test_a_line_needs_min_docs_documents() -> None:
    docs = [article(i) + (CHROME if i < 4 else "") for i in range(10)]
    assert counter_with(docs).evidence().lookup("example.com", CHROME) is None
    docs = [article(i) + (CHROME if i < 5 else "") for i in range(10)]
    assert counter_with(docs).evidence().lookup("example.com", CHROME) == (5, 10)


def test_a_line_needs_a_share_of_the_group() -> None:
    # in 10 of 1,000 documents (1%): below the 2% share, although over min_docs
    docs = [article(i) + (CHROME if i < 10 else "") for i in range(1000)]
    assert counter_with(docs).evidence().lookup("example.com", CHROME) is None
    assert counter_with(docs, min_share=0.01).evidence().lookup("example.com", CHROME) == (10, 1000)


def test_exact_copies_of_a_document_vote_once() -> None:
    docs = [article(1) + CHROME] * 8 + [article(i) for i in range(2, 6)]
    counter = counter_with(docs)
    assert counter.copies == 7 and counter.evidence().lookup("example.com", CHROME) is None


def test_memory_is_bounded_and_frequent_lines_survive_pruning() -> None:
    counter = LineCounter(Settings(max_entries=200))
    for i in range(3000):
        every_tenth = "Back to the Riverside front page\n" if i % 10 == 0 else ""
        counter.add_document("example.com", f"Unique teaser {i} {WORDS[i % 20]} {WORDS[i // 20 % 20]} xq{i:x}\n"
                                            f"{CHROME}\n{every_tenth}")
        assert counter.entries <= 200
        assert sum(len(c) for c in counter.counts.values()) == counter.entries
    assert counter.floor >= 1  # it did prune
    evidence = counter.evidence()
    assert evidence.lookup("example.com", CHROME) == (3000, 3000)
    assert evidence.lookup("example.com", "Back to the Riverside front page") == (300, 3000)  # recurring: kept
    assert evidence.lines == 2


def test_tiny_groups_are_pruned_too() -> None:
    counter = LineCounter(Settings(max_entries=100))
    for i in range(2000):  # one document per domain, as in a broad crawl
        counter.add_document(f"site{i}.example", f"{CHROME} {WORDS[i % 20]} xq{i:x}\n")
    assert len(counter.docs) <= 100 and counter.entries <= 100
    counter = LineCounter(Settings(max_entries=100))
    for i in range(2000):  # pages with no countable line at all still add a group each
        counter.add_document(f"site{i}.example", article(i))
        assert len(counter.docs) <= 100


# --- guards ---------------------------------------------------------------------------------


def test_common_short_phrases_never_qualify() -> None:
    settings = Settings()
    for line in ("Tuesday", "Updated", "12", "— —", "WASHINGTON"[:7]):
        assert key_if_qualifies(line, settings) is None, line
    docs = [article(i) + "Tuesday\n" for i in range(50)]
    assert counter_with(docs).evidence().lines == 0


def test_wire_story_paragraph_repeated_across_a_site_stays() -> None:
    """The same AP paragraph in 40 of 1,200 documents of one site is article text."""
    wire = ("The storm knocked out power to more than 200,000 homes across the state on Sunday night, "
            "and crews expected repairs to take until Wednesday.")
    short_wire = "The storm cut power to thousands of homes."  # a short sentence of the same story
    quote = '"We have never seen water this high," the mayor said at a briefing'  # reports speech
    docs = [article(i) + (f"{wire}\n{short_wire}\n{quote}\n{CHROME}\n" if i < 40 else "") for i in range(1200)]
    evidence = counter_with(docs).evidence()
    assert evidence.lookup("example.com", wire) is None  # a full sentence: never counted
    assert evidence.lookup("example.com", short_wire) is None  # 3.3%: short sentences need 4x (8%)
    assert evidence.lookup("example.com", quote) is None  # reported speech: never counted
    assert evidence.lookup("example.com", CHROME) == (40, 1200)  # the chrome of the same documents goes
    result = Cleaner(Config(corpus_evidence=evidence)).clean_text(docs[0], group="example.com")
    assert all(line in result.text for line in (wire, short_wire, quote))
    assert [r.text for r in result.removals if r.stage == "corpus"] == [CHROME]


def test_a_short_sentence_with_overwhelming_evidence_qualifies() -> None:
    line = "All rights reserved by the Riverside Gazette."
    docs = [article(i) + line for i in range(20)]
    assert counter_with(docs).evidence().lookup("example.com", line) == (20, 20)
    assert counter_with([*docs[:19], article(99)], min_docs=5).evidence().lookup("example.com", line) is None


def test_evidence_is_per_group_not_across_the_corpus() -> None:
    """A line in 3 documents of each of ten sites is no site's chrome."""
    counter = LineCounter(Settings())
    for site in range(10):
        for i in range(10):
            counter.add_document(f"site{site}.example", article(site * 10 + i) + (CHROME if i < 3 else ""))
    evidence = counter.evidence()
    assert all(evidence.lookup(f"site{s}.example", CHROME) is None for s in range(10))


def test_groups_come_from_domains_fields_and_folders() -> None:
    assert domain_of("https://www.Example.com:8080/a/b?c") == "example.com"
    assert domain_of("news.example.org") == "news.example.org"
    assert record_group({"url": "http://www.example.com/x"}, "auto") == "example.com"
    assert record_group({"domain": "example.com"}, "auto") == "example.com"
    assert record_group({"extractor": "goose3"}, "extractor") == "goose3"
    assert record_group({"url": "http://example.com/x"}, GROUP_RUN) == ""
    assert record_group({}, "auto") == ""
    assert record_group({"site_id": 12}, "site_id") == "12"
    assert record_group({"url": "http://[::1/broken"}, "auto") == "http://[::1/broken"  # never raises


# --- the stage ------------------------------------------------------------------------------


def evidence_for(docs: list[str], group: str = "example.com") -> Evidence:
    return counter_with(docs, group).evidence()


def test_stage_removes_only_evidence_lines_and_says_the_counts() -> None:
    docs = [with_banner(i) for i in range(6)] + [article(i) for i in range(6, 10)]
    cleaner = Cleaner(Config(corpus_evidence=evidence_for(docs)))
    result = cleaner.clean_text(docs[0], group="example.com")
    assert result.text == article(0)
    [removal] = [r for r in result.removals if r.stage == "corpus"]
    assert removal.rule == RULE_ID and removal.text == CHROME
    assert removal.category == "navigation"
    assert removal.reason == "corpus evidence: a line repeated in 6 of 10 documents of example.com"
    assert replay(result.report) == result.text
    again = cleaner.clean_text(result.text, group="example.com")
    assert again.removals == [] and again.text == result.text


def test_a_repeated_subheading_between_article_paragraphs_stays() -> None:
    """A site's recurring sub-heading is article structure (the guideline keeps it); the same
    line among chrome, or at the edge, goes."""
    heading = "What we know so far"
    def story(i: int) -> str:
        first, rest = article(i).split("\n\n", 1)
        return f"{first}\n\n{heading}\n\n{rest}"
    docs = [story(i) for i in range(8)]
    cleaner = Cleaner(Config(corpus_evidence=evidence_for([*docs, f"{heading}\n\n{article(9)}"])))
    assert heading in cleaner.clean_text(docs[0], group="example.com").text
    at_top = cleaner.clean_text(f"{heading}\n\n{article(9)}", group="example.com")
    assert [r.text for r in at_top.removals if r.stage == "corpus"] == [heading]


def test_stage_does_nothing_in_another_group_without_evidence_or_when_disabled() -> None:
    docs = [with_banner(i) for i in range(6)]
    evidence = evidence_for(docs)
    assert CHROME in Cleaner(Config(corpus_evidence=evidence)).clean_text(docs[0], group="other.org").text
    assert CHROME in Cleaner().clean_text(docs[0]).text
    disabled = Config(corpus_evidence=evidence, disabled_rules=(RULE_ID,))
    assert CHROME in Cleaner(disabled).clean_text(docs[0], group="example.com").text


def test_a_single_document_call_is_unchanged() -> None:
    """Without evidence the corpus stage proposes nothing: same report as without the stage."""
    text = article(3) + f"\n{CHROME}\nShare this article\n"
    stages = tuple(s for s in Config().stages if s != "corpus")
    with_stage = Cleaner().clean_text(text)
    without = Cleaner(Config(stages=stages)).clean_text(text)
    assert with_stage.report == without.report


def test_the_resume_key_includes_the_evidence() -> None:
    one = evidence_for([with_banner(i) for i in range(6)])
    two = evidence_for([with_banner(i, CHROME + " Extra") for i in range(6)])
    keys = {config_key(Config()), config_key(Config(corpus_evidence=one)), config_key(Config(corpus_evidence=two))}
    assert len(keys) == 3
    assert config_key(Config(corpus_evidence=one)) == config_key(Config(corpus_evidence=evidence_for(
        [with_banner(i) for i in range(6)])))


# --- the two-pass CLI -----------------------------------------------------------------------


def make_tree(root: Path) -> Path:
    """site-a: the chrome line in 6 of 8 documents; site-b: in 2 of 8 (not evidence there)."""
    for site, with_chrome in (("site-a", 6), ("site-b", 2)):
        (root / site).mkdir(parents=True)
        for i in range(8):
            n = i + (0 if site == "site-a" else 50)
            (root / site / f"doc{i}.txt").write_text(with_banner(n) if i < with_chrome else article(n),
                                                     encoding="utf-8")
    return root


def tree_hashes(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and not p.name.startswith(".")}


def test_folder_run_learns_per_subfolder_and_reports_the_evidence(tmp_path: Path) -> None:
    src = make_tree(tmp_path / "in")
    before = tree_hashes(src)
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(src), "-o", str(out), "--corpus-evidence", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "corpus evidence: 1 repeated line(s) in 1 of 2 group(s), from 16 document(s)" in result.output
    assert (out / "site-a" / "doc0.txt").read_text(encoding="utf-8") == article(0)
    report = json.loads((out / "site-a" / "doc0.report.json").read_text(encoding="utf-8"))
    [removal] = report["removals"]
    assert removal["rule"] == RULE_ID
    assert removal["reason"] == "corpus evidence: a line repeated in 6 of 8 documents of site-a"
    assert CHROME in (out / "site-b" / "doc0.txt").read_text(encoding="utf-8")
    assert tree_hashes(src) == before  # inputs only read
    # the same outputs whatever --jobs
    out2 = tmp_path / "out2"
    assert runner.invoke(app, ["clean", str(src), "-o", str(out2), "--corpus-evidence", "--jobs", "2"]).exit_code == 0
    assert tree_hashes(out2) == tree_hashes(out)


def test_folder_run_without_the_option_keeps_todays_behaviour_and_resume_tracks_evidence(tmp_path: Path) -> None:
    src = make_tree(tmp_path / "in")
    out = tmp_path / "out"
    assert runner.invoke(app, ["clean", str(src), "-o", str(out), "--jobs", "1"]).exit_code == 0
    assert CHROME in (out / "site-a" / "doc0.txt").read_text(encoding="utf-8")
    # a re-run with evidence must not resume the outputs cleaned without it
    assert runner.invoke(app, ["clean", str(src), "-o", str(out), "--corpus-evidence", "--jobs", "1"]).exit_code == 0
    assert CHROME not in (out / "site-a" / "doc0.txt").read_text(encoding="utf-8")
    # --corpus-group run: one group of 16 documents, the line in 8 of them
    out3 = tmp_path / "out3"
    result = runner.invoke(app, ["clean", str(src), "-o", str(out3), "--corpus-evidence", "--corpus-group", "run"])
    assert result.exit_code == 0, result.output
    report = json.loads((out3 / "site-b" / "doc0.report.json").read_text(encoding="utf-8"))
    assert report["removals"][0]["reason"].endswith("in 8 of 16 documents of this run")


def test_disable_and_no_corpus_evidence_switch_it_off(tmp_path: Path) -> None:
    src = make_tree(tmp_path / "in")
    for n, extra in enumerate((["--corpus-evidence", "--disable", RULE_ID], ["--no-corpus-evidence"])):
        out = tmp_path / f"out{n}"
        result = runner.invoke(app, ["clean", str(src), "-o", str(out), "--jobs", "1", *extra])
        assert result.exit_code == 0, result.output
        assert CHROME in (out / "site-a" / "doc0.txt").read_text(encoding="utf-8")


def test_jsonl_run_groups_by_the_url_domain(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    with src.open("w", encoding="utf-8") as handle:
        for i in range(16):
            site = "https://www.a.example/news/" if i % 2 == 0 else "https://b.example/story/"
            text = with_banner(i) if i % 2 == 0 or i < 4 else article(i)  # a: 8 of 8; b: 2 of 8
            handle.write(json.dumps({"id": i, "url": f"{site}{i}", "text": text}) + "\n")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["clean", str(src), "-o", str(out), "--corpus-evidence", "--full-report"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    a, b = records[0], records[1]
    assert a["text"] == article(0) and CHROME in b["text"]
    [removal] = a["cleaner"]["removals"]
    assert removal["reason"] == "corpus evidence: a line repeated in 8 of 8 documents of a.example"
    out2 = tmp_path / "out2.jsonl"
    assert runner.invoke(app, ["clean", str(src), "-o", str(out2), "--corpus-evidence", "--full-report",
                               "--jobs", "2"]).exit_code == 0
    assert out2.read_bytes() == out.read_bytes()  # the same bytes whatever --jobs
    assert learn_jsonl(src).lookup("a.example", CHROME) == (8, 8)
    assert learn_jsonl(src).lookup("b.example", CHROME) is None


def test_stdin_is_refused_with_corpus_evidence(tmp_path: Path) -> None:
    result = runner.invoke(app, ["clean", "-", "--corpus-evidence"], input=article(1))
    assert result.exit_code == 2
    assert "stdin cannot be read twice" in result.output


def test_bad_thresholds_are_usage_errors(tmp_path: Path) -> None:
    src = make_tree(tmp_path / "in")
    result = runner.invoke(app, ["clean", str(src), "-o", str(tmp_path / "o"), "--corpus-evidence",
                                 "--corpus-min-docs", "1"])
    assert result.exit_code == 2 and "min_docs" in result.output
    result = runner.invoke(app, ["clean", str(src), "-o", str(tmp_path / "o"), "--corpus-evidence",
                                 "--corpus-group", "url"])
    assert result.exit_code == 2 and "names a JSONL field" in result.output


def test_learn_tree_skips_what_pass_two_would_refuse(tmp_path: Path) -> None:
    src = make_tree(tmp_path / "in")
    (src / "site-a" / "blob.txt").write_bytes(b"\x00\x01\x02" * 100)
    (src / "site-a" / "page.html").write_text(f"<html><body><p>{CHROME}</p></body></html>", encoding="utf-8")
    evidence = learn_tree([src], None)
    assert evidence.documents == 16 and evidence.lookup("site-a", CHROME) == (6, 8)


@pytest.mark.parametrize("value", [0.0, 0.5, 1.0])
def test_settings_accept_shares_between_zero_and_one(value: float) -> None:
    assert Settings(min_share=value).needed(100) == max(5, round(value * 100))


# --- invariants with evidence, over generated corpora -----------------------------------------

CHROME_POOL = [CHROME, "More from the Riverside Gazette", "Image 1 of 23", "* Privacy Policy", "Back to Gallery",
               "Read the Gazette app edition", "Riverside Gazette Community Desk Riverside Gazette Community Desk"]


@st.composite
def site_corpus(draw: st.DrawFn) -> list[str]:
    """Documents of one site: generated bodies (rules' boilerplate, copies, noise) with site chrome
    put at random places, glued onto other lines too."""
    docs = []
    for _ in range(draw(st.integers(4, 8))):
        lines = draw(documents()).split("\n")
        for _ in range(draw(st.integers(0, 4))):
            at = draw(st.integers(0, len(lines)))
            chrome = draw(st.sampled_from(CHROME_POOL))
            if at < len(lines) and draw(st.booleans()):
                lines[at] = lines[at] + draw(st.sampled_from(["", " ", ". "])) + chrome
            else:
                lines.insert(at, chrome)
        docs.append("\n".join(lines))
    return docs


@hyp_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(site_corpus())
def test_invariants_hold_with_evidence(docs: list[str]) -> None:
    """Replay, no invented text, idempotence (with the same evidence) on any generated corpus."""
    counter = LineCounter(Settings(min_docs=2))
    for text in docs:
        counter.add_document("site", repair_text(text)[0])
    cleaner = Cleaner(Config(timeout_s=None, corpus_evidence=counter.evidence()))
    for text in docs:
        once = cleaner.clean_text(text, group="site")
        assert once.document is not None
        assert replay(once.report) == once.text
        assert is_subsequence(once.text, once.document.text + "\n")
        twice = cleaner.clean_text(once.text, group="site")
        assert [(r.rule, r.text) for r in twice.removals] == [] and twice.text == once.text
