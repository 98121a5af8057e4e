"""A Crossref stand-in on 127.0.0.1 (pytest-httpserver, threaded) replaying recorded and
constructed Crossref responses from tests/fixtures/crossref, an NCBI E-utilities stand-in under
/eutils/ (esummary.fcgi; constructed answers in esummary's JSON layout, version 0.3: header,
result.uids, one document summary per uid, "cannot get document summary" for an unknown one;
the works in them are synthetic), plus helpers to build analyses."""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable
from urllib.parse import parse_qs, unquote

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from claimlint.model import Analysis, Disclaimer, DoiMention, Document, Reference, Span
from claimlint.verify.settings import VerifySettings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "crossref"
POLITE_HEADERS = {
    "x-api-pool": "polite",
    "x-rate-limit-limit": "10",
    "x-rate-limit-interval": "1s",
    "x-concurrency-limit": "3",
}


def fixture_message(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))["message"]


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def work_list(items: list[dict[str, Any]], rows: int = 20) -> dict[str, Any]:
    """The real Crossref list envelope (as in filter-repeated-type-or-semantics.json)."""
    return {
        "status": "ok",
        "message-type": "work-list",
        "message-version": "1.0.0",
        "message": {
            "facets": {},
            "total-results": len(items),
            "items": items,
            "items-per-page": rows,
            "query": {"start-index": 0, "search-terms": None},
        },
    }


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(
        json.dumps(body), status=status, content_type="application/json", headers={**POLITE_HEADERS, **(headers or {})}
    )


def not_found_response() -> Response:
    # recorded: works-404-10.1371_notarealdoi.txt, text/plain
    return Response(fixture_text("works-404-10.1371_notarealdoi.txt"), status=404, content_type="text/plain", headers=POLITE_HEADERS)


@dataclass
class Seen:
    raw_uri: str
    raw_path: str
    args: dict[str, list[str]]
    user_agent: str
    at: float = field(default_factory=time.monotonic)  # when it arrived


def pubmed_summary(uid: str, title: str, authors: list[str], journal: str, abbreviation: str, pubdate: str,
                   volume: str = "", issue: str = "", pages: str = "", pubtype: list[str] | None = None,
                   doi: str | None = None, pmcid: str | None = None,
                   references: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """One esummary document summary (db=pubmed, retmode=json, version 0.3), in the field layout
    E-utilities answers with; the works themselves are our own synthetic ones."""
    articleids = [{"idtype": "pubmed", "idtypen": 1, "value": uid}]
    if doi:
        articleids.append({"idtype": "doi", "idtypen": 3, "value": doi})
    if pmcid:
        articleids.append({"idtype": "pmc", "idtypen": 8, "value": pmcid})
    return {
        "uid": uid, "pubdate": pubdate, "epubdate": "", "source": abbreviation,
        "authors": [{"name": name, "authtype": "Author", "clusterid": ""} for name in authors],
        "lastauthor": authors[-1] if authors else "", "title": title, "sorttitle": title.lower(),
        "volume": volume, "issue": issue, "pages": pages, "lang": ["eng"], "nlmuniqueid": "0000000",
        "issn": "0000-0000", "essn": "", "pubtype": pubtype or ["Journal Article"], "recordstatus": "PubMed - indexed for MEDLINE",
        "pubstatus": "4", "articleids": articleids, "history": [{"pubstatus": "pubmed", "date": "2019/01/01 06:00"}],
        "references": references or [], "attributes": ["Has Abstract"], "pmcrefcount": 0,
        "fulljournalname": journal, "elocationid": f"doi: {doi}" if doi else "", "doctype": "citation",
        "srccontriblist": [], "booktitle": "", "medium": "", "edition": "", "publisherlocation": "",
        "publishername": "", "srcdate": "", "reportnumber": "", "availablefromurl": "", "locationlabel": "",
        "doccontriblist": [], "docdate": "", "bookname": "", "chapter": "", "sortpubdate": "2019/01/01 00:00",
        "sortfirstauthor": authors[0] if authors else "",
    }


def pmc_summary(uid: str, title: str, authors: list[str], journal: str, pubdate: str, pmid: str | None = None,
                doi: str | None = None) -> dict[str, Any]:
    """One esummary document summary of db=pmc: no publication types, no retraction links."""
    articleids = [{"idtype": "pmcid", "value": f"PMC{uid}"}]
    if pmid:
        articleids.append({"idtype": "pmid", "value": pmid})
    if doi:
        articleids.append({"idtype": "doi", "value": doi})
    return {"uid": uid, "pubdate": pubdate, "epubdate": pubdate, "printpubdate": pubdate, "source": journal,
            "authors": [{"name": name, "authtype": "Author"} for name in authors], "title": title,
            "volume": "", "issue": "", "pages": "", "articleids": articleids, "fulljournalname": journal,
            "sortdate": "2019/01/01 00:00", "pmclivedate": "2019/01/01"}


@dataclass
class FakeEutils:
    """NCBI E-utilities' esummary.fcgi on loopback: summaries by database and uid."""

    summaries: dict[str, dict[str, dict[str, Any]]] = field(default_factory=lambda: {"pubmed": {}, "pmc": {}})
    unlisted: set[str] = field(default_factory=set)  # uids left out of an answer (neither summary nor error)

    def add(self, database: str, summary: dict[str, Any]) -> None:
        self.summaries[database][summary["uid"]] = summary

    def esummary(self, args: dict[str, list[str]]) -> Response:
        database = args.get("db", [""])[0]
        if database not in self.summaries or args.get("retmode") != ["json"]:
            return Response('{"error": "Invalid db name specified"}', status=400, content_type="application/json")
        uids = [u for u in args.get("id", [""])[0].split(",") if u]
        result: dict[str, Any] = {"uids": [u for u in uids if u not in self.unlisted]}
        for uid in result["uids"]:
            result[uid] = self.summaries[database].get(uid) or {"uid": uid, "error": "cannot get document summary"}
        body = {"header": {"type": "esummary", "version": "0.3"}, "result": result}
        return Response(json.dumps(body), content_type="application/json; charset=UTF-8")


@dataclass
class FakeCrossref:
    works: dict[str, dict[str, Any]] = field(default_factory=dict)  # DOI (lower) -> work message
    agencies: dict[str, str] = field(default_factory=dict)  # DOI -> recorded agency fixture file
    handles: set[str] = field(default_factory=set)  # DOIs doi.org knows
    notices: list[dict[str, Any]] = field(default_factory=list)  # notice messages with update-to
    searches: list[tuple[str, list[dict[str, Any]]]] = field(default_factory=list)  # (needle, items)
    script: list[Callable[[Request], Response | None]] = field(default_factory=list)  # one per request, first
    always: Callable[[Request], Response | None] | None = None  # consulted for every request
    max_filter_values: int | None = None  # more filter values than this: 414
    eutils: FakeEutils = field(default_factory=FakeEutils)  # answers under /eutils/
    delay: float = 0.0
    seen: list[Seen] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def add_work(self, message: dict[str, Any]) -> None:
        self.works[message["DOI"].lower()] = message

    def add_fixture(self, name: str) -> dict[str, Any]:
        message = fixture_message(name)
        self.add_work(message)
        return message

    def handler(self, request: Request) -> Response:
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            raw_uri = request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI") or request.full_path
            raw_path = raw_uri.split("?", 1)[0]
            seen = Seen(raw_uri, raw_path, parse_qs(raw_uri.split("?", 1)[1] if "?" in raw_uri else ""),
                        request.headers.get("User-Agent", ""))
            self.seen.append(seen)
            scripted = self.script.pop(0) if self.script else None
        try:
            if self.delay:
                time.sleep(self.delay)
            for rule in (scripted, self.always):
                response = rule(request) if rule else None
                if response is not None:
                    return response
            return self.route(raw_path, seen.args)
        finally:
            with self._lock:
                self.in_flight -= 1

    def route(self, raw_path: str, args: dict[str, list[str]]) -> Response:
        if raw_path == "/eutils/esummary.fcgi":
            return self.eutils.esummary(args)
        segments = raw_path.split("/")[1:]
        if segments == ["works"]:
            if "filter" in args:
                return self.filter(args)
            if "query.bibliographic" in args:
                return self.search(args["query.bibliographic"][0], int(args.get("rows", ["20"])[0]))
            return json_response({"status": "failed"}, status=400)
        if len(segments) == 2 and segments[0] == "works":
            message = self.works.get(unquote(segments[1]))
            return json_response({"status": "ok", "message-type": "work", "message-version": "1.0.0", "message": message}) if message else not_found_response()
        if len(segments) == 3 and segments[0] == "works" and segments[2] == "agency":
            name = self.agencies.get(unquote(segments[1]))
            if name:
                return Response(fixture_text(name), content_type="application/json", headers=POLITE_HEADERS)
            return Response(fixture_text("agency-404-232234234234.txt"), status=404, content_type="text/plain")
        if len(segments) == 3 and segments[:2] == ["api", "handles"]:
            doi = unquote(segments[2])
            if doi in self.handles:
                body = json.loads(fixture_text("constructed-handle-found.json"))
                body["handle"] = doi
                return json_response(body)
            body = json.loads(fixture_text("constructed-handle-not-found.json"))
            body["handle"] = doi
            return json_response(body, status=404)
        return Response("unexpected path " + raw_path, status=418)

    def filter(self, args: dict[str, list[str]]) -> Response:
        pairs = [part.split(":", 1) for part in args["filter"][0].split(",")]
        if self.max_filter_values is not None and len(pairs) > self.max_filter_values:
            return Response("<html><body>414 Request-URI Too Large</body></html>", status=414, content_type="text/html")
        names = {name for name, _ in pairs}
        values = [value for _, value in pairs]
        if names == {"doi"}:
            items = [self.works[v.lower()] for v in values if v.lower() in self.works]
        elif names == {"updates"}:
            wanted = {v.lower() for v in values}
            items = [n for n in self.notices if any(u["DOI"].lower() in wanted for u in n.get("update-to", []))]
        else:
            return json_response({"status": "failed"}, status=400)
        return json_response(work_list(items, int(args.get("rows", ["20"])[0])))

    def search(self, text: str, rows: int) -> Response:
        folded = text.lower()
        for needle, items in self.searches:
            if needle.lower() in folded:
                return json_response(work_list(items[:rows], rows))
        return json_response(work_list([], rows))

    def requests_to(self, prefix: str) -> list[Seen]:
        return [s for s in self.seen if s.raw_path.startswith(prefix)]


@pytest.fixture(scope="session")
def server():
    # One server for the session (stopping one takes ~0.5 s); each test installs its own fake.
    http_server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    http_server.start()
    yield http_server
    http_server.clear()
    if http_server.is_running():
        http_server.stop()


@pytest.fixture
def fake(server) -> FakeCrossref:
    crossref = FakeCrossref()
    server.clear()
    server.expect_request(re.compile(".*")).respond_with_handler(crossref.handler)
    return crossref


@pytest.fixture
def settings(server, tmp_path) -> VerifySettings:
    base = server.url_for("/").rstrip("/")
    return VerifySettings(
        crossref_url=base,
        resolver_url=base,
        pubmed_url=base + "/eutils",  # the E-utilities stand-in (test_pubmed.py) answers there
        mailto="claimlint-tests@example.org",
        cache_dir=str(tmp_path / "cache"),
        timeout=1.0,
        network_budget=10.0,
        max_retries=2,
        retry_backoff=0.01,
    )


def make_analysis(references: list[Reference] = (), dois: list[DoiMention] = (), path: str = "article.md") -> Analysis:
    source = "\n".join(r.raw for r in references) or "text"
    return Analysis(
        document=Document(path, source, "text", blocks=[]),
        language="en",
        language_source="default",
        sentences=[],
        claims=[],
        references=list(references),
        references_span=None,
        dois=list(dois),
        disclaimer=Disclaimer(required=False, present=False),
    )


def cited(raw: str, doi: str | None = None, **fields: Any) -> Reference:
    return Reference(raw=raw, span=Span(0, len(raw)), doi=doi, **fields)


def analysis_with(entries: list[Reference], prose_dois: list[str] = (), malformed: list[str] = ()) -> Analysis:
    """References (those with .doi get a DoiMention inside them) plus DOIs mentioned in prose."""
    mentions = [
        DoiMention(doi=ref.doi, raw=ref.doi, span=Span(i * 10, i * 10 + 5), valid=True, reference_index=i)
        for i, ref in enumerate(entries)
        if ref.doi
    ]
    mentions += [DoiMention(doi=d, raw=d, span=Span(1000 + i, 1001 + i), valid=True) for i, d in enumerate(prose_dois)]
    mentions += [DoiMention(doi=d, raw=d, span=Span(2000 + i, 2001 + i), valid=False) for i, d in enumerate(malformed)]
    return make_analysis(entries, mentions)
