"""CL202-CL208: what the sources (Crossref, PubMed) said about the article's DOIs, PMIDs, PMCIDs
and references (no I/O here: the verify stage already ran; this only turns Verdicts into
Problems). Messages name the identifier's type; the codes mean the same for every type."""

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
        summary="A cited DOI is unknown to Crossref and to doi.org (or a PMID/PMCID unknown to NCBI).",
        description=(
            "Crossref answered 404 for the DOI, its registration agency is unknown, and the doi.org "
            "handle API does not know it either. The DOI is mistyped or invented. The same for a "
            "PMID or PMCID (\"PMID: N\", a pubmed.ncbi.nlm.nih.gov or PMC link) that NCBI's "
            "E-utilities say they have no summary of. An identifier that could not be checked "
            "(network trouble) is never reported here: see CL207."
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
            "and an online/print year difference are tolerated. The message names the real work. "
            "A PMID or PMCID is compared with PubMed's record the same way, and a PMID and a DOI "
            "in one entry must name the same work."
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
            "points at it; for a PMID or PMCID, PubMed lists it as a \"Retracted Publication\" or "
            "with a \"Retraction in\" link. Cite something else, or say explicitly that the work "
            "was retracted."
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
            "The DOI (or PMID) is verified, but Crossref (or PubMed: \"Erratum in\", \"Expression of "
            "concern in\") lists a correction or an expression of concern for the work. Check that "
            "the claim does not rest on the corrected part."
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
        summary="A DOI, PMID or PMCID could not be checked (network error, timeout, rate limit, offline).",
        description=(
            "Crossref (or NCBI, for a PMID or PMCID) could not be asked or did not answer usefully "
            "within the retries and the run's network budget. Nothing is known to be wrong; run "
            "again online to check."
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
    return {"record": record_summary(record)}


def record_summary(record: WorkRecord) -> dict[str, object]:
    """The record as reports show it, whichever source described it."""
    return {
        "source": record.source,
        "doi": record.doi,
        "pmid": record.pmid,
        "pmcid": record.pmcid,
        "title": record.title,
        "first_author": record.first_author,
        "year": record.year,
        "journal": record.container,
        "type": record.type,
        "publication_types": record.publication_types,
    }


WHO_KNOWS = {"doi": "neither Crossref nor doi.org knows it", "pmid": "NCBI has no PubMed record of it",
             "pmcid": "NCBI has no PMC record of it"}


def _searcher() -> str:
    """Who suggests DOIs (CL208). Read on use, like the record helpers below: a cached offline
    re-run of pages without identifiers imports nothing of the verify stage."""
    from claimlint.verify.sources import SEARCH_SOURCE, label_of

    return label_of(SEARCH_SOURCE)


def _problems(verdict: DoiVerdict) -> Iterator[tuple[str, str]]:
    from claimlint.verify.records import CONCERN_TYPES, describe

    name, detail = verdict.label, verdict.detail
    if verdict.status is DoiStatus.NOT_FOUND:
        yield "CL202", f"{name} does not exist: {WHO_KNOWS.get(verdict.scheme, detail)}"
    elif verdict.status is DoiStatus.MISMATCH:
        real = describe(verdict.record) if verdict.record else "another work"
        yield "CL203", f"{name} points to a different work: {real}" + (
            f" ({detail})" if verdict.scheme != "doi" and "DOI" in detail else "")
    elif verdict.status is DoiStatus.RETRACTED:
        title = f" ({describe(verdict.record)})" if verdict.record else ""
        yield "CL204", f"{name}{title} has been retracted: {detail}"
    elif verdict.status is DoiStatus.OTHER_AGENCY:
        yield "CL206", f"{name} is not at Crossref: {detail}"
    elif verdict.status is DoiStatus.UNVERIFIED:
        yield "CL207", f"{name} could not be checked: {detail or 'no answer'}"
    elif verdict.status is DoiStatus.MALFORMED:  # DOI-shaped, but no lookup can carry it
        shown = verdict.doi[:80] + ("…" if len(verdict.doi) > 80 else "")
        yield "CL201", f"{verdict.scheme.upper()} {shown} cannot be checked: {detail}"
    if verdict.status is DoiStatus.VERIFIED:
        concerns = [u for u in verdict.updates if str(u.get("type", "")).lower() in CONCERN_TYPES]
        if concerns:
            kinds = sorted({str(u.get("type")).replace("_", " ") for u in concerns})
            notices = ", ".join(str(u.get("DOI")) if u.get("DOI") else f"PMID {u['PMID']}"
                                for u in concerns if u.get("DOI") or u.get("PMID"))
            yield "CL205", f"{name} has a {' and '.join(kinds)}" + (f" ({notices})" if notices else "")


def check(analysis: Analysis, verdicts: Verdicts) -> Iterator[Problem]:
    if not verdicts.ran:
        return
    reported: set[tuple[str, int, int]] = set()
    mentions = [(m, verdicts.dois.get(m.doi), "doi") for m in analysis.dois if m.valid]  # malformed: CL201, core
    mentions += [(m, verdicts.pubmed_ids.get(m.value), m.scheme) for m in analysis.pubmed_ids]
    for mention, verdict, scheme in sorted(mentions, key=lambda item: item[0].span.start):
        if verdict is None:
            continue
        for code, message in _problems(verdict):
            key = (code, mention.span.start, mention.span.end)
            if key in reported:
                continue
            reported.add(key)
            extra = {scheme: verdict.doi, "status": verdict.status.value, "detail": verdict.detail}
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
            message = f"Reference has no DOI; {_searcher()} suggests {ref_verdict.suggested_doi}" + (
                f" ({about})" if about else "")
        elif ref_verdict.status == "unverified":
            message = f"Reference has no DOI; {_searcher()} could not be searched: {ref_verdict.detail}"
        else:
            message = "Reference has no DOI; no DOI found"
        extra = {"status": ref_verdict.status, "suggested_doi": ref_verdict.suggested_doi, "detail": ref_verdict.detail}
        extra.update(_record_extra(ref_verdict.record))
        yield Problem("CL208", message, reference.span, extra)


FAMILY = RuleFamily(rules=RULES, check=check)
