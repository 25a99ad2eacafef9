"""cleaner as a datatrove `PipelineStep`: one step for the local, Slurm and Ray executors.

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleaner.integrations.datatrove import CleanerStep

    LocalPipelineExecutor([JsonlReader("corpus/"),
                           CleanerStep(exclusion_writer=JsonlWriter("emptied/")),
                           JsonlWriter("clean/")], tasks=4, workers=2, logging_dir="logs/").run()

Why a step and not a filter: cleaning rewrites the text, it does not only keep or drop a
document. Each document's text is replaced by the clean text, exactly as the JSONL CLI
writes it (the same `jsonl.clean_record`), and the compact report (or the full one) goes to
`doc.metadata["cleaner"]`, so the account of every removal travels with the document. A
document that comes out empty (a crawl notice, a widget page) is dropped by default and,
like datatrove's filters do, handed to `exclusion_writer` with its original text, so a
person can check what went. Removals are counted by category and rule through datatrove's
stats (`stats.json`), which add up across tasks to the totals a JSONL run prints.

The step holds only its `Config`; the `Cleaner` (validated, compiled rules) is built once per
worker process when the step first runs, so the step pickles small for any executor.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from dataclasses import replace
from typing import Any

from datatrove.data import Document, DocumentsPipeline
from datatrove.io import DataFolderLike
from datatrove.pipeline.base import PipelineStep
from datatrove.pipeline.writers.disk_base import DiskWriter
from datatrove.utils.typeshelper import StatHints

from ..api import Cleaner, Config, get_cleaner
from ..jsonl import JsonlOptions, clean_record
from .datatrove_corpus import group_record, load_evidence

ON_EMPTY = ("drop", "keep")
#: The `filter_reason` an emptied document carries to the exclusion writer (datatrove's convention).
EMPTY_REASON = "cleaner_empty"

# Stat names (datatrove adds them up over tasks into stats.json). Per category and per rule
# the value is the number of removals, as in cleaner's summary.
STAT_CLEANED = "cleaned"
STAT_FAILED = "failed"
STAT_FLAGGED = "flagged"
STAT_REMOVALS = "removals"
STAT_CHARS_IN = "chars_in"
STAT_CHARS_OUT = "chars_out"
STAT_DROPPED_EMPTY = f"dropped_{EMPTY_REASON}"
CATEGORY_PREFIX = "category/"
RULE_PREFIX = "rule/"


class CleanerStep(PipelineStep):
    """Clean each document's text in place and attach its report; drop (or keep) emptied ones.

    Args:
        config: how to clean (rules, disabled rules, limits); the default `Config()` if None.
        on_empty: "drop" (default) sends a document whose clean text is empty to
            `exclusion_writer` (or nowhere) instead of downstream; "keep" passes it on with
            empty text.
        exclusion_writer: a datatrove writer for the dropped documents, written with their
            original text, the report and `filter_reason`.
        full_report: put the full report (every removal with its text and reason, the
            repaired input; `cleaner.report.replay` gives the clean text back) in the
            metadata instead of the compact one.
        report_key: the metadata key of the report.
        evidence_folder: the counts folder of a `CorpusCountStep` pipeline run before this one:
            its merged corpus evidence is loaded once per worker process and each document is
            cleaned with it, in its group from its metadata (`url`/`domain`, or the counting
            step's `group_by` field), as `cleaner clean corpus.jsonl --corpus-evidence` does.
            (Or give the evidence itself: `Config(corpus_evidence=...)`.)

    A document that cannot be cleaned (over a limit with `on_limit="skip"`, or a text that is
    not a string) is passed on unchanged with the reason in its report (as the JSONL CLI
    passes it through) and counted as `failed`, never lost.
    """

    name = "🧹 cleaner"
    type = "✂️ - FORMAT"

    def __init__(self, config: Config | None = None, on_empty: str = "drop",
                 exclusion_writer: DiskWriter | None = None, full_report: bool = False,
                 report_key: str = "cleaner", evidence_folder: DataFolderLike | None = None) -> None:
        super().__init__()
        if on_empty not in ON_EMPTY:
            raise ValueError(f"on_empty must be one of {ON_EMPTY}, not {on_empty!r}")
        self.config = config or Config()
        self.on_empty = on_empty
        self.exclusion_writer = exclusion_writer
        self.options = JsonlOptions(full_report=full_report, report_field=report_key)
        self.evidence_folder = evidence_folder
        self._cleaner: Cleaner | None = None  # built in the worker process, never pickled

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_cleaner": None}

    def cleaner(self) -> Cleaner:
        """The Cleaner, built once per process when the first document comes. With
        `evidence_folder` it loads the merged evidence then (pipeline 1 has written it by now).
        Kept on the step: hashing a config with evidence digests the whole evidence."""
        if self._cleaner is None:
            config = self.config
            if self.evidence_folder is not None:
                config = replace(config, corpus_evidence=load_evidence(self.evidence_folder))
            self._cleaner = get_cleaner(config) if config.corpus_evidence is None else Cleaner(config)
        return self._cleaner

    def clean_document(self, doc: Document) -> bool:
        """Clean one document in place; True if it goes on downstream."""
        cleaner = self.cleaner()
        _ = cleaner.stages  # rules are loaded and compiled outside the step's timer
        key = self.options.report_field
        evidence = cleaner.config.corpus_evidence  # the metadata fields the document's group comes from
        group = group_record(doc, evidence.group_by) if evidence is not None else {}
        record = {**group, "text": doc.text}
        with self.track_time():
            out, problem, result = clean_record(cleaner, record, self.options, str(doc.id))
        if out is None or result is None:  # not a string (a custom reader adapter): passed on as it came
            doc.metadata[key] = {"status": "error", "error": problem}
            self.stat_update(STAT_FAILED)
            return True
        doc.metadata[key] = out[key]
        if not result.ok:
            self.stat_update(STAT_FAILED)
            return True
        self._count(result.report)
        if out["text"] or self.on_empty == "keep":
            doc.text = out["text"]
            return True
        return False

    def _count(self, report: dict[str, Any]) -> None:
        self.stat_update(STAT_CLEANED)
        self.stat_update(STAT_CHARS_IN, value=report.get("chars_in", 0))
        self.stat_update(STAT_CHARS_OUT, value=report.get("chars_out", 0))
        if report.get("flags"):
            self.stat_update(STAT_FLAGGED)
        counts = report.get("counts", {})
        if counts:
            self.stat_update(STAT_REMOVALS, value=sum(counts.values()))
        for category, n in counts.items():
            self.stat_update(CATEGORY_PREFIX + category, value=n)
        rules = Counter(r["rule"] for r in report.get("removals", []))  # the full report of `result`
        for rule, n in rules.items():
            self.stat_update(RULE_PREFIX + rule, value=n)

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        if data is None:
            return
        with self.exclusion_writer if self.exclusion_writer else contextlib.nullcontext() as writer:
            for doc in data:
                self.stat_update(StatHints.total)
                if self.clean_document(doc):
                    self.stat_update(StatHints.forwarded)
                    if isinstance(doc.text, str):
                        self.update_doc_stats(doc)
                    yield doc
                    continue
                self.stat_update(StatHints.dropped)
                self.stat_update(STAT_DROPPED_EMPTY)
                if writer is not None:  # the text is still the input: only kept documents are rewritten
                    doc.metadata["filter_reason"] = EMPTY_REASON
                    writer.write(doc, rank)
