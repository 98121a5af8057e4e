"""PubMed (NCBI E-utilities) as a source: PMIDs and PMCIDs, through esummary.

- PMIDs: `esummary.fcgi?db=pubmed&id=A,B,...&retmode=json`, at most 200 ids a request.
- PMCIDs: the same on `db=pmc` (ids without their "PMC"). A PMC summary carries no publication
  types or retraction links, so a found PMC article's updates are read from the PubMed summary
  of its PMID (`notices`); one without a PMID stays unverified, never "verified".
- Every request sends `tool` and `email` (the --mailto address) as NCBI asks, and `api_key` when
  one is configured; at most 3 requests a second without a key, 10 with one, evenly spaced.

"not found" is only NCBI's own word: a summary entry whose error is "cannot get document
summary". A uid missing from the answer, another error, or an answer of another shape is a
fault: unverified. The summaries become normalised records: "Retracted Publication" or a
"Retraction in" reference is a retraction, "Erratum in" a correction, "Expression of concern
in" an expression of concern (Crossref's update vocabulary, so the checks read one language).
"""

from __future__ import annotations

import re
from typing import Any, Callable

from claimlint.model import WorkRecord
from claimlint.verify.http import Answer, HttpService, NetworkBudget, NetworkGate, json_object
from claimlint.verify.records import clean_text
from claimlint.verify.settings import VerifySettings
from claimlint.verify.sources import Deliver, DeliverSearch, Identifier, Outcome, run_parallel

SCHEMES = ("pmid", "pmcid")
MAX_IDS = 200  # per esummary request (NCBI asks for POST beyond that)
RATE_WITHOUT_KEY, RATE_WITH_KEY = 3.0, 10.0  # requests per second, NCBI's published limits
CONCURRENCY = 3
NOT_FOUND_ERROR = "cannot get document summary"
TOOL = "claimlint"

# PubMed reference types and publication types, as updates in Crossref's vocabulary.
UPDATE_REFERENCES = {"retraction in": "retraction", "erratum in": "correction",
                     "expression of concern in": "expression_of_concern"}
NOTICE_REFERENCES = {"retraction of": "retraction", "erratum for": "erratum",
                     "expression of concern for": "expression_of_concern"}
NOTICE_TYPES = {"retraction of publication": "retraction", "published erratum": "erratum",
                "expression of concern": "expression_of_concern"}
RETRACTED_TYPE = "retracted publication"

_FAMILY_AND_INITIALS = re.compile(r"^(.*\S)\s+[A-Z]{1,4}$")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_PMCID = re.compile(r"PMC\d+", re.I)


def _strings(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _text(value: Any) -> str | None:
    return clean_text(str(value)) or None if isinstance(value, (str, int)) and not isinstance(value, bool) else None


def shape_problem(summary: Any) -> str | None:
    """Why `summary` is not an esummary document summary we can read, or None."""
    if not isinstance(summary, dict):
        return "not a JSON object"
    for key in ("title", "fulljournalname", "source", "pubdate", "epubdate", "volume", "issue", "pages"):
        if summary.get(key) is not None and not isinstance(summary[key], str):
            return f"{key} is not a string"
    for key, fields in (("authors", ("name",)), ("articleids", ("idtype", "value")),
                        ("references", ("reftype", "refsource"))):
        value = summary.get(key)
        if value is not None and not (isinstance(value, list) and all(
                isinstance(v, dict) and all(isinstance(v.get(f), (str, type(None))) for f in fields) for v in value)):
            return f"{key} is not a list of objects"
    pubtype = summary.get("pubtype")
    if pubtype is not None and not (isinstance(pubtype, list) and all(isinstance(p, str) for p in pubtype)):
        return "pubtype is not a list of strings"
    return None


def _family(author: dict[str, Any]) -> str | None:
    name = _text(author.get("name"))
    if not name:
        return None
    kind = str(author.get("authtype") or "Author").lower()
    if kind == "collectivename":
        return name  # a collective name stays whole
    if kind != "author":
        return None  # not an author (PMC summaries list an "ORCID" entry among them)
    match = _FAMILY_AND_INITIALS.match(name)
    return match.group(1) if match else name


def _reference_pmid(reference: dict[str, Any]) -> str | None:
    pmid = reference.get("pmid")
    return str(pmid) if isinstance(pmid, (int, str)) and not isinstance(pmid, bool) and str(pmid).isdigit() else None


def _update(kind: str, label: str, pmid: str | None) -> dict[str, Any]:
    return {"type": kind, "PMID": pmid, "label": label, "source": "pubmed"}


def relations_of(summary: dict[str, Any]) -> list[dict[str, Any]]:
    relations = []
    for reference in summary.get("references") or []:
        kind = UPDATE_REFERENCES.get(str(reference.get("reftype") or "").strip().lower())
        if kind:
            relations.append(_update(kind, str(reference.get("reftype")), _reference_pmid(reference)))
    retracted = any(p.strip().lower() == RETRACTED_TYPE for p in _strings(summary.get("pubtype")))
    if retracted and not any(r["type"] == "retraction" for r in relations):
        relations.append(_update("retraction", "Retracted Publication", None))
    return relations


def notices_of(summary: dict[str, Any]) -> list[dict[str, Any]]:
    """What the work updates, when it is itself a notice (a retraction notice, an erratum)."""
    notices = [_update(kind, str(reference.get("reftype")), _reference_pmid(reference))
               for reference in summary.get("references") or []
               for kind in [NOTICE_REFERENCES.get(str(reference.get("reftype") or "").strip().lower())] if kind]
    for pubtype in _strings(summary.get("pubtype")):
        kind = NOTICE_TYPES.get(pubtype.strip().lower())
        if kind and not any(n["type"] == kind for n in notices):
            notices.append(_update(kind, pubtype, None))
    return notices


def record_of(summary: dict[str, Any], uid: str, database: str) -> WorkRecord:
    """An esummary document summary (checked by shape_problem) as a normalised record."""
    ids = {str(a.get("idtype") or "").lower(): str(a.get("value") or "") for a in summary.get("articleids") or []}
    pmcid = next((m.group(0).upper() for key in ("pmc", "pmcid") for m in [_PMCID.search(ids.get(key, ""))] if m), None)
    pmid = uid if database == "pubmed" else (ids.get("pmid") if ids.get("pmid", "").isdigit() else None)
    years = sorted({int(m.group(1)) for key in ("pubdate", "epubdate")
                    for m in [_YEAR.search(str(summary.get(key) or ""))] if m})
    pubdate = _YEAR.search(str(summary.get("pubdate") or ""))
    containers = [c for c in (_text(summary.get("fulljournalname")), _text(summary.get("source"))) if c]
    title = _text(summary.get("title"))
    return WorkRecord(
        source="pubmed",
        doi=(ids.get("doi") or "").strip().lower() or None,
        pmid=pmid or None,
        pmcid=pmcid if database == "pubmed" else (pmcid or f"PMC{uid}"),
        title=title.rstrip(".") if title else None,
        authors=[f for f in (_family(a) for a in summary.get("authors") or []) if f],
        container=containers[0] if containers else None,
        containers=containers,
        year=int(pubdate.group(1)) if pubdate else (years[0] if years else None),
        years=years,
        volume=_text(summary.get("volume")),
        issue=_text(summary.get("issue")),
        pages=_text(summary.get("pages")),
        publication_types=_strings(summary.get("pubtype")),
        relations=relations_of(summary) if database == "pubmed" else [],
        notice_for=notices_of(summary) if database == "pubmed" else [],
    )


def _summaries(status: int, headers: dict[str, str], content: bytes) -> Answer:
    answer = json_object(status, headers, content)
    if answer.kind != "ok":
        return answer
    result = answer.body.get("result")
    if not isinstance(result, dict):
        error = answer.body.get("error") or answer.body.get("esummaryresult")
        return Answer("fault", detail=f"NCBI answered without summaries ({str(error)[:80]})" if error
                      else "NCBI answered JSON of an unexpected shape", status=status)
    return Answer("ok", body=result, status=status)


class PubmedClient(HttpService):
    def esummary(self, database: str, uids: list[str]) -> Answer:
        params = {"db": database, "id": ",".join(uids), "retmode": "json", "tool": TOOL}
        if self.settings.mailto:
            params["email"] = self.settings.mailto
        if self.settings.ncbi_api_key:
            params["api_key"] = self.settings.ncbi_api_key
        return self.get(f"{self.settings.pubmed_url.rstrip('/')}/esummary.fcgi", params, parse=_summaries)


class PubmedSource:
    name = "pubmed"

    def __init__(self, settings: VerifySettings, budget: NetworkBudget) -> None:
        rate = RATE_WITH_KEY if settings.ncbi_api_key else RATE_WITHOUT_KEY
        self.client = PubmedClient(settings, NetworkGate("PubMed", rate, CONCURRENCY, budget, burst=1))
        self.host = settings.pubmed_url

    def lookup(self, identifiers: list[Identifier], deliver: Deliver) -> None:
        tasks: list[tuple[Any, Callable[[], Any]]] = []
        for scheme, database in (("pmid", "pubmed"), ("pmcid", "pmc")):
            uids = [_uid(value) for kind, value in identifiers if kind == scheme]
            for start in range(0, len(uids), MAX_IDS):
                group = uids[start:start + MAX_IDS]
                tasks.append(((scheme, database), lambda database=database, group=group: self._summaries(database, group)))

        def handle(subject: Any, result: dict[str, Outcome], submit: Any) -> None:
            scheme = subject[0]
            for uid, outcome in result.items():
                deliver((scheme, f"PMC{uid}" if scheme == "pmcid" else uid), outcome)

        run_parallel(self.client.gate.max_concurrency, tasks, handle)

    def notices(self, records: dict[Identifier, WorkRecord]) -> dict[Identifier, list[dict[str, Any]]] | None:
        """For PMC articles: the updates their PubMed summaries carry (through their PMIDs)."""
        by_pmid: dict[str, list[Identifier]] = {}
        for identifier, record in records.items():
            if record.pmid:
                by_pmid.setdefault(record.pmid, []).append(identifier)
        pmids = list(by_pmid)
        found: dict[Identifier, list[dict[str, Any]]] = {}

        def handle(subject: Any, result: dict[str, Outcome], submit: Any) -> None:
            for pmid, outcome in result.items():
                if outcome.state == "found" and outcome.record is not None:
                    for identifier in by_pmid.get(pmid, []):
                        found[identifier] = outcome.record.relations

        run_parallel(self.client.gate.max_concurrency,
                     [(None, lambda group=pmids[i:i + MAX_IDS]: self._summaries("pubmed", group))
                      for i in range(0, len(pmids), MAX_IDS)], handle)
        return found

    def search(self, queries: dict[str, str], deliver: DeliverSearch) -> None:
        return None  # suggestions come from the search source (Crossref)

    def _summaries(self, database: str, uids: list[str]) -> dict[str, Outcome]:
        answer = self.client.esummary(database, uids)
        if answer.kind != "ok":
            return {uid: Outcome("unverified", detail=f"PubMed lookup failed: {answer.detail}") for uid in uids}
        outcomes = {}
        for uid in uids:
            summary = answer.body.get(uid)
            error = summary.get("error") if isinstance(summary, dict) else None
            if summary is None:
                outcomes[uid] = Outcome("unverified", detail="NCBI's answer did not include it")
            elif isinstance(error, str) and NOT_FOUND_ERROR in error.lower():
                outcomes[uid] = Outcome("not_found", detail=f"NCBI has no {'PubMed' if database == 'pubmed' else 'PMC'}"
                                                            " record of it")
            elif error is not None or shape_problem(summary):
                why = f"NCBI answered an error ({str(error)[:80]})" if error else \
                    f"NCBI's summary is malformed ({shape_problem(summary)})"
                outcomes[uid] = Outcome("unverified", detail=why)
            else:
                record = record_of(summary, uid, database)
                why = "" if database == "pubmed" or record.pmid else "its PMC record names no PMID"
                outcomes[uid] = Outcome("found", record, relations_known=database == "pubmed", detail=why)
        return outcomes


def _uid(value: str) -> str:
    return value[3:] if value.upper().startswith("PMC") else value


def make(settings: VerifySettings, budget: NetworkBudget) -> PubmedSource:
    return PubmedSource(settings, budget)
