"""Bytes to text: honour a BOM, prefer UTF-8, detect other encodings, fall back to cp1252, refuse binary.

The decoder decides *how* bytes become characters and says so (`Decoded`), so a report can
tell a reviewer whether the text was read exactly or by a fallback. Repairing what was
already broken before the file was saved (mojibake) is `repair.py`'s job, not this one.
"""

from __future__ import annotations

import codecs

from .detect import central_european, non_western, wide_unicode
from .errors import InputError
from .model import Decoded

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: C0 controls that never appear in text files (tab, newlines and form feed are allowed).
_BINARY_CONTROLS = bytes(c for c in range(32) if c not in (9, 10, 12, 13))


def _cp1252_byte(byte: int) -> str:
    """One byte as Windows-1252, or as Latin-1 for the five bytes cp1252 leaves undefined."""
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return bytes([byte]).decode("latin-1")


def _mixed_handler(err: UnicodeDecodeError) -> tuple[str, int]:
    bad = err.object[err.start : err.end]
    return "".join(_cp1252_byte(b) for b in bad), err.end


codecs.register_error("cleaner-cp1252", _mixed_handler)


_SAMPLE = 65536


def looks_binary(data: bytes) -> bool:
    """More than 1% control bytes, or more than a few NUL bytes, at the start or the end: not text.

    Both ends are sampled so a text header on a binary blob (or binary appended to text) is
    caught without reading the whole file twice. A stray NUL or two in a long text is
    damage, not a format: such a file is read as text and the repair removes the NULs.
    """
    samples = [data[:_SAMPLE]]
    if len(data) > 2 * _SAMPLE:
        samples.append(data[-_SAMPLE:])
    for sample in samples:
        if sample.count(b"\x00") > max(2, len(sample) // 1000):
            return True
        controls = sum(sample.count(bytes([c])) for c in _BINARY_CONTROLS)
        if controls > max(2, len(sample) // 100):
            return True
    return False


def decode_bytes(data: bytes) -> tuple[str, Decoded]:
    """Decode a text file's bytes; raise `InputError` for empty or binary input.

    Order: a BOM; UTF-32/UTF-16 without a BOM (`detect.wide_unicode`); binary refused;
    UTF-8; a non-Latin code page (`detect.non_western`); UTF-8 with stray cp1252 bytes;
    cp1250 (`detect.central_european`); else cp1252 as before. Every path but a BOM or valid
    UTF-8 is a guess and says so (`Decoded.guessed`).
    """
    if not data:
        raise InputError("empty file")
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(name), Decoded(encoding=name, bom=True)
            except UnicodeDecodeError as exc:
                raise InputError(f"starts with a {name} byte-order mark but is not valid {name}: {exc.reason} "
                                 f"at byte {exc.start + len(bom)}") from None
    wide = wide_unicode(data)
    if wide is not None:
        return wide.text, Decoded(encoding=wide.encoding, confidence="fallback", score=wide.score)
    if looks_binary(data):
        raise InputError("binary file (NUL or control bytes), not text")
    try:
        return data.decode("utf-8"), Decoded(encoding="utf-8")
    except UnicodeDecodeError:
        pass
    guess = non_western(data)
    if guess is not None:
        return guess.text, Decoded(encoding=guess.encoding, confidence="detected", score=guess.score,
                                   low=guess.low)
    if _has_valid_multibyte_utf8(data):
        # Mostly UTF-8 with stray single-byte characters pasted in: keep the UTF-8 and read
        # only the invalid bytes as cp1252, instead of turning every accent into mojibake.
        return data.decode("utf-8", errors="cleaner-cp1252"), Decoded(
            encoding="utf-8+cp1252", confidence="fallback")
    guess = central_european(data)
    if guess is not None:
        return guess.text, Decoded(encoding=guess.encoding, confidence="detected", score=guess.score)
    try:
        return data.decode("cp1252"), Decoded(encoding="cp1252", confidence="fallback")
    except UnicodeDecodeError:
        return data.decode("latin-1"), Decoded(encoding="latin-1", confidence="fallback")


def _has_valid_multibyte_utf8(data: bytes) -> bool:
    """True if the bytes hold at least one well-formed multi-byte UTF-8 sequence."""
    text = data.decode("utf-8", errors="replace")
    return any(ord(ch) > 0x7F and ch != "\ufffd" for ch in text)


def decoding_flags(decoded: Decoded) -> list[str]:
    """Review flags for a guessed decoding; a low-confidence guess gets its own wording."""
    if not decoded.guessed:
        return []
    if decoded.low:
        return [f"encoding guessed with low confidence: decoded as {decoded.encoding} "
                f"(score {decoded.score:.2f}); the text may be mis-decoded"]
    if decoded.confidence == "detected":
        return [f"not valid UTF-8: encoding detected as {decoded.encoding} (score {decoded.score:.2f})"]
    if decoded.encoding.startswith(("utf-16", "utf-32")):
        return [f"no byte-order mark: decoded as {decoded.encoding}"]
    return [f"not valid UTF-8: decoded as {decoded.encoding}"]


def decoded_info(decoded: Decoded) -> dict[str, object]:
    """The report's `input` fields for a decoding; `guessed` and `score` only for a guess."""
    info: dict[str, object] = {"encoding": decoded.encoding, "bom": decoded.bom, "decoding": decoded.confidence}
    if decoded.guessed:
        info["guessed"] = True
        if decoded.score is not None:
            info["score"] = decoded.score
        if decoded.low:
            info["low_confidence"] = True
    return info
