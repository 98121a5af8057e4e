"""The command line: check, rules, explain, cache. Only this module knows about the terminal."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from claimlint import __version__
from claimlint.config import FAIL_ON, LANGUAGES, Config, ConfigError, load_config

EXIT_USAGE = 2


def fail(message: str) -> None:
    click.echo(f"claimlint: error: {message}", err=True)
    raise SystemExit(EXIT_USAGE)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="claimlint")
def cli() -> None:
    """Lint health articles: uncited claims, DOIs checked against Crossref, supplement disclaimers."""


def _codes(value: str | None) -> list[str] | None:
    return [c.strip() for c in value.split(",") if c.strip()] if value else None


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output_format", default=None, help="Report format: text, json, … (see --help-formats).")
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
@click.option("--no-verify", is_flag=True, help="Do not check DOIs and references against Crossref.")
@click.option("--crossref-url", default=None, help="Crossref API base URL.")
@click.option("--mailto", default=None, help="Your e-mail, sent to Crossref (polite pool).")
@click.option("--cache-dir", default=None, help="Where the Crossref cache lives.")
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
@click.option("--no-color", is_flag=True, help="No ANSI colours.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing; only the exit code speaks.")
@click.option("--show-settings", is_flag=True,
              help="Print the settings in force for each file and the config file they come from; check nothing.")
def check(paths: tuple[Path, ...], output_format: str | None, output_format_alias: str | None,
          output: Path | None, config_file: Path | None, select: str | None, ignore: str | None,
          fail_on: str | None, exit_zero: bool, lang: str | None, model: str | None, offline: bool | None,
          no_verify: bool, crossref_url: str | None, mailto: str | None, cache_dir: str | None,
          stdin_filename: str | None, statistics: bool, show_suppressed: bool, baseline_file: Path | None,
          write_baseline_file: Path | None, diff_base: str | None, jobs: int | None, no_color: bool,
          quiet: bool, show_settings: bool) -> None:
    """Check articles (files, directories, or - for standard input)."""
    from claimlint import engine
    from claimlint.report import HUMAN_FORMATS, ReportOptions, format_names, render

    if not paths:
        fail("no paths given (try: claimlint check article.md)")
    fmt = (output_format or output_format_alias or "text").lower()
    available = format_names()
    if fmt not in available:
        fail(f"unknown format {fmt!r}; choose from {', '.join(sorted(available))}")
    cli_settings: dict[str, Any] = {
        "select": _codes(select), "ignore": _codes(ignore), "fail_on": fail_on, "lang": lang, "model": model,
        "offline": offline or None, "crossref_url": crossref_url, "mailto": mailto, "cache_dir": cache_dir,
    }
    if no_verify:
        cli_settings["verify"] = False
    known = _read_baseline(baseline_file) if baseline_file else None
    sources, run_config = _sources(paths, config_file, cli_settings, stdin_filename)
    if show_settings:
        from claimlint.config import describe

        click.echo("\n\n".join(describe(source.config, source.path) for source in sources))
        raise SystemExit(0)
    # Progress goes to stderr, and only where a person watches a human format.
    progress = ProgressBar() if sys.stderr.isatty() and not quiet and fmt in HUMAN_FORMATS else None
    result = engine.run(sources, progress, jobs or engine.default_jobs(),
                        notify=(lambda note: None) if quiet else None)
    if progress:
        progress.clear()
    _keep_new_findings(result, known, write_baseline_file, diff_base)
    color = not no_color and output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    options = ReportOptions(color=color and fmt == "text", show_suppressed=show_suppressed, statistics=statistics)
    report = render(result, fmt, options)
    if output is not None:
        _write_atomically(output, report)
    elif not quiet:
        click.echo(report, nl=False)
    for file in result.files:
        if file.error:
            click.echo(f"claimlint: {file.path}: {file.error}", err=True)
    code = engine.exit_code(result, run_config.fail_on)
    if exit_zero and code == 1:
        code = 0
    raise SystemExit(code)


def _sources(paths, config_file, cli_settings, stdin_filename):
    from claimlint import files
    from claimlint.engine import Source

    configs: dict[str | None, Config] = {}

    def config_for(target: Path) -> Config:
        from claimlint.config import find_config_file, resolved

        found = config_file or find_config_file(resolved(target))
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
        for path in explicit:
            if not path.exists() and not path.is_symlink():
                fail(f"{path}: no such file or directory")
        for path in files.expand(explicit, first_config.exclude):
            config = config_for(path)
            data, error = files.read_article(path, config.max_file_size)
            sources.append(Source(str(path), data, config, read_error=error))
    except ConfigError as error:
        fail(str(error))
    if not sources:
        fail("no articles found (looked for .md, .markdown, .mdx, .html, .htm, .txt)")
    return sources, first_config


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
    """Show a rule's documentation with a failing and a passing example."""
    from claimlint.checks.registry import all_rules

    rule = all_rules().get(code.upper())
    if rule is None:
        fail(f"no rule {code!r} (see: claimlint rules)")
    click.echo(f"{rule.code} {rule.name} ({rule.severity.value})\n\n{rule.summary}\n\n{rule.description}\n")
    click.echo("Fails:\n\n" + _indent(rule.fail_example) + "\nPasses:\n\n" + _indent(rule.pass_example))


def _indent(text: str) -> str:
    return "".join(f"    {line}\n" for line in text.rstrip("\n").splitlines())


@cli.group()
def cache() -> None:
    """Inspect or clear the Crossref cache."""


def _verify_settings(cache_dir: str | None):
    try:
        config = load_config(Path("."), None, {"cache_dir": cache_dir})
    except ConfigError as error:
        fail(str(error))
    return config.verify


@cache.command("info")
@click.option("--cache-dir", default=None)
def cache_info(cache_dir: str | None) -> None:
    """Where the cache is and what it holds."""
    from claimlint.verify import cache as verify_cache

    info = verify_cache.cache_info(_verify_settings(cache_dir))
    for key, value in info.items():
        click.echo(f"{key}: {value}")


@cache.command("clear")
@click.option("--cache-dir", default=None)
def cache_clear(cache_dir: str | None) -> None:
    """Delete every cached Crossref answer."""
    from claimlint.verify import cache as verify_cache

    removed = verify_cache.cache_clear(_verify_settings(cache_dir))
    click.echo(f"removed {removed} cached entries")


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
    try:
        cli.main(standalone_mode=False)
    except (click.exceptions.Abort, KeyboardInterrupt):
        _interrupted()
    except click.exceptions.ClickException as error:  # one line, like every other error (no usage dump)
        click.echo(f"claimlint: error: {error.format_message()}", err=True)
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
