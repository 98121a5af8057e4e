"""The verify stage: every identifier and reference of a run, checked once, in batches, via the cache.

Flow: collect unique identifiers (DOIs, PMIDs, PMCIDs) and reference texts over ALL analyses ->
answer what the cache knows -> each source (claimlint.verify.sources) looks up its identifiers
in batches -> found records whose updates are not known yet get the source's notices -> the
search source looks up references without an identifier -> per analysis, compare each reference
entry with the record it cites. Everything here works on normalised WorkRecords: no source's
format is read in this module.
"""

from __future__ import annotations

import hashlib
import re
import threading
from typing import TYPE_CHECKING, Callable
from urllib.parse import urlsplit

from claimlint.model import (
    Analysis,
    DoiMention,
    DoiStatus,
    DoiVerdict,
    PubmedIdMention,
    Reference,
    ReferenceVerdict,
    Verdicts,
    WorkRecord,
)
from claimlint.verify import doi as doi_syntax
from claimlint.verify import matching, records
from claimlint.verify.cache import Cache, Entry, open_cache
from claimlint.verify.settings import VerifySettings
from claimlint.verify.sources import (SEARCH_SOURCE, SOURCES, Identifier, Outcome, SearchOutcome, Source, label_of,
                                      load, source_of)

if TYPE_CHECKING:  # the HTTP stack loads only when a run really goes to the network
    from claimlint.verify.http import NetworkBudget

Progress = Callable[[int, int], None]

MAX_QUERY_CHARS = 600  # a reference entry; longer text is cut (Crossref scores by length)
SEARCH_KIND = f"{SEARCH_SOURCE}:search"  # the cache's kind for search answers


def cache_key(identifier: Identifier) -> str:
    return f"{identifier[0]}:{identifier[1]}"


def _outcome_from_cache(entry: Entry) -> Outcome | None:
    """A cache entry of the shape _Run.store writes; anything else is a miss, never a crash."""
    payload = entry.payload
    if not isinstance(payload, dict) or not isinstance(payload.get("detail", ""), str) \
            or not isinstance(payload.get("relations_known", False), bool):
        return None
    if entry.state == "found":
        record = records.from_payload(payload.get("record"))
        return None if record is None else Outcome("found", record, payload.get("relations_known", False),
                                                   payload.get("detail", "") + " (cached)")
    if entry.state in ("not_found", "other_agency"):
        return Outcome(entry.state, detail=payload.get("detail", "") + " (cached)")
    return None


def _search_from_cache(entry: Entry) -> SearchOutcome | None:
    items = entry.payload.get("records") if isinstance(entry.payload, dict) else None
    if entry.state not in ("found", "none") or not isinstance(items, list):
        return None
    found = [records.from_payload(item) for item in items]
    return None if any(r is None for r in found) else SearchOutcome(entry.state, found, "cached")


def search_key(raw: str) -> str:
    return hashlib.sha256(search_text(raw).encode()).hexdigest()


def search_text(raw: str) -> str:
    """The entry as a query: whitespace collapsed, list labels and URLs dropped, bounded."""
    text = re.sub(r"https?://\S+", " ", raw)
    text = re.sub(r"^\s*(\[\d+\]|\d+[.)])\s*", "", text)
    return " ".join(text.split())[:MAX_QUERY_CHARS]


class _Run:
    """State of one verify() call: the sources, the cache, outcomes so far, progress."""

    def __init__(self, settings: VerifySettings, cache: Cache | None, progress: Progress | None, total: int) -> None:
        self.settings = settings
        self.cache = cache
        self.progress = progress
        self.total = total
        self.done = 0
        self._budget: NetworkBudget | None = None
        self._sources: dict[str, Source] = {}
        self.outcomes: dict[Identifier, Outcome] = {}
        self.searches: dict[str, SearchOutcome] = {}

    def source(self, name: str) -> Source:
        if name not in self._sources:
            from claimlint.verify.http import NetworkBudget

            if self._budget is None:  # one budget for every source of the run
                self._budget = NetworkBudget(self.settings.network_budget)
            self._sources[name] = load(name, self.settings, self._budget)
        return self._sources[name]

    def tick(self, count: int = 1) -> None:
        self.done = min(self.total, self.done + count)
        if self.progress and count:
            self.progress(self.done, self.total)

    # -- cache -----------------------------------------------------------------------

    def from_cache(self, identifiers: list[Identifier], queries: dict[str, str]
                   ) -> tuple[list[Identifier], list[Identifier], dict[str, str]]:
        """Fill outcomes from the cache; return identifiers to look up, found ones lacking their
        updates, queries to run."""
        to_lookup, need_notices, to_search = [], [], {}
        for identifier in identifiers:
            entry = self.cache.get(source_of(identifier[0]), cache_key(identifier)) if self.cache else None
            outcome = _outcome_from_cache(entry) if entry is not None else None
            if outcome is None:
                to_lookup.append(identifier)
                continue
            self.outcomes[identifier] = outcome
            if outcome.state == "found" and not outcome.relations_known:
                need_notices.append(identifier)
            else:
                self.tick()
        for key, text in queries.items():
            entry = self.cache.get(SEARCH_KIND, key) if self.cache else None
            outcome = _search_from_cache(entry) if entry is not None else None
            if outcome is None:
                to_search[key] = text
            else:
                self.searches[key] = outcome
                self.tick()
        return to_lookup, need_notices, to_search

    def store(self, identifiers: list[Identifier]) -> None:
        if not self.cache:
            return
        by_source: dict[str, list[tuple[str, str, dict]]] = {}
        for identifier in identifiers:
            outcome = self.outcomes[identifier]
            payload = {"record": records.to_payload(outcome.record) if outcome.record else None,
                       "relations_known": outcome.relations_known, "detail": outcome.detail}
            # "unverified" and "malformed" have no TTL: never stored
            by_source.setdefault(source_of(identifier[0]), []).append((cache_key(identifier), outcome.state, payload))
        for name, rows in by_source.items():
            self.cache.put_many(name, rows)

    def store_search(self, key: str) -> None:
        outcome = self.searches[key]
        if self.cache:
            self.cache.put_many(SEARCH_KIND, [(key, outcome.state,
                                               {"records": [records.to_payload(r) for r in outcome.records]})])

    # -- network ---------------------------------------------------------------------

    def unverified_everything(self, identifiers: list[Identifier], queries: dict[str, str], why: str) -> None:
        for identifier in identifiers:
            self.outcomes[identifier] = Outcome("unverified", detail=why)
        for key in queries:
            self.searches[key] = SearchOutcome("unverified", detail=why)
        self.tick(len(identifiers) + len(queries))

    def lookup(self, to_lookup: list[Identifier], need_notices: list[Identifier], to_search: dict[str, str]) -> None:
        for name in SOURCES:
            mine = [i for i in to_lookup if source_of(i[0]) == name]
            waiting = [i for i in need_notices if source_of(i[0]) == name]
            if mine or waiting:
                self._lookup_with(self.source(name), mine, waiting)
        if to_search:
            def deliver_search(key: str, outcome: SearchOutcome) -> None:
                self.searches[key] = outcome
                self.store_search(key)
                self.tick()

            self.source(SEARCH_SOURCE).search(to_search, deliver_search)

    def _lookup_with(self, source: Source, identifiers: list[Identifier], waiting: list[Identifier]) -> None:
        waiting = list(waiting)

        def deliver(identifier: Identifier, outcome: Outcome) -> None:
            self.outcomes[identifier] = outcome
            if outcome.state == "found" and not outcome.relations_known:
                waiting.append(identifier)
            elif outcome.state != "unverified":
                self.store([identifier])
                self.tick()
            else:
                self.tick()  # failed: unverified, nothing to store

        if identifiers:
            source.lookup(identifiers, deliver)
        if not waiting:
            return
        found = {i: self.outcomes[i].record for i in waiting if self.outcomes[i].record is not None}
        notices = source.notices(found) or {}
        for identifier in waiting:
            outcome = self.outcomes[identifier]
            if identifier in notices and outcome.record is not None:
                records.merge_relations(outcome.record, notices[identifier])
                outcome.relations_known = True
            self.store([identifier])  # known or not: the record is worth keeping, its updates asked again
        self.tick(len(waiting))


# -- building verdicts (no I/O) -------------------------------------------------------------


def id_verdict(identifier: Identifier, outcome: Outcome, references: list[Reference | None]) -> DoiVerdict:
    """The verdict for one identifier in one article, given the entries it appears in (None: in prose)."""
    scheme, value = identifier
    label = scheme.upper()
    if outcome.state != "found" or outcome.record is None:
        status = {"not_found": DoiStatus.NOT_FOUND, "other_agency": DoiStatus.OTHER_AGENCY,
                  "malformed": DoiStatus.MALFORMED}.get(outcome.state, DoiStatus.UNVERIFIED)
        return DoiVerdict(doi=value, status=status, detail=outcome.detail, scheme=scheme)
    record = outcome.record
    updates = list(record.relations)
    for reference in references:
        if reference is None:
            continue
        comparison = matching.compare(reference, record)
        if not comparison.same_work():
            return DoiVerdict(doi=value, status=DoiStatus.MISMATCH, record=record, updates=updates, scheme=scheme,
                              detail=f"the {label} points to {records.describe(record)}; the entry {comparison.explain()}")
    retractions = [u for u in updates if str(u.get("type", "")).lower() in records.RETRACTION_TYPES]
    if retractions:
        kind = str(retractions[0].get("type")).replace("_", " ")
        notice = retractions[0].get("DOI") or (f"PMID {retractions[0]['PMID']}" if retractions[0].get("PMID") else None)
        detail = f"{kind} notice {notice}" if notice else kind
        return DoiVerdict(doi=value, status=DoiStatus.RETRACTED, record=record, detail=detail, updates=updates,
                          scheme=scheme)
    if not outcome.relations_known:  # a retraction notice may exist: never "verified" on a failed lookup
        where = label_of(record.source)
        why = outcome.detail.replace(" (cached)", "").strip()  # the source may say why
        return DoiVerdict(doi=value, status=DoiStatus.UNVERIFIED, record=record, updates=updates, scheme=scheme,
                          detail=f"found at {where}, but whether it was retracted could not be checked"
                                 + (f": {why}" if why else ""))
    return DoiVerdict(doi=value, status=DoiStatus.VERIFIED, record=record, detail="found", updates=updates,
                      scheme=scheme)


def agreement(doi_verdict: DoiVerdict, pubmed_verdict: DoiVerdict) -> DoiVerdict:
    """A DOI and a PMID/PMCID in one reference entry must name one work: when both were found and
    PubMed's record names another DOI (or, without one, another title), the PubMed identifier is
    a mismatch."""
    ours, theirs = doi_verdict.record, pubmed_verdict.record
    if ours is None or theirs is None or DoiStatus.MISMATCH in (doi_verdict.status, pubmed_verdict.status):
        return pubmed_verdict
    if theirs.doi:
        same = theirs.doi.lower() in {doi_verdict.doi.lower(), (ours.doi or "").lower()}
    else:
        titles = [(a, b) for a in records.all_titles(ours) for b in records.all_titles(theirs)]
        same = not titles or max(matching.title_similarity(a, b) for a, b in titles) >= matching.TITLE_DISAGREES
    if same:
        return pubmed_verdict
    names = f"DOI {theirs.doi}" if theirs.doi else records.describe(theirs)
    return DoiVerdict(doi=pubmed_verdict.doi, status=DoiStatus.MISMATCH, record=theirs, scheme=pubmed_verdict.scheme,
                      updates=pubmed_verdict.updates,
                      detail=f"the {pubmed_verdict.label} names {names}, but the entry's DOI {doi_verdict.doi} "
                             f"names {records.describe(ours)}")


def reference_verdict(index: int, reference: Reference, outcome: SearchOutcome | None) -> ReferenceVerdict:
    if outcome is None:
        return ReferenceVerdict(index, None, status="unchecked")
    if outcome.state == "unverified":
        return ReferenceVerdict(index, None, status="unverified", detail=outcome.detail)
    best: tuple[float, float, WorkRecord] | None = None
    for candidate in outcome.records:
        comparison = matching.compare(reference, candidate)
        if comparison.validates_candidate() and candidate.doi:
            rank = (comparison.weight, candidate.score or 0.0, candidate)
            if best is None or rank[:2] > best[:2]:
                best = rank
    where = label_of(SEARCH_SOURCE)
    if best is None:
        detail = f"no {where} candidate matched the entry" if outcome.records else f"{where} found nothing"
        return ReferenceVerdict(index, None, status="none", detail=detail)
    record = best[2]
    return ReferenceVerdict(index, record.doi, record=record, status="found", detail="validated against the entry")


def _mentions(analysis: Analysis) -> dict[Identifier, list[DoiMention | PubmedIdMention]]:
    grouped: dict[Identifier, list[DoiMention | PubmedIdMention]] = {}
    for mention in analysis.dois:
        grouped.setdefault(("doi", mention.doi), []).append(mention)
    for pubmed in analysis.pubmed_ids:
        grouped.setdefault((pubmed.scheme, pubmed.value), []).append(pubmed)
    return grouped


def _references_needing_search(analysis: Analysis) -> list[int]:
    """Entries with no identifier of any kind: a DOI, a PMID or a PMCID identifies its work already."""
    identified = {m.reference_index for m in [*analysis.dois, *analysis.pubmed_ids] if m.reference_index is not None}
    return [
        i
        for i, ref in enumerate(analysis.references)
        if not ref.doi and not ref.pmid and i not in identified and search_text(ref.raw or "")
    ]


STALL_NOTICE_AFTER = 5.0  # seconds of lookups before saying on stderr what the run waits for


def _stderr_note(message: str) -> None:
    import sys

    print(f"claimlint: note: {message}", file=sys.stderr, flush=True)


def _host(url: str) -> str:
    return urlsplit(url).netloc or url


def verify(
    analyses: list[Analysis], settings: VerifySettings, progress: Progress | None = None,
    reported: list[tuple[set[str], set[int]]] | None = None, notify: Callable[[str], None] = _stderr_note,
) -> list[Verdicts]:
    """One Verdicts per analysis, same order. Network trouble makes statuses unverified, never fatal.

    `reported`, per analysis: the identifiers (DOIs, PMID digits, PMCIDs) and reference indices
    whose findings would be reported (not suppressed, selected). They are looked up first, so a
    block of suppressed junk cannot use up the network budget before them."""
    if not settings.enabled:
        return [Verdicts(ran=False) for _ in analyses]

    wanted: dict[Identifier, bool] = {}  # identifier -> reported (insertion order: document order)
    queries: dict[str, str] = {}
    first_queries: set[str] = set()
    for number, analysis in enumerate(analyses):
        reported_ids, reported_references = reported[number] if reported else (None, None)
        lookups = [("doi", m.doi) for m in analysis.dois if m.valid and doi_syntax.is_lookup_safe(m.doi)]
        lookups += [(m.scheme, m.value) for m in analysis.pubmed_ids]
        for identifier in lookups:
            wanted[identifier] = wanted.get(identifier, False) or reported_ids is None or \
                identifier[1] in reported_ids
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
            run.tick(len(need_notices))
        elif to_lookup or need_notices or to_search:
            asked = {source_of(i[0]) for i in to_lookup + need_notices} | ({SEARCH_SOURCE} if to_search else set())
            services = " and ".join(f"{label_of(n)} ({_host(run.source(n).host)})" for n in SOURCES if n in asked)
            count = len(to_lookup) + len(need_notices) + len(to_search)
            timer = threading.Timer(STALL_NOTICE_AFTER, notify, args=(
                f"waiting for {services} to check {count} identifiers and references; --offline skips these lookups",))
            timer.daemon = True
            timer.start()
            try:
                for first in (True, False):
                    run.lookup([i for i in to_lookup if wanted[i] is first],
                               [i for i in need_notices if wanted[i] is first],
                               {k: t for k, t in to_search.items() if (k in first_queries) is first})
            finally:
                timer.cancel()
    finally:
        if cache:
            cache.close()
    return [_verdicts(analysis, run, settings) for analysis in analyses]


def _entries(analysis: Analysis, mentions: list[DoiMention | PubmedIdMention]) -> list[Reference | None]:
    return [analysis.references[m.reference_index]
            if m.reference_index is not None and 0 <= m.reference_index < len(analysis.references) else None
            for m in mentions]


def _verdicts(analysis: Analysis, run: _Run, settings: VerifySettings) -> Verdicts:
    verdicts = Verdicts(ran=True)
    for identifier, mentions in _mentions(analysis).items():
        scheme, value = identifier
        if scheme != "doi":
            outcome = run.outcomes.get(identifier) or Outcome("unverified", detail="not checked")
            verdicts.pubmed_ids[value] = id_verdict(identifier, outcome, _entries(analysis, mentions))
        elif not any(m.valid for m in mentions):
            verdicts.dois[value] = DoiVerdict(doi=value, status=DoiStatus.MALFORMED, detail="not a valid DOI")
        elif doi_syntax.too_long(value):
            verdicts.dois[value] = DoiVerdict(
                doi=value, status=DoiStatus.MALFORMED,
                detail=f"too long to look up ({len(value)} characters; real DOIs are far shorter)")
        elif not doi_syntax.is_lookup_safe(value):
            verdicts.dois[value] = DoiVerdict(
                doi=value, status=DoiStatus.MALFORMED, detail="contains characters a DOI lookup cannot carry")
        else:
            outcome = run.outcomes.get(identifier) or Outcome("unverified", detail="not checked")
            verdicts.dois[value] = id_verdict(identifier, outcome, _entries(analysis, mentions))
    # A DOI and a PubMed identifier in one entry must agree.
    doi_of_entry = {m.reference_index: m.doi for m in analysis.dois if m.reference_index is not None and m.valid}
    for pubmed in analysis.pubmed_ids:
        doi = doi_of_entry.get(pubmed.reference_index) if pubmed.reference_index is not None else None
        if doi in verdicts.dois and pubmed.value in verdicts.pubmed_ids:
            verdicts.pubmed_ids[pubmed.value] = agreement(verdicts.dois[doi], verdicts.pubmed_ids[pubmed.value])
    if settings.search_references:
        for index in _references_needing_search(analysis):
            reference = analysis.references[index]
            verdicts.references[index] = reference_verdict(index, reference, run.searches.get(search_key(reference.raw)))
    return verdicts
