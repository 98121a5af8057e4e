"""The terminal report: `path:line:col: CODE message`, the excerpt under it, a summary line."""

from __future__ import annotations

from collections import Counter

from claimlint.model import RunResult, Severity
from claimlint.report import ReportOptions, register
from claimlint.report.json import visible

COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}
EXCERPT_WIDTH = 100


def _paint(text: str, code: str, options: ReportOptions) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if options.color else text


def _excerpt(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= EXCERPT_WIDTH else line[: EXCERPT_WIDTH - 1] + "…"


@register("text")
def render_text(result: RunResult, options: ReportOptions) -> str:
    out: list[str] = []
    for file in result.files:
        if file.error:
            if options.file_errors:
                out.append(f"{file.path}: {_paint('error', '31;1', options)}: {file.error}")
            continue
        if file.analysis is not None:  # how the file was read (encoding guessed, front matter ignored)
            out.extend(f"{file.path}: {_paint('note', '36', options)}: {note}" for note in file.analysis.document.notes)
        for finding in visible(file, options):
            location = _paint(f"{finding.path}:{finding.line}:{finding.column}:", "1", options)
            code = _paint(finding.code, COLORS[finding.severity], options)
            suffix = " (suppressed)" if finding.suppressed else ""
            out.append(f"{location} {code} {finding.message}{suffix}")
            if finding.excerpt.strip():
                out.append(f"    {_paint(_excerpt(finding.excerpt), '2', options)}")
    out.extend(_summary_lines(result, options))
    return "\n".join(out) + "\n"


@register("concise")
def render_concise(result: RunResult, options: ReportOptions) -> str:
    """One line per finding (`path:line:col: CODE message`), nothing else unless --statistics."""
    out = [f"{file.path}: error: {file.error}" for file in result.files if file.error and options.file_errors]
    for file in result.files:
        for finding in visible(file, options):
            suffix = " (suppressed)" if finding.suppressed else ""
            out.append(f"{finding.path}:{finding.line}:{finding.column}: {finding.code} {finding.message}{suffix}")
    if options.statistics:
        out.extend(statistics_lines(result, options))
    return "".join(line + "\n" for line in out)


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
