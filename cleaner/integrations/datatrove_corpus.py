"""The corpus-evidence pass as two datatrove pipelines: count, then clean with the learned lines.

    from cleaner.integrations.datatrove import CleanerStep
    from cleaner.integrations.datatrove_corpus import CorpusCountStep

    LocalPipelineExecutor([JsonlReader("corpus/"), CorpusCountStep("counts/")],
                          tasks=4, logging_dir="logs/count/").run()
    LocalPipelineExecutor([JsonlReader("corpus/"), CleanerStep(evidence_folder="counts/"),
                           JsonlWriter("clean/")], tasks=4, logging_dir="logs/clean/").run()

`cleaner clean corpus.jsonl --corpus-evidence` reads the file twice in one process; a
cluster cannot, so pass 1 is its own pipeline. `CorpusCountStep` counts each task's
documents with the same `LineCounter` as the local pass 1 (the same repair of the text, the
same normalisation, each line once per document, the same groups: the domain of a `url` or
`domain` metadata field, a field named by `group_by`, or one group) and writes one partial
count file per task into its output folder (any datatrove `DataFolder`: local, `s3://`, ...).
`CleanerStep(evidence_folder=...)` merges them (`cleaner.corpus_counts.merge`, in bounded
memory) into the same `Evidence` the local run learns, once per worker process, and cleans
each document with its group taken from its metadata. When the merge is exact and when it
can differ (pruning, copies across shards) is said in `cleaner.corpus_counts`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from datatrove.data import Document, DocumentsPipeline
from datatrove.io import DataFolderLike, get_datafolder
from datatrove.pipeline.base import PipelineStep
from datatrove.utils.typeshelper import StatHints

from ..api import DEFAULT_MAX_BYTES
from ..corpus import AUTO_FIELDS, GROUP_AUTO, GROUP_RUN, Evidence, LineCounter, Settings, record_group
from ..corpus_counts import EVIDENCE_FILE, SUFFIX, merge_evidence, read_evidence, write_counts, write_evidence
from ..repair import repair_text

STAT_COUNTED = "counted"
STAT_COPIES = "copies"
STAT_NOT_COUNTED = "not_counted"

def group_record(doc: Document, group_by: str) -> dict[str, Any]:
    """The fields of a document that `record_group` reads, as the JSONL record had them.

    datatrove's readers move every field but the text and the id into `metadata`, so a
    JSONL record's `url` is `doc.metadata["url"]`; the id field is `doc.id`.
    """
    if group_by == GROUP_RUN:
        return {}
    names = AUTO_FIELDS if group_by == GROUP_AUTO else (group_by,)
    record = {name: doc.metadata[name] for name in names if name in doc.metadata}
    if group_by == "id":
        record.setdefault("id", doc.id)
    return record


def document_group(doc: Document, group_by: str) -> str:
    """A document's corpus-evidence group, as the local run finds it for the same JSONL record."""
    return record_group(group_record(doc, group_by), group_by)


def load_evidence(folder: DataFolderLike) -> Evidence:
    """The evidence of a counts folder: its `evidence.json` when `CorpusMergeStep` wrote one,
    else the merge of its partial count files (bounded memory, one file at a time)."""
    data = get_datafolder(folder)
    if data.isfile(EVIDENCE_FILE):
        with data.open(EVIDENCE_FILE, "rt", encoding="utf-8") as handle:
            return read_evidence(handle.read(), data.resolve_paths(EVIDENCE_FILE))
    names = data.list_files(glob_pattern="*" + SUFFIX)
    if not names:
        raise ValueError(f"no partial count files (*{SUFFIX}) in {data.resolve_paths('')}: "
                         "run the CorpusCountStep pipeline first")
    return merge_evidence((name, _lines(data, name)) for name in names)


def _lines(data: Any, name: str) -> Iterator[str]:
    with data.open(name, "rt", encoding="utf-8") as handle:
        yield from handle


class CorpusCountStep(PipelineStep):
    """Pass 1 of corpus evidence: count each task's lines, write `<rank>.counts.jsonl`.

    Args:
        output_folder: where the partial count files go (a path or any datatrove DataFolder).
        group_by: "auto" (the domain of a `url` or `domain` field), "run" (one group), or a
            metadata field name: the CLI's `--corpus-group`.
        settings: thresholds and the memory bound, as the CLI's `--corpus-min-docs` and
            `--corpus-min-share` set them; the same for pipeline 2, which reads them back.
        max_bytes: a text longer than this is not counted (pass 2 will not clean it either:
            keep it equal to the cleaning `Config.max_bytes`).

    Documents pass through unchanged, so the step may sit before a writer or end a pipeline.
    """

    name = "🧮 cleaner corpus count"
    type = "📊 - STATS"

    def __init__(self, output_folder: DataFolderLike, group_by: str = GROUP_AUTO,
                 settings: Settings | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        super().__init__()
        self.output_folder = get_datafolder(output_folder)
        self.group_by = group_by
        self.settings = settings or Settings()
        self.max_bytes = max_bytes

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        counter = LineCounter(self.settings, self.group_by)
        if rank == 0 and self.output_folder.isfile(EVIDENCE_FILE):  # merged from older counts: stale now
            self.output_folder.rm(EVIDENCE_FILE)
        for doc in data or ():
            self.stat_update(StatHints.total)
            with self.track_time():
                if isinstance(doc.text, str) and len(doc.text) <= self.max_bytes:  # as learn_jsonl skips
                    copies = counter.copies
                    counter.add_document(document_group(doc, self.group_by), repair_text(doc.text)[0])
                    self.stat_update(STAT_COPIES if counter.copies > copies else STAT_COUNTED)
                else:
                    self.stat_update(STAT_NOT_COUNTED)
            yield doc
        with self.output_folder.open(f"{rank:05d}{SUFFIX}", "wt", encoding="utf-8") as out:
            write_counts(counter, out)


class CorpusMergeStep(PipelineStep):
    """Optional, between the two pipelines of a large run: merge the partial counts once and
    write `evidence.json` into the counts folder, so each cleaning task reads only the
    evidence lines instead of merging every task's counts itself.

    Run it as a pipeline of its own with one task (`[CorpusMergeStep("counts/")]`, `tasks=1`);
    on Slurm, `depends=` the counting executor. Documents given to it pass through.
    """

    name = "🧮 cleaner corpus merge"
    type = "📊 - STATS"

    def __init__(self, counts_folder: DataFolderLike) -> None:
        super().__init__()
        self.counts_folder = get_datafolder(counts_folder)

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        yield from data or ()
        if rank != 0:
            return
        if self.counts_folder.isfile(EVIDENCE_FILE):  # a merge left by an earlier run is stale
            self.counts_folder.rm(EVIDENCE_FILE)
        evidence = load_evidence(self.counts_folder)
        with self.counts_folder.open(EVIDENCE_FILE, "wt", encoding="utf-8") as out:
            write_evidence(evidence, out)
        self.stat_update("evidence_lines", value=evidence.lines)
