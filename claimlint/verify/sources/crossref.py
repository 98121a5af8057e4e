"""Crossref as a source: batched DOI lookups, confirmation of misses, notices, searches.

Two HTTP paths, one gate (claimlint.verify.http):
- habanero's public API (`Crossref.works`) for the list queries it builds well: batched
  `filter=doi:A,doi:B` lookups, the `updates:` filter and `query.bibliographic` searches. It is
  given `mailto`, which it puts into the User-Agent: Crossref's polite pool accepts that. It is
  called with warn=False, so a 429/5xx raises instead of becoming None (None would read as "not
  found"). habanero reads bodies itself: an answer over MAX_RESPONSE_BYTES is refused after it
  is read (the request's deadline still bounds the time), and only error responses (through the
  exceptions' public `response`) show rate-limit headers.
- requests (HttpService) for what habanero cannot do safely: `/works/{doi}` and
  `/works/{doi}/agency` (habanero puts the DOI into the path unencoded, so "?", "#" or "/.."
  would change the URL) and the doi.org handle API (not Crossref). These also send mailto as a
  parameter, and every answer's X-Rate-Limit-*/X-Concurrency-Limit steer the gate.

A DOI missing from a batch is confirmed through its own route, its agency and doi.org before it
is called not found.
"""

from __future__ import annotations

import json
import time
from typing import Any, Callable
from urllib.parse import quote

import httpx2
from habanero import Crossref
from habanero.exceptions import RequestError

from claimlint import __version__
from claimlint.model import WorkRecord
from claimlint.verify import doi as doi_syntax
from claimlint.verify.http import (MAX_RESPONSE_BYTES, POLITE_CONCURRENCY, POLITE_RATE, Answer, HttpService,
                                   NetworkBudget, NetworkGate, _Attempt, _short, _unresolvable, status_attempt)
from claimlint.verify.records import clean_text
from claimlint.verify.settings import VerifySettings
from claimlint.verify.sources import Deliver, DeliverSearch, Identifier, Outcome, SearchOutcome, run_parallel

SCHEMES = ("doi",)
PUBLIC_RATE, PUBLIC_CONCURRENCY = 5.0, 1  # without mailto
MAX_REQUEST_LINE = 3800  # Crossref answers 414 at about 4,000 bytes; keep a margin
MAX_BATCH = 100
SEARCH_ROWS = 5

# Only these fields are requested (`select=`): they are all a record needs, and they keep a
# batch of a hundred records small (full records carry whole reference lists).
SELECTED_FIELDS: tuple[str, ...] = (
    "DOI",
    "title",
    "subtitle",
    "original-title",
    "short-title",
    "author",
    "container-title",
    "short-container-title",
    "issued",
    "published",
    "published-print",
    "published-online",
    "volume",
    "issue",
    "page",
    "article-number",
    "type",
    "updated-by",
    "update-to",
    "score",
)

_TEXT_LISTS = ("title", "subtitle", "original-title", "short-title", "container-title", "short-container-title")
_TEXTS = ("DOI", "volume", "issue", "page", "article-number", "type")
_DATES = ("issued", "published", "published-print", "published-online")


def shape_problem(message: Any, doi: str | None = None) -> str | None:
    """Why `message` cannot be a Crossref work record (for `doi`, when given), or None.

    An answer is only believed when it has the shape Crossref documents: a proxy or captive
    portal answering one body for every URL, or fields of other types, must never read as a
    record (and never reach code that expects lists of strings)."""
    if not isinstance(message, dict):
        return "not a JSON object"
    if not isinstance(message.get("DOI"), str):
        return "no DOI in the record"
    if doi is not None and message["DOI"].strip().lower() != doi.lower():
        return f"the record is for another DOI ({message['DOI'][:80]})"
    for key in _TEXT_LISTS:
        value = message.get(key)
        if value is not None and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            return f"{key} is not a list of strings"
    for key in _TEXTS:
        if message.get(key) is not None and not isinstance(message[key], str):
            return f"{key} is not a string"
    author = message.get("author")
    if author is not None and not (isinstance(author, list) and all(
            isinstance(a, dict) and all(isinstance(a.get(k), (str, type(None))) for k in ("family", "given", "name"))
            for a in author)):
        return "author is not a list of names"
    for key in _DATES:
        value = message.get(key)
        if value is None:
            continue
        parts = value.get("date-parts") if isinstance(value, dict) else None
        if not (isinstance(parts, list) and all(
                isinstance(p, list) and all(isinstance(n, (int, type(None))) and not isinstance(n, bool) for n in p)
                for p in parts)):
            return f"{key} is not a date"
    for key in ("updated-by", "update-to"):
        value = message.get(key)
        if value is not None and not (isinstance(value, list) and all(
                isinstance(u, dict) and all(isinstance(u.get(k), (str, type(None))) for k in ("DOI", "type", "label",
                                                                                          "source"))
                for u in value)):
            return f"{key} is not a list of updates"
    score = message.get("score")
    if score is not None and (isinstance(score, bool) or not isinstance(score, (int, float))):
        return "score is not a number"
    return None




def first_string(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    return clean_text(value) if isinstance(value, str) and value.strip() else None


def title_of(message: dict[str, Any]) -> str | None:
    title = first_string(message.get("title"))
    subtitle = first_string(message.get("subtitle"))
    if title and subtitle and subtitle.lower() not in title.lower():
        return f"{title}: {subtitle}"
    return title


def _all_titles(message: dict[str, Any]) -> list[str]:
    """Every title form the record offers (main, with subtitle, original-language, short)."""
    forms = [title_of(message)]
    for key in ("title", "original-title", "short-title"):
        values = message.get(key) or []
        forms.extend(clean_text(v) for v in values if isinstance(v, str))
    return [f for i, f in enumerate(forms) if f and f not in forms[:i]]


def journals_of(message: dict[str, Any]) -> list[str]:
    names: list[str] = []
    for key in ("container-title", "short-container-title"):
        names.extend(clean_text(v) for v in message.get(key) or [] if isinstance(v, str))
    return [n for n in names if n]


def authors_of(message: dict[str, Any]) -> list[str]:
    """Family names in order (an organisation author's name when it has no family name)."""
    names = []
    for author in message.get("author") or []:
        if not isinstance(author, dict):
            continue
        name = author.get("family") or author.get("name")
        if isinstance(name, str) and name.strip():
            names.append(clean_text(name))
    return names


def years_of(message: dict[str, Any]) -> list[int]:
    """Every year the record is dated by: online and print dates often differ by one."""
    years = []
    for key in ("issued", "published", "published-print", "published-online"):
        parts = (message.get(key) or {}).get("date-parts") or []
        if parts and parts[0] and isinstance(parts[0][0], int):
            years.append(parts[0][0])
    return sorted(set(years))




def _relation(update: dict[str, Any], notice_doi: str | None = None) -> dict[str, Any]:
    """An update in the normalised shape (strings only: the cache reads it back as such)."""
    return {"type": str(update.get("type") or "").lower() or None,
            "DOI": (notice_doi or str(update.get("DOI") or "")).lower() or None,
            "label": update.get("label") if isinstance(update.get("label"), str) else None,
            "source": str(update.get("source") or "publisher")}


def record_of(message: dict[str, Any], doi: str) -> WorkRecord:
    """A Crossref work message (already checked by shape_problem) as a normalised record."""
    years = years_of(message)
    issued = (message.get("issued") or {}).get("date-parts") or []
    year = issued[0][0] if issued and issued[0] and isinstance(issued[0][0], int) else None
    journals = journals_of(message)
    score = message.get("score")
    return WorkRecord(
        source="crossref",
        doi=str(message.get("DOI") or doi).strip().lower(),
        title=title_of(message),
        titles=_all_titles(message),
        authors=authors_of(message),
        container=journals[0] if journals else None,
        containers=journals,
        year=year if year is not None else (years[0] if years else None),
        years=years,
        volume=message.get("volume"),
        issue=message.get("issue"),
        pages=message.get("page"),
        article_number=message.get("article-number"),
        type=message.get("type"),
        relations=[_relation(u) for u in message.get("updated-by") or [] if isinstance(u, dict) and u.get("type")],
        notice_for=[_relation(u) for u in message.get("update-to") or [] if isinstance(u, dict) and u.get("type")],
        score=float(score) if isinstance(score, (int, float)) else None,
    )


def notice_updates(notice: dict[str, Any], doi: str) -> list[dict[str, Any]]:
    """A notice found with the `updates:` filter, as relations of `doi`."""
    return [_relation(update, str(notice.get("DOI", "")))
            for update in notice.get("update-to") or []
            if isinstance(update, dict) and str(update.get("DOI", "")).lower() == doi]


def batches(dois: list[str], base_url: str) -> list[list[str]]:
    """Pack DOIs into filter requests whose request line stays under MAX_REQUEST_LINE bytes."""
    fixed = len(f"GET {base_url.rstrip('/')}/works?filter=&rows=100&select={','.join(SELECTED_FIELDS)} HTTP/1.1") + 60
    result: list[list[str]] = []
    current: list[str] = []
    size = fixed
    for doi in dois:
        cost = len(quote(f"doi:{doi},", safe=""))
        if current and (size + cost > MAX_REQUEST_LINE or len(current) >= MAX_BATCH):
            result.append(current)
            current, size = [], fixed
        current.append(doi)
        size += cost
    if current:
        result.append(current)
    return result


class CrossrefClient(HttpService):
    def __init__(self, settings: VerifySettings, gate: NetworkGate, sleep: Callable[[float], None] = time.sleep) -> None:
        super().__init__(settings, gate, sleep)
        self._base = settings.crossref_url.rstrip("/")
        self._resolver = settings.resolver_url.rstrip("/")

    # -- list queries through habanero's public API -----------------------------------------

    def works_by_filter(self, name: str, values: list[str], select: tuple[str, ...]) -> Answer:
        """`/works?filter=name:v1,name:v2,...` (repeated filter names are OR)."""
        return self._with_retries(lambda timeout: self._crossref(timeout).works(
            filter={name: list(values)}, limit=max(len(values), 20) if name == "doi" else 1000,
            select=list(select), warn=False))

    def search(self, text: str, rows: int, select: tuple[str, ...]) -> Answer:
        """`/works?query.bibliographic=...`: Crossref's reference-string matching search."""
        return self._with_retries(lambda timeout: self._crossref(timeout).works(
            query_bibliographic=text, limit=rows, select=list(select), warn=False))

    def _crossref(self, timeout: float) -> Crossref:
        return Crossref(base_url=self._base, mailto=self.settings.mailto, ua_string=f"claimlint/{__version__}",
                        timeout=timeout)

    def library_result(self, result: Any) -> _Attempt:
        if not isinstance(result, dict) or not isinstance(result.get("message"), dict):
            # e.g. None from a warn=True path, or a list: never read as "not found"
            return _Attempt(Answer("fault", detail="unexpected answer shape"))
        if len(json.dumps(result)) > MAX_RESPONSE_BYTES:  # read whole by habanero; refused all the same
            return _Attempt(Answer("fault", detail=f"answer larger than {MAX_RESPONSE_BYTES // 2**20} MB"))
        return _Attempt(Answer("ok", body=result["message"], status=200))

    def library_failure(self, error: Exception) -> _Attempt:
        """What habanero (and httpx2 under it) raise, as an attempt's outcome. A status error is
        decided by its status whatever habanero made of the body (it raises TypeError on a JSON error
        body whose message is a string, a proxy's 429): the HTTPStatusError is in the chain."""
        link: BaseException | None = error
        while link is not None and not isinstance(link, httpx2.HTTPStatusError):
            link = link.__cause__ or link.__context__
        if isinstance(link, httpx2.HTTPStatusError):
            response = link.response
            text = str(error.error) if isinstance(error, RequestError) else response.text[:2048]
            return status_attempt(response.status_code, dict(response.headers), text)
        if isinstance(error, RequestError):  # a non-JSON 200 body
            return _Attempt(Answer("fault", detail="answered 200 with a non-JSON body", status=200))
        cause = error.__cause__ if isinstance(error, RuntimeError) and error.__cause__ else error
        if isinstance(cause, httpx2.TimeoutException):
            return _Attempt(Answer("fault", detail="timed out"), retryable=True, timed_out=True)
        if isinstance(cause, httpx2.TooManyRedirects):
            return _Attempt(Answer("fault", detail="redirect loop"))
        if isinstance(cause, httpx2.TransportError):
            return _Attempt(Answer("fault", detail=f"connection failed ({_short(cause)})"),
                            retryable=not _unresolvable(cause))
        if isinstance(error, (ValueError, KeyError)):  # invalid JSON, no Content-Type
            return _Attempt(Answer("fault", detail="answered with invalid JSON or no content type"))
        return _Attempt(Answer("fault", detail=f"unexpected answer ({type(error).__name__}: {_short(error)})"))

    # -- single lookups through requests -----------------------------------------------------

    def _params(self) -> dict[str, str] | None:
        return {"mailto": self.settings.mailto} if self.settings.mailto else None

    def work(self, doi: str) -> Answer:
        return self.get(f"{self._base}/works/{doi_syntax.path_segment(doi)}", self._params(), parse=_work_answer)

    def agency(self, doi: str) -> Answer:
        return self.get(f"{self._base}/works/{doi_syntax.path_segment(doi)}/agency", self._params(),
                        parse=_work_answer)

    def handle(self, doi: str) -> Answer:
        """doi.org handle API: responseCode 1 = the DOI exists, 100 = it does not."""
        return self.get(f"{self._resolver}/api/handles/{doi_syntax.path_segment(doi)}", parse=_handle_answer,
                        read_404=True)


def _work_answer(status: int, headers: dict[str, str], content: bytes) -> Answer:
    content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
    if "json" not in content_type.lower():
        return Answer("fault", detail=f"answered with {content_type or 'no content type'} instead of JSON", status=200)
    try:
        body = json.loads(content)
    except (ValueError, RecursionError):
        return Answer("fault", detail="answered with invalid JSON", status=200)
    if not isinstance(body, dict) or not isinstance(body.get("message"), dict):
        return Answer("fault", detail="answered JSON of an unexpected shape", status=200)
    return Answer("ok", body=body["message"], status=200)


def _handle_answer(status: int, headers: dict[str, str], content: bytes) -> Answer:
    try:
        body = json.loads(content)
        code = body.get("responseCode")
    except (ValueError, AttributeError, RecursionError):
        return Answer("fault", detail=f"handle API answered {status} without JSON")
    if code == 1 and status == 200:
        return Answer("ok", body=body, status=status)
    if code == 100:
        return Answer("missing", detail="doi.org does not know this DOI", status=status)
    return Answer("fault", detail=f"handle API responseCode {_short(code, 40)}", status=status)


class CrossrefSource:
    name = "crossref"

    def __init__(self, settings: VerifySettings, budget: NetworkBudget) -> None:
        polite = bool(settings.mailto)
        gate = NetworkGate("Crossref", POLITE_RATE if polite else PUBLIC_RATE,
                           POLITE_CONCURRENCY if polite else PUBLIC_CONCURRENCY, budget)
        self.client = CrossrefClient(settings, gate)
        self.settings = settings
        self.host = settings.crossref_url

    @property
    def gate(self) -> NetworkGate:
        return self.client.gate

    def lookup(self, identifiers: list[Identifier], deliver: Deliver) -> None:
        dois = [value for _, value in identifiers]
        batchable = [d for d in dois if doi_syntax.can_batch(d)]
        tasks: list[tuple[Any, Callable[[], Any]]] = [
            (("batch", tuple(batch)), lambda batch=batch: self._batch(batch))
            for batch in batches(batchable, self.settings.crossref_url)]
        tasks += [(("single", doi), lambda doi=doi: self._single(doi)) for doi in dois if not doi_syntax.can_batch(doi)]

        def handle(subject: Any, result: Any, submit: Callable[[Any, Callable[[], Any]], None]) -> None:
            if subject[0] == "batch":
                outcomes, missing = result
                for doi, outcome in outcomes.items():
                    deliver(("doi", doi), outcome)
                for doi in missing:
                    submit(("single", doi), lambda doi=doi: self._single(doi))
            else:
                deliver(("doi", subject[1]), result)

        run_parallel(self.gate.max_concurrency, tasks, handle)

    def notices(self, records: dict[Identifier, WorkRecord]) -> dict[Identifier, list[dict[str, Any]]] | None:
        """Notices (retractions, corrections) that point at these DOIs, via `filter=updates:`."""
        dois = [value for _, value in records]
        groups = batches(dois, self.settings.crossref_url)
        found: dict[Identifier, list[dict[str, Any]]] = {}
        failed: set[str] = set()

        def handle(subject: Any, result: Any, submit: Any) -> None:
            if result is None:
                failed.update(subject)
            else:
                found.update({("doi", d): notices for d, notices in result.items()})

        run_parallel(self.gate.max_concurrency, [(tuple(g), lambda g=g: self._notices(g)) for g in groups], handle)
        return {key: value for key, value in found.items() if key[1] not in failed}

    def search(self, queries: dict[str, str], deliver: DeliverSearch) -> None:
        run_parallel(self.gate.max_concurrency,
                     [(key, lambda text=text: self._search(text)) for key, text in queries.items()],
                     lambda key, result, submit: deliver(key, result))

    # -- one request each ------------------------------------------------------------------

    def _batch(self, dois: list[str]) -> tuple[dict[str, Outcome], list[str]]:
        """One `filter=doi:` request (split on 414). Returns outcomes and DOIs to confirm one by one."""
        answer = self.client.works_by_filter("doi", dois, SELECTED_FIELDS)
        if answer.kind == "too_long" and len(dois) > 1:
            middle = len(dois) // 2
            first_found, first_missing = self._batch(dois[:middle])
            second_found, second_missing = self._batch(dois[middle:])
            return {**first_found, **second_found}, first_missing + second_missing
        if answer.kind != "ok":
            # A failed batch says nothing about its DOIs: all unverified, none "missing".
            return {d: Outcome("unverified", detail=f"Crossref lookup failed: {answer.detail}") for d in dois}, []
        by_doi: dict[str, Outcome] = {}
        items = answer.body.get("items")
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and isinstance(item.get("DOI"), str):
                problem = shape_problem(item)
                doi = item["DOI"].strip().lower()
                by_doi[doi] = (Outcome("found", record_of(item, doi)) if problem is None
                               else Outcome("unverified", detail=f"Crossref's record is malformed ({problem})"))
        return {d: by_doi[d] for d in dois if d in by_doi}, [d for d in dois if d not in by_doi]

    def _single(self, doi: str) -> Outcome:
        """Confirm a DOI the batch did not return: its own route, then its agency, then doi.org."""
        answer = self.client.work(doi)
        if answer.kind == "ok":
            problem = shape_problem(answer.body)
            if problem:
                return Outcome("unverified", detail=f"Crossref's answer is not a work record: {problem}")
            if shape_problem(answer.body, doi):
                # Another DOI's record: an alias answered with its target, or a proxy or captive
                # portal answering one body for every URL. Only doi.org knowing the DOI tells them apart.
                if self.client.handle(doi).kind != "ok":
                    return Outcome("unverified", detail="Crossref answered with the record of another DOI "
                                   f"({answer.body['DOI'][:80]}), and doi.org did not confirm this one")
            return Outcome("found", record_of(answer.body, doi))
        if answer.kind == "too_long":
            return Outcome("malformed", detail="too long to look up (Crossref refused the request as too long)")
        if answer.kind != "missing":
            return Outcome("unverified", detail=f"Crossref lookup failed: {answer.detail}")
        agency = self.client.agency(doi)
        if agency.kind == "ok":
            agency_id = str(((agency.body or {}).get("agency") or {}).get("id", "")).lower()
            label = str(((agency.body or {}).get("agency") or {}).get("label", "")) or agency_id
            if agency_id and agency_id != "crossref":
                return Outcome("other_agency", detail=f"registered with {label}, not Crossref")
        elif agency.kind != "missing":
            return Outcome("unverified", detail=f"Crossref has no record; agency lookup failed: {agency.detail}")
        handle = self.client.handle(doi)
        if handle.kind == "ok":
            return Outcome("other_agency", detail="registered at doi.org, but Crossref has no record of it")
        if handle.kind == "missing":
            return Outcome("not_found", detail="neither Crossref nor doi.org knows this DOI")
        return Outcome("unverified", detail=f"Crossref has no record; doi.org lookup failed: {handle.detail}")

    def _notices(self, dois: list[str]) -> dict[str, list[dict[str, Any]]] | None:
        answer = self.client.works_by_filter("updates", dois, ("DOI", "type", "update-to", "title"))
        if answer.kind == "too_long" and len(dois) > 1:
            middle = len(dois) // 2
            first, second = self._notices(dois[:middle]), self._notices(dois[middle:])
            return None if first is None or second is None else {**first, **second}
        if answer.kind != "ok":
            return None
        result: dict[str, list[dict[str, Any]]] = {d: [] for d in dois}
        items = answer.body.get("items")
        if not isinstance(items, list):
            return None  # not an answer to the question: the notices stay unknown
        for item in items:
            if shape_problem(item) is not None:  # a notice we cannot read may be a retraction
                return None
            for doi in dois:
                result[doi].extend(notice_updates(item, doi))
        return result

    def _search(self, text: str) -> SearchOutcome:
        answer = self.client.search(text, SEARCH_ROWS, SELECTED_FIELDS)
        if answer.kind != "ok":
            return SearchOutcome("unverified", detail=f"Crossref search failed: {answer.detail}")
        found = answer.body.get("items")
        records = [record_of(item, item["DOI"]) for item in (found if isinstance(found, list) else [])
                   if shape_problem(item) is None]
        return SearchOutcome("found" if records else "none", records)


def make(settings: VerifySettings, budget: NetworkBudget) -> CrossrefSource:
    return CrossrefSource(settings, budget)
