"""Sources of scholarly records: one protocol, one module per source, registered here.

A source looks identifiers up in batches, may search by reference text, and may read update
notices (retractions, corrections) that its records do not carry. Whatever it asks, it answers
with normalised `WorkRecord`s (claimlint.model), so matching, verdicts, the cache, the checks
and the reports never know which source spoke.

Adding a source: a module with `SCHEMES`, `make(settings, budget)` returning a `Source`, and
one line in SOURCES below. Modules load only when a run goes to the network (they import HTTP
clients).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Protocol

from claimlint.model import WorkRecord
from claimlint.verify.settings import VerifySettings

if TYPE_CHECKING:
    from claimlint.verify.http import NetworkBudget

@dataclass(frozen=True)
class Registered:
    module: str  # defines make(settings, budget) -> Source
    schemes: tuple[str, ...]  # the identifier types it verifies
    label: str  # how messages name it


# name -> registration. The name is also the cache's kind and WorkRecord.source.
SOURCES: dict[str, Registered] = {
    "crossref": Registered("claimlint.verify.sources.crossref", ("doi",), "Crossref"),
    "pubmed": Registered("claimlint.verify.sources.pubmed", ("pmid", "pmcid"), "PubMed"),
}
SEARCH_SOURCE = "crossref"  # the source that suggests identifiers for references without one


def source_of(scheme: str) -> str:
    return next(name for name, registered in SOURCES.items() if scheme in registered.schemes)


def label_of(name: str) -> str:
    return SOURCES[name].label if name in SOURCES else name


def load(name: str, settings: VerifySettings, budget: "NetworkBudget") -> "Source":
    return importlib.import_module(SOURCES[name].module).make(settings, budget)


@dataclass
class Outcome:
    """What a source (or the cache) said about one identifier."""

    state: str  # "found" | "not_found" | "other_agency" | "malformed" | "unverified"
    record: WorkRecord | None = None
    relations_known: bool = False  # the record's updates were read: retraction status is known
    detail: str = ""


@dataclass
class SearchOutcome:
    state: str  # "found" (candidates) | "none" | "unverified"
    records: list[WorkRecord] = field(default_factory=list)
    detail: str = ""


Identifier = tuple[str, str]  # (scheme, value): ("doi", "10.1/x"), ("pmid", "123"), ("pmcid", "PMC45")
Deliver = Callable[[Identifier, Outcome], None]
DeliverSearch = Callable[[str, SearchOutcome], None]


class Source(Protocol):
    name: str
    host: str  # for "waiting for ..." notes

    def lookup(self, identifiers: list[Identifier], deliver: Deliver) -> None:
        """Look the identifiers up (batched), calling deliver once per identifier. "not_found" only
        when the source itself says so; any failure is "unverified"."""

    def notices(self, records: dict[Identifier, WorkRecord]) -> dict[Identifier, list[dict[str, Any]]] | None:
        """Updates that point at these found records and are not in them (None: could not be read).
        A source whose records carry their updates returns {} and delivers relations_known=True."""

    def search(self, queries: dict[str, str], deliver: DeliverSearch) -> None:
        """Candidate records for reference texts (key -> text); a source that cannot search does nothing."""


def run_parallel(workers: int, tasks: list[tuple[Any, Callable[[], Any]]],
                 handle: Callable[[Any, Any, Callable[[Any, Callable[[], Any]], None]], None]) -> None:
    """Run tasks (subject, function) on `workers` threads; handle(subject, result, submit) runs in
    this thread as each finishes and may submit follow-ups. Ctrl-C starts nothing more and waits
    for nothing in flight (a run stalled on a slow service must still stop at once)."""
    from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

    pool = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="claimlint-lookup")
    pending: dict[Any, Any] = {}

    def submit(subject: Any, function: Callable[[], Any]) -> None:
        pending[pool.submit(function)] = subject

    try:
        for subject, function in tasks:
            submit(subject, function)
        while pending:
            finished, _ = wait(list(pending), return_when=FIRST_COMPLETED)
            for future in finished:
                handle(pending.pop(future), future.result(), submit)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
