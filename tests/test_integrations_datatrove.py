"""cleaner as a datatrove step on the real LocalPipelineExecutor: the same records as the JSONL CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import require_engine
from engine_corpus import Corpus, as_bytes, build_corpus, read_records

require_engine("datatrove")
require_engine("orjson")

from datatrove.data import Document  # noqa: E402
from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import JsonlReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from cleaner.integrations.datatrove import EMPTY_REASON, CleanerStep  # noqa: E402

BODY = ("The city council approved the new budget on Tuesday after a long debate about schools and roads.\n"
        "Officials said the plan would take effect next year, and residents will see changes in the spring.\n")
NOTICE = "This page was captured by the Wayback Machine on 3 March 2019.\n"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Corpus:
    return build_corpus(tmp_path_factory.mktemp("corpus"))


def pipeline(corpus: Corpus, out: Path) -> list:
    return [JsonlReader(str(corpus.shards)),
            CleanerStep(exclusion_writer=JsonlWriter(str(out / "emptied"), compression=None)),
            JsonlWriter(str(out / "clean"), compression=None)]


def step_stats(logs: Path) -> dict[str, int]:
    """The cleaner step's stats from a run's stats.json: name -> total over all tasks."""
    steps = json.loads((logs / "stats.json").read_text())
    (mine,) = [s for s in steps if "cleaner" in s["name"]]
    return {k: (v["total"] if isinstance(v, dict) else v) for k, v in mine["stats"].items()}


def check_outputs(corpus: Corpus, out: Path) -> None:
    """Kept documents carry the CLI's text and report; emptied ones went to the exclusion writer."""
    kept = {r["id"]: r for r in read_records(out / "clean")}
    emptied = {r["id"]: r for r in read_records(out / "emptied")}
    assert not kept.keys() & emptied.keys()
    assert kept.keys() | emptied.keys() == corpus.expected.keys()
    assert emptied, "the samples hold a crawl-notice page that comes out empty"
    for doc_id, want in corpus.expected.items():
        got = kept.get(doc_id) or emptied[doc_id]
        assert as_bytes(got["metadata"]["cleaner"]) == as_bytes(want["cleaner"]), doc_id
        if doc_id in kept:
            assert got["text"].encode("utf-8") == want["text"].encode("utf-8"), doc_id
        else:  # dropped as datatrove's filters drop: the input as it came, and why
            assert want["text"] == "" and got["text"] == corpus.originals[doc_id]
            assert got["metadata"]["filter_reason"] == EMPTY_REASON


def check_stats(corpus: Corpus, stats: dict[str, int]) -> None:
    """datatrove's stats add up to the totals of the JSONL run."""
    summary = corpus.summary
    by = lambda prefix: {k[len(prefix):]: v for k, v in stats.items() if k.startswith(prefix) and v}  # noqa: E731
    assert by("category/") == summary["removals_by_category"]
    assert by("rule/") == summary["removals_by_rule"]
    assert stats["removals"] == summary["removals"] > 0
    assert stats["chars_in"] == summary["chars_in"] and stats["chars_out"] == summary["chars_out"]
    assert stats["cleaned"] == summary["cleaned"] == stats["total"] == len(corpus.expected)
    assert stats.get("failed", 0) == summary["failed"] == 0
    assert stats.get("flagged", 0) == len(summary["flagged"])
    assert stats["dropped"] == stats[f"dropped_{EMPTY_REASON}"] == sum(not r["text"] for r in corpus.expected.values())
    assert stats["forwarded"] + stats["dropped"] == stats["total"]


def test_local_executor_gives_the_jsonl_cli_records_and_totals_and_resumes(corpus, tmp_path):
    out, logs = tmp_path / "out", tmp_path / "logs"

    def executor() -> LocalPipelineExecutor:
        return LocalPipelineExecutor(pipeline(corpus, out), tasks=4, workers=2, logging_dir=str(logs))

    executor().run()
    check_outputs(corpus, out)
    check_stats(corpus, step_stats(logs))

    outputs = sorted((out / "clean").iterdir())
    assert len(outputs) == 4  # one file per task
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in outputs}
    executor().run()  # every task completed: nothing runs again
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in outputs} == before

    (logs / "completions" / "00001").unlink()  # as if task 1 had been killed
    executor().run()
    again = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in outputs}
    assert [p.name for p in outputs if again[p][0] != before[p][0]] == ["00001.jsonl"]
    assert {p: v[1] for p, v in again.items()} == {p: v[1] for p, v in before.items()}
    check_outputs(corpus, out)


def run_step(step: CleanerStep, texts: list[str]) -> list[Document]:
    return list(step.run(iter([Document(text=t, id=str(n)) for n, t in enumerate(texts)])))


def test_on_empty_keep_passes_an_emptied_document_on():
    docs = run_step(CleanerStep(on_empty="keep"), [NOTICE, f"Share this article\n{BODY}"])
    assert [d.text for d in docs] == ["", BODY]
    assert docs[0].metadata["cleaner"]["counts"] == {"archive": 1}
    assert docs[1].metadata["cleaner"]["rules"] == {"social.share-buttons": 1}


def test_on_empty_drop_without_a_writer_drops_and_counts(tmp_path):
    step = CleanerStep()
    assert [d.text for d in run_step(step, [NOTICE, BODY])] == [BODY]
    assert step.stats["dropped"].total == 1 and step.stats["forwarded"].total == 1


def test_full_report_replays_to_the_clean_text():
    from cleaner.report import replay

    (doc,) = run_step(CleanerStep(full_report=True, report_key="clean_report"), [f"Share this article\n{BODY}"])
    report: dict[str, Any] = doc.metadata["clean_report"]
    assert replay(report) == doc.text == BODY and report["source"] == "0"


def test_a_document_that_cannot_be_cleaned_goes_on_unchanged_with_its_reason():
    from cleaner.api import Config

    step = CleanerStep(config=Config(max_bytes=10, on_limit="skip"))
    (doc,) = run_step(step, [BODY])
    assert doc.text == BODY and doc.metadata["cleaner"]["status"] == "skipped"  # the JSONL CLI's report too
    assert "too large" in doc.metadata["cleaner"]["error"] and step.stats["failed"].total == 1


def test_a_text_that_is_not_a_string_goes_on_as_it_came():
    step = CleanerStep()
    (doc,) = list(step.run(iter([Document(text=None, id="x")])))  # type: ignore[arg-type]  # a custom adapter's
    assert doc.text is None
    assert doc.metadata["cleaner"] == {"status": "error", "error": "field 'text' is a NoneType, not a string"}
    assert step.stats["failed"].total == 1


def test_bad_on_empty_is_refused():
    with pytest.raises(ValueError, match="on_empty"):
        CleanerStep(on_empty="delete")
