"""Partial counts of shards, merged: the same evidence as counting the whole corpus at once."""

from __future__ import annotations

import io
import json

import pytest
from test_corpus import CHROME, article, with_banner

from cleaner.corpus import LineCounter, Settings
from cleaner.corpus_counts import merge, merge_evidence, read_evidence, write_counts, write_evidence

SITES = ("a.example", "b.example", "c.example")


def corpus(n: int = 60) -> list[tuple[str, str]]:
    """(group, text): site a under the banner everywhere, b in a few documents, c never; and a
    copy of a document next to it (the same shard in every split below)."""
    docs = []
    for i in range(n):
        site = SITES[i % 3]
        text = with_banner(i) if site == "a.example" or (site == "b.example" and i < 12) else article(i)
        docs.append((site, text + "Follow us on the Gazette app\n"))
    docs.insert(1, docs[0])
    return docs


def count(docs: list[tuple[str, str]], settings: Settings) -> LineCounter:
    counter = LineCounter(settings)
    for group, text in docs:
        counter.add_document(group, text)
    return counter


def serialised(counter: LineCounter) -> tuple[str, list[str]]:
    out = io.StringIO()
    write_counts(counter, out)
    return "part", out.getvalue().splitlines(keepends=True)


def split_merge(docs: list[tuple[str, str]], shards: int, settings: Settings) -> LineCounter:
    """Count `shards` contiguous slices apart, write each, merge the files."""
    size = -(-len(docs) // shards)
    parts = [docs[k:k + size] for k in range(0, len(docs), size)]
    return merge(serialised(count(part, settings)) for part in parts)


@pytest.mark.parametrize("shards", [1, 2, 3, 7])
def test_merged_shards_give_the_evidence_of_the_whole_corpus(shards: int) -> None:
    docs, settings = corpus(), Settings()
    whole = count(docs, settings)
    merged = split_merge(docs, shards, settings)
    assert merged.floor == whole.floor == 0  # below the bound: exact
    evidence = merged.evidence()
    assert evidence == whole.evidence() and evidence.group_count == 3 and evidence.documents == 60
    assert evidence.lookup("a.example", CHROME) == (20, 20)
    assert evidence.lookup("b.example", CHROME) is None  # 4 of 20 documents: too few
    assert evidence.lookup("c.example", "Follow us on the Gazette app") == (20, 20)
    assert merged.copies == whole.copies == 1


def test_a_merge_past_the_bound_stays_bounded_and_never_invents_evidence() -> None:
    docs = [(f"site{i % 40}.example", with_banner(i) + f"Line {i % 7} of the local weather desk\n")
            for i in range(400)]
    exact = count(docs, Settings()).counts
    settings = Settings(max_entries=32, min_docs=2, min_share=0.0)
    merged = split_merge(docs, 4, settings)
    assert merged.floor > 0 and merged.entries + len(merged.docs) <= settings.max_entries
    for group, counts in merged.counts.items():
        for key, n in counts.items():
            assert n <= exact[group][key]  # pruning lowers counts, never raises them


def test_parts_counted_with_other_settings_are_refused() -> None:
    docs = corpus(12)
    parts = [serialised(count(docs, Settings())), serialised(count(docs, Settings(min_docs=3)))]
    with pytest.raises(ValueError, match="other settings"):
        merge(parts)
    with pytest.raises(ValueError, match="no partial count files"):
        merge([])
    with pytest.raises(ValueError, match="not a cleaner partial count file"):
        merge([("x.jsonl", ['{"text": "a record"}\n'])])


def test_evidence_file_reads_back_the_same_evidence() -> None:
    evidence = merge_evidence([serialised(count(corpus(), Settings()))])
    out = io.StringIO()
    write_evidence(evidence, out)
    back = read_evidence(out.getvalue(), "evidence.json")
    assert back == evidence and back.group_count == evidence.group_count and back.lines == evidence.lines == 4
    assert json.loads(out.getvalue())["groups"][0][0] == "a.example"
    with pytest.raises(ValueError, match="not a cleaner corpus evidence file"):
        read_evidence("{}", "evidence.json")
