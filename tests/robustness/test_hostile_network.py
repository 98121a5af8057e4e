"""Issue 15 §1/§3 and issue 12 "Network stalls", through the real engine against servers on
127.0.0.1: a server trickling bytes or never answering cannot hold a run, suppressed junk cannot
starve reported DOIs, and a cache or config from the repository cannot forge a verdict."""

from __future__ import annotations

import json
import re
import socket
import sqlite3
import threading
import time

import pytest
from werkzeug import Request, Response

from claimlint import engine
from claimlint.config import build_config
from claimlint.engine import Source

ARTICLE = ("# Magnesium\n\nStudies show that magnesium improves sleep [1].\n\n## References\n\n"
           "1. Smith J. Magnesium and sleep. Sleep Med. 2020;5:1-9. doi:10.1038/srep16696\n")


class StubServer:
    """Accepts connections on 127.0.0.1 and misbehaves on each: 'silent' never answers,
    'headers' trickles a header byte by byte, 'body' sends headers then trickles the body."""

    def __init__(self, mode: str, interval: float = 0.3, lasts: float = 30.0) -> None:
        self.mode, self.interval, self.lasts = mode, interval, lasts
        self.stopped = threading.Event()
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.listener.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.stopped.is_set():
            try:
                connection, _ = self.listener.accept()
            except OSError:
                continue
            self.connections += 1
            threading.Thread(target=self._serve, args=(connection,), daemon=True).start()

    def _serve(self, connection: socket.socket) -> None:
        started = time.monotonic()
        try:
            connection.recv(65536)
            if self.mode == "headers":
                connection.sendall(b"HTTP/1.1 200 OK\r\nX-Slow: ")
            elif self.mode == "body":
                connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                   b"Content-Length: 100000\r\n\r\n{")
            while not self.stopped.is_set() and time.monotonic() - started < self.lasts:
                if self.mode != "silent":
                    connection.sendall(b"a" if self.mode == "headers" else b" ")
                self.stopped.wait(self.interval)
        except OSError:
            pass
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopped.set()
        self.listener.close()


@pytest.fixture
def stub(request):
    server = StubServer(request.param)
    yield server
    server.stop()


def run(url: str, tmp_path, text: str = ARTICLE, **settings):
    layer = {"crossref_url": url, "resolver_url": url, "cache_dir": str(tmp_path / "cache")}
    layer.update(settings)
    config = build_config([("test", layer)])
    started = time.monotonic()
    result = engine.run([Source("article.md", text.encode(), config)])
    return result.files[0], time.monotonic() - started


def statuses(file) -> set[str]:
    return {verdict.status.value for verdict in file.verdicts.dois.values()}


@pytest.mark.parametrize("stub", ["headers", "body"], indirect=True)
def test_a_trickling_server_cannot_hold_a_request(stub, tmp_path):
    """A byte every 0.3 s never trips a 1 s read timeout; the request's deadline does."""
    file, elapsed = run(stub.url, tmp_path, timeout=1.0, max_retries=1, mailto="tests@example.org")
    assert statuses(file) == {"unverified"}
    assert elapsed < 6, elapsed


@pytest.mark.parametrize("stub", ["silent"], indirect=True)
def test_a_host_that_never_answers_costs_at_most_25_seconds_and_says_so(stub, tmp_path, capfd):
    """Default timeouts, no mailto (one request at a time: the slowest case)."""
    dois = " ".join(f"doi:10.5555/stalled.{n}" for n in range(40))
    file, elapsed = run(stub.url, tmp_path, text=ARTICLE + f"\nMore: {dois}.\n")
    assert statuses(file) == {"unverified"}
    assert elapsed <= 25, elapsed
    stderr = capfd.readouterr().err
    assert "waiting for Crossref" in stderr and "--offline" in stderr, stderr


@pytest.fixture
def threaded_server():
    from pytest_httpserver import HTTPServer

    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)  # like Crossref: requests overlap
    server.start()
    yield server
    server.clear()
    server.stop()


def test_suppressed_junk_cannot_starve_a_reported_doi(threaded_server, tmp_path):
    httpserver = threaded_server
    record = {"DOI": "10.1038/srep16696", "title": ["Magnesium and sleep"], "author": [{"family": "Smith"}],
              "container-title": ["Sleep Med"], "issued": {"date-parts": [[2020]]}, "type": "journal-article",
              "volume": "5", "page": "1-9"}

    def answer(request: Request) -> Response:
        filters = request.args.get("filter", "")
        if request.path == "/works":
            items = [record] if "doi:10.1038/srep16696" in filters else []
            body = {"status": "ok", "message": {"items": items, "total-results": len(items)}}
            return Response(json.dumps(body), content_type="application/json")
        return Response("Resource not found.", status=404, content_type="text/plain")

    httpserver.expect_request(re.compile(".*")).respond_with_handler(answer)
    junk = "\n".join(f"- doi:10.5555/junk.{n}" for n in range(700))
    text = (f"# Sleep\n\n<!-- claimlint-disable CL202 CL207 -->\n\n{junk}\n\n<!-- claimlint-enable -->\n\n"
            + ARTICLE.split("\n\n", 1)[1])
    file, _ = run(httpserver.url_for("/").rstrip("/"), tmp_path, text=text, network_budget=3, mailto="tests@example.org",
                  search_references="false")
    verdict = file.verdicts.dois["10.1038/srep16696"]
    assert verdict.status.value == "verified", verdict.detail


BAD_ROWS = [  # rows of the (source, identifier) cache: ('crossref', 'doi:10.1038/srep16696')
    ("found", '{"record": "not a record", "relations_known": true}', 0.0, 1e12),
    ("found", '[1, 2, 3]', 0.0, 1e12),
    ("found", '{"record": {"doi": "10.1038/srep16696", "title": 7}, "relations_known": true}', 0.0, 1e12),
    ("found", '{"record": {"doi": "10.1038/srep16696", "authors": "Smith"}, "relations_known": true}', 0.0, 1e12),
    ("found", '{"record": {"doi": "10.1038/srep16696", "relations": [{"type": 1}]}, "relations_known": true}',
     0.0, 1e12),
    ("found", '{"record": {"doi": "10.1038/srep16696", "unknown_field": 1}, "relations_known": true}', 0.0, 1e12),
    ("found", '{"record": {"doi": "10.1038/srep16696"}, "relations_known": "yes"}', 0.0, 1e12),
    ("found", '{"record": {"doi": "10.1038/srep16696"}, "relations_known": true}', 0.0, "tomorrow"),
    ("weird", '{}', 0.0, 1e12),
]


@pytest.mark.parametrize("row", BAD_ROWS)
def test_a_cache_entry_of_the_wrong_shape_is_a_miss(httpserver, tmp_path, row):
    from claimlint.verify.cache import Cache

    cache = Cache(tmp_path / "cache" / "crossref.sqlite3")
    cache.close()
    with sqlite3.connect(tmp_path / "cache" / "crossref.sqlite3") as connection:
        connection.execute("INSERT INTO entries VALUES ('crossref', 'doi:10.1038/srep16696', ?, ?, ?, ?)", row)
    httpserver.expect_request(re.compile(".*")).respond_with_data("down", status=503)
    file, _ = run(httpserver.url_for("/").rstrip("/"), tmp_path, max_retries=0, search_references="false")
    assert statuses(file) == {"unverified"}  # looked up again (and the stand-in is down)
    assert len(httpserver.log) >= 1


@pytest.mark.parametrize("stub", ["headers", "body", "silent"], indirect=True)
@pytest.mark.parametrize("route", ["works_by_filter", "work", "handle"])
def test_each_http_path_has_an_overall_deadline(stub, route):
    """habanero's list queries and requests' single lookups alike: over in about `timeout`."""
    from claimlint.verify.http import NetworkBudget, NetworkGate
    from claimlint.verify.sources.crossref import CrossrefClient
    from claimlint.verify.settings import VerifySettings

    settings = VerifySettings(crossref_url=stub.url, resolver_url=stub.url, timeout=0.8, max_retries=0)
    client = CrossrefClient(settings, NetworkGate("Crossref", 5.0, 1, NetworkBudget(30)))
    call = {"works_by_filter": lambda: client.works_by_filter("doi", ["10.1038/srep16696"], ("DOI",)),
            "work": lambda: client.work("10.1038/srep16696"),
            "handle": lambda: client.handle("10.1038/srep16696")}[route]
    started = time.monotonic()
    answer = call()
    assert answer.kind == "fault"
    assert time.monotonic() - started < 2.0


@pytest.mark.parametrize("stub", ["silent"], indirect=True)
def test_the_stall_note_names_what_is_awaited_and_quiet_silences_it(stub, tmp_path, monkeypatch):
    from claimlint.verify import engine as verify_engine

    from .conftest import claimlint, offline_env

    monkeypatch.setattr(verify_engine, "STALL_NOTICE_AFTER", 0.3)
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / ".claimlint.toml").write_text("timeout = 1.0\nmax-retries = 0\n", encoding="utf-8")
    env = {**offline_env(tmp_path / "cache"), "CLAIMLINT_CROSSREF_URL": stub.url, "CLAIMLINT_DOI_RESOLVER_URL": stub.url}
    env.pop("CLAIMLINT_OFFLINE")
    loud = claimlint(["check", "a.md"], tmp_path, env=env)
    note = [line for line in loud.stderr.decode().splitlines() if "waiting for Crossref" in line]
    assert len(note) == 1 and f"127.0.0.1:{stub.url.rsplit(':', 1)[1]}" in note[0] and "--offline" in note[0]
    quiet = claimlint(["check", "-q", "a.md"], tmp_path, env=env)
    assert quiet.stderr == b"" and quiet.returncode == loud.returncode
