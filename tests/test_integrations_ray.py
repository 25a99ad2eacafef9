"""cleaner on a local Ray: datatrove's RayPipelineExecutor and Ray Data's map_batches give the
JSONL CLI's records. Ray starts once for the module (about 15 s), on 2 CPUs."""

from __future__ import annotations

import json
import os
import shutil
import tempfile

import pytest
from conftest import require_engine
from engine_corpus import Corpus, as_bytes, build_corpus, read_records

ray = require_engine("ray")
require_engine("datatrove")
require_engine("pandas")
require_engine("pyarrow")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pyarrow as pa  # noqa: E402
from datatrove.executor import RayPipelineExecutor  # noqa: E402
from test_integrations_datatrove import check_outputs, check_stats, pipeline, step_stats  # noqa: E402

from cleaner.integrations.ray import clean_batch  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Corpus:
    return build_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def local_ray():
    temp = tempfile.mkdtemp(prefix="ray-")  # short: Ray's socket paths must stay under 108 bytes
    # Workers inherit TMPDIR: datatrove's Ray executor keeps its task logs under it, so they
    # go into this folder, which is removed afterwards, instead of staying in /tmp.
    saved = os.environ.get("TMPDIR")
    os.environ["TMPDIR"] = temp
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, object_store_memory=200 * 1024 * 1024,
             _temp_dir=temp)
    try:
        yield ray
    finally:
        ray.shutdown()
        if saved is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = saved
        shutil.rmtree(temp, ignore_errors=True)


def test_ray_executor_gives_the_jsonl_cli_records_and_totals(local_ray, corpus, tmp_path):
    out, logs = tmp_path / "out", tmp_path / "logs"
    RayPipelineExecutor(pipeline(corpus, out), tasks=4, workers=2, logging_dir=str(logs),
                        mem_per_cpu_gb=0.5).run()
    check_outputs(corpus, out)
    check_stats(corpus, step_stats(logs))


def test_map_batches_recipe_gives_the_jsonl_cli_records(local_ray, corpus, tmp_path):
    out = tmp_path / "clean"
    (ray.data.read_json(str(corpus.shards))
        .map_batches(clean_batch, batch_format="pandas", batch_size=8)
        .write_json(str(out)))
    got = {r["id"]: r for r in read_records(out)}
    assert got.keys() == corpus.expected.keys()  # no row dropped, the emptied ones included
    for doc_id, want in corpus.expected.items():
        assert got[doc_id]["text"].encode("utf-8") == want["text"].encode("utf-8"), doc_id
        assert as_bytes(json.loads(got[doc_id]["cleaner"])) == as_bytes(want["cleaner"]), doc_id


def test_every_batch_format_gives_the_same_columns(corpus):
    ids = sorted(corpus.originals)[:6]
    texts = [corpus.originals[i] for i in ids]
    frame = clean_batch(pd.DataFrame({"id": ids, "text": texts}))
    table = clean_batch(pa.table({"id": ids, "text": texts}))
    arrays = clean_batch({"id": np.array(ids), "text": np.array(texts, dtype=object)})
    assert frame["text"].tolist() == [corpus.expected[i]["text"] for i in ids]
    assert [json.loads(r) for r in frame["cleaner"]] == [corpus.expected[i]["cleaner"] for i in ids]
    for other in (table.to_pydict(), {k: v.tolist() for k, v in arrays.items()}):
        assert other == frame.to_dict(orient="list")
    assert table.schema.field("cleaner").type == pa.string()


def test_a_row_without_text_keeps_its_value_and_says_why():
    text = "A short story.\n"
    frame = clean_batch(pd.DataFrame({"body": [text, None]}), text_column="body")
    assert frame["body"].tolist() == [text, None]
    report = json.loads(frame["cleaner"][1])
    assert report["status"] == "error" and "NoneType" in report["error"]


def test_other_batch_types_are_refused():
    with pytest.raises(TypeError, match="pandas DataFrame"):
        clean_batch(["a text"])
