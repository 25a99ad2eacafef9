"""Bytes of a web page to text: gzip, then BOM, then the page's declared charset, then detection.

Saved pages lie about their encoding often enough to matter: a page declared
`iso-8859-1` whose bytes are really UTF-8 would come out as mojibake ("Ã©") if the
declaration were trusted. Non-ASCII text that happens to be valid UTF-8 is almost never
anything else (legacy multi-byte encodings such as Shift-JIS or GBK rarely form valid
UTF-8 either), so valid UTF-8 beats any declaration; otherwise the declaration is
honoured when the bytes decode under it, and detection (charset-normalizer) decides when
neither fits. `Decoded` says which path was taken, and a note tells a reviewer when the
declaration was overruled.
"""

from __future__ import annotations

import codecs
import re
import zlib

from .decode import _BOMS
from .errors import InputError
from .model import Decoded

#: How much of the page is searched for a `<meta charset>` (HTML5 says the first 1024
#: bytes; real pages put long `<head>` scripts first, so look further).
META_WINDOW = 16384

_META_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*\bencoding\s*=\s*["']([-\w.:]+)["']""", re.IGNORECASE)

#: The WHATWG rule: browsers read these labels as windows-1252.
_AS_CP1252 = {"latin_1", "iso8859_1", "ascii"}


def gunzip(data: bytes, max_bytes: int) -> bytes:
    """Uncompress gzip bytes, refusing output over `max_bytes` (a decompression bomb is an input error)."""
    stream = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = stream.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise InputError(f"not valid gzip: {exc}") from None
    if len(out) > max_bytes:
        raise InputError(f"too large once uncompressed: over {max_bytes} bytes (see --max-bytes)")
    return out


def is_gzip(data: bytes) -> bool:
    return data[:2] == b"\x1f\x8b"


def declared_charset(data: bytes) -> str | None:
    """The charset the page declares (XML declaration or meta tag), as a Python codec name."""
    head = data[:META_WINDOW]
    match = _XML_DECL.match(head) or _META_CHARSET.search(head)
    if not match:
        return None
    label = match.group(1).decode("ascii", "ignore").strip().lower()
    try:
        return codecs.lookup(label).name.replace("-", "_")
    except LookupError:
        return None


def _utf8_with_non_ascii(data: bytes) -> str | None:
    """The text, when the bytes are valid UTF-8 holding at least one multi-byte character."""
    if data.isascii():
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def decode_html(data: bytes, max_bytes: int | None = None) -> tuple[str, Decoded, str | None]:
    """Decode one page's bytes (gzip allowed): text, how, and a note when the declaration was overruled.

    Raises `InputError` for empty, binary or over-large input.
    """
    if is_gzip(data):
        data = gunzip(data, max_bytes or len(data) * 50 + 1024 * 1024)
    if not data.strip():
        raise InputError("empty page")
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(name, errors="replace"), Decoded(encoding=name, bom=True), None
    if b"\x00" in data[:4096]:
        raise InputError("binary file (NUL bytes), not an HTML page")
    declared = declared_charset(data)
    as_utf8 = _utf8_with_non_ascii(data)
    if as_utf8 is not None:
        note = None if declared in (None, "utf_8") else f"declared {declared}, but the bytes are UTF-8"
        return as_utf8, Decoded(encoding="utf-8"), note
    if declared and declared != "utf_8":
        codec = "cp1252" if declared in _AS_CP1252 else declared
        try:
            return data.decode(codec), Decoded(encoding=codec), None
        except UnicodeDecodeError:
            pass
    if data.isascii():
        return data.decode("ascii"), Decoded(encoding="ascii"), None
    return _detect(data, declared)


def _detect(data: bytes, declared: str | None) -> tuple[str, Decoded, str | None]:
    """Neither the declaration nor UTF-8 fits: ask charset-normalizer, else read as cp1252."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    note = f"declared {declared}, but the bytes do not decode as that" if declared else None
    if best is not None:
        try:
            text = data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            pass
        else:
            return text, Decoded(encoding=best.encoding, confidence="fallback"), note
    if declared == "utf_8" or _mostly_utf8(data):
        decoded = Decoded(encoding="utf-8+cp1252", confidence="fallback")
        return data.decode("utf-8", errors="cleaner-cp1252"), decoded, note
    return data.decode("cp1252", errors="cleaner-cp1252"), Decoded(encoding="cp1252", confidence="fallback"), note


def _mostly_utf8(data: bytes) -> bool:
    text = data.decode("utf-8", errors="replace")
    return text.count("\ufffd") * 20 < sum(1 for ch in text if ord(ch) > 0x7F)
