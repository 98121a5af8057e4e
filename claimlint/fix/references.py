"""The unsafe fix of CL208: the DOI Crossref's search suggested, appended to its reference as
`doi:…`. Unsafe (only with --unsafe-fixes): a search can validate the wrong paper."""

from __future__ import annotations

import html

from claimlint.fix import Edit, EditGroup
from claimlint.model import Analysis, FileResult, Finding

MARKDOWN_UNSAFE = set("<>*`[]")  # characters that would turn the DOI into markup


def doi_group(analysis: Analysis, findings: list[Finding]) -> EditGroup | None:
    mine = [f for f in findings if f.code == "CL208" and f.extra.get("suggested_doi")]
    if not mine:
        return None
    document = analysis.document
    starts = {reference.span.start: reference for reference in analysis.references}
    edits, wanted, kept = [], set(), []
    for finding in mine:
        doi = str(finding.extra["suggested_doi"])
        reference = starts.get(document.index.line_start(finding.line) + finding.column - 1)
        if reference is None or reference.doi or (document.format == "markdown" and MARKDOWN_UNSAFE & set(doi)):
            continue
        text = html.escape(doi, quote=False) if document.format == "html" else doi
        edits.append(Edit(reference.span.end, reference.span.end, f" doi:{text}"))
        wanted.add(doi.lower())
        kept.append(finding)

    def fixed(result: FileResult) -> bool:
        found = {r.doi.lower() for r in (result.analysis.references if result.analysis else []) if r.doi}
        return wanted <= found

    return EditGroup(kept, edits, fixed) if kept else None
