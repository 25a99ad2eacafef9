"""Each document's language is in its report; one no loaded pack covers is flagged for review."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner import clean_text
from cleaner.api import Cleaner, Config
from cleaner.language import MIN_CHARS

GERMAN = ("Der Bundestag hat am Donnerstag nach langer Debatte das neue Gesetz beschlossen, das die Mieten in "
          "den großen Städten begrenzen soll. Die Opposition kündigte an, dagegen vor Gericht zu ziehen.\n"
          "Jetzt teilen\n")
FRENCH = ("Le gouvernement a annoncé mardi une réforme des retraites très contestée par les syndicats, qui "
          "appellent à une nouvelle journée de grève dans toute la France la semaine prochaine.\n")
ENGLISH = ("The city council approved the new budget on Tuesday after a long debate about schools and roads. "
           "Officials said the plan would take effect next year.\n")


def test_the_report_names_the_language_and_its_confidence() -> None:
    report = clean_text(ENGLISH).report
    assert report["language"]["code"] == "en" and report["language"]["confidence"] > 0.9
    assert not any("language" in f for f in report["flags"])


@pytest.mark.parametrize(("text", "code"), [(GERMAN, "de"), (FRENCH, "fr")])
def test_a_language_no_pack_covers_is_flagged(text: str, code: str) -> None:
    result = clean_text(text)
    assert result.report["language"]["code"] == code
    flagged = [f for f in result.flags if f.startswith(f"language {code} ")]
    assert len(flagged) == 1 and "no rule pack covers it (packs: en)" in flagged[0]


def test_a_pack_for_the_language_clears_the_flag(tmp_path: Path) -> None:
    pack = tmp_path / "de"
    pack.mkdir()
    (pack / "social.toml").write_text(
        '[[rules]]\nid = "de.teilen"\ncategory = "social"\nscope = "line"\npattern = \'\'\'^jetzt teilen$\'\'\'\n'
        'reason = "ein Teilen-Knopf"\nexamples.remove = ["Jetzt teilen"]\nexamples.keep = ["Wir teilen uns das."]\n',
        encoding="utf-8")
    result = Cleaner(Config(rules_dirs=(str(tmp_path),))).clean_text(GERMAN)
    assert result.report["language"]["code"] == "de"
    assert not any("language" in f for f in result.flags)
    assert "Jetzt teilen" not in result.text


def test_short_text_gets_no_verdict_and_the_switch_turns_it_off() -> None:
    short = "Share this\nA story.\n"
    assert len(short) < MIN_CHARS and clean_text(short).report["language"] is None
    assert Cleaner(Config(language=False)).clean_text(GERMAN).report["language"] is None


def test_the_identifier_loads_its_model_from_the_wheel_without_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    from cleaner import language

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the language identifier tried to open a network connection")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    language._identifier.cache_clear()
    assert language.identify(FRENCH) is not None and language.identify(FRENCH)[0] == "fr"  # type: ignore[index]
    import py3langid

    assert Path(py3langid.__file__).parent.joinpath("data").is_dir()  # the model is a file of the package


def test_the_summary_holds_the_flag(tmp_path: Path) -> None:
    from cleaner.batch import clean_tree

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "de.txt").write_text(GERMAN, encoding="utf-8")
    clean_tree([tmp_path / "in"], tmp_path / "out", Cleaner(Config()))
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert any("language de" in f for item in summary["flagged"] for f in item["flags"])


def test_no_language_switches_identification_off_on_the_command_line(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from cleaner.cli import app

    (tmp_path / "de.txt").write_text(GERMAN, encoding="utf-8")
    for args, expected in (([], "de"), (["--no-language"], None)):
        out = tmp_path / ("off" if args else "on")
        result = CliRunner().invoke(app, ["clean", str(tmp_path / "de.txt"), "-o", str(out), "--no-review", *args])
        assert result.exit_code == 0, result.output
        language = json.loads((out / "de.report.json").read_text(encoding="utf-8"))["language"]
        assert (language or {}).get("code") == expected
