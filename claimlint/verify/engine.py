"""The verify stage: every DOI and reference of a run, checked once, in batches, via the cache.

Flow: collect unique DOIs and reference texts over ALL analyses -> answer what the cache
knows -> batched `filter=doi:` lookups -> DOIs missing from a batch are confirmed one by one
(/works/{doi}, its agency, the doi.org handle API) before anything is called not found ->
notices via the `updates:` filter -> `query.bibliographic` searches for references without
a DOI -> per analysis, compare each reference entry with the record it cites.
"""

from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable
from urllib.parse import quote, urlsplit

from claimlint.model import (
    Analysis,
    DoiMention,
    DoiStatus,
    DoiVerdict,
    Reference,
    ReferenceVerdict,
    Verdicts,
)
from claimlint.verify import doi as doi_syntax
from claimlint.verify import matching, records
from claimlint.verify.cache import Cache, Entry, open_cache
if TYPE_CHECKING:  # the HTTP stack loads only when a run really goes to the network
    from claimlint.verify.client import CrossrefClient, NetworkGate
from claimlint.verify.settings import VerifySettings

Progress = Callable[[int, int], None]

MAX_REQUEST_LINE = 3800  # Crossref answers 414 at about 4,000 bytes; keep a margin
MAX_BATCH = 100
SEARCH_ROWS = 5
MAX_QUERY_CHARS = 600  # a reference entry; longer text is cut (Crossref scores by length)


@dataclass
class DoiOutcome:
    """What the network (or cache) said about one DOI, before comparing it with any entry."""

    state: str  # "found" | "not_found" | "other_agency" | "unverified"
    message: dict[str, Any] | None = None
    notices: list[dict[str, Any]] | None = None  # None: the updates: filter was not answered
    detail: str = ""


@dataclass
class SearchOutcome:
    state: str  # "found" (candidates) | "none" | "unverified"
    items: list[dict[str, Any]] = field(default_factory=list)
    detail: str = ""


def _usable_work_entry(entry: Entry, doi: str) -> bool:
    """A cache entry of the shape store_dois writes; anything else is a miss, never a crash."""
    payload = entry.payload
    if not isinstance(payload, dict) or not isinstance(payload.get("detail", ""), str):
        return False
    notices = payload.get("notices")
    if notices is not None and not (isinstance(notices, list) and all(isinstance(n, dict) for n in notices)):
        return False
    if entry.state == "found":  # the record of the DOI, or of the one it is an alias of
        return records.shape_problem(payload.get("message")) is None
    return entry.state in ("not_found", "other_agency")


def _usable_search_entry(entry: Entry) -> bool:
    items = entry.payload.get("items") if isinstance(entry.payload, dict) else None
    return (entry.state in ("found", "none") and isinstance(items, list)
            and all(records.shape_problem(item) is None for item in items))


def search_key(raw: str) -> str:
    return hashlib.sha256(search_text(raw).encode()).hexdigest()


def search_text(raw: str) -> str:
    """The entry as a query: whitespace collapsed, list labels and URLs dropped, bounded."""
    text = re.sub(r"https?://\S+", " ", raw)
    text = re.sub(r"^\s*(\[\d+\]|\d+[.)])\s*", "", text)
    return " ".join(text.split())[:MAX_QUERY_CHARS]


def batches(dois: list[str], base_url: str) -> list[list[str]]:
    """Pack DOIs into filter requests whose request line stays under MAX_REQUEST_LINE bytes."""
    fixed = len(f"GET {base_url.rstrip('/')}/works?filter=&rows=100&select={','.join(records.SELECTED_FIELDS)} HTTP/1.1") + 60
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


class _Run:
    """State of one verify() call: the client, the cache, outcomes so far, progress."""

    def __init__(self, settings: VerifySettings, cache: Cache | None, progress: Progress | None, total: int) -> None:
        self.settings = settings
        self.cache = cache
        self.progress = progress
        self.total = total
        self.done = 0
        self._client: CrossrefClient | None = None
        self.dois: dict[str, DoiOutcome] = {}
        self.searches: dict[str, SearchOutcome] = {}

    @property
    def client(self) -> CrossrefClient:
        if self._client is None:
            from claimlint.verify.client import CrossrefClient, NetworkGate

            gate = NetworkGate(polite=bool(self.settings.mailto), budget_seconds=self.settings.network_budget)
            self._client = CrossrefClient(self.settings, gate)
        return self._client

    @property
    def gate(self) -> NetworkGate:
        return self.client.gate

    def tick(self, count: int = 1) -> None:
        self.done = min(self.total, self.done + count)
        if self.progress and count:
            self.progress(self.done, self.total)

    # -- cache -----------------------------------------------------------------------

    def from_cache(self, dois: list[str], queries: dict[str, str]) -> tuple[list[str], list[str], dict[str, str]]:
        """Fill outcomes from the cache; return DOIs to look up, found DOIs lacking notices, queries to run."""
        to_lookup, need_notices, to_search = [], [], {}
        for doi in dois:
            entry = self.cache.get("work", doi) if self.cache else None
            if entry is None or not _usable_work_entry(entry, doi):
                to_lookup.append(doi)
                continue
            payload = entry.payload
            self.dois[doi] = DoiOutcome(
                entry.state, payload.get("message"), payload.get("notices"), payload.get("detail", "") + " (cached)"
            )
            if entry.state == "found" and payload.get("notices") is None:
                need_notices.append(doi)
            else:
                self.tick()
        for key, text in queries.items():
            entry = self.cache.get("search", key) if self.cache else None
            if entry is None or not _usable_search_entry(entry):
                to_search[key] = text
            else:
                self.searches[key] = SearchOutcome(entry.state, entry.payload.get("items", []), "cached")
                self.tick()
        return to_lookup, need_notices, to_search

    def store_dois(self, dois: list[str]) -> None:
        if not self.cache:
            return
        rows = []
        for doi in dois:
            outcome = self.dois[doi]
            payload = {"message": outcome.message, "notices": outcome.notices, "detail": outcome.detail}
            rows.append((doi, outcome.state, payload))  # "unverified" has no TTL: never stored
        self.cache.put_many("work", rows)

    def store_search(self, key: str) -> None:
        outcome = self.searches[key]
        if self.cache:
            self.cache.put_many("search", [(key, outcome.state, {"items": outcome.items})])

    # -- network ---------------------------------------------------------------------

    def unverified_everything(self, dois: list[str], queries: dict[str, str], why: str) -> None:
        for doi in dois:
            self.dois[doi] = DoiOutcome("unverified", detail=why)
        for key in queries:
            self.searches[key] = SearchOutcome("unverified", detail=why)
        self.tick(len(dois) + len(queries))

    def lookup(self, to_lookup: list[str], need_notices: list[str], to_search: dict[str, str]) -> None:
        if not (to_lookup or need_notices or to_search):
            return
        batchable = [d for d in to_lookup if doi_syntax.can_batch(d)]
        singles = [d for d in to_lookup if not doi_syntax.can_batch(d)]
        workers = self.gate.max_concurrency
        from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait  # network runs only

        pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="claimlint-crossref")
        try:
            pending: dict[Any, tuple[str, Any]] = {}  # Future -> (kind, item)

            def submit(kind: str, subject: Any, function: Callable[..., Any], *args: Any) -> None:
                pending[pool.submit(function, *args)] = (kind, subject)

            for batch in batches(batchable, self.settings.crossref_url):
                submit("batch", batch, self._batch, batch)
            for doi in singles:
                submit("single", doi, self._single, doi)
            for batch in batches(need_notices, self.settings.crossref_url):
                submit("notices", batch, self._notices, batch)
            for key, text in to_search.items():
                submit("search", key, self._search, text)

            while pending:
                finished, _ = wait(list(pending), return_when=FIRST_COMPLETED)
                for future in finished:
                    kind, subject = pending.pop(future)
                    result = future.result()
                    if kind == "batch":
                        outcomes, missing = result
                        self.dois.update(outcomes)
                        for doi in missing:
                            submit("single", doi, self._single, doi)
                        found = [d for d, o in outcomes.items() if o.state == "found"]
                        for group in batches(found, self.settings.crossref_url):
                            submit("notices", group, self._notices, group)
                        self.tick(len(outcomes) - len(found))  # failed: unverified, nothing to store
                    elif kind == "single":
                        self.dois[subject] = result
                        if result.state == "found":
                            submit("notices", [subject], self._notices, [subject])
                        else:
                            self.store_dois([subject])
                            self.tick()
                    elif kind == "notices":
                        for doi in subject:
                            self.dois[doi].notices = result.get(doi) if result is not None else None
                        self.store_dois(subject)
                        self.tick(len(subject))
                    else:
                        self.searches[subject] = result
                        self.store_search(subject)
                        self.tick()
        except BaseException:
            # Ctrl-C: no queued lookup may start, and nothing waits for the ones in flight (`with`
            # would: a run stalled on a slow Crossref must still stop at once).
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown(wait=True)

    def _batch(self, dois: list[str]) -> tuple[dict[str, DoiOutcome], list[str]]:
        """One `filter=doi:` request (split on 414). Returns found outcomes and DOIs to confirm."""
        answer = self.client.works_by_filter("doi", dois, records.SELECTED_FIELDS)
        if answer.kind == "too_long" and len(dois) > 1:
            middle = len(dois) // 2
            first_found, first_missing = self._batch(dois[:middle])
            second_found, second_missing = self._batch(dois[middle:])
            return {**first_found, **second_found}, first_missing + second_missing
        if answer.kind != "ok":
            # A failed batch says nothing about its DOIs: all unverified, none "missing".
            failed = {d: DoiOutcome("unverified", detail=f"Crossref lookup failed: {answer.detail}") for d in dois}
            return failed, []
        by_doi: dict[str, DoiOutcome] = {}
        items = answer.body.get("items")
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and isinstance(item.get("DOI"), str):
                problem = records.shape_problem(item)
                by_doi[item["DOI"].strip().lower()] = (
                    DoiOutcome("found", records.trim(item)) if problem is None
                    else DoiOutcome("unverified", detail=f"Crossref's record is malformed ({problem})"))
        found = {d: by_doi[d] for d in dois if d in by_doi}
        return found, [d for d in dois if d not in by_doi]

    def _single(self, doi: str) -> DoiOutcome:
        """Confirm a DOI the batch did not return: its own route, then its agency, then doi.org."""
        answer = self.client.work(doi)
        if answer.kind == "ok":
            problem = records.shape_problem(answer.body)
            if problem:
                return DoiOutcome("unverified", detail=f"Crossref's answer is not a work record: {problem}")
            if records.shape_problem(answer.body, doi):
                # Another DOI's record: an alias answered with its target, or a proxy or captive
                # portal answering one body for every URL. Only doi.org knowing the DOI tells them apart.
                if self.client.handle(doi).kind != "ok":
                    return DoiOutcome("unverified", detail="Crossref answered with the record of another DOI "
                                      f"({answer.body['DOI'][:80]}), and doi.org did not confirm this one")
            return DoiOutcome("found", records.trim(answer.body))
        if answer.kind == "too_long":
            return DoiOutcome("malformed", detail="too long to look up (Crossref refused the request as too long)")
        if answer.kind != "missing":
            return DoiOutcome("unverified", detail=f"Crossref lookup failed: {answer.detail}")
        agency = self.client.agency(doi)
        if agency.kind == "ok":
            agency_id = str(((agency.body or {}).get("agency") or {}).get("id", "")).lower()
            label = str(((agency.body or {}).get("agency") or {}).get("label", "")) or agency_id
            if agency_id and agency_id != "crossref":
                return DoiOutcome("other_agency", detail=f"registered with {label}, not Crossref")
        elif agency.kind != "missing":
            return DoiOutcome("unverified", detail=f"Crossref has no record; agency lookup failed: {agency.detail}")
        handle = self.client.handle(doi)
        if handle.kind == "ok":
            return DoiOutcome("other_agency", detail="registered at doi.org, but Crossref has no record of it")
        if handle.kind == "missing":
            return DoiOutcome("not_found", detail="neither Crossref nor doi.org knows this DOI")
        return DoiOutcome("unverified", detail=f"Crossref has no record; doi.org lookup failed: {handle.detail}")

    def _notices(self, dois: list[str]) -> dict[str, list[dict[str, Any]]] | None:
        """Notices (retractions, corrections) that point at these DOIs, via `filter=updates:`."""
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
            if records.shape_problem(item) is not None:  # a notice we cannot read may be a retraction
                return None
            for doi in dois:
                result[doi].extend(records.notice_updates(item, doi))
        return result

    def _search(self, text: str) -> SearchOutcome:
        answer = self.client.search(text, SEARCH_ROWS, records.SELECTED_FIELDS)
        if answer.kind != "ok":
            return SearchOutcome("unverified", detail=f"Crossref search failed: {answer.detail}")
        found = answer.body.get("items")
        items = [records.trim(i) for i in (found if isinstance(found, list) else [])
                 if records.shape_problem(i) is None]
        return SearchOutcome("found" if items else "none", items)


# -- building verdicts (no I/O) -------------------------------------------------------------


def _updates_for(outcome: DoiOutcome) -> list[dict[str, Any]]:
    updates = records.updates_of(outcome.message or {})
    seen = {(str(u.get("DOI", "")).lower(), u.get("type")) for u in updates}
    for notice in outcome.notices or []:
        if (str(notice.get("DOI", "")).lower(), notice.get("type")) not in seen:
            updates.append(notice)
    return updates


def doi_verdict(doi: str, outcome: DoiOutcome, references: list[Reference | None]) -> DoiVerdict:
    """The verdict for one DOI in one article, given the entries it appears in (None: in prose)."""
    if outcome.state != "found" or outcome.message is None:
        status = {"not_found": DoiStatus.NOT_FOUND, "other_agency": DoiStatus.OTHER_AGENCY,
                  "malformed": DoiStatus.MALFORMED}.get(outcome.state, DoiStatus.UNVERIFIED)
        return DoiVerdict(doi=doi, status=status, detail=outcome.detail)
    record = records.work_record(outcome.message, doi)
    updates = _updates_for(outcome)
    for reference in references:
        if reference is None:
            continue
        comparison = matching.compare(reference, outcome.message)
        if not comparison.same_work():
            return DoiVerdict(
                doi=doi,
                status=DoiStatus.MISMATCH,
                record=record,
                detail=f"the DOI points to {records.describe(record)}; the entry {comparison.explain()}",
                updates=updates,
            )
    retractions = [u for u in updates if str(u.get("type", "")).lower() in records.RETRACTION_TYPES]
    if retractions:
        kind = str(retractions[0].get("type")).replace("_", " ")
        notice = retractions[0].get("DOI")
        detail = f"{kind} notice {notice}" if notice else kind
        return DoiVerdict(doi=doi, status=DoiStatus.RETRACTED, record=record, detail=detail, updates=updates)
    if outcome.notices is None:  # a retraction notice may exist: never "verified" on a failed lookup
        return DoiVerdict(doi=doi, status=DoiStatus.UNVERIFIED, record=record, updates=updates,
                          detail="found at Crossref, but whether it was retracted could not be checked")
    return DoiVerdict(doi=doi, status=DoiStatus.VERIFIED, record=record, detail="found", updates=updates)


def reference_verdict(index: int, reference: Reference, outcome: SearchOutcome | None) -> ReferenceVerdict:
    if outcome is None:
        return ReferenceVerdict(index, None, status="unchecked")
    if outcome.state == "unverified":
        return ReferenceVerdict(index, None, status="unverified", detail=outcome.detail)
    best: tuple[float, float, dict[str, Any]] | None = None
    for item in outcome.items:
        comparison = matching.compare(reference, item)
        if comparison.validates_candidate():
            rank = (comparison.weight, float(item.get("score") or 0.0), item)
            if best is None or rank[:2] > best[:2]:
                best = rank
    if best is None:
        detail = "no Crossref candidate matched the entry" if outcome.items else "Crossref found nothing"
        return ReferenceVerdict(index, None, status="none", detail=detail)
    record = records.work_record(best[2], str(best[2].get("DOI", "")))
    return ReferenceVerdict(index, record.doi, record=record, status="found", detail="validated against the entry")


def _mentions_by_doi(analysis: Analysis) -> dict[str, list[DoiMention]]:
    grouped: dict[str, list[DoiMention]] = {}
    for mention in analysis.dois:
        grouped.setdefault(mention.doi, []).append(mention)
    return grouped


def _references_needing_search(analysis: Analysis) -> list[int]:
    cited_by_doi = {m.reference_index for m in analysis.dois if m.reference_index is not None}
    return [
        i
        for i, ref in enumerate(analysis.references)
        if not ref.doi and i not in cited_by_doi and search_text(ref.raw or "")
    ]


STALL_NOTICE_AFTER = 5.0  # seconds of lookups before saying on stderr what the run waits for


def _stderr_note(message: str) -> None:
    import sys

    print(f"claimlint: note: {message}", file=sys.stderr, flush=True)


def verify(
    analyses: list[Analysis], settings: VerifySettings, progress: Progress | None = None,
    reported: list[tuple[set[str], set[int]]] | None = None, notify: Callable[[str], None] = _stderr_note,
) -> list[Verdicts]:
    """One Verdicts per analysis, same order. Network trouble makes statuses unverified, never fatal.

    `reported`, per analysis: the DOIs and reference indices whose findings would be reported
    (not suppressed, selected). They are looked up first, so a block of suppressed junk cannot
    use up the network budget before them."""
    if not settings.enabled:
        return [Verdicts(ran=False) for _ in analyses]

    wanted: dict[str, bool] = {}  # DOI -> reported (insertion order: document order)
    queries: dict[str, str] = {}
    first_queries: set[str] = set()
    for number, analysis in enumerate(analyses):
        reported_dois, reported_references = reported[number] if reported else (None, None)
        for mention in analysis.dois:
            if mention.valid and doi_syntax.is_lookup_safe(mention.doi):
                wanted[mention.doi] = wanted.get(mention.doi, False) or reported_dois is None or \
                    mention.doi in reported_dois
        if settings.search_references:
            for index in _references_needing_search(analysis):
                raw = analysis.references[index].raw
                queries.setdefault(search_key(raw), search_text(raw))
                if reported_references is None or index in reported_references:
                    first_queries.add(search_key(raw))

    cache = open_cache(settings)
    run = _Run(settings, cache, progress, total=len(wanted) + len(queries))
    try:
        if progress:
            progress(0, run.total)
        to_lookup, need_notices, to_search = run.from_cache(list(wanted), queries)
        if settings.offline:
            run.unverified_everything(to_lookup, to_search, "offline, and not in the cache")
            for doi in need_notices:
                run.tick()
        elif to_lookup or need_notices or to_search:
            host = urlsplit(settings.crossref_url).netloc or settings.crossref_url
            timer = threading.Timer(STALL_NOTICE_AFTER, notify, args=(
                f"waiting for Crossref ({host}) to check {len(to_lookup) + len(need_notices) + len(to_search)} "
                "DOIs and references; --offline skips these lookups",))
            timer.daemon = True
            timer.start()
            try:
                for first in (True, False):
                    run.lookup([d for d in to_lookup if wanted[d] is first],
                               [d for d in need_notices if wanted[d] is first],
                               {k: t for k, t in to_search.items() if (k in first_queries) is first})
            finally:
                timer.cancel()
    finally:
        if cache:
            cache.close()

    results = []
    for analysis in analyses:
        verdicts = Verdicts(ran=True)
        for doi, mentions in _mentions_by_doi(analysis).items():
            if not any(m.valid for m in mentions):
                verdicts.dois[doi] = DoiVerdict(doi=doi, status=DoiStatus.MALFORMED, detail="not a valid DOI")
            elif doi_syntax.too_long(doi):
                verdicts.dois[doi] = DoiVerdict(
                    doi=doi, status=DoiStatus.MALFORMED,
                    detail=f"too long to look up ({len(doi)} characters; real DOIs are far shorter)")
            elif not doi_syntax.is_lookup_safe(doi):
                verdicts.dois[doi] = DoiVerdict(
                    doi=doi, status=DoiStatus.MALFORMED, detail="contains characters a DOI lookup cannot carry"
                )
            else:
                entries = [
                    analysis.references[m.reference_index]
                    if m.reference_index is not None and 0 <= m.reference_index < len(analysis.references)
                    else None
                    for m in mentions
                ]
                outcome = run.dois.get(doi) or DoiOutcome("unverified", detail="not checked")
                verdicts.dois[doi] = doi_verdict(doi, outcome, entries)
        if settings.search_references:
            for index in _references_needing_search(analysis):
                reference = analysis.references[index]
                outcome = run.searches.get(search_key(reference.raw))
                verdicts.references[index] = reference_verdict(index, reference, outcome)
        results.append(verdicts)
    return results
