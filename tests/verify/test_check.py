"""CL202-CL208 from Verdicts (no network: the check only reads what verify produced)."""

from __future__ import annotations

import re

from claimlint.checks.verification import FAMILY
from claimlint.model import DoiStatus, DoiVerdict, ReferenceVerdict, Severity, Verdicts, WorkRecord

from conftest import analysis_with, cited

RECORD = WorkRecord(source="crossref", doi="10.1/real", title="The Real Title", authors=["Lee"], year=2012,
                    container="Neurobiology of Aging", type="journal-article")


def problems_for(status: DoiStatus, **verdict_fields):
    analysis = analysis_with([cited("Entry. doi:10.1/x", doi="10.1/x")])
    verdicts = Verdicts(dois={"10.1/x": DoiVerdict("10.1/x", status, **verdict_fields)}, ran=True)
    return analysis, list(FAMILY.check(analysis, verdicts))


def test_each_status_gives_its_code_at_the_mention():
    expected = {
        DoiStatus.NOT_FOUND: ["CL202"],
        DoiStatus.MISMATCH: ["CL203"],
        DoiStatus.RETRACTED: ["CL204"],
        DoiStatus.OTHER_AGENCY: ["CL206"],
        DoiStatus.UNVERIFIED: ["CL207"],
        DoiStatus.VERIFIED: [],
        # DOI-shaped but no lookup can carry it (too long, control characters): an error of its
        # own, not a quiet "unverified". A mention that is not DOI-shaped is the core checks' CL201.
        DoiStatus.MALFORMED: ["CL201"],
    }
    for status, codes in expected.items():
        analysis, problems = problems_for(status, record=RECORD, detail="why")
        assert [p.code for p in problems] == codes, status
        assert all(p.span == analysis.dois[0].span for p in problems)


def test_mismatch_names_the_real_work():
    _, [problem] = problems_for(DoiStatus.MISMATCH, record=RECORD)
    assert '"The Real Title" (Lee, 2012, Neurobiology of Aging)' in problem.message
    assert problem.extra["record"]["doi"] == "10.1/real"


def test_unverified_says_why():
    _, [problem] = problems_for(DoiStatus.UNVERIFIED, detail="Crossref lookup failed: timed out")
    assert problem.message == "DOI 10.1/x could not be checked: Crossref lookup failed: timed out"


def test_correction_and_concern_warn_but_stay_verified():
    updates = [{"type": "correction", "DOI": "10.1/c"}, {"type": "expression_of_concern", "DOI": "10.1/e"}]
    _, [problem] = problems_for(DoiStatus.VERIFIED, record=RECORD, updates=updates)
    assert problem.code == "CL205"
    assert "correction" in problem.message and "expression of concern" in problem.message


def test_reference_without_doi():
    analysis = analysis_with([cited("A. One."), cited("B. Two."), cited("C. Three.")])
    verdicts = Verdicts(
        references={
            0: ReferenceVerdict(0, "10.3390/nu7095388", WorkRecord(source="crossref", doi="10.3390/nu7095388", title="Magnesium in Prevention and Therapy", year=2015), "found"),
            1: ReferenceVerdict(1, None, status="none"),
            2: ReferenceVerdict(2, None, status="unverified", detail="timed out"),
        },
        ran=True,
    )
    problems = list(FAMILY.check(analysis, verdicts))
    assert [p.message for p in problems] == [
        "Reference has no DOI; Crossref suggests 10.3390/nu7095388 (Magnesium in Prevention and Therapy, 2015)",
        "Reference has no DOI; no DOI found",
        "Reference has no DOI; Crossref could not be searched: timed out",
    ]
    assert [p.span for p in problems] == [r.span for r in analysis.references]


def test_nothing_when_verification_did_not_run():
    analysis, _ = problems_for(DoiStatus.NOT_FOUND)
    assert list(FAMILY.check(analysis, Verdicts(ran=False))) == []


def test_rules_are_documented():
    codes = [r.code for r in FAMILY.rules]
    assert codes == ["CL202", "CL203", "CL204", "CL205", "CL206", "CL207", "CL208"]
    severities = {r.code: r.severity for r in FAMILY.rules}
    assert severities["CL202"] is Severity.ERROR and severities["CL205"] is Severity.WARNING
    assert severities["CL206"] is Severity.INFO and severities["CL208"] is Severity.INFO
    for rule in FAMILY.rules:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)+", rule.name)
        assert rule.summary and "\n" not in rule.summary and rule.description
        assert rule.fail_example and rule.pass_example and rule.needs_verification
