"""Plain text in legacy encodings is decoded, not turned into cp1252 mojibake (issue 14, case 1).

Each case held on the old decoder: cp1251, KOI8-R, cp1250, Shift-JIS, EUC-JP, GB18030 and Big5
came out as cp1252 mojibake flagged like a correct cp1252 file, GB18030 got an ftfy "repair"
on top, and UTF-16/UTF-32 without a BOM were refused as binary.
"""

from __future__ import annotations

import pytest

from cleaner.api import clean_bytes
from cleaner.decode import decode_bytes

TEXTS = {
    "ru": "Городской совет принял решение о строительстве новой школы. Депутаты обсудили бюджет "
          "на следующий год и утвердили план работ.\nЖители района давно ждали этого решения.\n",
    "cs": "Městská rada schválila rozpočet na příští rok. Starosta řekl, že peníze půjdou hlavně na "
          "opravy škol a silnic.\nObčané se mohou vyjádřit do konce měsíce.\n",
    "pl": "Rada miejska zatwierdziła budżet na przyszły rok. Prezydent powiedział, że pieniądze pójdą "
          "głównie na szkoły.\n",
    "ja": "市議会は新しい学校の建設を決定した。議員たちは来年度の予算について議論し、工事の計画を承認した。\n"
          "住民は長い間この決定を待っていた。\n",
    "zh": "市议会决定建设一所新学校。议员们讨论了明年的预算，并批准了工程计划。\n居民们等待这个决定已经很久了。\n",
    "tw": "市議會決定建設一所新學校。議員們討論了明年的預算，並批准了工程計劃。\n居民們等待這個決定已經很久了。\n",
    "fr": "Le café de la place a rouvert ses portes. Les élèves ont dû attendre très longtemps, "
          "dit-elle à la fin.\n",
    "de": "Die Stadtverwaltung hat die Straße gesperrt. Größere Fahrzeuge müssen über die Brücke ausweichen.\n",
}

LEGACY = [("ru", "cp1251"), ("ru", "koi8_r"), ("cs", "cp1250"), ("pl", "cp1250"), ("ja", "shift_jis"),
          ("ja", "euc_jp"), ("zh", "gb18030"), ("tw", "big5")]


@pytest.mark.parametrize(("lang", "encoding"), LEGACY)
def test_legacy_code_pages_are_detected_and_reported_as_guessed(lang: str, encoding: str) -> None:
    result = clean_bytes(TEXTS[lang].encode(encoding))
    assert result.text == TEXTS[lang]
    assert result.repairs == []  # nothing "repaired" that was only mis-decoded
    info = result.report["input"]
    assert info["decoding"] == "detected" and info["guessed"] is True and info["encoding"] != "cp1252"
    assert any("encoding detected as" in f for f in result.flags)
    assert not any("low confidence" in f for f in result.flags)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("lang", ["ru", "ja", "fr"])
def test_utf16_and_utf32_without_bom_are_read_not_refused(lang: str, encoding: str) -> None:
    result = clean_bytes(TEXTS[lang].encode(encoding))
    assert result.ok, result.error
    assert result.text == TEXTS[lang]
    assert result.report["input"]["encoding"] == encoding and result.report["input"]["guessed"] is True


@pytest.mark.parametrize("lang", ["fr", "de"])
def test_real_cp1252_keeps_its_reading_and_flag(lang: str) -> None:
    text, decoded = decode_bytes(TEXTS[lang].encode("cp1252"))
    assert text == TEXTS[lang] and decoded.encoding == "cp1252" and decoded.confidence == "fallback"
    assert clean_bytes(TEXTS[lang].encode("cp1252")).flags == ["not valid UTF-8: decoded as cp1252"]


def test_a_weak_guess_is_flagged_on_its_own() -> None:
    result = clean_bytes("Привет мир\n".encode("cp1251"))  # too short to be sure of anything
    assert result.report["input"]["low_confidence"] is True
    assert any(f.startswith("encoding guessed with low confidence") for f in result.flags)


def test_exact_utf8_is_not_marked_guessed() -> None:
    result = clean_bytes(TEXTS["ru"].encode("utf-8"))
    assert result.report["input"]["decoding"] == "exact" and "guessed" not in result.report["input"]
    assert [f for f in result.flags if not f.startswith("language ")] == []  # no rule pack is Russian: flagged so


def test_binary_with_nuls_is_still_refused() -> None:
    data = bytes(range(256)) * 40
    result = clean_bytes(data)
    assert not result.ok and "binary" in (result.error or "")
