"""Compressed inputs as corpora ship them: `.gz` and `.zst` (zstandard), for text, HTML and JSONL.

Decompression is bounded: at most `limit` bytes come out, so a small "zip bomb" cannot fill
memory; more is an input error naming the limit.
"""

from __future__ import annotations

import gzip
import io
import zlib
from pathlib import Path
from typing import IO

from .errors import InputError

COMPRESSED_SUFFIXES = (".gz", ".zst")
GZIP_MAGIC = b"\x1f\x8b"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"


def compression_of(name: str | Path) -> str | None:
    """"gz" or "zst" when the file name says it is compressed, else None."""
    lower = str(name).lower()
    return next((s[1:] for s in COMPRESSED_SUFFIXES if lower.endswith(s)), None)


def strip_compression(name: str) -> str:
    """`story.txt.gz` -> `story.txt` (the name the content has)."""
    return name[: -len(s)] if (s := next((s for s in COMPRESSED_SUFFIXES if name.lower().endswith(s)), "")) else name


def open_zstd_reader(raw: IO[bytes]) -> IO[bytes]:
    import zstandard

    return zstandard.ZstdDecompressor().stream_reader(raw, read_across_frames=True)  # type: ignore[no-any-return]


def open_zstd_writer(raw: IO[bytes]) -> IO[bytes]:
    import zstandard

    return zstandard.ZstdCompressor(level=3).stream_writer(raw, closefd=False)  # type: ignore[no-any-return]


def decompress(data: bytes, kind: str, limit: int) -> bytes:
    """The decompressed bytes of a `.gz` or `.zst` file, at most `limit` of them."""
    try:
        if kind == "gz":
            if not data.startswith(GZIP_MAGIC):
                raise InputError("not gzip data although the name ends in .gz")
            reader: IO[bytes] = gzip.GzipFile(fileobj=io.BytesIO(data))
        else:
            if not data.startswith(ZSTD_MAGIC):
                raise InputError("not zstandard data although the name ends in .zst")
            reader = open_zstd_reader(io.BytesIO(data))
        with reader:
            out = reader.read(limit + 1)
    except InputError:
        raise
    except (OSError, EOFError, zlib.error, ValueError) as exc:
        raise InputError(f"cannot decompress ({kind}): {exc}") from None
    except Exception as exc:  # zstandard.ZstdError is not an OSError
        raise InputError(f"cannot decompress ({kind}): {exc}") from None
    if len(out) > limit:
        raise InputError(f"too large once decompressed: over {limit} bytes (see --max-bytes)")
    return out
