"""The `cleaner` command: a thin layer that parses, calls the library and maps errors to exits.

Exit status (also in the README):
  0  every input was cleaned
  1  at least one input could not be cleaned (each is named on stderr and in summary.json)
  2  the command itself is wrong: bad options, invalid rule packs, missing output folder
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from . import __version__
from .api import DEFAULT_MAX_BYTES, Cleaner, Config, Result
from .batch import Summary, clean_tree
from .errors import CleanerError, RulePackError
from .explain import print_explanation
from .rulepack import load_rules

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


def exit_code(exc: BaseException) -> int:
    """The one place errors become exit statuses."""
    if isinstance(exc, (RulePackError, typer.BadParameter, ValueError)):
        return EXIT_USAGE
    if isinstance(exc, CleanerError):
        return EXIT_INPUT_FAILED
    return EXIT_USAGE


def _config(rules: list[Path] | None, disable: list[str] | None, no_builtin: bool = False,
            max_bytes: int = DEFAULT_MAX_BYTES, timeout: float | None = 60.0) -> Config:
    return Config(rules_dirs=tuple(str(p) for p in rules or ()), builtin_rules=not no_builtin,
                  disabled_rules=tuple(disable or ()), max_bytes=max_bytes, timeout_s=timeout or None)


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
    max_bytes: Annotated[int, typer.Option(help="Refuse inputs larger than this many bytes.")] = DEFAULT_MAX_BYTES,
    timeout: Annotated[float, typer.Option(help="Seconds allowed per document (0 = no limit).")] = 60.0,
    report: Annotated[Path | None, typer.Option(help="With '-': also write the report JSON here.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No table or per-file errors on stderr.")] = False,
) -> None:
    """Clean files or folders into OUTPUT, or stdin to stdout with '-'."""
    cleaner = _cleaner(_config(rules, disable, no_builtin_rules, max_bytes, timeout))
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
    missing = [p for p in paths if not p.exists()]
    for path in missing:
        _say(f"{path}: no such file or folder")
    output.mkdir(parents=True, exist_ok=True)

    def on_result(job: Any, result: Result) -> None:
        if not result.ok and not quiet:
            _say(f"{job.source}: {result.error}")

    summary = clean_tree([p for p in paths if p.exists()], output, cleaner, on_result)
    if not quiet:
        _print_summary(summary, output)
    if summary.failed or missing:
        raise typer.Exit(EXIT_INPUT_FAILED)


def _usage(message: str) -> typer.Exit:
    _say(f"error: {message}")
    return typer.Exit(EXIT_USAGE)


def _print_summary(summary: Summary, output: Path) -> None:
    data = summary.as_dict()
    table = Table(title=f"cleaner: {data['cleaned']}/{data['files']} files cleaned -> {output}", title_justify="left")
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
