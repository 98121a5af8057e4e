"""The terminal report: `path:line:col: CODE message`, the source line under it with carets
under the flagged part, a summary line, and the docs link of each rule reported.

Everything from an article or a file name goes through `printable` (no terminal control codes)
and no line can pass for a CI workflow command (`::error …`)."""

from __future__ import annotations

from collections import Counter

from claimlint.model import FileResult, Finding, RunResult, Severity
from claimlint.report import ReportOptions, no_workflow_command, printable, register
from claimlint.report.json import visible

COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}
EXCERPT_WIDTH = 100


def _paint(text: str, code: str, options: ReportOptions) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if options.color else text


def _excerpt(text: str) -> str:
    line = printable(" ".join(text.split()))
    return line if len(line) <= EXCERPT_WIDTH else line[: EXCERPT_WIDTH - 1] + "…"


def source_window(file: FileResult, finding: Finding) -> tuple[str, str] | None:
    """The finding's first source line, cut to EXCERPT_WIDTH around it, and a caret line under
    the flagged part (to the end of the line when the span goes on): which sentence of a long
    paragraph line it is. None when the source is not at hand."""
    if file.analysis is None:
        return None
    document = file.analysis.document
    index = document.index
    if not 1 <= finding.line <= index.line_count:
        return None
    start = index.line_start(finding.line)
    end = index.line_start(finding.line + 1) if finding.line < index.line_count else len(document.source)
    line = document.source[start:end].rstrip("\r\n")
    first = finding.column - 1
    last = finding.end_column - 1 if finding.end_line == finding.line else len(line.rstrip())
    last = max(first + 1, min(last, len(line)))
    left = max(0, min(first - 10, len(line) - EXCERPT_WIDTH)) if len(line) > EXCERPT_WIDTH else 0
    shown = line[left : left + EXCERPT_WIDTH]
    if not shown.strip():
        return None
    prefix = "…" if left else ""
    suffix = "…" if left + EXCERPT_WIDTH < len(line) else ""
    carets = " " * (len(prefix) + first - left) + "^" * max(1, min(last, left + EXCERPT_WIDTH) - first)
    return prefix + printable(shown) + suffix, carets


@register("text")
def render_text(result: RunResult, options: ReportOptions) -> str:
    out: list[str] = []
    for file in result.files:
        path = printable(file.path)
        if file.error:
            if options.file_errors:
                out.append(f"{path}: {_paint('error', '31;1', options)}: {printable(file.error)}")
            continue
        if file.analysis is not None:  # how the file was read (encoding guessed, front matter ignored)
            out.extend(f"{path}: {_paint('note', '36', options)}: {printable(note)}"
                       for note in file.analysis.document.notes)
        for finding in visible(file, options):
            location = _paint(f"{printable(finding.path)}:{finding.line}:{finding.column}:", "1", options)
            code = _paint(finding.code, COLORS[finding.severity], options)
            suffix = " (suppressed)" if finding.suppressed else ""
            out.append(f"{location} {code} {printable(finding.message)}{suffix}")
            window = source_window(file, finding)
            if window:
                out.append(f"    {_paint(window[0], '2', options)}")
                out.append(f"    {_paint(window[1], COLORS[finding.severity], options)}")
            elif finding.excerpt.strip():
                out.append(f"    {_paint(_excerpt(finding.excerpt), '2', options)}")
    out.extend(_summary_lines(result, options))
    out.extend(_docs_lines(result, options))
    return "".join(no_workflow_command(line) + "\n" for line in out)


def _docs_lines(result: RunResult, options: ReportOptions) -> list[str]:
    """Where each reported rule is explained: the long advice lives there, not in every line."""
    from claimlint.checks.registry import all_rules

    rules = all_rules()
    codes = sorted({f.code for file in result.files for f in visible(file, options)} & set(rules))
    if not codes:
        return []
    return ["", "Rule docs (also: claimlint explain CODE):",
            *(f"  {code} {rules[code].name}: {rules[code].docs_url}" for code in codes)]


@register("concise")
def render_concise(result: RunResult, options: ReportOptions) -> str:
    """One line per finding (`path:line:col: CODE message`), nothing else unless --statistics."""
    out = [f"{printable(file.path)}: error: {printable(file.error)}"
           for file in result.files if file.error and options.file_errors]
    for file in result.files:
        for finding in visible(file, options):
            suffix = " (suppressed)" if finding.suppressed else ""
            out.append(f"{printable(finding.path)}:{finding.line}:{finding.column}: {finding.code} "
                       f"{printable(finding.message)}{suffix}")
    if options.statistics:
        out.extend(statistics_lines(result, options))
    return "".join(no_workflow_command(line) + "\n" for line in out)


def statistics_lines(result: RunResult, options: ReportOptions) -> list[str]:
    """`--statistics`: count, code, rule name; most frequent first (ruff's layout)."""
    from claimlint.checks.registry import all_rules

    rules = all_rules()
    counts = Counter(f.code for file in result.files for f in visible(file, options))
    return [f"{count:5d}  {code}  {rules[code].name if code in rules else ''}".rstrip()
            for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def _summary_lines(result: RunResult, options: ReportOptions) -> list[str]:
    findings = [f for file in result.files for f in visible(file, options)]
    counts = Counter(f.severity for f in findings)
    files = len(result.files)
    errors = sum(1 for f in result.files if f.error)
    lines = []
    if options.statistics and findings:
        lines.append("")
        lines.extend(statistics_lines(result, options))
    if not findings:
        lines.append(f"All clear: {files} file{'s' * (files != 1)} checked, no findings." if not errors
                     else f"{files} file(s), {errors} could not be read.")
        return lines
    parts = [f"{counts[s]} {s.value}{'s' * (counts[s] != 1)}" for s in Severity if counts[s]]
    line = f"Found {len(findings)} finding{'s' * (len(findings) != 1)} ({', '.join(parts)}) in {files} file{'s' * (files != 1)}"
    if errors:
        line += f"; {errors} could not be read"
    lines.append(line + ".")
    return lines
