"""Every Crossref fault, through the real engine (load -> analyse -> verify -> checks) against a
loopback stand-in: DOIs and reference searches end `unverified` (never not_found, mismatch or
retracted), no finding but CL207-style "could not verify", within a bounded total time.
tests/verify covers the client's details; this covers the whole run and what it leaves out:
DNS failure, a 429 storm, searches, hostile reference text, thousands of DOIs."""

from __future__ import annotations

import json
import re
import threading
import time
from urllib.parse import parse_qs

import pytest
from werkzeug import Request, Response

from claimlint import engine
from claimlint.config import build_config
from claimlint.engine import Source

REFERENCES = "\n".join([
    "1. Hausenblas HA, et al. Magnesium-L-threonate improves sleep quality. Sleep Med X. 2024;8:100121. "
    "doi:10.1016/j.sleepx.2024.100121",
    "2. Slutsky I, et al. Enhancement of learning and memory by elevating brain magnesium. Neuron. "
    "2010;65(2):165-177.",
    "3. Wakefield AJ, et al. Ileal-lymphoid-nodular hyperplasia. Lancet. 1998;351:637-641. "
    "doi:10.1016/s0140-6736(97)11096-0",
])
ARTICLE = f"# Magnesium\n\nStudies show that magnesium improves sleep [1][2][3].\n\n## References\n\n{REFERENCES}\n"
BAD = {"not_found", "mismatch", "retracted", "other_agency", "verified"}
BUDGET = 1.5


def run(url: str, tmp_path, text: str = ARTICLE, **settings):
    layer = {"crossref_url": url, "resolver_url": url, "mailto": "tests@example.org",
             "cache_dir": str(tmp_path / "cache"), "timeout": 0.3, "network_budget": BUDGET, "max_retries": 2}
    layer.update(settings)
    config = build_config([("test", layer)])
    started = time.monotonic()
    result = engine.run([Source("article.md", text.encode(), config)])
    return result.files[0], time.monotonic() - started


def assert_all_unverified(file) -> None:
    assert file.verdicts.ran
    statuses = {v.status.value for v in file.verdicts.dois.values()}
    assert statuses == {"unverified"}, {d: (v.status, v.detail) for d, v in file.verdicts.dois.items()}
    assert {r.status for r in file.verdicts.references.values()} <= {"unverified"}
    for finding in file.findings:
        assert finding.code not in ("CL202", "CL203", "CL204", "CL205", "CL206"), finding
        if finding.code == "CL208":  # no suggestion made up: it says the search could not run
            assert "could not" in finding.message and finding.extra.get("suggested_doi") is None, finding


def slow(request: Request) -> Response:
    time.sleep(1)
    return Response("{}", content_type="application/json")


FAULTS = {
    "timeout": slow,
    "429-storm": lambda r: Response("Too Many Requests", status=429, headers={"Retry-After": "0.3"}),
    "500": lambda r: Response("oops", status=500),
    "503": lambda r: Response("<html>down</html>", status=503, content_type="text/html"),
    "invalid-json": lambda r: Response('{"status": "ok", "message": {"items": [', content_type="application/json"),
    "html-200": lambda r: Response("<html><body>Maintenance</body></html>", content_type="text/html"),
    "json-of-wrong-shape": lambda r: Response('{"status": "ok", "message": "yes"}', content_type="application/json"),
    "redirect-loop": lambda r: Response("", status=302, headers={"Location": r.full_path}),
    "empty-200": lambda r: Response("", status=200, content_type="application/json"),
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_each_fault_is_unverified_within_the_budget(httpserver, tmp_path, fault):
    httpserver.expect_request(re.compile(".*")).respond_with_handler(FAULTS[fault])
    file, elapsed = run(httpserver.url_for("/").rstrip("/"), tmp_path)
    assert_all_unverified(file)
    assert elapsed < BUDGET + 2.5, elapsed


@pytest.mark.parametrize("url", ["http://127.0.0.1:9", "http://claimlint-no-such-host.invalid"],
                         ids=["connection-refused", "dns-failure"])
def test_unreachable_service_is_unverified_quickly(tmp_path, url):
    file, elapsed = run(url, tmp_path)
    assert_all_unverified(file)
    assert elapsed < BUDGET + 1, elapsed


def test_nothing_unverified_is_cached(httpserver, tmp_path):
    httpserver.expect_request(re.compile(".*")).respond_with_handler(FAULTS["500"])
    run(httpserver.url_for("/").rstrip("/"), tmp_path)
    file, _ = run("http://127.0.0.1:9", tmp_path, offline="1")
    assert_all_unverified(file)  # offline, from the cache only: the failures were not remembered


HOSTILE_REFERENCES = [
    "Smith J. Sleep &rows=1000&filter=type:book&mailto=evil@example.org. J Foo. 2020;1:2.",
    "Doe A. Magnesium ?query=1#fragment /../../admin %2e%2e%2f %00 \\r\\n Host: evil.example. Lancet. 2019.",
    "Roe B. <script>alert(1)</script> ' OR 1=1 -- ; select=*. BMJ. 2018;3:4.",
]


def test_reference_text_cannot_change_host_path_or_query(httpserver, tmp_path):
    seen: list[tuple[str, dict[str, list[str]], str]] = []
    lock = threading.Lock()

    def record(request: Request) -> Response:
        raw = request.environ.get("RAW_URI") or request.full_path
        with lock:
            seen.append((raw.split("?", 1)[0], parse_qs(raw.split("?", 1)[1] if "?" in raw else ""),
                         request.headers.get("Host", "")))
        return Response(json.dumps({"status": "ok", "message": {"items": [], "total-results": 0}}),
                        content_type="application/json")

    httpserver.expect_request(re.compile(".*")).respond_with_handler(record)
    listing = "\n".join(f"{n}. {entry}" for n, entry in enumerate(HOSTILE_REFERENCES, 1))
    text = f"# T\n\nStudies show that magnesium improves sleep [1][2][3].\n\n## References\n\n{listing}\n"
    file, _ = run(httpserver.url_for("/").rstrip("/"), tmp_path, text=text)
    host = f"{httpserver.host}:{httpserver.port}"
    searches = [args for path, args, _ in seen if "query.bibliographic" in args]
    assert len(searches) == len(HOSTILE_REFERENCES), seen
    for path, args, request_host in seen:
        assert path == "/works" and request_host == host, (path, request_host)
        assert set(args) <= {"query.bibliographic", "rows", "select", "mailto", "filter"}, args
        assert all(len(values) == 1 for values in args.values()), args
        assert args.get("mailto", ["tests@example.org"]) == ["tests@example.org"]
        if "rows" in args:
            assert args["rows"][0].isdigit() and int(args["rows"][0]) <= 100
    queries = [args["query.bibliographic"][0] for args in searches]
    assert any("&rows=1000&filter=type:book&mailto=evil@example.org" in q for q in queries), queries
    assert any("#fragment" in q and "/../../admin" in q for q in queries), queries


def test_thousands_of_dois_are_batched_and_bounded(httpserver, tmp_path):
    count = 2000
    template = {"title": ["A study"], "author": [{"family": "Smith"}], "container-title": ["J Foo"],
                "issued": {"date-parts": [[2020]]}, "type": "journal-article"}
    requests: list[str] = []

    def answer(request: Request) -> Response:
        requests.append(request.full_path)
        values = parse_qs(request.query_string.decode()).get("filter", [""])[0].split(",")
        items = [{**template, "DOI": v.split(":", 1)[1]} for v in values if v.startswith("doi:")]
        body = {"status": "ok", "message": {"items": items, "total-results": len(items)}}
        return Response(json.dumps(body), content_type="application/json")

    httpserver.expect_request(re.compile(".*")).respond_with_handler(answer)
    dois = " ".join(f"doi:10.5555/bulk.{n}" for n in range(count))
    text = f"# Many\n\nA list of identifiers: {dois}.\n"
    file, elapsed = run(httpserver.url_for("/").rstrip("/"), tmp_path, text=text, network_budget=30,
                        search_references="false")
    assert len(file.verdicts.dois) == count
    assert {v.status.value for v in file.verdicts.dois.values()} == {"verified"}
    assert len(requests) <= 2 * (count // 100 + 1) + 10, len(requests)  # lookups + notices, batched
    assert max(len(r) for r in requests) < 4000
    assert elapsed < 20, elapsed
