"""Which files of a walked folder are documents: text and HTML by extension, and the user's globs.

A folder of scraped pages also holds `.json` metadata, `.md` notes, `.jsonl` shards and
extension-less files; cleaning those as articles gives reports full of nonsense. So a walk
cleans only the extensions below (and their `.gz` / `.zst` versions) and counts and lists
every other file as skipped, with the reason. `--include GLOB` replaces the extension list
(only matching files are cleaned), `--exclude GLOB` leaves matching files out; a glob is
matched against the path relative to the folder given and against the bare file name. A
file named on the command line is always cleaned: the user chose it.
"""

from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import PurePath

from .compressed import strip_compression

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
DOCUMENT_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES


def is_document_name(name: str) -> bool:
    """True for the extensions a folder walk cleans (`.txt`, `.html`, ... and `.gz`/`.zst` of them)."""
    return strip_compression(name.lower()).endswith(DOCUMENT_SUFFIXES)


@dataclass(frozen=True)
class WalkFilter:
    """The user's `--include` / `--exclude` globs, and the default extension list."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def _matches(self, globs: tuple[str, ...], relative: PurePath) -> bool:
        text, name = relative.as_posix(), relative.name
        return any(fnmatchcase(text, g) or fnmatchcase(name, g) for g in globs)

    def skip_reason(self, relative: PurePath) -> str | None:
        """Why a walked file is not cleaned, or None to clean it."""
        if relative.name.startswith("."):
            return "dot file"
        if self.exclude and self._matches(self.exclude, relative):
            return "matches --exclude"
        if self.include:
            return None if self._matches(self.include, relative) else "does not match --include"
        if not is_document_name(relative.name):
            return "not a text or HTML file by its extension"
        return None
