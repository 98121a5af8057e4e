"""The JSON report. Its shape is versioned by SCHEMA_VERSION and documented in docs/json-report.md:
add fields freely, bump the version when a field changes meaning or goes away."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict
from typing import Any, Iterator

from claimlint.model import DoiMention, DoiStatus, FileResult, Finding, RunResult, Verdicts
from claimlint.report import ReportOptions, register, register_chunks

SCHEMA_VERSION = 1


def finding_dict(finding: Finding) -> dict[str, Any]:
    data = {
        "code": finding.code,
        "severity": finding.severity.value,
        "message": finding.message,
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
        "excerpt": finding.excerpt,
        "fingerprint": finding.fingerprint,
        "suppressed": finding.suppressed,
    }
    if finding.extra:
        data["extra"] = finding.extra
    return data


def visible(file: FileResult, options: ReportOptions) -> list[Finding]:
    return [f for f in file.findings if options.show_suppressed or not f.suppressed]


def doi_status(mention: DoiMention, verdicts: Verdicts) -> DoiStatus:
    if not mention.valid:
        return DoiStatus.MALFORMED
    verdict = verdicts.dois.get(mention.doi)
    return verdict.status if verdict else DoiStatus.UNCHECKED


def file_dict(file: FileResult, options: ReportOptions) -> dict[str, Any]:
    if file.analysis is None:
        return {"path": file.path, "error": file.error, "findings": []}
    analysis = file.analysis
    index = analysis.document.index
    dois = []
    for mention in analysis.dois:
        line, column = index.position(mention.span.start)
        verdict = file.verdicts.dois.get(mention.doi)
        status = doi_status(mention, file.verdicts)
        entry: dict[str, Any] = {"doi": mention.doi, "line": line, "column": column, "status": status.value,
                                 "reference": mention.reference_index}
        if verdict is not None:
            if verdict.record is not None:
                entry["crossref"] = asdict(verdict.record)
            if verdict.detail:
                entry["detail"] = verdict.detail
            if verdict.updates:
                entry["updates"] = verdict.updates
        dois.append(entry)
    references = []
    for number, reference in enumerate(analysis.references):
        line, column = index.position(reference.span.start)
        entry = {key: value for key, value in asdict(reference).items() if key != "span"}
        entry.update(line=line, column=column)
        suggestion = file.verdicts.references.get(number)
        if suggestion is not None:
            entry["lookup"] = {"status": suggestion.status, "suggested_doi": suggestion.suggested_doi,
                               "detail": suggestion.detail}
        references.append(entry)
    disclaimer = analysis.disclaimer
    disclaimer_line = index.position(disclaimer.span.start)[0] if disclaimer.span else None
    return {
        "path": file.path,
        "language": analysis.language,
        "language_source": analysis.language_source,
        "format": analysis.document.format,
        "notes": analysis.document.notes,
        "findings": [finding_dict(f) for f in visible(file, options)],
        "references": references,
        "dois": dois,
        "disclaimer": {
            "required": disclaimer.required,
            "present": disclaimer.present,
            "altered": disclaimer.altered,
            "partial": disclaimer.partial,
            "line": disclaimer_line,
        },
        "claims": len(analysis.claims),
        "sentences": len(analysis.sentences),
    }


def summary(result: RunResult, options: ReportOptions) -> dict[str, Any]:
    findings = [f for file in result.files for f in visible(file, options)]
    return {
        "files": len(result.files),
        "files_with_errors": sum(1 for f in result.files if f.error),
        "findings": len(findings),
        "by_severity": dict(Counter(f.severity.value for f in findings)),
        "by_code": dict(sorted(Counter(f.code for f in findings).items())),
        "suppressed": sum(1 for file in result.files for f in file.findings if f.suppressed),
    }


FILES_GO_HERE = "claimlint-report-files-b1946ac92492d2347c6235b4d2611184"


@register("json")
def render_json(result: RunResult, options: ReportOptions) -> str:
    return "".join(json_chunks(result, options))


@register_chunks("json")
def json_chunks(result: RunResult, options: ReportOptions) -> Iterator[str]:
    """The report a file at a time: the indenting encoder (pure Python) builds a list of small
    strings for whatever it is given, which for a whole run of thousands of files was the run's
    largest allocation. Same text as json.dumps of the whole document."""
    document = {
        "claimlint": result.version,
        "schema_version": SCHEMA_VERSION,
        "files": FILES_GO_HERE if result.files else [],
        "summary": summary(result, options),
    }
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if not result.files:
        yield text
        return
    before, after = text.split(f'"{FILES_GO_HERE}"', 1)
    yield before + "["
    for number, file in enumerate(result.files):
        yield (",\n    " if number else "\n    ") + \
            json.dumps(file_dict(file, options), ensure_ascii=False, indent=2).replace("\n", "\n    ")
    yield "\n  ]" + after


@register("json-lines")
def render_json_lines(result: RunResult, options: ReportOptions) -> str:
    """One JSON object per line: a finding (with its path), or a file that could not be read."""
    lines = []
    for file in result.files:
        if file.error:
            lines.append({"path": file.path, "error": file.error})
        lines.extend({"path": file.path, **finding_dict(f)} for f in visible(file, options))
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
