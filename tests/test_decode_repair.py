"""Bytes to text and encoding repair: decode correctly, repair damage, never restyle text."""

from __future__ import annotations

import pytest

from cleaner.decode import decode_bytes
from cleaner.errors import InputError
from cleaner.repair import repair_text

ARTICLE = "Café owners say the city’s rules – “a lifeline” – will help.\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ARTICLE.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"), "utf-8"),
        (b"\xff\xfe" + ARTICLE.encode("utf-16-le"), "utf-16-le"),
        (b"\xfe\xff" + ARTICLE.encode("utf-16-be"), "utf-16-be"),
        (ARTICLE.encode("cp1252"), "cp1252"),
    ],
)
def test_decodes_supported_encodings(data: bytes, encoding: str) -> None:
    text, decoded = decode_bytes(data)
    assert text == ARTICLE
    assert decoded.encoding == encoding


@pytest.mark.parametrize(("data", "message"), [(b"", "empty"), (b"\x00\x01\x02PNG\x00\x00", "binary")])
def test_refuses_empty_and_binary(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        decode_bytes(data)


def test_correct_text_is_never_rewritten() -> None:
    text = "“Quotes” ‘single’ – dashes — ﬁ ligature, ｆｕｌｌ width, e\u0301 combining, no\u00a0break\n"
    assert repair_text(text) == (text, [])


def test_mojibake_entities_and_controls_are_repaired_and_reported() -> None:
    fixed, repairs = repair_text("Russiaâ€™s talks &amp; more\x07\n")
    assert fixed == "Russia’s talks & more\n"
    kinds = {k for r in repairs for k in r.kind.split("+")}
    assert {"mojibake", "html-entity", "control-chars"} <= kinds
    for r in repairs:
        assert fixed[r.span.start : r.span.end] == r.after


def test_line_breaks_are_normalised_and_counted() -> None:
    fixed, repairs = repair_text("a\r\nb\rc\n")
    assert fixed == "a\nb\nc\n"
    assert repairs[0].kind == "line-breaks" and repairs[0].count == 2
