"""CL202-CL208: what Crossref said about the article's DOIs and references (no I/O here:
the verify stage already ran; this only turns Verdicts into Problems)."""

from __future__ import annotations

from typing import Iterator

from claimlint.checks.base import Problem, Rule, RuleFamily
from claimlint.model import Analysis, DoiStatus, DoiVerdict, Severity, Verdicts, WorkRecord

_REF = "## References\n\n"

RULES: tuple[Rule, ...] = (
    Rule(
        code="CL202",
        name="doi-not-found",
        severity=Severity.ERROR,
        summary="A cited DOI is unknown to Crossref and to doi.org.",
        description=(
            "Crossref answered 404 for the DOI, its registration agency is unknown, and the doi.org "
            "handle API does not know it either. The DOI is mistyped or invented. A DOI that could "
            "not be checked (network trouble) is never reported here: see CL207."
        ),
        why=(
            "A DOI that does not exist is a broken citation at best and a fabricated one at worst (a "
            "common trace of AI-written references)."
        ),
        limitations=(
            "Needs Crossref (and doi.org): offline or on network trouble the DOI is CL207 "
            "(unverified), never not found."
        ),
        fail_example=_REF + "1. Smith J. Magnesium and sleep. Sleep Med. 2020;5:1-9. doi:10.9999/not-a-real-doi\n",
        pass_example=_REF + "1. Smith J. Magnesium and sleep. Sleep Med. 2020;5:1-9. doi:10.1016/j.sleepx.2024.100121\n",
        needs_verification=True,
    ),
    Rule(
        code="CL203",
        name="doi-mismatch",
        severity=Severity.ERROR,
        summary="A reference's DOI points to a different work than the entry describes.",
        description=(
            "The DOI exists, but the reference entry's title, authors, year, journal, volume and "
            "pages do not describe the work Crossref has under it: the typical fabricated or "
            "copy-pasted citation. Abbreviated journals, a translated title, et al., diacritics "
            "and an online/print year difference are tolerated. The message names the real work."
        ),
        why=(
            "A real DOI attached to the wrong reference sends the reader to a paper that does not "
            "support the claim, while looking verified."
        ),
        limitations=(
            "Matching tolerates abbreviations, translations and small differences; a reference entry "
            "too short to compare (no title, no authors) cannot be judged."
        ),
        fail_example=_REF
        + "1. Slutsky I, et al. Enhancement of Learning and Memory by Elevating Brain Magnesium. "
        "Neuron. 2010;65(2):165-177. doi:10.1016/j.neurobiolaging.2010.03.024\n",
        pass_example=_REF
        + "1. Slutsky I, et al. Enhancement of Learning and Memory by Elevating Brain Magnesium. "
        "Neuron. 2010;65(2):165-177. doi:10.1016/j.neuron.2009.12.026\n",
        needs_verification=True,
    ),
    Rule(
        code="CL204",
        name="doi-retracted",
        severity=Severity.ERROR,
        summary="A cited work has been retracted, withdrawn or removed.",
        description=(
            "Crossref's record carries a retraction, withdrawal or removal in `updated-by` "
            "(publisher or Retraction Watch data), or a notice found with the `updates:` filter "
            "points at it. Cite something else, or say explicitly that the work was retracted."
        ),
        why=(
            "A retracted paper is no evidence: citing it as support misleads readers."
        ),
        limitations=(
            "Relies on Crossref's retraction data (publishers and Retraction Watch); a retraction nobody registered is not seen. When the retraction lookup fails, the DOI is unverified."
        ),
        fail_example="MMR vaccination causes autism [1].\n\n"
        + _REF
        + "1. Wakefield AJ, et al. Lancet. 1998;351(9103):637-641. doi:10.1016/S0140-6736(97)11096-0\n",
        pass_example="A 1998 paper claiming a link to autism was retracted in 2010 [1].\n\n"
        + _REF
        + "1. The Editors of The Lancet. Retraction. Lancet. 2010;375(9713):445. doi:10.1016/S0140-6736(10)60175-4\n",
        needs_verification=True,
    ),
    Rule(
        code="CL205",
        name="doi-corrected",
        severity=Severity.WARNING,
        summary="A cited work has a correction or an expression of concern.",
        description=(
            "The DOI is verified, but Crossref lists a correction or an expression of concern for "
            "the work. Check that the claim does not rest on the corrected part."
        ),
        why=(
            "A correction or an expression of concern may change the result the article relies on."
        ),
        limitations=(
            "Crossref lists the notice, not what it changed: read it to decide."
        ),
        fail_example=_REF + "1. Sadasivan S, et al. PLoS ONE. 2012;7(3):e33693. doi:10.1371/journal.pone.0033693\n",
        pass_example=_REF
        + "1. Slutsky I, et al. Enhancement of Learning and Memory by Elevating Brain Magnesium. "
        "Neuron. 2010;65(2):165-177. doi:10.1016/j.neuron.2009.12.026\n",
        needs_verification=True,
    ),
    Rule(
        code="CL206",
        name="doi-other-agency",
        severity=Severity.INFO,
        summary="A DOI is registered with another agency (DataCite, mEDRA, ...), so Crossref cannot check it.",
        description=(
            "Crossref has no record, but the DOI exists elsewhere. Its metadata was not compared "
            "with the reference entry."
        ),
        why=(
            "The DOI may be fine, but claimlint could not compare it with the reference entry."
        ),
        limitations=(
            "No checks are made against DataCite, mEDRA or other agencies' metadata."
        ),
        fail_example=_REF + "1. Archaeology Data Service. Dataset. 2012. doi:10.5284/1011335\n",
        pass_example=_REF + "1. Archaeology Data Service. Dataset. 2012. https://archaeologydataservice.ac.uk/\n",
        needs_verification=True,
    ),
    Rule(
        code="CL207",
        name="doi-unverified",
        severity=Severity.WARNING,
        summary="A DOI could not be checked (network error, timeout, rate limit, offline).",
        description=(
            "Crossref could not be asked or did not answer usefully within the retries and the "
            "run's network budget. Nothing is known to be wrong; run again online to check."
        ),
        why=(
            "Nothing is known to be wrong; the warning says that this run could not vouch for the "
            "DOI."
        ),
        limitations=(
            "Results depend on the network, Crossref's rate limits and the run's network budget; a cached answer is used when there is one."
        ),
        fail_example=_REF + "1. Gröber U, et al. Nutrients. 2015;7(9):8199-8226. doi:10.3390/nu7095388\n",
        pass_example=_REF + "1. Gröber U, et al. Nutrients. 2015;7(9):8199-8226. doi:10.3390/nu7095388\n",
        needs_verification=True,
    ),
    Rule(
        code="CL208",
        name="reference-without-doi",
        severity=Severity.INFO,
        summary="A reference has no DOI; Crossref suggests one when its search result validates.",
        description=(
            "The entry text was searched with `query.bibliographic` and the best candidates were "
            "checked against the entry's authors, title, year, journal and pages. A DOI is "
            "suggested only when one validates."
        ),
        why=(
            "A DOI lets readers (and tools like this one) find and check the work; a suggested DOI "
            "that validates is usually the right one."
        ),
        limitations=(
            "Suggestions are only as good as Crossref's search and the entry's text; check the suggested work before adding it."
        ),
        fail_example=_REF
        + "1. Slutsky I, et al. Enhancement of Learning and Memory by Elevating Brain Magnesium. "
        "Neuron. 2010;65(2):165-177.\n",
        pass_example=_REF
        + "1. Slutsky I, et al. Enhancement of Learning and Memory by Elevating Brain Magnesium. "
        "Neuron. 2010;65(2):165-177. doi:10.1016/j.neuron.2009.12.026\n",
        needs_verification=True,
    ),
)


def _record_extra(record: WorkRecord | None) -> dict[str, object]:
    if record is None:
        return {}
    return {
        "record": {
            "doi": record.doi,
            "title": record.title,
            "first_author": record.first_author,
            "year": record.year,
            "journal": record.journal,
            "type": record.type,
        }
    }


def _doi_problems(verdict: DoiVerdict) -> Iterator[tuple[str, str]]:
    # Read on use: only a verdict from Crossref needs them, and a cached offline re-run of
    # pages without DOIs imports nothing of the verify stage.
    from claimlint.verify.records import CONCERN_TYPES, describe

    doi, detail = verdict.doi, verdict.detail
    if verdict.status is DoiStatus.NOT_FOUND:
        yield "CL202", f"DOI {doi} does not exist: neither Crossref nor doi.org knows it"
    elif verdict.status is DoiStatus.MISMATCH:
        real = describe(verdict.record) if verdict.record else "another work"
        yield "CL203", f"DOI {doi} points to a different work: {real}"
    elif verdict.status is DoiStatus.RETRACTED:
        title = f" ({describe(verdict.record)})" if verdict.record else ""
        yield "CL204", f"DOI {doi}{title} has been retracted: {detail}"
    elif verdict.status is DoiStatus.OTHER_AGENCY:
        yield "CL206", f"DOI {doi} is not at Crossref: {detail}"
    elif verdict.status is DoiStatus.UNVERIFIED:
        yield "CL207", f"DOI {doi} could not be checked: {detail or 'no answer'}"
    elif verdict.status is DoiStatus.MALFORMED:  # DOI-shaped, but no lookup can carry it
        yield "CL201", f"DOI {doi[:80]}{'…' if len(doi) > 80 else ''} cannot be checked: {detail}"
    if verdict.status is DoiStatus.VERIFIED:
        concerns = [u for u in verdict.updates if str(u.get("type", "")).lower() in CONCERN_TYPES]
        if concerns:
            kinds = sorted({str(u.get("type")).replace("_", " ") for u in concerns})
            notices = ", ".join(str(u.get("DOI")) for u in concerns if u.get("DOI"))
            yield "CL205", f"DOI {doi} has a {' and '.join(kinds)}" + (f" ({notices})" if notices else "")


def check(analysis: Analysis, verdicts: Verdicts) -> Iterator[Problem]:
    if not verdicts.ran:
        return
    reported: set[tuple[str, int, int]] = set()
    for mention in analysis.dois:
        verdict = verdicts.dois.get(mention.doi)
        if verdict is None or not mention.valid:
            continue  # malformed DOIs are CL201, from the core checks
        for code, message in _doi_problems(verdict):
            key = (code, mention.span.start, mention.span.end)
            if key in reported:
                continue
            reported.add(key)
            extra = {"doi": mention.doi, "status": verdict.status.value, "detail": verdict.detail}
            extra.update(_record_extra(verdict.record))
            if code in ("CL204", "CL205"):
                extra["updates"] = verdict.updates
            yield Problem(code, message, mention.span, extra)
    for index, ref_verdict in sorted(verdicts.references.items()):
        if not 0 <= index < len(analysis.references) or ref_verdict.status == "unchecked":
            continue
        reference = analysis.references[index]
        if ref_verdict.status == "found" and ref_verdict.suggested_doi:
            record = ref_verdict.record
            about = ", ".join(str(b) for b in (record.title if record else None, record.year if record else None) if b)
            message = f"Reference has no DOI; Crossref suggests {ref_verdict.suggested_doi}" + (f" ({about})" if about else "")
        elif ref_verdict.status == "unverified":
            message = f"Reference has no DOI; Crossref could not be searched: {ref_verdict.detail}"
        else:
            message = "Reference has no DOI; no DOI found"
        extra = {"status": ref_verdict.status, "suggested_doi": ref_verdict.suggested_doi, "detail": ref_verdict.detail}
        extra.update(_record_extra(ref_verdict.record))
        yield Problem("CL208", message, reference.span, extra)


FAMILY = RuleFamily(rules=RULES, check=check)
