"""Corpus evidence as two datatrove pipelines (count, then clean) on the real LocalPipelineExecutor:
the same evidence and the same records as `cleaner clean corpus.jsonl --corpus-evidence`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import require_engine
from engine_corpus import as_bytes, read_records
from test_corpus import CHROME, article, with_banner
from typer.testing import CliRunner

require_engine("datatrove")
require_engine("orjson")

from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import JsonlReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from cleaner.cli import app  # noqa: E402
from cleaner.corpus import RULE_ID, Settings  # noqa: E402
from cleaner.corpus_learn import learn_jsonl  # noqa: E402
from cleaner.integrations.datatrove import CleanerStep  # noqa: E402
from cleaner.integrations.datatrove_corpus import CorpusCountStep, CorpusMergeStep, load_evidence  # noqa: E402

SHARDS = 4
FOOTER = "More from the Riverside Gazette"


def records() -> list[dict]:
    """Three sites: a's pages carry the banner and the footer, b's the banner in a few,
    c is found by a `domain` field; one exact copy; records of one site spread over all shards."""
    out = []
    for i in range(48):
        site = ("a", "b", "c")[i % 3]
        text = article(i)
        if site == "a":
            text = with_banner(i) + FOOTER + "\n"
        elif site == "b" and i < 12:
            text = with_banner(i)
        elif site == "c":
            text = f"* Valley Home Page\n* Politics and Elections\n* Weather desk\n\n{text}"
        where = {"domain": "c.example"} if site == "c" else {"url": f"https://www.{site}.example/news/{i}"}
        out.append({"id": f"doc-{i}", **where, "text": text})
    out.insert(SHARDS, {**out[0], "id": "doc-0-copy"})  # the same shard as doc-0 (records n::SHARDS)
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("evidence-corpus")
    recs = records()
    (tmp / "corpus.jsonl").write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    (tmp / "shards").mkdir()
    for n in range(SHARDS):
        (tmp / "shards" / f"part-{n}.jsonl").write_text(
            "".join(json.dumps(r) + "\n" for r in recs[n::SHARDS]), encoding="utf-8")
    return tmp


def count_pipeline(corpus: Path, counts: Path, logs: Path, **kwargs) -> None:
    LocalPipelineExecutor([JsonlReader(str(corpus / "shards")), CorpusCountStep(str(counts), **kwargs)],
                          tasks=SHARDS, workers=2, logging_dir=str(logs)).run()


def clean_pipeline(corpus: Path, counts: Path, out: Path, logs: Path) -> None:
    LocalPipelineExecutor([JsonlReader(str(corpus / "shards")),
                           CleanerStep(evidence_folder=str(counts), on_empty="keep"),
                           JsonlWriter(str(out), compression=None)],
                          tasks=SHARDS, workers=2, logging_dir=str(logs)).run()


def test_count_then_clean_gives_the_local_two_pass_evidence_and_records(corpus: Path, tmp_path: Path) -> None:
    expected = tmp_path / "expected.jsonl"
    done = CliRunner().invoke(app, ["clean", str(corpus / "corpus.jsonl"), "-o", str(expected),
                                    "--corpus-evidence", "--jobs", "1", "-q"])
    assert done.exit_code == 0, done.output
    local = learn_jsonl(corpus / "corpus.jsonl")

    counts = tmp_path / "counts"
    count_pipeline(corpus, counts, tmp_path / "logs-count")
    assert sorted(p.name for p in counts.iterdir()) == [f"{n:05d}.counts.jsonl" for n in range(SHARDS)]
    evidence = load_evidence(str(counts))
    assert evidence == local and evidence.group_count == local.group_count == 3
    assert evidence.documents == 48  # the copy is not counted again, as in the local run
    assert evidence.lookup("a.example", CHROME) == (16, 16)
    assert evidence.lookup("b.example", CHROME) is None  # 4 of 16 documents of b: too few
    assert evidence.lookup("c.example", "* Weather desk") == (16, 16)

    out = tmp_path / "clean"
    clean_pipeline(corpus, counts, out, tmp_path / "logs-clean")
    want = {r["id"]: r for r in read_records(expected)}
    got = {r["id"]: r for r in read_records(out)}
    assert got.keys() == want.keys()
    for doc_id, record in want.items():
        assert got[doc_id]["text"] == record["text"], doc_id
        assert as_bytes(got[doc_id]["metadata"]["cleaner"]) == as_bytes(record["cleaner"]), doc_id
    assert got["doc-0"]["text"] == article(0)  # banner and footer went on the evidence
    assert got["doc-1"]["text"].startswith(CHROME)  # ... and only in the site that repeats it enough
    assert got["doc-2"]["text"] == article(2)  # the menu of c, found by its domain field
    taken = sum(r["metadata"]["cleaner"].get("rules", {}).get(RULE_ID, 0) for r in got.values())
    assert taken == sum(r["cleaner"].get("rules", {}).get(RULE_ID, 0) for r in want.values()) >= 17 * 2


def test_the_merge_step_writes_the_evidence_once_and_grouping_follows_the_count_step(corpus, tmp_path) -> None:
    counts = tmp_path / "counts"
    settings = Settings(min_docs=3, min_share=0.0)
    count_pipeline(corpus, counts, tmp_path / "logs-count", group_by="run", settings=settings)
    merged = load_evidence(str(counts))
    LocalPipelineExecutor([CorpusMergeStep(str(counts))], tasks=1, logging_dir=str(tmp_path / "logs-merge")).run()
    assert (counts / "evidence.json").is_file()
    assert load_evidence(str(counts)) == merged == learn_jsonl(corpus / "corpus.jsonl", settings=settings,
                                                               group_by="run")
    assert merged.lookup("", CHROME) == (20, 48) and merged.group_count == 1  # one group: the whole run
    count_pipeline(corpus, counts, tmp_path / "logs-count-2")  # counting again makes the merge stale
    assert not (counts / "evidence.json").exists()


def test_cleaning_without_counts_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="run the CorpusCountStep pipeline first"):
        load_evidence(str(tmp_path))
