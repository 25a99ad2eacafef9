"""Fuzz the whole pipeline with mutated real documents for a fixed time.

Why: unit and property tests cover the inputs we thought of; scraped corpora hold the ones
we did not. This harness takes real articles (the shared seeds, `samples/`, any folder given
with --seeds), mutates their bytes, lines and encodings, runs `Cleaner.clean_bytes` on each
mutant and checks the invariants the tool promises:

- no exception escapes (bad input must come back as a `Result` with a one-line `error`);
- replay: `report.replay(report)` equals the output;
- the output is a subsequence of the repaired text (nothing invented or reordered);
- idempotence: cleaning the output again removes nothing;
- every error message is one line;
- one document finishes well inside the time limit.

Every violation is printed and the input saved under --out (`<kind>-<sha>.bin` plus a
`.txt` note), so it can be turned into a regression test. Usage:

    .venv/bin/python scripts/fuzz.py --minutes 30 --out /tmp/fuzz-findings
"""

from __future__ import annotations

import argparse
import codecs
import hashlib
import random
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner.api import Cleaner, Config, Result  # noqa: E402
from cleaner.report import replay  # noqa: E402
from cleaner.rulepack import load_rules  # noqa: E402

SLOW_S = 5.0

_ODD_CHARS = ("\u00a0", "\u200b", "\u2028", "\u2029", "\u0085", "\ufeff", "\ufffd", "\u202e", "\x0b", "\x0c",
              "\x1b[31m", "\r", "\r\n", "\t", "\x7f", "\u0300", "\U0001f600", "\ud83d", "\udc00", "&amp;", "&#0;",
              "&#x110000;", "&nbsp;", "Ã©", "â€™", "â€”", "Â", "\u00ad", "\u0000", "…", "“", "”", ".", "!", "?",
              "\u200d", "\u2060", "\u202f", "\u2007", "\u200e", "\u2066", "\u2069", "\u061c")

_RU = ("Городской совет принял решение о строительстве новой школы.", "Читайте также: новости дня")
_JA = ("市議会は新しい学校の建設を決定した。", "住民は長い間この決定を待っていた。")
_ZH = ("市议会决定建设一所新学校。", "居民们等待这个决定已经很久了。")
_TW = ("市議會決定建設一所新學校。", "居民們等待這個決定已經很久了。")
_CE = ("Městská rada schválila rozpočet na příští rok.", "Rada miejska zatwierdziła budżet na przyszły rok.")
#: Legacy code pages the decoder detects, with text of their script to put in before encoding.
LEGACY_CODECS = {"cp1251": _RU, "koi8_r": _RU, "cp1250": _CE, "shift_jis": _JA, "euc_jp": _JA,
                 "gb18030": _ZH, "big5": _TW}


def seed_documents(extra: list[Path]) -> list[bytes]:
    """Real documents to mutate: shared seeds, samples, bench gold texts, --seeds folders."""
    places = [ROOT.parent / "shared" / "seeds", ROOT / "samples" / "input",
              ROOT.parent / "shared" / "bench" / "multinews-dev" / "gold", *extra]
    docs: list[bytes] = []
    for place in places:
        if place.is_dir():
            docs += [p.read_bytes() for p in sorted(place.rglob("*.txt")) if p.is_file() and p.stat().st_size < 200_000]
    if not docs:
        docs = [b"A plain article sentence about the council vote.\n\nShare this article\n"]
    return docs


def boilerplate_lines() -> list[str]:
    """Every `examples.remove` and `examples.keep` line of the built-in rules."""
    lines: list[str] = []
    for rule in load_rules():
        lines += list(rule.remove_examples) + list(rule.keep_examples)
    return lines


class Mutator:
    """Byte-, line- and encoding-level mutations; several are stacked per input."""

    def __init__(self, rng: random.Random, docs: list[bytes], lines: list[str]):
        self.rng, self.docs, self.lines = rng, docs, lines

    def mutate(self, data: bytes) -> bytes:
        ops = [self.flip_bytes, self.insert_bytes, self.delete_range, self.duplicate_lines, self.shuffle_lines,
               self.insert_boilerplate, self.reencode, self.odd_chars, self.splice, self.crlf, self.truncate,
               self.glue_lines, self.blank_lines, self.repeat_line]
        for _ in range(self.rng.randint(1, 4)):
            data = self.rng.choice(ops)(data)
        return data

    def _lines(self, data: bytes) -> list[bytes]:
        return data.split(b"\n")

    def flip_bytes(self, data: bytes) -> bytes:
        buf = bytearray(data)
        for _ in range(self.rng.randint(1, 8)):
            if buf:
                buf[self.rng.randrange(len(buf))] = self.rng.randrange(256)
        return bytes(buf)

    def insert_bytes(self, data: bytes) -> bytes:
        pos = self.rng.randint(0, len(data))
        junk = bytes(self.rng.randrange(256) for _ in range(self.rng.randint(1, 16)))
        return data[:pos] + junk + data[pos:]

    def delete_range(self, data: bytes) -> bytes:
        if not data:
            return data
        a = self.rng.randrange(len(data))
        return data[:a] + data[a + self.rng.randint(1, 200):]

    def duplicate_lines(self, data: bytes) -> bytes:
        lines = self._lines(data)
        a = self.rng.randrange(len(lines))
        b = min(len(lines), a + self.rng.randint(1, 6))
        pos = self.rng.randint(0, len(lines))
        return b"\n".join(lines[:pos] + lines[a:b] + lines[pos:])

    def shuffle_lines(self, data: bytes) -> bytes:
        lines = self._lines(data)
        self.rng.shuffle(lines)
        return b"\n".join(lines)

    def insert_boilerplate(self, data: bytes) -> bytes:
        lines = self._lines(data)
        for _ in range(self.rng.randint(1, 5)):
            text = self.rng.choice(self.lines).encode("utf-8")
            pos = self.rng.randint(0, len(lines))
            if self.rng.random() < 0.3 and lines:  # glue onto an existing line
                i = self.rng.randrange(len(lines))
                lines[i] = lines[i] + self.rng.choice([b"", b" "]) + text
            else:
                lines.insert(pos, text)
        return b"\n".join(lines)

    def reencode(self, data: bytes) -> bytes:
        text = data.decode("utf-8", errors="replace")
        codec = self.rng.choice(["cp1252", "latin-1", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig",
                                 "mojibake", "mixed", "utf-16-nobom", "utf-16-be-nobom", "utf-32-le", "utf-32-be",
                                 *LEGACY_CODECS])
        if codec in LEGACY_CODECS:  # legacy code pages: some text of that script goes in first (detection)
            lines = text.split("\n")
            for _ in range(self.rng.randint(1, 4)):
                lines.insert(self.rng.randrange(len(lines) + 1), self.rng.choice(LEGACY_CODECS[codec]))
            return "\n".join(lines).encode(codec, errors="replace")
        if codec == "mojibake":
            return text.encode("utf-8").decode("cp1252", errors="replace").encode("utf-8")
        if codec == "mixed":
            lines = text.split("\n")
            return b"\n".join(ln.encode("cp1252", errors="replace") if self.rng.random() < 0.3
                              else ln.encode("utf-8") for ln in lines)
        if codec == "utf-16-nobom":
            return text.encode("utf-16-le")
        if codec == "utf-16-be-nobom":
            return text.encode("utf-16-be", errors="replace")
        if codec in ("utf-32-le", "utf-32-be"):  # no BOM
            return text.encode(codec, errors="replace")
        if codec in ("utf-16-le", "utf-16-be"):
            bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
            return bom + text.encode(codec, errors="surrogatepass")
        return text.encode(codec, errors="replace")

    def odd_chars(self, data: bytes) -> bytes:
        text = data.decode("utf-8", errors="surrogateescape")
        for _ in range(self.rng.randint(1, 10)):
            pos = self.rng.randint(0, len(text))
            if self.rng.random() < 0.5:
                char = self.rng.choice(_ODD_CHARS)
            else:
                char = chr(self.rng.choice([self.rng.randrange(0x20, 0x250), self.rng.randrange(0x250, 0x3000),
                                            self.rng.randrange(0x3000, 0x110000)]))
            text = text[:pos] + char + text[pos:]
        return text.encode("utf-8", errors="surrogatepass")

    def splice(self, data: bytes) -> bytes:
        other = self.rng.choice(self.docs)
        a = self.rng.randint(0, len(data))
        b = self.rng.randint(0, len(other))
        return data[:a] + other[b:]

    def crlf(self, data: bytes) -> bytes:
        return data.replace(b"\n", self.rng.choice([b"\r\n", b"\r", b"\n\n", b"\n \n", b"\u2028".decode(
            "unicode_escape").encode("utf-8")]))

    def truncate(self, data: bytes) -> bytes:
        return data[: self.rng.randint(0, len(data))]

    def glue_lines(self, data: bytes) -> bytes:
        lines = self._lines(data)
        if len(lines) < 2:
            return data
        i = self.rng.randrange(len(lines) - 1)
        lines[i: i + 2] = [lines[i] + self.rng.choice([b"", b" ", b"."]) + lines[i + 1]]
        return b"\n".join(lines)

    def blank_lines(self, data: bytes) -> bytes:
        lines = self._lines(data)
        for _ in range(self.rng.randint(1, 5)):
            lines.insert(self.rng.randint(0, len(lines)), self.rng.choice([b"", b" ", b"\t", b"   "]))
        return b"\n".join(lines)

    def repeat_line(self, data: bytes) -> bytes:
        lines = self._lines(data)
        line = self.rng.choice(lines)
        return b"\n".join([*lines, *([line] * self.rng.randint(2, 30))])


def is_subsequence(small: str, big: str) -> bool:
    """True if `small` can be made from `big` by deleting characters (order kept)."""
    it = iter(big)
    return all(ch in it for ch in small)


def check(cleaner: Cleaner, data: bytes) -> list[str]:
    """The invariants every input must satisfy; returns what was violated."""
    problems: list[str] = []
    started = time.monotonic()
    try:
        result: Result = cleaner.clean_bytes(data, source="<fuzz>")
    except Exception:  # any escape is a finding
        return ["crash: " + traceback.format_exc(limit=6)]
    elapsed = time.monotonic() - started
    if elapsed > SLOW_S:
        problems.append(f"slow: {elapsed:.1f}s for {len(data)} bytes")
    if not result.ok:
        if not result.error or "\n" in result.error:
            problems.append(f"error message is not one line: {result.error!r}")
        if result.report.get("status") != "error":
            problems.append("failed result without an error report")
        return problems
    doc = result.document
    assert doc is not None
    if any("timed out" in f for f in result.flags):
        problems.append(f"rule timed out: {result.flags}")
    if replay(result.report) != result.text:
        problems.append("replay: the report does not render the output")
    # render ends a non-empty output with one newline even when the input had none
    if not is_subsequence(result.text, doc.text + "\n"):
        problems.append("subsequence: the output holds text not in the repaired input, or reordered")
    try:
        again = cleaner.clean_text(result.text, source="<fuzz-again>")
    except Exception:  # any escape is a finding
        return [*problems, "crash on second cleaning: " + traceback.format_exc(limit=6)]
    if not again.ok:
        problems.append(f"second cleaning failed: {again.error}")
    elif again.removals:
        what = "; ".join(f"{r.rule}: {r.text[:60]!r}" for r in again.removals[:3])
        problems.append(f"idempotence: cleaning the output again removed {len(again.removals)} span(s): {what}")
    elif again.text != result.text:
        problems.append("idempotence: cleaning the output again changed it (repair or layout)")
    return problems


def save(out: Path, data: bytes, problems: list[str]) -> Path:
    kind = problems[0].split(":", 1)[0].replace(" ", "-")
    digest = hashlib.sha256(data).hexdigest()[:16]
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{kind}-{digest}.bin"
    path.write_bytes(data)
    path.with_suffix(".txt").write_text("\n\n".join(problems) + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=1.0, help="how long to run")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: time)")
    parser.add_argument("--out", type=Path, default=Path("/tmp/cleaner-fuzz"), help="folder for findings")
    parser.add_argument("--seeds", type=Path, action="append", default=[], help="extra folder of .txt seeds")
    parser.add_argument("--report-every", type=float, default=60.0, help="seconds between progress lines")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else int(time.time())
    rng = random.Random(seed)
    docs = seed_documents(args.seeds)
    mutator = Mutator(rng, docs, boilerplate_lines())
    cleaner = Cleaner(Config(timeout_s=30.0))
    print(f"fuzz: seed {seed}, {len(docs)} seed documents, {args.minutes} min, findings -> {args.out}", flush=True)
    start = time.monotonic()
    end = start + args.minutes * 60
    next_report = start + args.report_every
    runs = findings = 0
    kinds: dict[str, int] = {}
    seen: set[str] = set()
    while time.monotonic() < end:
        data = mutator.mutate(rng.choice(docs))
        runs += 1
        problems = check(cleaner, data)
        if problems:
            findings += 1
            kind = problems[0].split(":", 1)[0]
            kinds[kind] = kinds.get(kind, 0) + 1
            signature = problems[0][:120]
            if signature not in seen or kinds[kind] <= 3:
                seen.add(signature)
                path = save(args.out, data, problems)
                print(f"FINDING {path}: {problems[0][:300]}", flush=True)
        if time.monotonic() >= next_report:
            print(f"fuzz: {time.monotonic() - start:.0f}s, {runs} runs, {findings} findings {kinds}", flush=True)
            next_report += args.report_every
    elapsed = time.monotonic() - start
    print(f"fuzz done: {elapsed:.0f}s ({elapsed / 60:.1f} min), {runs} executions, {findings} findings {kinds}",
          flush=True)
    return 1 if findings else 0


if __name__ == "__main__":
    raise SystemExit(main())
