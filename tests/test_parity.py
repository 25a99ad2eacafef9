"""scripts/parity.py: the record-and-compare harness that guards the port to the compiled core.

The full record (ScrapingHub, Multi-News, fuzz seeds) needs shared/; the tests run the same
compare on the samples, which every clone has.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import parity  # noqa: E402


@pytest.fixture(scope="module")
def sample_record(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("parity")
    assert parity.record(directory, ["samples"]) == len([p for p in (ROOT / "samples" / "input").rglob("*")
                                                          if p.is_file()])
    return directory


def test_parity_compare_on_the_samples_finds_no_difference(sample_record: Path) -> None:
    count, found = parity.compare(sample_record)
    assert count > 0
    assert found == []


def test_parity_compare_names_document_field_and_offset(sample_record: Path, tmp_path: Path) -> None:
    with gzip.open(sample_record / parity.RECORD_NAME, "rt", encoding="utf-8") as f:
        entries = [json.loads(line) for line in f]
    target = next(e for e in entries if e["report"].get("removals"))
    target["text"] = target["text"][:5] + "X" + target["text"][6:]
    target["report"]["removals"][0]["rule"] = "some.other-rule"
    with gzip.open(tmp_path / parity.RECORD_NAME, "wt", encoding="utf-8") as f:
        f.writelines(json.dumps(e, ensure_ascii=False) + "\n" for e in entries)
    _count, found = parity.compare(tmp_path)
    assert f"{target['id']} text: offset 5 (lengths {len(target['text'])} and {len(target['text'])})" in found
    assert any(line.startswith(f"{target['id']} report.removals: item 0: rule:") for line in found)
    assert len(found) == 2


def test_parity_record_leaves_out_what_varies_between_runs() -> None:
    report = {"cleaner_version": "1", "flags": ["rule x timed out on line 3 and was skipped", "output is empty"]}
    assert parity.stable_report(report) == {"flags": ["output is empty"]}
