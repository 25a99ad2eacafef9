"""The library as a step in other tools: a plain function per text, per example, and a generator."""

from __future__ import annotations

import json
from itertools import count, islice

import pytest
from conftest import require_engine

from cleaner import clean_example, clean_records, clean_str, clean_text

BODY = ("The city council approved the new budget on Tuesday after a long debate about schools and roads.\n"
        "Officials said the plan would take effect next year, and residents will see changes in the spring.\n")
DIRTY = f"Share this article\n{BODY}Advertisement\n"


def test_clean_str_is_a_plain_text_to_text_function():
    texts = [DIRTY, BODY]
    assert list(map(clean_str, texts)) == [BODY, BODY]


def test_clean_str_with_pandas_apply():
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"text": [DIRTY, BODY], "id": [1, 2]})
    frame["text"] = frame["text"].apply(clean_str)
    assert frame["text"].tolist() == [BODY, BODY] and frame["id"].tolist() == [1, 2]


def test_clean_example_for_datasets_map_returns_the_same_types_for_every_row():
    good = clean_example({"text": DIRTY, "id": 1})
    assert good["text"] == BODY
    report = json.loads(good["cleaner"])
    assert report["counts"] == {"social": 1, "ads": 1} and report["status"] == "ok"
    missing = clean_example({"body": "x"})
    assert missing["text"] is None
    assert json.loads(missing["cleaner"])["status"] == "error"
    assert {type(v) for v in good.values()} == {str} and isinstance(missing["cleaner"], str)


def test_clean_example_with_datasets_map():
    datasets = require_engine("datasets")  # the test extra installs it: in CI a missing one fails
    ds = datasets.Dataset.from_dict({"text": [DIRTY, BODY], "id": [1, 2]}).map(clean_example)
    assert ds["text"] == [BODY, BODY] and ds["id"] == [1, 2]


def test_clean_records_is_lazy_ordered_and_keeps_fields():
    endless = ({"n": n, "text": DIRTY.replace("Tuesday", f"day {n}")} for n in count())
    first = list(islice(clean_records(endless), 3))  # an endless input: only what is asked for is cleaned
    assert [r["n"] for r in first] == [0, 1, 2]
    assert first[1]["text"] == clean_text(DIRTY.replace("Tuesday", "day 1")).text == BODY.replace("Tuesday", "day 1")
    assert first[1]["cleaner"]["counts"] == {"social": 1, "ads": 1}


def test_clean_records_passes_or_skips_bad_records():
    records = [{"text": DIRTY}, {"title": "no text"}, {"text": None}]
    passed = list(clean_records(records))
    assert len(passed) == 3 and passed[1]["title"] == "no text"
    assert passed[1]["cleaner"] == {"status": "error", "error": "field 'text' is missing"}
    assert passed[2]["cleaner"]["status"] == "error"
    assert [r["text"] for r in clean_records(records, on_bad_record="skip")] == [BODY]
    full = next(clean_records(records[:1], full_report=True))
    assert full["cleaner"]["text"] == DIRTY and len(full["cleaner"]["removals"]) == 2


def test_clean_str_keeps_a_cells_own_edges():
    assert clean_str("Share this article\nThe story, without a final newline.") == "The story, without a final newline."
    assert clean_str(DIRTY) == BODY
