"""Shared paths and helpers for the test suite (which never needs ../shared)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SAMPLE_INPUT = SAMPLES / "input"
SAMPLE_GOLD = SAMPLES / "gold"
SAMPLE_EXPECTED = SAMPLES / "expected"


def sample_inputs() -> list[Path]:
    """Every plain-text sample input (HTML samples have their own tests)."""
    return sorted(p for p in SAMPLE_INPUT.rglob("*.txt"))


@pytest.fixture(scope="session")
def cleaner():
    from cleaner.api import Cleaner, Config

    return Cleaner(Config())


def require_engine(name: str):
    """Import an engine the integration tests run (datatrove, ray): skip without it, except in CI.

    The test extra installs the engines, so in CI (`CI` set, as `.ci/run` runs) a missing
    engine is a failure, never a silent skip.
    """
    import importlib
    import os

    if os.environ.get("CI"):
        return importlib.import_module(name)
    return pytest.importorskip(name)
