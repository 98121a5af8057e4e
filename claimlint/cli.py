"""The command line: check, rules, explain, cache. Only this module knows about the terminal."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from claimlint import __version__
from claimlint.config import FAIL_ON, LANGUAGES, Config, ConfigError, load_config
from claimlint.report import MODULE_BY_FORMAT, printable

EXIT_USAGE = 2
REPORT_FORMATS = tuple(MODULE_BY_FORMAT)  # report/__init__ only: the formats' modules load on use


def fail(message: str) -> None:
    click.echo(f"claimlint: error: {printable(message)}", err=True)
    raise SystemExit(EXIT_USAGE)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="claimlint")
def cli() -> None:
    """Lint health articles: uncited claims, DOIs and PMIDs checked against Crossref and PubMed, supplement disclaimers."""


def _codes(value: str | None) -> list[str] | None:
    return [c.strip() for c in value.split(",") if c.strip()] if value else None


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output_format", default=None, metavar="FORMAT",
              help=f"Report format: {', '.join(REPORT_FORMATS)} (default: text).")
@click.option("--output-format", "output_format_alias", default=None, hidden=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the report to FILE (atomically).")
@click.option("--config", "config_file", type=click.Path(path_type=Path), help="Use this config file.")
@click.option("--select", help="Only these codes or prefixes, comma-separated (CL1,CL201).")
@click.option("--ignore", help="Skip these codes or prefixes, comma-separated.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None, help="Lowest severity that fails (default: error).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings fail the gate.")
@click.option("--lang", type=click.Choice(LANGUAGES), default=None, help="Article language (default: auto).")
@click.option("--model", default=None, help="A trained spaCy pipeline to use when installed (en_core_web_sm).")
@click.option("--offline", is_flag=True, default=None, help="No network: DOIs are checked from the cache only.")
@click.option("--no-verify", is_flag=True, help="Do not check DOIs, PMIDs and references against Crossref and PubMed.")
@click.option("--crossref-url", default=None, help="Crossref API base URL.")
@click.option("--pubmed-url", default=None, help="NCBI E-utilities base URL (PMIDs, PMCIDs).")
@click.option("--mailto", default=None, help="Your e-mail, sent to Crossref (polite pool) and NCBI (email=).")
@click.option("--cache-dir", default=None, help="Where the cache of Crossref and PubMed answers lives.")
@click.option("--stdin-filename", default=None, help="The path to report (and pick the format by) for '-'.")
@click.option("--statistics", is_flag=True, help="Counts per code after the report.")
@click.option("--show-suppressed", is_flag=True, help="Report suppressed findings too, marked as such.")
@click.option("--baseline", "baseline_file", type=click.Path(path_type=Path),
              help="Report only findings not recorded in this baseline file.")
@click.option("--write-baseline", "write_baseline_file", type=click.Path(path_type=Path),
              help="Record today's findings in FILE (then report only new ones: none).")
@click.option("--diff-base", metavar="REF", help="Report only findings on lines changed since this git ref.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Analyse files in N processes (default: the CPU count).")
@click.option("--fix", is_flag=True, help="Fix what can be fixed (the supplement disclaimer), then report the rest.")
@click.option("--diff", "show_diff", is_flag=True, help="Print the fixes as a diff instead of writing them.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes that may be wrong (CL208: add the suggested DOI).")
@click.option("--no-color", is_flag=True, help="No ANSI colours.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing; only the exit code speaks.")
@click.option("--show-settings", is_flag=True,
              help="Print the settings in force for each file and the config file they come from; check nothing.")
def check(paths: tuple[Path, ...], output_format: str | None, output_format_alias: str | None,
          output: Path | None, config_file: Path | None, select: str | None, ignore: str | None,
          fail_on: str | None, exit_zero: bool, lang: str | None, model: str | None, offline: bool | None,
          no_verify: bool, crossref_url: str | None, pubmed_url: str | None, mailto: str | None,
          cache_dir: str | None,
          stdin_filename: str | None, statistics: bool, show_suppressed: bool, baseline_file: Path | None,
          write_baseline_file: Path | None, diff_base: str | None, jobs: int | None, fix: bool, show_diff: bool,
          unsafe_fixes: bool, no_color: bool, quiet: bool, show_settings: bool) -> None:
    """Check articles (files, directories, or - for standard input)."""
    from claimlint import engine
    from claimlint.report import HUMAN_FORMATS, ReportOptions, format_names, render, render_chunks

    if not paths:
        fail("no paths given (try: claimlint check article.md)")
    fmt = (output_format or output_format_alias or "text").lower()
    available = format_names()
    if fmt not in available:
        fail(f"unknown format {fmt!r}; choose from {', '.join(sorted(available))}")
    cli_settings: dict[str, Any] = {
        "select": _codes(select), "ignore": _codes(ignore), "fail_on": fail_on, "lang": lang, "model": model,
        "offline": offline or None, "crossref_url": crossref_url, "pubmed_url": pubmed_url, "mailto": mailto, "cache_dir": cache_dir,
    }
    if no_verify:
        cli_settings["verify"] = False
    if fix and not show_diff and Path("-") in paths:
        fail("--fix cannot write back to standard input; use --diff to see the fix")
    known = _read_baseline(baseline_file) if baseline_file else None
    sources, run_config = _sources(paths, config_file, cli_settings, stdin_filename)
    if show_settings:
        from claimlint.config import describe

        click.echo("\n\n".join(describe(source.config, source.path) for source in sources))
        raise SystemExit(0)
    for option, target in (("--output", output), ("--write-baseline", write_baseline_file)):
        if target is not None:
            _refuse_unsafe_output(option, target, [Path(source.path) for source in sources])
    # Progress goes to stderr, and only where a person watches a human format.
    progress = ProgressBar() if sys.stderr.isatty() and not quiet and fmt in HUMAN_FORMATS else None
    result = engine.run(sources, progress, jobs or engine.default_jobs(),
                        notify=(lambda note: None) if quiet else None)
    if progress:
        progress.clear()
    _keep_new_findings(result, known, write_baseline_file, diff_base)
    fix_failed = False
    if show_diff:
        raise SystemExit(_print_diffs(result, sources, unsafe_fixes, quiet))
    if fix:
        result, fixed, fix_failed = _fix_files(result, sources, unsafe_fixes, quiet, jobs)
        if write_baseline_file is not None:
            known = _read_baseline(write_baseline_file)
        _keep_new_findings(result, known, None, diff_base)
        if not quiet:
            _fix_summary(result, fixed, unsafe_fixes)
    color = not no_color and output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    # Unreadable files get one line on stderr (below); a text report on the same terminal need
    # not repeat it, a report written to a file must carry it.
    options = ReportOptions(color=color and fmt == "text", show_suppressed=show_suppressed, statistics=statistics,
                            file_errors=output is not None)
    if output is not None:
        _write_atomically(output, render(result, fmt, options))
    elif not quiet:  # in pieces: the whole report need not be in memory (and --quiet builds none)
        for chunk in render_chunks(result, fmt, options):
            click.echo(chunk, nl=False)
    for file in result.files:
        if file.error:
            click.echo(f"claimlint: {printable(file.path)}: {printable(file.error)}", err=True)
    code = engine.exit_code(result, run_config.fail_on)
    if exit_zero and code == 1:
        code = 0
    raise SystemExit(2 if fix_failed else code)


def _sources(paths, config_file, cli_settings, stdin_filename):
    from claimlint import files
    from claimlint.engine import Source

    configs: dict[str | None, Config] = {}
    config_files: dict[Path, Path | None] = {}  # by folder, for find_config_file

    def config_for(target: Path) -> Config:
        from claimlint.config import find_config_file, resolved

        found = config_file or find_config_file(resolved(target), config_files)
        key = str(found) if found else None
        if key not in configs:
            configs[key] = load_config(target, config_file, cli_settings)
        return configs[key].for_path(target)

    try:
        first_config = config_for(Path(stdin_filename or ".") if paths == (Path("-"),) else paths[0])
        sources = []
        explicit = [p for p in paths if str(p) != "-"]
        if any(str(p) == "-" for p in paths):
            name = stdin_filename or "<stdin>"
            fmt = None if stdin_filename else "markdown"
            config = config_for(Path(stdin_filename or "."))
            data, error = files.read_bounded(sys.stdin.buffer, config.max_file_size)
            sources.append(Source(name, data, config, read_error=error, format=fmt))
        for path in files.expand(explicit, first_config.exclude):
            config = config_for(path)
            data, error = files.read_article(path, config.max_file_size)
            sources.append(Source(str(path), data, config, read_error=error))
    except ConfigError as error:
        fail(str(error))
    if not sources:
        fail("no articles found (looked for .md, .markdown, .mdx, .html, .htm, .txt)")
    return sources, first_config


def _refuse_unsafe_output(option: str, target: Path, inputs: list[Path]) -> None:
    """A report never goes through a symlink (a pull request could commit `claimlint.sarif`
    pointing at any file the CI user can write) nor over one of the articles being checked."""
    if target.is_symlink():
        fail(f"{option} {target}: is a symlink; claimlint does not write through links")
    if not target.is_file():
        return
    for path in inputs:
        try:
            if os.path.samefile(path, target):
                fail(f"{option} {target}: is one of the checked files; it will not be overwritten")
        except OSError:
            continue


def _plans(result, sources, unsafe: bool) -> list:
    from claimlint import fix

    plans = [fix.plan(file, source, unsafe) for file, source in zip(result.files, sources)]
    return [plan for plan in plans if plan is not None]


def _report_skipped(plans: list, quiet: bool) -> None:
    for plan in plans:
        for reason in plan.skipped if not quiet else []:
            click.echo(f"claimlint: {plan.path}: not fixed: {reason}", err=True)


def _print_diffs(result, sources, unsafe: bool, quiet: bool) -> int:
    """--diff (ruff's): the fixes as a unified diff on stdout, nothing written; exit 1 when there
    is something to fix, 0 when not, 2 when a file could not be read."""
    from claimlint import fix

    plans = _plans(result, sources, unsafe)
    texts = {file.path: file.analysis.document.source for file in result.files if file.analysis}
    for plan in plans:
        if plan.findings:
            diff = fix.unified_diff(plan, texts[plan.path])
            click.echo(diff if diff.endswith("\n") else diff + "\n", nl=False)
    _report_skipped(plans, quiet)
    count = sum(len(plan.findings) for plan in plans)
    if not quiet:
        hint = _unsafe_hint(result, unsafe)
        click.echo(f"Would fix {count} finding{'s' * (count != 1)}{hint}." if count
                   else f"No fixes available{hint}.", err=True)
    if any(file.error for file in result.files):
        return 2
    return 1 if count else 0


def _unsafe_hint(result, unsafe: bool) -> str:
    from claimlint import fix

    hidden = 0 if unsafe else fix.hidden_unsafe(result.files)
    return f" ({hidden} hidden fix{'es' * (hidden != 1)} can be enabled with --unsafe-fixes)" if hidden else ""


def _fix_files(result, sources, unsafe: bool, quiet: bool, jobs: int | None):
    """--fix: write every planned fix (atomically), then check the fixed files again, so the
    report shows what remains. Returns (result, findings fixed, whether a fix could not be written)."""
    from dataclasses import replace

    from claimlint import engine, fix

    plans = {plan.path: plan for plan in _plans(result, sources, unsafe)}
    _report_skipped(list(plans.values()), quiet)
    failed, fixed, new_sources = False, 0, []
    for source in sources:
        plan = plans.get(source.path)
        if plan is None or not plan.findings:
            new_sources.append(source)
            continue
        try:
            fix.write(Path(source.path), plan)
        except fix.FixError as error:
            click.echo(f"claimlint: {source.path}: {error}", err=True)
            failed = True
            new_sources.append(source)
            continue
        fixed += len(plan.findings)
        new_sources.append(replace(source, data=plan.fixed))
    if fixed:
        result = engine.run(new_sources, None, jobs or engine.default_jobs())
    return result, fixed, failed


def _fix_summary(result, fixed: int, unsafe: bool) -> None:
    """ruff's "(M fixed, K remaining)", on stderr so that machine formats stay clean."""
    remaining = sum(1 for file in result.files for f in file.findings if not f.suppressed)
    click.echo(f"Fixed {fixed} finding{'s' * (fixed != 1)} ({remaining} remaining)"
               f"{_unsafe_hint(result, unsafe)}.", err=True)


def _read_baseline(path: Path) -> set[tuple[str, str]]:
    from claimlint.baseline import BaselineError, read_baseline

    try:
        return read_baseline(path)
    except BaselineError as error:
        fail(str(error))
        raise  # unreachable: fail exits


def _keep_new_findings(result, known: set[tuple[str, str]] | None, write_to: Path | None,
                       diff_base: str | None) -> None:
    """Apply --write-baseline (record, then treat as --baseline), --baseline and --diff-base."""
    if known is None and write_to is None and not diff_base:
        return  # the usual run: not even the module (and its subprocess import) is loaded
    from claimlint import baseline

    try:
        if write_to is not None:
            count = baseline.write_baseline(result, write_to)
            click.echo(f"claimlint: wrote {count} finding(s) to baseline {write_to}", err=True)
            known = (known or set()) | baseline.read_baseline(write_to)
        if known is not None:
            baseline.apply_baseline(result, known)
        if diff_base is not None:
            changes = baseline.changed_lines(diff_base, [f.path for f in result.files], Path.cwd())
            baseline.apply_diff_base(result, changes)
    except baseline.BaselineError as error:
        fail(str(error))


class ProgressBar:
    """A one-line bar on stderr: files analysed, then references checked. Drawn only once the
    run has taken over a second, so quick runs never flicker."""

    DELAY = 1.0
    WIDTH = 24

    def __init__(self) -> None:
        import time

        self._clock = time.monotonic
        self._start = self._clock()
        self._drawn = False

    def files(self, done: int, total: int) -> None:
        self._draw("files", done, total)

    def references(self, done: int, total: int) -> None:
        self._draw("references checked", done, total)

    def _draw(self, what: str, done: int, total: int) -> None:
        if total <= 0 or self._clock() - self._start < self.DELAY:
            return
        filled = self.WIDTH * done // total
        bar = "█" * filled + "·" * (self.WIDTH - filled)
        click.echo(f"\r\x1b[K{bar} {done}/{total} {what}", nl=False, err=True)
        self._drawn = True

    def clear(self) -> None:
        if self._drawn:
            click.echo("\r\x1b[K", nl=False, err=True)


def _write_atomically(path: Path, text: str) -> None:
    from claimlint.atomic import write_atomically

    try:
        write_atomically(path, text)
    except OSError as error:
        fail(f"{path}: cannot write report ({error.strerror})")


@cli.command("rules")
def rules_command() -> None:
    """List every rule: code, name, default severity, summary."""
    from claimlint.checks.registry import all_rules

    for rule in all_rules().values():
        click.echo(f"{rule.code}  {rule.name:<34} {rule.severity.value:<8} {rule.summary}")


@cli.command()
@click.argument("code")
def explain(code: str) -> None:
    """Show a rule's documentation (by code or name): what, why, example, use instead."""
    from claimlint.checks.registry import all_rules
    from claimlint.rule_docs import text_page

    rules = all_rules()
    by_name = {rule.name: rule for rule in rules.values()}
    rule = rules.get(code.strip().upper()) or by_name.get(code.strip().lower())
    if rule is None:
        fail(f"no rule {code!r} (see: claimlint rules)")
    click.echo(text_page(rule), nl=False)


@cli.group()
def cache() -> None:
    """Inspect or clear the caches: Crossref and PubMed answers, finished analyses."""


def _verify_settings(cache_dir: str | None):
    try:
        config = load_config(Path("."), None, {"cache_dir": cache_dir})
    except ConfigError as error:
        fail(str(error))
    return config.verify


def _analysis_files(settings) -> tuple[Path, list[Path]]:
    """The analysis cache's folder and its entry files (whatever their format's suffix)."""
    from claimlint.analysis_cache import cache_root

    root = cache_root(settings.cache_dir)
    return root, sorted(path for path in root.rglob("*") if path.is_file()) if root.is_dir() else []


@cache.command("info")
@click.option("--cache-dir", default=None)
def cache_info(cache_dir: str | None) -> None:
    """Where the caches are and what they hold."""
    from claimlint.verify import cache as verify_cache

    settings = _verify_settings(cache_dir)
    info = verify_cache.cache_info(settings)
    for key, value in info.items():
        click.echo(f"{key}: {value}")
    root, entries = _analysis_files(settings)
    click.echo(f"analysis_path: {root}\nanalysis_entries: {len(entries)}")
    click.echo(f"analysis_size_bytes: {sum(_size(path) for path in entries)}")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # removed by a concurrent run meanwhile
        return 0


@cache.command("clear")
@click.option("--cache-dir", default=None)
def cache_clear(cache_dir: str | None) -> None:
    """Delete every cached Crossref and PubMed answer and every cached analysis."""
    from claimlint.verify import cache as verify_cache

    settings = _verify_settings(cache_dir)
    removed = verify_cache.cache_clear(settings)
    analyses = 0
    for path in _analysis_files(settings)[1]:
        try:
            path.unlink()
            analyses += 1
        except OSError:
            pass
    click.echo(f"removed {removed} cached Crossref and PubMed entries and {analyses} cached analyses")


def _warning_line(message, category, filename, lineno, file=None, line=None) -> None:
    """Warnings (a cache moved aside and rebuilt) as one line, without Python's source excerpt."""
    click.echo(f"claimlint: warning: {message}", err=True)


def _interrupted() -> None:
    """Ctrl-C: one line, exit 130, now. os._exit skips joining threads still waiting on Crossref
    (up to a timeout each); every file claimlint writes is atomic, so nothing is left half done."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not interrupt the exit
    try:
        click.echo("claimlint: interrupted", err=True)
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(130)


def main() -> None:
    """Entry point: no traceback ever reaches the user."""
    import warnings

    warnings.showwarning = _warning_line
    if not sys.argv[1:]:  # bare `claimlint`: the help, as a usage error (exit 2)
        click.echo(cli.get_help(click.Context(cli, info_name="claimlint")))
        raise SystemExit(EXIT_USAGE)
    try:
        cli.main(standalone_mode=False)
    except (click.exceptions.Abort, KeyboardInterrupt):
        _interrupted()
    except click.exceptions.ClickException as error:  # one line, like every other error (no usage dump)
        click.echo(f"claimlint: error: {printable(error.format_message())}", err=True)
        raise SystemExit(EXIT_USAGE) from None
    except SystemExit:
        raise
    except Exception as error:  # the last line of defence: one line, exit 2
        if os.environ.get("CLAIMLINT_DEBUG"):
            raise
        click.echo(f"claimlint: internal error: {type(error).__name__}: {error} "
                   "(set CLAIMLINT_DEBUG=1 for the traceback)", err=True)
        raise SystemExit(EXIT_USAGE) from None


if __name__ == "__main__":
    main()
