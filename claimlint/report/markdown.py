"""A Markdown summary for a pull-request comment: counts by code, the findings, the DOIs.

Everything from an article is escaped for GitHub-flavoured Markdown tables: pipes, HTML,
backticks and emphasis characters can neither break the table nor inject markup, and
mentions, issue references and bare URLs neither notify anyone nor link. The findings
table is capped so the comment stays under the 65 536-character limit of GitHub comments.
"""

from __future__ import annotations

import re
from collections import Counter

from claimlint.model import RunResult
from claimlint.report import ReportOptions, printable, register
from claimlint.report.json import cited_ids, visible

MAX_ROWS = 200
EXCERPT_WIDTH = 80
# Enough to keep a cell a cell and plain text: no links ([ escaped), no HTML, no emphasis.
_SPECIAL = re.compile(r"([\\`*_\[\]|<>~])")


# What GitHub turns into a notification or a link on its own, even as plain text: @user and
# @org/team mentions, #123 (and owner/repo#123, GH-123) issue references, bare URLs. A zero-width
# space after @, # or before :// keeps the text readable and inert.
_PINGS = re.compile(r"(?<![\w@])(@)(?=[\w-])|(#)(?=\w)|(?i:\b(GH)-(?=\d))")
_BARE_URL = re.compile(r"(?i)\b(https?|ftp)(://)|\b(www)(\.)")


def inert(text: str) -> str:
    text = _PINGS.sub(lambda m: (m.group(1) or m.group(2) or m.group(3) + "-") + "\u200b", text)
    return _BARE_URL.sub(lambda m: (m.group(1) or m.group(3)) + "\u200b" + (m.group(2) or m.group(4)), text)


def cell(text: str) -> str:
    flat = " ".join(printable(str(text)).split())
    return inert(_SPECIAL.sub(r"\\\1", flat.replace("&", "&amp;"))) or " "


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT_WIDTH else flat[: EXCERPT_WIDTH - 1] + "…"


@register("markdown")
def render_markdown(result: RunResult, options: ReportOptions) -> str:
    from claimlint.checks.registry import all_rules

    rules = all_rules()
    findings = [f for file in result.files for f in visible(file, options)]
    counts = Counter(f.severity.value for f in findings)
    out = ["## claimlint", ""]
    if not findings:
        out.append(f"No findings in {len(result.files)} file(s). ✅")
    else:
        parts = ", ".join(f"{counts[s]} {s}" for s in ("error", "warning", "info") if counts[s])
        out.append(f"**{len(findings)} finding(s)** ({parts}) in {len(result.files)} file(s).")
    unreadable = [file for file in result.files if file.error]
    for file in unreadable:
        out.append(f"\n⚠️ `{cell(file.path)}` could not be read: {cell(file.error or '')}")
    if findings:
        out += ["", "| code | rule | count |", "|---|---|---:|"]
        for code, count in sorted(Counter(f.code for f in findings).items()):
            name = rules[code].name if code in rules else ""
            out.append(f"| {code} | {name} | {count} |")
        out += ["", "<details open><summary>Findings</summary>", "",
                "| location | code | severity | message | text |", "|---|---|---|---|---|"]
        for f in findings[:MAX_ROWS]:
            mark = " (suppressed)" if f.suppressed else ""
            out.append(f"| {cell(f.path)}:{f.line}:{f.column} | {f.code} | {f.severity.value}{mark} "
                       f"| {cell(f.message)} | {cell(_short(f.excerpt))} |")
        if len(findings) > MAX_ROWS:
            out.append(f"\n… and {len(findings) - MAX_ROWS} more (see the full report).")
        out += ["", "</details>"]
    out += _doi_table(result)
    return "\n".join(out) + "\n"


def _doi_table(result: RunResult) -> list[str]:
    rows = []
    for file in result.files:
        if file.analysis is None:
            continue
        index = file.analysis.document.index
        for cited in cited_ids(file):
            line = index.position(cited.span.start)[0]
            verdict = cited.verdict
            detail = verdict.detail if verdict else ""
            title = verdict.record.title if verdict and verdict.record and verdict.record.title else ""
            shown = cell(cited.value if cited.scheme == "doi" else f"{cited.scheme.upper()} {cited.value}")
            link = f"[{shown}]({cited.url})" if cited.valid else shown
            rows.append(f"| {cell(file.path)}:{line} | {link} | {cited.status.value} "
                        f"| {cell(_short(title))} | {cell(detail)} |")
    if not rows:
        return []
    return ["", "### Cited works", "", "| location | identifier | status | title | detail |", "|---|---|---|---|---|",
            *rows]
