"""The `cleaner` command: a thin layer that parses, calls the library and maps errors to exits.

Exit status (also in the README):
  0  every input was cleaned (every JSONL record too)
  1  at least one input could not be cleaned (each is named on stderr and in summary.json; one
     passed through unchanged over a limit counts), or a JSONL record was bad (invalid JSON, no
     text field), failed or was over a limit: named by line number on stderr
  2  the command itself is wrong: bad options, invalid rule packs, missing output folder
  3  an output could not be written (disk full, no permission, -o names a file, another run
     holds the output): one line says which, and what was finished before
  130 interrupted (Ctrl-C or SIGTERM): what was finished is kept; the same command resumes
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
from .batch import SUMMARY_NAME, Outcome, Summary, clean_tree, find_jobs, write_atomic
from .cliconfig import ConfigFileError, find_config, load_defaults
from .corpus import GROUP_AUTO, Evidence, Settings
from .corpus_learn import learn_jsonl, learn_tree
from .errors import OutputError, OutputLocked, RulePackError
from .explain import print_explanation
from .interrupt import terminate_as_interrupt
from .jsonl import ON_BAD, JsonlOptions, JsonlSummary, RecordOutcome, clean_jsonl, is_jsonl_path
from .jsonl_run import JsonlReview, side_paths, write_summary
from .model import CATEGORIES
from .parallel import default_jobs
from .progress import RunProgress
from .prune import prune, stale_reports
from .review import ReviewError, build_review, stale_warnings
from .rulepack import load_rules
from .rulestest import try_rule
from .safepaths import layout_problem
from .sizes import format_size, parse_size
from .stages import DEFAULT_ORDER
from .switches import all_rules, check_stage_names
from .termsafe import visible
from .walk import WalkFilter
from .words import plural

EXIT_OK, EXIT_INPUT_FAILED, EXIT_USAGE, EXIT_OUTPUT, EXIT_INTERRUPTED = 0, 1, 2, 3, 130

HELP = {"help_option_names": ["-h", "--help"]}
app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None, context_settings=HELP,
                  help="Turn scraped news text into the clean article, and report what was removed.")
rules_app = typer.Typer(no_args_is_help=True, help="Show, test and validate rule packs.", context_settings=HELP)
app.add_typer(rules_app, name="rules")

err = Console(stderr=True)


def _load_config_file(ctx: typer.Context, value: Path | None) -> Path | None:
    """Eager: read `--config FILE` (or ./cleaner.toml) before the other options take their defaults."""
    try:
        path = find_config(value)
        if path is not None:
            ctx.default_map = {**(ctx.default_map or {}), **load_defaults(path)}
    except ConfigFileError as exc:
        raise _usage(str(exc)) from None
    return path


ConfigOpt = Annotated[Path | None, typer.Option(
    "--config", metavar="FILE", is_eager=True, callback=_load_config_file, expose_value=False,
    help="Options from a TOML file (default: ./cleaner.toml when present); the command line wins.")]
RulesOpt = Annotated[list[Path] | None, typer.Option(
    "--rules", metavar="DIR", help="Extra rule-pack folder (repeatable).")]
DisableOpt = Annotated[list[str] | None, typer.Option(
    "--disable", metavar="RULE_ID", help="Switch a rule off, any id `rules list` shows (repeatable).")]
DisableStageOpt = Annotated[list[str] | None, typer.Option(
    "--disable-stage", metavar="STAGE", help=f"Switch a stage off: {', '.join(DEFAULT_ORDER)} (repeatable).")]
KeepCategoryOpt = Annotated[list[str] | None, typer.Option(
    "--keep-category", metavar="CATEGORY", help="Remove nothing of this category, e.g. byline (repeatable).")]
NoBuiltinOpt = Annotated[bool, typer.Option("--no-builtin-rules", help="Use only the packs given with --rules.")]


def _say(message: str, **style: Any) -> None:
    """One unwrapped line on stderr (a path or rule problem must stay copy-pasteable); control
    characters from file names and documents are shown escaped (`termsafe`)."""
    err.print(visible(message, keep="\n"), soft_wrap=True, markup=False, highlight=False, **style)


def _config(rules: list[Path] | None, disable: list[str] | None, no_builtin: bool = False,
            max_bytes: int = DEFAULT_MAX_BYTES, timeout: float | None = 60.0, on_limit: str = "pass",
            disable_stage: list[str] | None = None, keep_category: list[str] | None = None,
            language: bool = True) -> Config:
    problems = check_stage_names(disable_stage or (), DEFAULT_ORDER)
    problems += [f"--keep-category: no category {c!r} (one of {', '.join(CATEGORIES)})"
                 for c in keep_category or () if c not in CATEGORIES]
    if problems:
        raise _usage("; ".join(problems))
    try:
        return Config(rules_dirs=tuple(str(p) for p in rules or ()), builtin_rules=not no_builtin,
                      disabled_rules=tuple(disable or ()), max_bytes=max_bytes, timeout_s=timeout or None,
                      on_limit=on_limit, kept_categories=tuple(keep_category or ()), language=language,
                      stages=tuple(s for s in DEFAULT_ORDER if s not in set(disable_stage or ())))
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


@app.command(short_help="Clean files, folders, JSONL or stdin.")
def clean(
    inputs: Annotated[list[str], typer.Argument(metavar="INPUT", hidden=True, show_default=False)],
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", metavar="OUT", help="Output folder (mirrors the input tree); for JSONL, a file.")] = None,
    config_file: ConfigOpt = None,
    rules: RulesOpt = None,
    disable: DisableOpt = None,
    disable_stage: DisableStageOpt = None,
    keep_category: KeepCategoryOpt = None,
    no_builtin_rules: NoBuiltinOpt = False,
    include: Annotated[list[str] | None, typer.Option(
        metavar="GLOB", help="In folders, clean only files matching GLOB, any extension (repeatable).")] = None,
    exclude: Annotated[list[str] | None, typer.Option(
        metavar="GLOB", help="In folders, leave out files matching GLOB (repeatable).")] = None,
    max_bytes: Annotated[str, typer.Option(
        metavar="SIZE", help="Size limit per input, e.g. 500 KB, 256 MB (see --on-limit).")] = format_size(
        DEFAULT_MAX_BYTES),
    timeout: Annotated[float, typer.Option(
        metavar="SECONDS", help="Time allowed per document (0 = no limit; see --on-limit).")] = 60.0,
    on_limit: Annotated[str, typer.Option(
        metavar="pass|skip", help="A document over --max-bytes or --timeout: 'pass' writes its text through "
                                  "unchanged (flagged), 'skip' writes nothing (an error).")] = "pass",
    report: Annotated[Path | None, typer.Option(
        metavar="FILE", help="With '-': also write the report JSON here.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No table or per-file errors on stderr.")] = False,
    no_review: Annotated[bool, typer.Option("--no-review", help="Do not write the review page.")] = False,
    prune_stale: Annotated[bool, typer.Option(
        "--prune", help="Remove outputs in OUT whose inputs are not in this run.")] = False,
    no_language: Annotated[bool, typer.Option(
        "--no-language", help="Do not identify each document's language (saves a second of start-up).")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", metavar="N", help="Worker processes (0 = one per core).")] = 0,
    force: Annotated[bool, typer.Option("--force", help="Clean every file again (no resume).")] = False,
    input_format: Annotated[str, typer.Option(
        "--format", metavar="FORMAT", help="auto (JSONL for .jsonl, .jsonl.gz, .jsonl.zst), files, jsonl, or html "
                                           "('-' is then stdin JSONL or HTML).")] = "auto",
    text_field: Annotated[str, typer.Option(metavar="NAME", help="JSONL: the field holding the text.")] = "text",
    html_field: Annotated[str | None, typer.Option(
        metavar="NAME", help="JSONL: clean this HTML field into --text-field.")] = None,
    id_field: Annotated[str, typer.Option(
        metavar="NAME", help="JSONL: the field naming a record on the review page.")] = "id",
    full_report: Annotated[bool, typer.Option(
        "--full-report", help="JSONL: the full report in the `cleaner` field.")] = False,
    on_bad_record: Annotated[str, typer.Option(
        metavar="pass|skip", help="JSONL: 'pass' writes bad records unchanged, 'skip' leaves them out "
                                  "(both are reported).")] = "pass",
    follow_links: Annotated[bool, typer.Option(
        "--follow-links", help="Read links inside input folders that point outside them.")] = False,
    corpus_evidence: Annotated[bool, typer.Option(
        "--corpus-evidence/--no-corpus-evidence", show_default=False,
        help="Read the input twice: learn lines repeated across many documents of a group, then remove "
             "them, with the counts in each removal's reason (folders and JSONL files, not stdin).")] = False,
    corpus_group: Annotated[str, typer.Option(
        metavar="auto|run|FIELD",
        help="--corpus-evidence groups: 'auto' (JSONL: the domain of a url/domain field; folders: the "
             "top-level subfolder), 'run' (one group), or a JSONL field name.")] = GROUP_AUTO,
    corpus_min_docs: Annotated[int, typer.Option(
        metavar="N", help="--corpus-evidence: documents of its group a line must be in.")] = Settings.min_docs,
    corpus_min_share: Annotated[float, typer.Option(
        metavar="SHARE",
        help="--corpus-evidence: share of its group's documents a line must be in.")] = Settings.min_share,
) -> None:
    """Clean files or folders into OUT, JSONL into JSONL, or stdin to stdout with '-'.

    Each INPUT is a file or a folder (walked for .txt, .text, .html, .htm, .xhtml and their
    .gz and .zst versions; see --include), or '-' for stdin.
    """
    if input_format not in ("auto", "files", "jsonl", "html"):
        raise _usage(f"--format must be auto, files, jsonl or html, not {input_format!r}")
    if on_bad_record not in ON_BAD:
        raise _usage(f"--on-bad-record must be one of {', '.join(ON_BAD)}, not {on_bad_record!r}")
    if jobs < 0:
        raise _usage("--jobs must be 0 (one per core) or more")
    try:
        size_limit = parse_size(max_bytes)
    except ValueError as exc:
        raise _usage(f"--max-bytes: {exc}") from None
    cleaner = _cleaner(_config(rules, disable, no_builtin_rules, size_limit, timeout, on_limit,
                               disable_stage, keep_category, language=not no_language))
    jobs = jobs or default_jobs()
    learn = _evidence_hook(corpus_evidence, inputs, corpus_group, corpus_min_docs, corpus_min_share, quiet)
    if input_format == "jsonl" or (input_format == "auto" and len(inputs) == 1 and is_jsonl_path(inputs[0])):
        if learn is not None and len(inputs) == 1 and Path(inputs[0]).is_file():
            if html_field:
                raise _usage("--corpus-evidence counts the text field; it does not work with --html-field")
            cleaner = learn(cleaner, lambda settings: learn_jsonl(inputs[0], text_field, settings, corpus_group,
                                                                  size_limit))
        options = JsonlOptions(text_field, html_field, full_report, on_bad_record, id_field=id_field,
                               keep_reports=not no_review)
        with terminate_as_interrupt():  # SIGTERM is an interrupt: cleanup runs and is reported
            _clean_jsonl(cleaner, inputs, output, options, jobs, quiet, no_review, resume=not force)
        return
    if inputs == ["-"]:
        _clean_stdin(cleaner, input_format == "html", report)
        return
    if "-" in inputs:
        raise _usage("'-' (stdin) cannot be mixed with file inputs")
    if input_format == "html":
        raise _usage("--format html is for '-' (stdin); files are read as HTML by extension (.html, .htm, .xhtml)")
    if output is None:
        raise _usage("an output folder is required: cleaner clean IN_DIR -o OUT_DIR")
    if is_jsonl_path(output):
        raise _usage(f"-o {output}: the output of files and folders is a folder "
                     "(JSONL output is for JSONL input: .jsonl, .jsonl.gz, .jsonl.zst or --format jsonl)")
    if output.is_file():  # an output error (exit 3), as a full disk or a read-only folder is
        _say(f"error: cannot write into {output}: it is a file, not a folder")
        raise typer.Exit(EXIT_OUTPUT)
    paths = [Path(p) for p in inputs]
    missing = [p for p in paths if not p.exists() and not p.is_symlink()]  # a broken link is reported when read
    if missing:  # before anything is created: a typo must not leave an empty run behind
        for path in missing:
            _say(f"{path}: no such file or folder")
        raise typer.Exit(EXIT_INPUT_FAILED)
    problem = layout_problem(paths, output)
    if problem is not None:
        raise _usage(problem)
    walk = WalkFilter(tuple(include or ()), tuple(exclude or ()))
    if learn is not None:
        cleaner = learn(cleaner, lambda settings: learn_tree(paths, output, settings, corpus_group, size_limit,
                                                             walk, follow_links))

    show = not quiet and err.is_terminal
    total = sum(1 for _ in find_jobs(paths, output, walk, follow_links=follow_links)) if show else None
    done = [0]
    try:
        with terminate_as_interrupt(), RunProgress("files", total, enabled=show, console=err) as progress:

            def on_result(outcome: Outcome) -> None:
                done[0] += 1
                progress.advance()
                if not outcome.ok and not quiet:
                    _say(f"{outcome.source}: {outcome.error}")

            summary = clean_tree(paths, output, cleaner, on_result, jobs=jobs, resume=not force, walk=walk,
                                 follow_links=follow_links)
    except (OutputError, KeyboardInterrupt) as exc:
        if total is None:
            total = sum(1 for _ in find_jobs(paths, output, walk, follow_links=follow_links))
        _stopped(exc, f"{done[0]} of {plural(total, 'file')} done")
    _stale_outputs(paths, output, walk, prune_stale, quiet)
    if not quiet:
        _print_summary(summary, output)
        _print_skipped(summary)
    if not no_review and summary.files:
        _write_review(output, quiet)
    if summary.failed or summary.passed:
        raise typer.Exit(EXIT_INPUT_FAILED)


def _stopped(exc: BaseException, progress: str) -> None:
    """One line for a run that could not finish (an output error or an interrupt); exits."""
    if isinstance(exc, KeyboardInterrupt):
        _say(f"interrupted: {progress}; run the same command again to resume")
        raise typer.Exit(EXIT_INTERRUPTED)
    if isinstance(exc, OutputLocked):  # refused before anything was written
        _say(f"error: {exc}")
        raise typer.Exit(EXIT_OUTPUT)
    _say(f"error: {exc} ({progress}; what was finished is kept, run the same command again to resume)")
    raise typer.Exit(EXIT_OUTPUT)


def _clean_stdin(cleaner: Cleaner, html: bool, report: Path | None) -> None:
    """One document from stdin to stdout: text, or HTML with `--format html`; a document over a
    limit is written through, said so, and exits 1."""
    data = sys.stdin.buffer.read()
    result = cleaner.clean_html(data, source="<stdin>") if html else cleaner.clean_bytes(data, source="<stdin>")
    if report is not None:
        try:
            report.write_text(json.dumps(result.report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        except OSError as exc:
            _say(f"error: cannot write {report}: {exc.strerror or exc}")
            raise typer.Exit(EXIT_OUTPUT) from None
    if not result.ok:
        _say(f"<stdin>: {result.error}")
        raise typer.Exit(EXIT_INPUT_FAILED)
    sys.stdout.write(result.text)
    sys.stdout.flush()
    if result.report.get("status") == "passed-through":
        _say(f"<stdin>: not cleaned, passed through unchanged: {result.report.get('limit')}")
        raise typer.Exit(EXIT_INPUT_FAILED)


def _stale_outputs(paths: list[Path], output: Path, walk: WalkFilter, remove: bool, quiet: bool) -> list[str]:
    """Name the outputs in OUT that no input of this run made (in summary.json too), and prune them if asked."""
    stale = stale_reports(paths, output, walk)
    if not stale:
        return []
    names = [str(p) for p in stale]
    summary_path = output / SUMMARY_NAME
    data = json.loads(summary_path.read_text(encoding="utf-8"))
    if remove:
        removed = prune(output, stale)
        data["pruned"] = names
        if not quiet:
            _say(f"pruned {plural(len(stale), 'stale output')} ({plural(removed, 'file')} removed): "
                 + ", ".join(names[:20]) + (f" and {len(names) - 20} more" if len(names) > 20 else ""))
    else:
        data["stale_outputs"] = names
        if not quiet:
            for line in stale_warnings(data):
                _say(f"warning: {line}")
    write_atomic(summary_path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    return names


def _print_skipped(summary: Summary) -> None:
    if not summary.skipped:
        return
    shown = summary.skipped_files[:5]
    more = summary.skipped - len(shown)
    listed = ", ".join(f"{s['file']} ({s['why']})" for s in shown) + (f" and {more:,} more" if more else "")
    _say(f"{plural(summary.skipped, 'file')} skipped (not documents; see summary.json): {listed}")


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
                 jobs: int, quiet: bool, no_review: bool = False, resume: bool = True) -> None:
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
    if target != "-" and Path(target).is_dir():
        raise _usage(f"-o {target}: JSONL output is a file, and this is a folder")
    name = "<stdin>" if source == "-" else source
    sides = side_paths(Path(target)) if target != "-" else None
    review = None
    if sides is not None and not no_review:
        try:
            review = JsonlReview(sides, options.id_field)
        except ReviewError as exc:
            _say(f"warning: {exc}")
    done = [0]
    try:
        with RunProgress("records", None, enabled=not quiet, console=err) as progress:

            def on_record(item: RecordOutcome) -> None:
                done[0] += 1
                progress.advance()
                if review is not None:
                    review.add(item)
                if item.problem is not None and not quiet:
                    verdict = "passed through" if item.output is not None else "skipped"
                    _say(f"{name}:{item.line}: {item.problem} ({verdict})")

            summary = clean_jsonl(source, target, cleaner, options, jobs, on_record, resume=resume)
    except (OutputError, KeyboardInterrupt) as exc:
        _stopped(exc, f"{plural(done[0], 'record')} done")
    if sides is not None:
        write_summary(sides.summary, summary, name, target)
    if not quiet:
        _print_jsonl_summary(summary, target)
    if review is not None:
        built = review.finish(summary.resumed)
        if built is not None and not quiet:
            _say(f"review page: {built.page} ({plural(built.files, 'record')})")
    if summary.problem_count:
        raise typer.Exit(EXIT_INPUT_FAILED)


def _print_jsonl_summary(summary: JsonlSummary, target: str) -> None:
    _print_summary(summary.cleaning, Path(target), unit="record", read=summary.records)
    _say(f"{plural(summary.records, 'record')} read, {summary.written:,} written, {summary.skipped:,} skipped, "
         f"{summary.problem_count:,} with problems")


def _usage(message: str) -> typer.Exit:
    _say(f"error: {message}")
    return typer.Exit(EXIT_USAGE)


MAX_LISTED_FLAGGED = 20


def _print_summary(summary: Summary, output: Path, unit: str = "file", read: int | None = None) -> None:
    data = summary.as_dict()
    resumed = f" ({summary.resumed:,} unchanged since the last run)" if summary.resumed else ""
    total = data["files"] if read is None else read
    # The headline is its own line: as a table title it would wrap to the table's width.
    passed = f", {len(summary.passed):,} passed through unchanged (over a limit)" if summary.passed else ""
    _say(f"cleaner: {data['cleaned']:,}/{plural(total, unit)} cleaned{passed}{resumed} -> {output}")
    table = Table()
    table.add_column("category")
    table.add_column("removals", justify="right")
    for category, n in data["removals_by_category"].items():
        table.add_row(category, f"{n:,}")
    table.add_row("total", f"{data['removals']:,}", style="bold")
    err.print(table)
    flagged = data["flagged"]
    if flagged:
        _say(f"{plural(len(flagged), unit)} flagged for review:")
        for item in flagged[:MAX_LISTED_FLAGGED]:
            _say(f"  {item['file']}: {'; '.join(item['flags'])}")
        if len(flagged) > MAX_LISTED_FLAGGED:
            _say(f"  and {len(flagged) - MAX_LISTED_FLAGGED:,} more (see the summary and the review page)")
    if data["failed"]:
        _say(f"{plural(data['failed'], unit)} failed (see the summary)", style="bold red")


def _write_review(output: Path, quiet: bool, strict: bool = False) -> None:
    """Write OUTPUT/review.html; after a clean, a page that cannot be written is a warning, not a failure."""
    try:
        built = build_review(output)
    except (OutputError, OSError) as exc:  # a full disk: the cleaning is done, the page is not
        _say(f"error: cannot write the review page: {getattr(exc, 'strerror', None) or exc}")
        raise typer.Exit(EXIT_OUTPUT) from None
    except ReviewError as exc:
        _say(f"{'error' if strict else 'warning'}: {exc}")
        if strict:
            raise typer.Exit(EXIT_USAGE) from None
        return
    if not quiet:
        _say(f"review page: {built.page} ({plural(built.files, 'file')})")


@app.command(short_help="Rebuild the review page of an output folder.")
def review(output: Annotated[Path, typer.Argument(metavar="OUT", hidden=True, show_default=False)]) -> None:
    """Rebuild OUT/review.html (the page to read every removal) from the report files in OUT."""
    if not output.is_dir():
        raise _usage(f"{output}: no such folder")
    _write_review(output, quiet=False, strict=True)


@app.command(short_help="Show a document with its removals marked.")
def explain(
    file: Annotated[Path, typer.Argument(metavar="FILE", hidden=True, show_default=False)],
    config_file: ConfigOpt = None,
    rules: RulesOpt = None,
    disable: DisableOpt = None,
    disable_stage: DisableStageOpt = None,
    keep_category: KeepCategoryOpt = None,
    no_builtin_rules: NoBuiltinOpt = False,
) -> None:
    """Print FILE with each removal marked and labelled (category, rule, reason).

    FILE is a text or HTML file to clean, or a NAME.report.json that `cleaner clean` wrote.

    In a terminal removals are struck through in colour; through a pipe they are marked
    [-removed text-]{rule}, as `git diff --word-diff` marks deletions.
    """
    if file.suffix.lower() == ".json":
        report = _read_report(file)
    else:
        config = _config(rules, disable, no_builtin_rules, disable_stage=disable_stage, keep_category=keep_category)
        result = _cleaner(config).clean_file(file)
        if not result.ok:
            _say(f"{file}: {result.error}")
            raise typer.Exit(EXIT_INPUT_FAILED)
        report = result.report
    print_explanation(report, Console())


def _read_report(file: Path) -> dict[str, Any]:
    """A report written by `cleaner clean`, or a usage error saying what the file is instead."""
    try:
        report = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise _usage(f"{file}: not a readable report ({exc})") from None
    if not isinstance(report, dict) or "removals" not in report or "text" not in report:
        what = "the run's summary" if isinstance(report, dict) and "removals_by_category" in report else "JSON"
        if isinstance(report, dict) and report.get("status") == "error":
            raise _usage(f"{file}: the report of a file that could not be cleaned: {report.get('error')}")
        raise _usage(f"{file}: not a report but {what}; explain takes a NAME.report.json that `cleaner clean` "
                     "wrote, or a text or HTML file")
    return report


@rules_app.command("list", short_help="List every rule id a report can name.")
def rules_list(
    config_file: ConfigOpt = None,
    rules: RulesOpt = None,
    no_builtin_rules: NoBuiltinOpt = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per rule, for scripts.")] = False,
) -> None:
    """List every rule id a report can name (pack rules and the stages' own), never truncated."""
    try:
        ruleset = load_rules(rules or (), builtin=not no_builtin_rules)
    except RulePackError as exc:
        _say(str(exc))
        raise typer.Exit(EXIT_USAGE) from None
    entries = [{"id": r.id, "category": r.category, "stage": stage, "scope": r.scope, "position": r.position,
                "max_words": r.max_words, "reason": r.reason, "source": r.source} for stage, r in all_rules(ruleset)]
    if as_json:
        for entry in entries:
            sys.stdout.write(json.dumps(entry, ensure_ascii=False) + "\n")
        return
    # Plain aligned columns: the id (what --disable needs) is never cut, whatever the width.
    columns = ("id", "category", "stage", "scope", "position")
    widths = {c: max(len(c), *(len(visible(e[c])) for e in entries)) for c in columns} if entries else {}
    out = [f"{plural(len(entries), 'rule')} (switch one off with --disable ID)"]
    if entries:
        out.append("  ".join(c.ljust(widths[c]) for c in columns) + "  reason")
        out += ["  ".join(visible(e[c]).ljust(widths[c]) for c in columns) + "  " + visible(e["reason"])
                for e in entries]
    out.append(f"stages (--disable-stage): {', '.join(DEFAULT_ORDER)}")
    out.append(f"categories (--keep-category): {', '.join(CATEGORIES)}")
    sys.stdout.write("\n".join(out) + "\n")


@rules_app.command("test", short_help="Show whether a rule takes a text, and why.")
def rules_test(
    rule_id: Annotated[str, typer.Argument(metavar="RULE_ID", hidden=True, show_default=False)],
    text: Annotated[str, typer.Argument(metavar="TEXT", hidden=True, show_default=False)],
    config_file: ConfigOpt = None,
    rules: RulesOpt = None,
    no_builtin_rules: NoBuiltinOpt = False,
) -> None:
    """Show whether RULE_ID (any id `rules list` shows) takes TEXT, and why.

    TEXT is a line or a whole document ('-' reads stdin). Exit status 0 when the rule
    removes something from it, 1 when it does not.
    """
    if text == "-":
        text = sys.stdin.read()
    cleaner = _cleaner(_config(rules, None, no_builtin_rules))
    try:
        trial = try_rule(cleaner, rule_id, text)
    except KeyError:
        raise _usage(f"no rule with id {rule_id!r} (see `cleaner rules list`)") from None
    sys.stdout.write("\n".join(trial.lines) + "\n")
    if not trial.taken:
        raise typer.Exit(EXIT_INPUT_FAILED)


@rules_app.command("check", short_help="Validate rule packs.")
def rules_check(directory: Annotated[Path | None, typer.Argument(
        metavar="DIR", hidden=True, show_default=False)] = None) -> None:
    """Validate rule packs (the built-in ones, plus DIR): every problem is listed at once."""
    try:
        ruleset = load_rules([directory] if directory else [])
    except RulePackError as exc:
        _say(str(exc))
        raise typer.Exit(EXIT_USAGE) from None
    examples = sum(len(r.remove_examples) + len(r.keep_examples) for r in ruleset)
    Console().print(f"{plural(len(ruleset), 'rule')} OK ({plural(examples, 'example')} pass)")


def _version(value: bool) -> None:
    if value:
        print(f"cleaner {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                               help="Print the version and exit.")] = False) -> None:
    """Turn scraped news text into the clean article, and report what was removed."""


def main() -> None:
    app()
