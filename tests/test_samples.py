"""The samples a user can read: hand-written gold outputs, and the regenerated expected tree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SAMPLE_EXPECTED, SAMPLE_GOLD, SAMPLE_INPUT

from cleaner.batch import REPORT_SUFFIX, clean_tree

GOLD_FILES = sorted(SAMPLE_GOLD.rglob("*.txt"))


@pytest.mark.parametrize("gold", GOLD_FILES, ids=lambda p: str(p.relative_to(SAMPLE_GOLD)))
def test_output_equals_hand_written_gold(cleaner, gold: Path) -> None:
    """Seeds (the user's own gold), one sample per category and per encoding case."""
    source = SAMPLE_INPUT / gold.relative_to(SAMPLE_GOLD)
    result = cleaner.clean_file(source)
    assert result.ok, result.error
    assert result.text == gold.read_text(encoding="utf-8")


SEED_REMOVALS = sorted((SAMPLE_GOLD / "seeds").glob("*.removed.json"))


@pytest.mark.parametrize("removed", SEED_REMOVALS, ids=lambda p: p.name)
def test_seed_removals_have_the_users_categories(cleaner, removed: Path) -> None:
    """Every line the user marked is removed with the user's category, and nothing else is."""
    source = SAMPLE_INPUT / "seeds" / removed.name.replace(".removed.json", ".txt")
    result = cleaner.clean_file(source)
    expected = {(r["line"], r["category"]) for r in json.loads(removed.read_text(encoding="utf-8"))}
    got = {(r["line"], r["category"]) for r in result.report["removals"]}
    assert got == expected


def test_category_samples_cover_every_category(cleaner) -> None:
    categories = set()
    for source in sorted((SAMPLE_INPUT / "categories").glob("*.txt")):
        categories.update(cleaner.clean_file(source).report["counts"])
    from cleaner.model import CATEGORIES

    assert set(CATEGORIES) - {"other"} <= categories


def test_expected_tree_is_reproduced_exactly(cleaner, tmp_path: Path) -> None:
    """samples/expected is what `cleaner clean samples/input` writes (regenerate with
    scripts/regen_goldens.py and review the diff)."""
    clean_tree([SAMPLE_INPUT], tmp_path, cleaner)
    expected = sorted(p.relative_to(SAMPLE_EXPECTED) for p in SAMPLE_EXPECTED.rglob("*")
                      if p.is_file() and p.suffix in (".txt", ".json", ".diff"))
    produced = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")
                      if p.is_file() and p.suffix in (".txt", ".json", ".diff"))
    assert produced == expected
    for rel in expected:
        assert (tmp_path / rel).read_bytes() == (SAMPLE_EXPECTED / rel).read_bytes(), rel


def test_archive_only_document_comes_out_empty_and_is_reported(cleaner) -> None:
    result = cleaner.clean_file(SAMPLE_INPUT / "categories" / "archive.txt")
    assert result.text == ""
    assert "output is empty" in result.report["flags"]
    assert set(result.report["counts"]) == {"archive"}


def test_reports_sit_beside_outputs(cleaner, tmp_path: Path) -> None:
    clean_tree([SAMPLE_INPUT / "seeds"], tmp_path, cleaner)
    for text in sorted(tmp_path.glob("*.txt")):
        report = json.loads(text.with_name(text.stem + REPORT_SUFFIX).read_text(encoding="utf-8"))
        assert report["status"] == "ok"
        assert report["source"] == text.name
        assert text.with_suffix(".diff").exists()


def test_the_clean_article_check_reports_no_removal_on_the_keep_samples(capsys: pytest.CaptureFixture[str]) -> None:
    """scripts/check_clean_articles.py, the held-out check of docs/accuracy.md, on the
    articles that must come out whole."""
    import importlib.util

    script = Path(__file__).resolve().parent.parent / "scripts" / "check_clean_articles.py"
    spec = importlib.util.spec_from_file_location("check_clean_articles", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main([str(SAMPLE_INPUT / "keep")]) == 0
    out = capsys.readouterr().out
    assert "3 articles, 0 removals" in out
    assert "== " not in out  # no article listed with removals
