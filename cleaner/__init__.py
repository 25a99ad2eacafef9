"""cleaner: turn scraped news text into the clean article, and report exactly what was taken out."""

from __future__ import annotations

__version__ = "0.1.0"

from .api import Config, Result, clean_bytes, clean_file, clean_html, clean_paths, clean_text
from .jsonl import clean_example, clean_records, clean_str

__all__ = ["Config", "Result", "__version__", "clean_bytes", "clean_example", "clean_file", "clean_html", "clean_paths",
           "clean_records", "clean_str", "clean_text"]
