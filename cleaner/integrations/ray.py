"""cleaner for Ray Data: a function for `Dataset.map_batches`.

    import ray
    from cleaner.integrations.ray import clean_batch

    ray.data.read_json("corpus/").map_batches(clean_batch, batch_format="pandas").write_json("clean/")

Each batch (a pandas DataFrame, a pyarrow Table or Ray's default dict of numpy arrays) comes
back with the text column replaced by the clean text and a report column added, every other
column untouched. Each row is cleaned exactly as `cleaner clean corpus.jsonl` cleans a record
(`jsonl.clean_record`), so the text is the same and the report column holds the same compact
report, as a JSON string: its keys differ between rows, and an Arrow column needs one type.

A row whose text is not a string (missing, null) keeps its value and gets an error report; a
document that fails keeps its text with `status: "error"`; no row is ever dropped, so a
dataset keeps its length. The `Cleaner` is built once per worker process (`get_cleaner`).

Importing this module needs nothing but cleaner; pandas and pyarrow are imported only for
batches of their type, and Ray itself only by the caller.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from ..api import Config, get_cleaner
from ..jsonl import JsonlOptions, clean_record


def clean_values(values: Iterable[Any], config: Config | None = None, full_report: bool = False,
                 source: str = "<batch>") -> tuple[list[Any], list[str]]:
    """Clean a column of texts: (clean texts, reports as JSON strings), row for row."""
    cleaner = get_cleaner(config)
    options = JsonlOptions(full_report=full_report)
    texts: list[Any] = []
    reports: list[str] = []
    for row, value in enumerate(values):
        out, problem, _ = clean_record(cleaner, {"text": value}, options, f"{source}:{row}")
        if out is None:
            texts.append(value)
            reports.append(json.dumps({"status": "error", "error": problem}, ensure_ascii=False))
        else:
            texts.append(out["text"])
            reports.append(json.dumps(out["cleaner"], ensure_ascii=False))
    return texts, reports


def clean_batch(batch: Any, text_column: str = "text", report_column: str = "cleaner",
                config: Config | None = None, full_report: bool = False) -> Any:
    """`map_batches` function: the batch with `text_column` cleaned and `report_column` added.

    Pass options with `fn_kwargs={"text_column": "body", "config": Config(...)}`. The batch
    comes back in the format it came in.
    """
    kind = type(batch).__module__.split(".")[0]
    if kind == "pandas":
        texts, reports = clean_values(batch[text_column].tolist(), config, full_report)
        out = batch.copy()
        out[text_column] = texts
        out[report_column] = reports
        return out
    if kind == "pyarrow":
        import pyarrow as pa

        texts, reports = clean_values(batch.column(text_column).to_pylist(), config, full_report)
        index = batch.schema.get_field_index(text_column)
        table = batch.set_column(index, text_column, pa.array(texts, type=pa.string()))
        if report_column in table.schema.names:
            table = table.drop_columns([report_column])
        return table.append_column(report_column, pa.array(reports, type=pa.string()))
    if isinstance(batch, dict):  # Ray's "numpy" batch format: column name -> numpy array
        import numpy as np

        texts, reports = clean_values(list(batch[text_column]), config, full_report)
        return {**batch, text_column: np.array(texts, dtype=object), report_column: np.array(reports, dtype=object)}
    raise TypeError(f"clean_batch takes a pandas DataFrame, a pyarrow Table or a dict of arrays, "
                    f"not {type(batch).__name__}")
