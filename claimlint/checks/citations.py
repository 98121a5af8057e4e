"""CL201 malformed DOI; CL209 a citation marker that points at no reference entry."""

from __future__ import annotations

from typing import Iterator

from claimlint.checks.base import Problem, Rule, RuleFamily
from claimlint.model import Analysis, Severity, Verdicts

RULES = (
    Rule(
        code="CL201",
        name="malformed-doi",
        severity=Severity.ERROR,
        summary="A DOI does not have the shape of a DOI (Crossref's pattern), so it cannot resolve.",
        description=(
            "DOIs look like 10.NNNN/suffix (a registrant code of 4-9 digits, then a suffix of letters, "
            "digits and -._;()/: ). Anything else is a typo or a made-up identifier."
        ),
        why=(
            "A malformed DOI resolves nowhere, so the citation cannot be followed, and it is often "
            "the trace of a made-up reference."
        ),
        limitations=(
            "Only the shape is checked here; whether a well-formed DOI exists is CL202 (with "
            "Crossref)."
        ),
        fail_example="1. Smith J. Magnesium. Nutrients. 2015;7:1-2. doi:10.123/abc\n",
        pass_example="1. Smith J. Magnesium. Nutrients. 2015;7:1-2. doi:10.3390/nu7095388\n",
    ),
    Rule(
        code="CL209",
        name="dangling-citation-marker",
        severity=Severity.WARNING,
        summary="A citation marker's number has no entry in the reference list.",
        description=(
            "A marker like [7] promises a seventh reference. When the list has no entry 7 (or no list "
            "exists), the claim is effectively uncited."
        ),
        why=(
            "The marker suggests the claim is sourced when it is not; readers who look for entry 7 "
            "find nothing."
        ),
        limitations=(
            "Numeric and footnote markers are matched against numbered (or, failing that, positional)"
            " reference entries; author-year citations are not matched against the list."
        ),
        fail_example="Magnesium supports sleep [3].\n\n## References\n\n1. Smith J. Sleep. Sleep. 2020;1:1-2.\n",
        pass_example="Magnesium supports sleep [1].\n\n## References\n\n1. Smith J. Sleep. Sleep. 2020;1:1-2.\n",
    ),
)


def check(analysis: Analysis, verdicts: Verdicts) -> Iterator[Problem]:
    for mention in analysis.dois:
        if not mention.valid:
            yield Problem("CL201", f"malformed DOI \"{mention.doi}\": a DOI is 10.<4-9 digits>/<suffix>",
                          mention.span, {"doi": mention.doi})
    yield from _dangling_markers(analysis)


def _dangling_markers(analysis: Analysis) -> Iterator[Problem]:
    labels = {r.label for r in analysis.references if r.label}
    if not labels:
        # An unnumbered list is cited by position: entry n answers marker n.
        labels = {str(i + 1) for i in range(len(analysis.references))}
    reported: set[tuple[int, str]] = set()
    for sentence in analysis.sentences:
        if sentence.in_references:
            continue
        for marker in sentence.markers:
            if marker.kind not in ("numeric", "footnote"):
                continue
            missing = [label for label in marker.labels if label not in labels]
            if not missing or (marker.span.start, missing[0]) in reported:
                continue
            reported.add((marker.span.start, missing[0]))
            where = (f"the reference list has no entry {', '.join(missing)}" if analysis.references
                     else "the article has no reference list")
            yield Problem("CL209", f"citation marker {marker.raw.strip()} points nowhere: {where}",
                          marker.span, {"labels": list(missing)})


FAMILY = RuleFamily(rules=RULES, check=check)
