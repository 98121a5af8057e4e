"""One self-contained HTML page a writer opens: each article with its findings highlighted in
place (hover for the message, numbered side notes), its DOIs, PMIDs and PMCIDs with their status, a
legend and per-file navigation. No scripts, no external assets: it works offline.

Everything from an article or from a source (Crossref, PubMed) goes through `esc` (text and attributes alike), so
an article containing `<script>` shows those characters. Positions come from the findings'
line/column over `Document.source`; nothing is parsed again.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from html import escape
from typing import Iterable

from claimlint.model import DoiStatus, FileResult, Finding, LineIndex, RunResult, Severity
from claimlint.report import ReportOptions, register
from claimlint.report.json import cited_ids, visible

STATUS_LABELS = {
    DoiStatus.VERIFIED: "verified",
    DoiStatus.NOT_FOUND: "not found",
    DoiStatus.MISMATCH: "mismatch",
    DoiStatus.RETRACTED: "retracted",
    DoiStatus.OTHER_AGENCY: "other agency",
    DoiStatus.UNVERIFIED: "unverified",
    DoiStatus.MALFORMED: "malformed",
    DoiStatus.UNCHECKED: "not checked",
}
STATUS_TONE = {
    DoiStatus.VERIFIED: "good", DoiStatus.NOT_FOUND: "bad", DoiStatus.MISMATCH: "bad",
    DoiStatus.RETRACTED: "bad", DoiStatus.MALFORMED: "bad", DoiStatus.OTHER_AGENCY: "neutral",
    DoiStatus.UNVERIFIED: "neutral", DoiStatus.UNCHECKED: "neutral",
}


# The page needs its inline <style> and nothing else: no script, no fetch, no form, no base
# rewrite. Should escaping ever fail, injected markup still cannot run or phone home.
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'none'; "
       "base-uri 'none'; form-action 'none'")


def esc(text: object) -> str:
    return escape(str(text), quote=True)


@dataclass(frozen=True)
class Note:
    """A finding placed in the article: its number in the file and its source offsets."""

    number: int
    finding: Finding
    start: int
    end: int

    @property
    def anchor(self) -> str:
        return f"n{self.number}"


def _notes(findings: list[Finding], index: LineIndex, file_number: int) -> list[Note]:
    def offset(line: int, column: int) -> int:
        return index.line_start(min(max(line, 1), index.line_count)) + column - 1

    notes = []
    for number, finding in enumerate(findings, start=1):
        start = offset(finding.line, finding.column)
        notes.append(Note(number, finding, start, max(start, offset(finding.end_line, finding.end_column))))
    return notes


def _strongest(notes: Iterable[Note]) -> Severity:
    return max((n.finding.severity for n in notes), key=lambda s: s.rank)


def _tip(notes: list[Note]) -> str:
    return "\n".join(f"{n.number}. {n.finding.code} ({n.finding.severity.value}): {n.finding.message}" for n in notes)


def _line_html(text: str, line_start: int, notes: list[Note], prefix: str) -> str:
    """One source line: pieces between finding boundaries, each wrapped in a <mark> if covered,
    and a numbered badge where each finding starts."""
    line_end = line_start + len(text)
    here = [n for n in notes if n.start < line_end and n.end > line_start or line_start <= n.start <= line_end
            and n.start == n.end]
    cuts = sorted({line_start, line_end, *(min(max(p, line_start), line_end) for n in here for p in (n.start, n.end))})
    out = []
    for a, b in zip(cuts, cuts[1:] + [line_end]):
        out.extend(f'<a class="badge sev-{n.finding.severity.value}" id="{prefix}{n.anchor}-at" '
                   f'href="#{prefix}{n.anchor}" title="{esc(_tip([n]))}">{n.number}</a>'
                   for n in here if n.start == a)
        if b <= a:
            continue
        piece = esc(text[a - line_start:b - line_start])
        covering = [n for n in here if n.start <= a and n.end >= b]
        if covering:
            codes = " ".join(n.finding.code for n in covering)
            out.append(f'<mark class="hl sev-{_strongest(covering).value}" data-codes="{esc(codes)}" '
                       f'data-tip="{esc(_tip(covering))}">{piece}</mark>')
        else:
            out.append(piece)
    return "".join(out)


def _article_html(file: FileResult, notes: list[Note], prefix: str) -> str:
    assert file.analysis is not None
    document = file.analysis.document
    source, index = document.source, document.index
    rows = []
    for line in range(1, index.line_count + 1):
        start = index.line_start(line)
        end = index.line_start(line + 1) if line < index.line_count else len(source)
        text = source[start:end].rstrip("\r\n")
        flagged = any(n.start < start + len(text) + 1 and n.end >= start and n.finding.line <= line <= n.finding.end_line
                      for n in notes)
        rows.append(f'<div class="ln{" flagged" if flagged else ""}" id="{prefix}L{line}"><span class="no">{line}'
                    f'</span><span class="tx">{_line_html(text, start, notes, prefix) or " "}</span></div>')
    return "\n".join(rows)


def _notes_html(notes: list[Note], prefix: str, rule_names: dict[str, str]) -> str:
    if not notes:
        return '<p class="clear">No findings in this file.</p>'
    items = []
    for n in notes:
        f = n.finding
        suppressed = ' <span class="tag">suppressed</span>' if f.suppressed else ""
        items.append(
            f'<li class="note sev-{f.severity.value}" id="{prefix}{n.anchor}"><a class="badge sev-{f.severity.value}" '
            f'href="#{prefix}{n.anchor}-at">{n.number}</a> <a class="where" href="#{prefix}L{f.line}">line {f.line}:{f.column}'
            f'</a> <code>{esc(f.code)}</code> <span class="rule">{esc(rule_names.get(f.code, ""))}</span>{suppressed}'
            f'<p>{esc(f.message)}</p></li>')
    return '<ol class="notes">' + "\n".join(items) + "</ol>"


def _doi_html(file: FileResult) -> str:
    assert file.analysis is not None
    index = file.analysis.document.index
    rows = []
    for cited in cited_ids(file):
        verdict, status = cited.verdict, cited.status
        record = verdict.record if verdict else None
        work = ""
        if record is not None:
            parts = [p for p in (record.first_author, str(record.year) if record.year else None, record.container) if p]
            work = f"<cite>{esc(record.title or '(untitled)')}</cite>" + (f"<br><small>{esc(' · '.join(parts))}</small>" if parts else "")
        shown = esc(cited.value if cited.scheme == "doi" else f"{cited.scheme.upper()} {cited.value}")
        link = f'<a href="{esc(cited.url)}" rel="noreferrer">{shown}</a>' if cited.valid else shown
        rows.append(f'<tr><td>{index.position(cited.span.start)[0]}</td><td class="doi">{link}</td>'
                    f'<td><span class="status {STATUS_TONE[status]}">{esc(STATUS_LABELS[status])}</span></td>'
                    f'<td>{work}</td><td>{esc(verdict.detail if verdict else "")}</td></tr>')
    if not rows:
        return ""
    return ('<h3>Cited works</h3><table class="dois"><thead><tr><th>line</th><th>identifier</th><th>status</th>'
            '<th>record</th><th>detail</th></tr></thead><tbody>' + "\n".join(rows) + "</tbody></table>")


def _file_section(number: int, file: FileResult, options: ReportOptions, rule_names: dict[str, str]) -> str:
    prefix = f"f{number}-"
    head = f'<section class="file" id="f{number}"><h2>{esc(file.path)}</h2>'
    if file.analysis is None:
        return head + f'<p class="unreadable">Could not be read: {esc(file.error or "")}</p></section>'
    findings = visible(file, options)
    notes = _notes(findings, file.analysis.document.index, number)
    counts = Counter(f.severity.value for f in findings)
    summary = ", ".join(f"{counts[s.value]} {s.value}{'s' * (counts[s.value] != 1)}" for s in Severity
                        if counts[s.value]) or "no findings"
    meta = (f'<p class="meta">{esc(summary)} · language {esc(file.analysis.language)} · '
            f'{len(file.analysis.claims)} claims · {len(file.analysis.dois)} DOIs'
            + (f' · {len(file.analysis.pubmed_ids)} PubMed IDs' if file.analysis.pubmed_ids else "") + '</p>')
    return (head + meta + '<div class="pair"><div class="article" lang="' + esc(file.analysis.language) + '">'
            + _article_html(file, notes, prefix) + '</div><aside>' + _notes_html(notes, prefix, rule_names)
            + "</aside></div>" + _doi_html(file) + "</section>")


def _nav(result: RunResult, options: ReportOptions) -> str:
    items = []
    for number, file in enumerate(result.files, start=1):
        findings = visible(file, options)
        if file.error:
            badge = '<span class="count sev-error">unreadable</span>'
        elif findings:
            badge = f'<span class="count sev-{max((f.severity for f in findings), key=lambda s: s.rank).value}">{len(findings)}</span>'
        else:
            badge = '<span class="count ok">✓</span>'
        items.append(f'<li><a href="#f{number}">{esc(file.path)}</a> {badge}</li>')
    return "<h2>Files</h2><ul class=\"files\">" + "\n".join(items) + "</ul>"


def _legend(result: RunResult, options: ReportOptions, rule_names: dict[str, str]) -> str:
    counts = Counter(f.code for file in result.files for f in visible(file, options))
    severities = "".join(f'<li><mark class="hl sev-{s.value}">{s.value}</mark></li>' for s in Severity)
    statuses = "".join(f'<li><span class="status {STATUS_TONE[s]}">{esc(label)}</span></li>'
                       for s, label in STATUS_LABELS.items())
    codes = "".join(f"<tr><td><code>{esc(code)}</code></td><td>{esc(rule_names.get(code, ''))}</td><td>{count}</td></tr>"
                    for code, count in sorted(counts.items()))
    table = f'<table class="codes"><tbody>{codes}</tbody></table>' if codes else ""
    return (f'<h2>Legend</h2><ul class="legend">{severities}</ul><p class="hint">Hover a highlight for its message; '
            f'numbers link to the notes.</p><h3>DOI status</h3><ul class="legend">{statuses}</ul>'
            f'<h3>Findings by code</h3>{table}')


@register("html")
def render_html(result: RunResult, options: ReportOptions) -> str:
    from claimlint.checks.registry import all_rules

    rule_names = {code: rule.name for code, rule in all_rules().items()}
    findings = [f for file in result.files for f in visible(file, options)]
    total = f"{len(findings)} finding{'s' * (len(findings) != 1)} in {len(result.files)} file{'s' * (len(result.files) != 1)}"
    sections = "\n".join(_file_section(n, file, options, rule_names) for n, file in enumerate(result.files, start=1))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="generator" content="claimlint {esc(result.version)}">
<title>claimlint report: {esc(total)}</title><style>{STYLE}</style></head>
<body><header><h1>claimlint report</h1><p>{esc(total)} · claimlint {esc(result.version)}</p></header>
<div class="layout"><nav>{_nav(result, options)}{_legend(result, options, rule_names)}</nav>
<main>{sections}</main></div></body></html>
"""


STYLE = """
:root{--err:#b42318;--err-bg:#fde4e1;--warn:#8a5a00;--warn-bg:#fff1bf;--info:#0b5cad;--info-bg:#dcecff;
--ink:#1f2328;--muted:#59636e;--line:#d8dee4;--paper:#fff;--bg:#f6f8fa}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
header{padding:14px 24px;background:#24292f;color:#fff}header h1{margin:0;font-size:20px}header p{margin:2px 0 0;color:#d0d7de}
.layout{display:grid;grid-template-columns:260px minmax(0,1fr);gap:20px;padding:20px 24px}
nav{position:sticky;top:12px;align-self:start;max-height:calc(100vh - 24px);overflow:auto;font-size:13px}
nav h2{font-size:14px;margin:0 0 6px}nav h3{font-size:13px;margin:14px 0 6px}
ul.files{list-style:none;margin:0 0 16px;padding:0}ul.files li{display:flex;justify-content:space-between;gap:8px;padding:3px 0;border-bottom:1px solid var(--line)}
ul.files a{color:var(--ink);text-decoration:none;overflow-wrap:anywhere}ul.files a:hover{text-decoration:underline}
.count{font-size:12px;padding:0 7px;border-radius:10px;white-space:nowrap;align-self:center}
.count.ok{background:#dafbe1;color:#116329}
ul.legend{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:6px}
.hint{color:var(--muted);margin:6px 0}
table.codes td{padding:1px 6px 1px 0}
section.file{background:var(--paper);border:1px solid var(--line);border-radius:8px;padding:16px 20px;margin-bottom:24px}
section.file h2{margin:0;font-size:17px;overflow-wrap:anywhere}.meta{margin:2px 0 12px;color:var(--muted);font-size:13px}
.pair{display:grid;grid-template-columns:minmax(0,1fr) 330px;gap:16px;align-items:start}
.article{font:14px/1.6 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;border:1px solid var(--line);border-radius:6px;overflow:hidden}
.ln{display:grid;grid-template-columns:3.2em minmax(0,1fr)}.ln .no{color:#8c959f;text-align:right;padding-right:8px;background:var(--bg);user-select:none;border-right:1px solid var(--line)}
.ln .tx{white-space:pre-wrap;overflow-wrap:anywhere;padding:0 10px}.ln.flagged .no{color:var(--ink);font-weight:600}
.ln:target{background:#fff8c5}
mark.hl{position:relative;color:inherit;border-radius:2px;padding:1px 0;border-bottom:2px solid}
.sev-error{--c:var(--err);--cb:var(--err-bg)}.sev-warning{--c:var(--warn);--cb:var(--warn-bg)}.sev-info{--c:var(--info);--cb:var(--info-bg)}
mark.hl{background:var(--cb);border-color:var(--c)}
mark.hl[data-tip]:hover::after{content:attr(data-tip);position:absolute;left:0;top:100%;z-index:5;width:max-content;max-width:440px;
white-space:pre-line;font:13px/1.4 system-ui,sans-serif;color:#fff;background:#24292f;padding:8px 10px;border-radius:6px;box-shadow:0 4px 14px #0004}
a.badge{display:inline-block;min-width:1.5em;margin:0 2px;padding:0 4px;border-radius:9px;font:600 11px/1.5 system-ui,sans-serif;
text-align:center;text-decoration:none;color:#fff;background:var(--c);vertical-align:1px}
.count.sev-error,.count.sev-warning,.count.sev-info{color:#fff;background:var(--c)}
aside{position:sticky;top:12px;max-height:calc(100vh - 24px);overflow:auto}
aside ol.notes{list-style:none;margin:0;padding:0;font-size:13px}
li.note{border-left:4px solid var(--c);background:var(--cb);border-radius:4px;padding:6px 8px;margin-bottom:8px}
li.note:target{outline:2px solid var(--c)}li.note p{margin:4px 0 0}li.note .where{color:var(--muted)}
li.note .rule{color:var(--muted)}.tag{font-size:11px;background:#eaeef2;border-radius:8px;padding:0 6px}
.clear{color:#116329}.unreadable{color:var(--err)}
table.dois{border-collapse:collapse;width:100%;font-size:13px;margin-top:6px}
table.dois th,table.dois td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
td.doi{font-family:ui-monospace,monospace;overflow-wrap:anywhere}
.status{display:inline-block;font-size:12px;border-radius:10px;padding:0 8px;white-space:nowrap}
.status.good{background:#dafbe1;color:#116329}.status.bad{background:var(--err-bg);color:var(--err)}.status.neutral{background:#eaeef2;color:#424a53}
@media (max-width:1000px){.layout,.pair{grid-template-columns:minmax(0,1fr)}nav,aside{position:static;max-height:none}}
"""
