"""The JSON report. Its shape is versioned by SCHEMA_VERSION and documented in docs/json-report.md:
add fields freely, bump the version when a field changes meaning or goes away."""
# 2: a cited work's metadata is "record" (with its "source"), no longer "crossref"; "pubmed_ids" added.

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any, Iterator
from urllib.parse import quote

from claimlint.checks.verification import record_summary
from claimlint.model import DoiMention, DoiStatus, DoiVerdict, FileResult, Finding, RunResult, Span, Verdicts
from claimlint.report import ReportOptions, indented_json, register, register_chunks

SCHEMA_VERSION = 2


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


@dataclass
class CitedId:
    """A DOI, PMID or PMCID mention with its verdict, for the reports' tables."""

    scheme: str
    value: str
    span: Span
    valid: bool
    status: DoiStatus
    verdict: DoiVerdict | None
    reference: int | None

    @property
    def url(self) -> str:
        if self.scheme == "pmid":
            return f"https://pubmed.ncbi.nlm.nih.gov/{quote(self.value, safe='')}/"
        if self.scheme == "pmcid":
            return f"https://pmc.ncbi.nlm.nih.gov/articles/{quote(self.value, safe='')}/"
        return "https://doi.org/" + quote(self.value, safe="/:;")


def cited_ids(file: FileResult) -> list[CitedId]:
    """Every DOI, PMID and PMCID mention of an analysed file, in document order."""
    assert file.analysis is not None
    rows = [CitedId("doi", m.doi, m.span, m.valid, doi_status(m, file.verdicts), file.verdicts.dois.get(m.doi),
                    m.reference_index) for m in file.analysis.dois]
    for m in file.analysis.pubmed_ids:
        verdict = file.verdicts.pubmed_ids.get(m.value)
        rows.append(CitedId(m.scheme, m.value, m.span, True, verdict.status if verdict else DoiStatus.UNCHECKED,
                            verdict, m.reference_index))
    return sorted(rows, key=lambda row: row.span.start)


def _verdict_fields(entry: dict[str, Any], verdict: DoiVerdict | None) -> dict[str, Any]:
    if verdict is not None:
        if verdict.record is not None:
            entry["record"] = record_summary(verdict.record)
        if verdict.detail:
            entry["detail"] = verdict.detail
        if verdict.updates:
            entry["updates"] = verdict.updates
    return entry


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
        dois.append(_verdict_fields(entry, verdict))
    pubmed_ids = []
    for pubmed in analysis.pubmed_ids:
        line, column = index.position(pubmed.span.start)
        verdict = file.verdicts.pubmed_ids.get(pubmed.value)
        status = verdict.status if verdict else DoiStatus.UNCHECKED
        entry = {"type": pubmed.scheme, "id": pubmed.value, "line": line, "column": column, "status": status.value,
                 "reference": pubmed.reference_index}
        pubmed_ids.append(_verdict_fields(entry, verdict))
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
        "pubmed_ids": pubmed_ids,
        "disclaimer": {
            "required": disclaimer.required,
            "present": disclaimer.present,
            "altered": disclaimer.altered,
            "partial": disclaimer.partial,
            "line": disclaimer_line,
            # why it is (not) required: the policy in force, and under "auto" the page verdict
            "policy": disclaimer.policy,
            "markets_supplement": analysis.markets_supplement,
            "probability": round(analysis.supplement_probability, 3),
            "reasons": list(disclaimer.reasons),
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
    text = indented_json.dumps(document) + "\n"
    if not result.files:
        yield text
        return
    before, after = text.split(f'"{FILES_GO_HERE}"', 1)
    yield before + "["
    for number, file in enumerate(result.files):
        yield (",\n    " if number else "\n    ") + \
            indented_json.dumps(file_dict(file, options)).replace("\n", "\n    ")
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
