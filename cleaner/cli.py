"""The `cleaner` command: a thin layer that parses, calls the library and maps errors to exits.

Exit status (also in the README):
  0  every input was cleaned (every JSONL record too)
  1  at least one input could not be cleaned (each is named on stderr and in summary.json), or a
     JSONL record was bad (invalid JSON, no text field) or failed: named by line number on stderr
  2  the command itself is wrong: bad options, invalid rule packs, missing output folder
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from . import __version__
from .api import DEFAULT_MAX_BYTES, Cleaner, Config
from .batch import Outcome, Summary, clean_tree, find_jobs
from .corpus import GROUP_AUTO, Evidence, Settings
from .corpus_learn import learn_jsonl, learn_tree
from .errors import RulePackError
from .explain import print_explanation
from .jsonl import ON_BAD, JsonlOptions, JsonlSummary, RecordOutcome, clean_jsonl, is_jsonl_path
from .parallel import default_jobs
from .progress import RunProgress
from .review import ReviewError, build_review
from .rulepack import load_rules
from .safepaths import layout_problem

EXIT_OK, EXIT_INPUT_FAILED, EXIT_USAGE = 0, 1, 2

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Turn scraped news text into the clean article, and report what was removed.")
rules_app = typer.Typer(no_args_is_help=True, help="Show and validate rule packs.")
app.add_typer(rules_app, name="rules")

err = Console(stderr=True)

RulesOpt = Annotated[list[Path] | None, typer.Option("--rules", help="Extra rule-pack folder (repeatable).")]
DisableOpt = Annotated[list[str] | None, typer.Option("--disable", help="Rule id to switch off (repeatable).")]


def _say(message: str, **style: Any) -> None:
    """One unwrapped line on stderr (a path or rule problem must stay copy-pasteable)."""
    err.print(message, soft_wrap=True, markup=False, highlight=False, **style)


def _config(rules: list[Path] | None, disable: list[str] | None, no_builtin: bool = False,
            max_bytes: int = DEFAULT_MAX_BYTES, timeout: float | None = 60.0, on_limit: str = "pass") -> Config:
    try:
        return Config(rules_dirs=tuple(str(p) for p in rules or ()), builtin_rules=not no_builtin,
                      disabled_rules=tuple(disable or ()), max_bytes=max_bytes, timeout_s=timeout or None,
                      on_limit=on_limit)
    except ValueError as exc:
        raise _usage(str(exc)) from None


def _cleaner(config: Config) -> Cleaner:
    cleaner = Cleaner(config)
    try:
        _ = cleaner.stages  # validates every rule pack now, before any file is touched
    except RulePackError as exc:
        _say(str(exc))
        raise typer.Exit(EXIT_USAGE) from None
    return cleaner


@app.command()
def clean(
    inputs: Annotated[list[str], typer.Argument(help="Files or folders to clean; '-' reads stdin.")],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Output folder (mirrors the input tree).")
    ] = None,
    rules: RulesOpt = None,
    disable: DisableOpt = None,
    no_builtin_rules: Annotated[bool, typer.Option(help="Use only the packs given with --rules.")] = False,
    max_bytes: Annotated[int, typer.Option(
        help="Size limit per input in bytes (see --on-limit).")] = DEFAULT_MAX_BYTES,
    timeout: Annotated[float, typer.Option(help="Seconds allowed per document (0 = no limit; see --on-limit).")] = 60.0,
    on_limit: Annotated[str, typer.Option(
        help="A document over --max-bytes or --timeout: 'pass' writes its text through unchanged (flagged), "
             "'skip' writes nothing (an error).")] = "pass",
    report: Annotated[Path | None, typer.Option(help="With '-': also write the report JSON here.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No table or per-file errors on stderr.")] = False,
    no_review: Annotated[bool, typer.Option("--no-review", help="Do not write OUTPUT/review.html.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes (0 = one per core).")] = 0,
    force: Annotated[bool, typer.Option("--force", help="Clean every file again (no resume).")] = False,
    input_format: Annotated[str, typer.Option(
        "--format", help="auto (JSONL for .jsonl/.jsonl.gz), files, or jsonl ('-' is then stdin JSONL).")] = "auto",
    text_field: Annotated[str, typer.Option(help="JSONL: the field holding the text.")] = "text",
    html_field: Annotated[str | None, typer.Option(help="JSONL: clean this HTML field into --text-field.")] = None,
    full_report: Annotated[bool, typer.Option(help="JSONL: the full report in the `cleaner` field.")] = False,
    on_bad_record: Annotated[str, typer.Option(
        help="JSONL: 'pass' writes bad records unchanged, 'skip' leaves them out (both are reported).")] = "pass",
    corpus_evidence: Annotated[bool, typer.Option(
        "--corpus-evidence/--no-corpus-evidence",
        help="Read the input twice: learn lines repeated across many documents of a group, then remove "
             "them, with the counts in each removal's reason (folders and JSONL files, not stdin).")] = False,
    corpus_group: Annotated[str, typer.Option(
        help="--corpus-evidence groups: 'auto' (JSONL: the domain of a url/domain field; folders: the "
             "top-level subfolder), 'run' (one group), or a JSONL field name.")] = GROUP_AUTO,
    corpus_min_docs: Annotated[int, typer.Option(
        help="--corpus-evidence: documents of its group a line must be in.")] = Settings.min_docs,
    corpus_min_share: Annotated[float, typer.Option(
        help="--corpus-evidence: share of its group's documents a line must be in.")] = Settings.min_share,
) -> None:
    """Clean files or folders into OUTPUT, JSONL into JSONL, or stdin to stdout with '-'."""
    if input_format not in ("auto", "files", "jsonl"):
        raise _usage(f"--format must be auto, files or jsonl, not {input_format!r}")
    if on_bad_record not in ON_BAD:
        raise _usage(f"--on-bad-record must be one of {', '.join(ON_BAD)}, not {on_bad_record!r}")
    if jobs < 0:
        raise _usage("--jobs must be 0 (one per core) or more")
    cleaner = _cleaner(_config(rules, disable, no_builtin_rules, max_bytes, timeout, on_limit))
    jobs = jobs or default_jobs()
    learn = _evidence_hook(corpus_evidence, inputs, corpus_group, corpus_min_docs, corpus_min_share, quiet)
    if input_format == "jsonl" or (input_format == "auto" and len(inputs) == 1 and is_jsonl_path(inputs[0])):
        if learn is not None and len(inputs) == 1 and Path(inputs[0]).is_file():
            if html_field:
                raise _usage("--corpus-evidence counts the text field; it does not work with --html-field")
            cleaner = learn(cleaner, lambda settings: learn_jsonl(inputs[0], text_field, settings, corpus_group,
                                                                  max_bytes))
        options = JsonlOptions(text_field, html_field, full_report, on_bad_record)
        _clean_jsonl(cleaner, inputs, output, options, jobs, quiet)
        return
    if inputs == ["-"]:
        result = cleaner.clean_bytes(sys.stdin.buffer.read(), source="<stdin>")
        if report is not None:
            report.write_text(json.dumps(result.report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        if not result.ok:
            _say(f"<stdin>: {result.error}")
            raise typer.Exit(EXIT_INPUT_FAILED)
        sys.stdout.write(result.text)
        sys.stdout.flush()
        return
    if "-" in inputs:
        raise _usage("'-' (stdin) cannot be mixed with file inputs")
    if output is None:
        raise _usage("an output folder is required: cleaner clean IN_DIR -o OUT_DIR")
    paths = [Path(p) for p in inputs]
    missing = [p for p in paths if not p.exists() and not p.is_symlink()]  # a broken link is reported when read
    for path in missing:
        _say(f"{path}: no such file or folder")
    found = [p for p in paths if p not in missing]
    problem = layout_problem(found, output)
    if problem is not None:
        raise _usage(problem)
    if learn is not None:
        cleaner = learn(cleaner, lambda settings: learn_tree(found, output, settings, corpus_group, max_bytes))
    output.mkdir(parents=True, exist_ok=True)

    show = not quiet and err.is_terminal
    total = sum(1 for _ in find_jobs(found, output)) if show else None
    with RunProgress("files", total, enabled=show, console=err) as progress:

        def on_result(outcome: Outcome) -> None:
            progress.advance()
            if not outcome.ok and not quiet:
                _say(f"{outcome.source}: {outcome.error}")

        summary = clean_tree(found, output, cleaner, on_result, jobs=jobs, resume=not force)
    if not quiet:
        _print_summary(summary, output)
    if not no_review and summary.files:
        _write_review(output, quiet)
    if summary.failed or missing:
        raise typer.Exit(EXIT_INPUT_FAILED)


def _evidence_hook(enabled: bool, inputs: list[str], group_by: str, min_docs: int, min_share: float,
                   quiet: bool) -> Callable[[Cleaner, Callable[[Settings], Evidence]], Cleaner] | None:
    """With --corpus-evidence: a function that runs pass 1 and returns the Cleaner for pass 2."""
    if not enabled:
        return None
    if "-" in inputs:
        raise _usage("--corpus-evidence reads the input twice (to learn repeated lines, then to clean); "
                     "stdin cannot be read twice: give a file or folder")
    try:
        settings = Settings(min_docs=min_docs, min_share=min_share)
    except ValueError as exc:
        raise _usage(str(exc)) from None

    def learn(cleaner: Cleaner, count: Callable[[Settings], Evidence]) -> Cleaner:
        if not quiet:
            _say("corpus evidence: pass 1 of 2, counting lines ...")
        try:
            evidence = count(settings)
        except ValueError as exc:
            raise _usage(str(exc)) from None
        if not quiet:
            _say(evidence.describe())
        return _cleaner(replace(cleaner.config, corpus_evidence=evidence))

    return learn


def _clean_jsonl(cleaner: Cleaner, inputs: list[str], output: Path | None, options: JsonlOptions,
                 jobs: int, quiet: bool) -> None:
    """JSONL in, JSONL out; '-' is stdin or stdout. Bad records are named by line number."""
    if len(inputs) != 1:
        raise _usage("JSONL mode takes one input file (or '-' for stdin)")
    source = inputs[0]
    if output is None and source != "-":
        raise _usage("an output file is required: cleaner clean IN.jsonl -o OUT.jsonl (or -o - for stdout)")
    target = "-" if output is None else str(output)
    if source != "-" and not Path(source).is_file():
        _say(f"{source}: no such file")
        raise typer.Exit(EXIT_INPUT_FAILED)
    if target != "-" and Path(target).resolve() == Path(source).resolve():
        raise _usage("the output must not be the input file")
    name = "<stdin>" if source == "-" else source
    with RunProgress("records", None, enabled=not quiet, console=err) as progress:

        def on_record(item: RecordOutcome) -> None:
            progress.advance()
            if item.problem is not None and not quiet:
                verdict = "passed through" if item.output is not None else "skipped"
                _say(f"{name}:{item.line}: {item.problem} ({verdict})")

        summary = clean_jsonl(source, target, cleaner, options, jobs, on_record)
    if not quiet:
        _print_jsonl_summary(summary, target)
    if summary.problem_count:
        raise typer.Exit(EXIT_INPUT_FAILED)


def _print_jsonl_summary(summary: JsonlSummary, target: str) -> None:
    _print_summary(summary.cleaning, Path(target), unit="records")
    _say(f"{summary.records} records read, {summary.written} written, {summary.skipped} skipped, "
         f"{summary.problem_count} with problems")


def _usage(message: str) -> typer.Exit:
    _say(f"error: {message}")
    return typer.Exit(EXIT_USAGE)


def _print_summary(summary: Summary, output: Path, unit: str = "files") -> None:
    data = summary.as_dict()
    resumed = f" ({summary.resumed} unchanged since the last run)" if summary.resumed else ""
    # The headline is its own line: as a table title it would wrap to the table's width.
    _say(f"cleaner: {data['cleaned']}/{data['files']} {unit} cleaned{resumed} -> {output}")
    table = Table()
    table.add_column("category")
    table.add_column("removals", justify="right")
    for category, n in data["removals_by_category"].items():
        table.add_row(category, str(n))
    table.add_row("total", str(data["removals"]), style="bold")
    err.print(table)
    if data["flagged"]:
        _say(f"{len(data['flagged'])} file(s) flagged for review:")
        for item in data["flagged"][:20]:
            _say(f"  {item['file']}: {'; '.join(item['flags'])}")
    if data["failed"]:
        _say(f"{data['failed']} file(s) failed (see summary.json)", style="bold red")


def _write_review(output: Path, quiet: bool, strict: bool = False) -> None:
    """Write OUTPUT/review.html; after a clean, a page that cannot be written is a warning, not a failure."""
    try:
        built = build_review(output)
    except ReviewError as exc:
        _say(f"{'error' if strict else 'warning'}: {exc}")
        if strict:
            raise typer.Exit(EXIT_USAGE) from None
        return
    if not quiet:
        _say(f"review page: {built.page} ({built.files} files)")


@app.command()
def review(output: Annotated[Path, typer.Argument(help="An output folder written by `cleaner clean`.")]) -> None:
    """Rebuild OUTPUT/review.html (the page to read every removal) from the report files in OUTPUT."""
    if not output.is_dir():
        raise _usage(f"{output}: no such folder")
    _write_review(output, quiet=False, strict=True)


@app.command()
def explain(
    file: Annotated[Path, typer.Argument(help="A text file to clean, or a .report.json to show.")],
    rules: RulesOpt = None,
    disable: DisableOpt = None,
) -> None:
    """Print the document with each removal highlighted and labelled (category, rule, reason)."""
    if file.name.endswith(".report.json"):
        report = json.loads(file.read_text(encoding="utf-8"))
    else:
        result = _cleaner(_config(rules, disable)).clean_file(file)
        if not result.ok:
            _say(f"{file}: {result.error}")
            raise typer.Exit(EXIT_INPUT_FAILED)
        report = result.report
    print_explanation(report, Console())


@rules_app.command("list")
def rules_list(rules: RulesOpt = None) -> None:
    """List every rule in force: id, category, scope, position and reason."""
    try:
        ruleset = load_rules(rules or ())
    except RulePackError as exc:
        _say(str(exc))
        raise typer.Exit(EXIT_USAGE) from None
    table = Table(title=f"{len(ruleset)} rules")
    for column in ("id", "category", "scope", "position", "reason"):
        table.add_column(column)
    for rule in ruleset:
        table.add_row(rule.id, rule.category, rule.scope, rule.position, rule.reason)
    Console().print(table)


@rules_app.command("check")
def rules_check(directory: Annotated[Path | None, typer.Argument(help="A folder of packs to check.")] = None) -> None:
    """Validate rule packs (the built-in ones, plus DIRECTORY): every problem is listed at once."""
    try:
        ruleset = load_rules([directory] if directory else [])
    except RulePackError as exc:
        _say(str(exc))
        raise typer.Exit(EXIT_USAGE) from None
    examples = sum(len(r.remove_examples) + len(r.keep_examples) for r in ruleset)
    Console().print(f"{len(ruleset)} rules OK ({examples} examples pass)")


def _version(value: bool) -> None:
    if value:
        print(f"cleaner {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True)] = False) -> None:
    """Turn scraped news text into the clean article, and report what was removed."""


def main() -> None:
    app()
