"""Requests per identifier, and on a cached rerun, against the loopback stand-ins of the tests.

    python benchmarks/requests_per_id.py      (needs the test extras: pytest-httpserver)

Counts what reaches the Crossref / E-utilities stand-in (tests/verify/conftest.py): no network.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "verify")]

from pytest_httpserver import HTTPServer  # noqa: E402

from claimlint.model import PubmedIdMention, Span  # noqa: E402
from claimlint.verify import verify  # noqa: E402
from claimlint.verify.settings import VerifySettings  # noqa: E402
from conftest import FakeCrossref, analysis_with, fixture_message, make_analysis, pubmed_summary  # noqa: E402
from test_done_when import seed_analysis, seed_crossref  # noqa: E402


def twice(server: HTTPServer, fake: FakeCrossref, analyses, settings: VerifySettings) -> tuple[int, int]:
    """Requests of a first run and of a rerun on its cache."""
    server.clear()
    server.expect_request(re.compile(".*")).respond_with_handler(fake.handler)
    verify(analyses, settings)
    first = len(fake.seen)
    verify(analyses, settings)
    return first, len(fake.seen) - first


def main() -> None:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    base = server.url_for("/").rstrip("/")
    settings = VerifySettings(crossref_url=base, resolver_url=base, pubmed_url=base + "/eutils",
                              mailto="m@example.org", timeout=1.0, network_budget=10.0, max_retries=2,
                              retry_backoff=0.01, search_references=False)
    try:
        fake = FakeCrossref()
        template = fixture_message("constructed-work-10.3390_nu7095388.json")
        dois = [f"10.5555/claimlint.test.{i:04d}" for i in range(400)]
        for doi in dois:
            fake.add_work({**template, "DOI": doi})
        files = [analysis_with([], prose_dois=dois[i:i + 40]) for i in range(0, 400, 40)]
        first, again = twice(server, fake, files, dataclasses.replace(settings, cache_dir=tempfile.mkdtemp()))
        print(f"400 found DOIs in 10 files: {first} requests ({first / 400:.3f} per DOI); cached rerun: {again}")

        fake = FakeCrossref()
        seed_crossref(fake)
        first, again = twice(server, fake, [seed_analysis()],
                             dataclasses.replace(settings, cache_dir=tempfile.mkdtemp(), search_references=True))
        print(f"seed article (3 DOIs, 2 entries searched): {first} requests; cached rerun: {again}")

        first, _ = twice(server, FakeCrossref(), [analysis_with([], prose_dois=["10.5555/missing.1", "10.5555/missing.2"])],
                         dataclasses.replace(settings, cache_dir=tempfile.mkdtemp()))
        print(f"2 DOIs unknown everywhere (batch, then route, agency, doi.org each): {first} requests")

        fake = FakeCrossref()
        pmids = [str(34000000 + n) for n in range(400)]
        for pmid in pmids:
            fake.eutils.add("pubmed", pubmed_summary(pmid, "A title.", ["Doe J"], "A journal", "J", "2020"))
        analysis = make_analysis()
        analysis.pubmed_ids = [PubmedIdMention("pmid", p, p, Span(n, n + 1)) for n, p in enumerate(pmids)]
        first, again = twice(server, fake, [analysis], dataclasses.replace(settings, cache_dir=tempfile.mkdtemp()))
        print(f"400 found PMIDs: {first} requests ({first / 400:.3f} per PMID); cached rerun: {again}")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
