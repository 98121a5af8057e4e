"""Statuses and network faults, over real HTTP to the loopback Crossref stand-in."""

from __future__ import annotations

import dataclasses
import time
from urllib.parse import quote

import pytest
from werkzeug import Response

from claimlint.model import DoiStatus
from claimlint.verify import verify
from claimlint.verify.http import NetworkBudget, NetworkGate
from claimlint.verify.sources.crossref import CrossrefClient

from conftest import analysis_with, cited, fixture_message, json_response, work_list

NOT_A_DOI_AT_CROSSREF = "10.1371/notarealdoi"
PLOS = "10.1371/journal.pone.0033693"


def only_dois(settings):
    return dataclasses.replace(settings, search_references=False)


def status_of(settings, doi: str) -> tuple[DoiStatus, str]:
    [verdicts] = verify([analysis_with([], prose_dois=[doi])], only_dois(settings))
    verdict = verdicts.dois[doi]
    return verdict.status, verdict.detail


def test_not_found_only_after_crossref_agency_and_doi_org_all_say_so(fake, settings):
    status, detail = status_of(settings, NOT_A_DOI_AT_CROSSREF)
    assert status is DoiStatus.NOT_FOUND, detail
    encoded = quote(NOT_A_DOI_AT_CROSSREF, safe="")
    assert [s.raw_path for s in fake.seen] == [
        "/works",
        f"/works/{encoded}",
        f"/works/{encoded}/agency",
        f"/api/handles/{encoded}",
    ]


def test_registered_with_datacite_is_other_agency(fake, settings):
    fake.agencies["10.5284/1011335"] = "agency-10.5284_1011335-datacite.json"
    status, detail = status_of(settings, "10.5284/1011335")
    assert status is DoiStatus.OTHER_AGENCY
    assert "DataCite" in detail


def test_known_to_doi_org_only_is_other_agency(fake, settings):
    doi = "10.5555/claimlint-registered-elsewhere"
    fake.handles.add(doi)
    assert status_of(settings, doi)[0] is DoiStatus.OTHER_AGENCY


def test_correction_keeps_verified_with_updates(fake, settings):
    fake.add_fixture("works-10.1371_journal.pone.0033693.json")
    [verdicts] = verify([analysis_with([], prose_dois=[PLOS])], only_dois(settings))
    verdict = verdicts.dois[PLOS]
    assert verdict.status is DoiStatus.VERIFIED
    assert [u["type"] for u in verdict.updates] == ["correction"]


def test_alias_doi_missing_from_batch_is_found_on_its_own_route(fake, settings):
    message = fixture_message("works-10.1038_srep16696.json")
    fake.add_work(message)
    fake.works["10.5555/alias-of-srep16696"] = message  # /works/{alias} answers the target's record
    fake.handles.add("10.5555/alias-of-srep16696")  # and doi.org knows the alias
    assert status_of(settings, "10.5555/alias-of-srep16696")[0] is DoiStatus.VERIFIED


def test_another_dois_record_unconfirmed_by_doi_org_is_unverified(fake, settings):
    """A proxy or captive portal answering one record for every URL: a made-up DOI is not verified."""
    message = fixture_message("works-10.1038_srep16696.json")
    fake.always = lambda request: json_response(work_list([])) if request.path == "/works" else \
        json_response({"status": "ok", "message": message})
    status, detail = status_of(settings, "10.5555/made-up-by-a-portal")
    assert status is DoiStatus.UNVERIFIED and "another DOI" in detail, detail


def test_429_then_success_honours_retry_after(fake, settings):
    fake.add_fixture("works-10.1371_journal.pone.0033693.json")
    fake.script.append(lambda request: Response("Too Many Requests", status=429, headers={"Retry-After": "1"}))
    started = time.monotonic()
    status, detail = status_of(settings, PLOS)
    assert status is DoiStatus.VERIFIED, detail
    assert time.monotonic() - started >= 0.95
    assert [s.raw_path for s in fake.seen][:2] == ["/works", "/works"]


@pytest.mark.parametrize("failing_status", [500, 503])
def test_server_errors_until_give_up_are_unverified_never_not_found(fake, settings, failing_status):
    fake.always = lambda request: Response("oops", status=failing_status)
    status, detail = status_of(settings, NOT_A_DOI_AT_CROSSREF)
    assert status is DoiStatus.UNVERIFIED
    assert f"server error {failing_status}" in detail and "after 3 attempts" in detail
    assert len(fake.seen) == settings.max_retries + 1


def test_single_lookup_failing_after_batch_miss_is_unverified(fake, settings):
    fake.always = lambda request: Response("oops", status=502) if request.path != "/works" else None
    assert status_of(settings, NOT_A_DOI_AT_CROSSREF)[0] is DoiStatus.UNVERIFIED


def test_timeout_is_unverified(fake, settings):
    def slow(request):
        time.sleep(0.5)
        return None

    fake.always = slow
    started = time.monotonic()
    status, detail = status_of(dataclasses.replace(settings, timeout=0.15, max_retries=1), PLOS)
    assert status is DoiStatus.UNVERIFIED
    assert "timed out" in detail
    assert time.monotonic() - started < 1.5


@pytest.mark.parametrize(
    "body, content_type, expected",
    [
        ('{"status": "ok", "message": {"items": [', "application/json", "invalid JSON"),
        ("<html><body>Service maintenance</body></html>", "text/html", "non-JSON"),
        ('["not", "a", "crossref", "answer"]', "application/json", "unexpected"),
    ],
)
def test_bad_bodies_are_unverified(fake, settings, body, content_type, expected):
    fake.add_fixture("works-10.1371_journal.pone.0033693.json")
    fake.always = lambda request: Response(body, status=200, content_type=content_type)
    status, detail = status_of(settings, PLOS)
    assert status is DoiStatus.UNVERIFIED
    assert expected in detail


def test_bad_bodies_on_the_single_route_are_unverified(fake, settings):
    fake.always = lambda request: (
        Response("<html>maintenance</html>", content_type="text/html") if request.path != "/works" else None
    )
    status, detail = status_of(settings, NOT_A_DOI_AT_CROSSREF)
    assert status is DoiStatus.UNVERIFIED and "text/html" in detail


def test_redirect_loop_is_unverified(fake, settings):
    fake.always = lambda request: (
        Response("", status=301, headers={"Location": request.full_path}) if request.path != "/works" else None
    )
    status, detail = status_of(settings, NOT_A_DOI_AT_CROSSREF)
    assert status is DoiStatus.UNVERIFIED and "redirect" in detail


def make_works(fake, count: int) -> list[str]:
    template = fixture_message("constructed-work-10.3390_nu7095388.json")
    dois = [f"10.5555/claimlint.test.{i:04d}" for i in range(count)]
    for doi in dois:
        fake.add_work({**template, "DOI": doi})
    return dois


def test_414_splits_the_batch(fake, settings):
    dois = make_works(fake, 10)
    fake.max_filter_values = 4
    [verdicts] = verify([analysis_with([], prose_dois=dois)], only_dois(settings))
    assert {v.status for v in verdicts.dois.values()} == {DoiStatus.VERIFIED}
    assert any(len(s.args["filter"][0].split(",")) <= 4 for s in fake.requests_to("/works") if "filter" in s.args)


def test_hundreds_of_dois_across_files_take_a_handful_of_short_requests(fake, settings):
    dois = make_works(fake, 400)
    analyses = [analysis_with([], prose_dois=dois[i : i + 40]) for i in range(0, 400, 40)]
    results = verify(analyses, only_dois(settings))
    assert all(v.status is DoiStatus.VERIFIED for r in results for v in r.dois.values())
    assert len(fake.seen) <= 14  # ~6 doi: batches and ~6 updates: batches
    assert max(len(s.raw_uri) for s in fake.seen) < 4000


def test_never_more_than_three_requests_in_flight(fake, settings):
    dois = make_works(fake, 300)
    fake.delay = 0.05
    verify([analysis_with([], prose_dois=dois + ["10.5555/missing.one", "10.5555/missing.two"])], only_dois(settings))
    assert 2 <= fake.max_in_flight <= 3


def test_public_pool_makes_one_request_at_a_time(fake, settings):
    dois = make_works(fake, 150)
    fake.delay = 0.03
    verify([analysis_with([], prose_dois=dois + ["10.5555/missing.one"])], only_dois(dataclasses.replace(settings, mailto=None)))
    assert fake.max_in_flight == 1
    assert all("mailto" not in s.user_agent for s in fake.seen)


def test_every_request_names_claimlint_and_mailto(fake, settings):
    fake.add_fixture("works-10.1371_journal.pone.0033693.json")
    verify([analysis_with([], prose_dois=[PLOS, NOT_A_DOI_AT_CROSSREF])], only_dois(settings))
    for seen in fake.seen:
        assert "claimlint/" in seen.user_agent and "mailto:claimlint-tests@example.org" in seen.user_agent
    singles = [s for s in fake.requests_to("/works/")]
    assert singles and all(s.args == {"mailto": ["claimlint-tests@example.org"]} for s in singles)
    # habanero's own requests (batched filters, searches) carry it in the User-Agent, through its
    # public `mailto` (no patched HTTP layer adds a parameter any more)
    batches = [s for s in fake.seen if "filter" in s.args]
    assert batches and all("habanero/" in s.user_agent and "(mailto:claimlint-tests@example.org)" in s.user_agent
                           for s in batches)


def test_searches_carry_mailto(fake, settings):
    reference = cited("Slutsky I, et al. Enhancement of Learning and Memory by Elevating Brain Magnesium. "
                      "Neuron. 2010;65(2):165-177.")
    verify([analysis_with([reference])], settings)
    searches = [s for s in fake.seen if "query.bibliographic" in s.args]
    assert searches and all("mailto:claimlint-tests@example.org" in s.user_agent for s in searches)


HOSTILE_DOIS = [
    "10.1234/a?b=c&rows=1000",
    "10.1234/x#frag",
    "10.1234/100%25done",
    "10.1234/<script>alert(1)</script>",
    "10.1234/../../admin",
    "10.1234/..",
    "10.1234/a,doi:10.1/b",
    "10.1002/1096-9861(20010212)430:3<283::aid-cne1031>3.0.co;2-v",
]


def test_dois_stay_inside_their_url_slot(fake, settings):
    fake.add_fixture("works-10.1002_1096-9861_20010212_430-3_283-aid-cne1031_3.0.co-2-v.json")
    for doi in HOSTILE_DOIS[:-1]:
        fake.handles.add(doi)  # the stand-in decodes the DOI from its one path segment
    [verdicts] = verify([analysis_with([], prose_dois=HOSTILE_DOIS)], only_dois(settings))

    # Each DOI was understood whole by the server: reached doi.org's handle slot, or its record.
    for doi in HOSTILE_DOIS[:-1]:
        assert verdicts.dois[doi].status is DoiStatus.OTHER_AGENCY, (doi, verdicts.dois[doi].detail)
    assert verdicts.dois[HOSTILE_DOIS[-1]].status is DoiStatus.VERIFIED

    allowed = {"/works"}
    for doi in HOSTILE_DOIS:
        segment = quote(doi, safe="")
        allowed |= {f"/works/{segment}", f"/works/{segment}/agency", f"/api/handles/{segment}"}
    for seen in fake.seen:
        assert seen.raw_path in allowed, seen.raw_uri
        if seen.raw_path != "/works":
            assert set(seen.args) <= {"mailto"}, seen.raw_uri
    batched = [v for s in fake.requests_to("/works") if "filter" in s.args for v in s.args["filter"][0].split(",")]
    assert {v.split(":", 1)[1] for v in batched if v.startswith("doi:")} <= set(HOSTILE_DOIS)


def test_network_budget_bounds_the_run(fake, settings):
    dois = make_works(fake, 5)
    fake.always = lambda request: time.sleep(0.4)
    started = time.monotonic()
    results = verify(
        [analysis_with([], prose_dois=dois)], only_dois(dataclasses.replace(settings, network_budget=0.3, timeout=5))
    )
    assert time.monotonic() - started < 1.5
    assert {v.status for v in results[0].dois.values()} == {DoiStatus.UNVERIFIED}


def test_connection_refused_is_unverified(settings):
    closed = dataclasses.replace(settings, crossref_url="http://127.0.0.1:9", resolver_url="http://127.0.0.1:9")
    started = time.monotonic()
    assert status_of(closed, PLOS)[0] is DoiStatus.UNVERIFIED
    assert time.monotonic() - started < 2


def test_none_from_habanero_is_a_fault_not_a_miss(settings):
    client = CrossrefClient(settings, NetworkGate("Crossref", 10.0, 3, NetworkBudget(5)))
    answer = client._with_retries(lambda timeout: None)
    assert answer.kind == "fault"


def test_rate_limit_headers_lower_the_limits():
    gate = NetworkGate("Crossref", 10.0, 3, NetworkBudget(5))
    gate.acquire()
    gate.release({"X-Rate-Limit-Limit": "5", "X-Rate-Limit-Interval": "1s", "X-Concurrency-Limit": "1"})
    assert gate.rate == 5 and gate.concurrency == 1
    gate.acquire()
    gate.release({"X-Rate-Limit-Limit": "50", "X-Rate-Limit-Interval": "1s", "X-Concurrency-Limit": "9"})
    assert gate.rate == 10 and gate.concurrency == 3  # never above the pool's published limits


SREP = "10.1038/srep16696"


def test_429_with_a_json_string_message_is_retried_by_status(fake, settings):
    """Proxies answer 429 with JSON whose message is a string; habanero raised TypeError on it."""
    fake.add_fixture("works-10.1038_srep16696.json")
    fake.script.append(lambda request: json_response({"status": "error", "message": "rate limited"}, status=429,
                                                     headers={"Retry-After": "0.2"}))
    status, detail = status_of(settings, SREP)
    assert status is DoiStatus.VERIFIED, detail
    assert len(fake.requests_to("/works")) >= 2


@pytest.mark.parametrize("route", ["batch", "single"])
def test_an_oversized_answer_is_unverified(fake, settings, route):
    message = {**fixture_message("works-10.1038_srep16696.json"), "padding": "x" * (9 * 2**20)}
    huge_list, huge_work = json_response(work_list([message])), json_response({"status": "ok", "message": message})
    if route == "batch":
        fake.always = lambda request: huge_list
    else:  # missing from the batch, then the record itself is huge
        fake.always = lambda request: json_response(work_list([])) if request.path == "/works" else huge_work
    status, detail = status_of(settings, SREP)
    assert status is DoiStatus.UNVERIFIED and "larger than" in detail, detail


@pytest.mark.parametrize("field, value", [("title", "Not a list"), ("author", "Smith"), ("issued", "2015"),
                                          ("container-title", [1, 2]), ("DOI", 10)])
def test_a_record_with_fields_of_other_types_is_unverified(fake, settings, field, value):
    """Never a TypeError deep in matching (records.all_titles), never 'verified'."""
    message = {**fixture_message("works-10.1038_srep16696.json"), field: value}
    fake.always = lambda request: json_response(work_list([message])) if request.path == "/works" else \
        json_response({"status": "ok", "message": message})
    entry = cited("Smith J. A title. Sci Rep. 2015;5:16696. doi:" + SREP, doi=SREP, title="A title")
    [verdicts] = verify([analysis_with([entry])], only_dois(settings))
    verdict = verdicts.dois[SREP]
    assert verdict.status is DoiStatus.UNVERIFIED, (verdict.status, verdict.detail)


def test_a_failed_retraction_lookup_is_never_verified(fake, settings):
    fake.add_fixture("works-10.1038_srep16696.json")
    fake.always = lambda request: Response("down", status=503) if "updates:" in request.args.get("filter", "") \
        else None
    status, detail = status_of(settings, SREP)
    assert status is DoiStatus.UNVERIFIED and "retracted" in detail, detail


def test_a_doi_too_long_to_look_up_is_malformed_without_a_request(fake, settings):
    doi = "10.1234/" + "é" * 400
    status, detail = status_of(settings, doi)
    assert status is DoiStatus.MALFORMED and "too long" in detail, detail
    assert fake.seen == []


@pytest.mark.parametrize("notice", [{"DOI": "10.1/notice", "update-to": [{"DOI": SREP, "type": ["retraction"]}]},
                                    {"DOI": 7, "update-to": []}, "not a notice"])
def test_a_notice_of_the_wrong_shape_leaves_the_doi_unverified(fake, settings, notice):
    fake.add_fixture("works-10.1038_srep16696.json")
    fake.always = lambda request: json_response(work_list([notice])) \
        if "updates:" in request.args.get("filter", "") else None
    status, detail = status_of(settings, SREP)
    assert status is DoiStatus.UNVERIFIED and "retracted" in detail, detail


def test_an_update_of_the_wrong_shape_in_a_record_is_unverified(fake, settings):
    message = {**fixture_message("works-10.1038_srep16696.json"), "updated-by": [{"type": {"a": 1}, "DOI": "x"}]}
    fake.add_work(message)
    assert status_of(settings, SREP)[0] is DoiStatus.UNVERIFIED


def test_habanero_is_used_as_published_not_patched(fake, settings):
    """Its HTTP layer stays its own: mailto reaches Crossref through habanero's public `mailto`
    (the User-Agent), not through a swapped-in module."""
    import habanero.request
    import habanero.request_class
    import httpx2

    fake.add_fixture("works-10.1038_srep16696.json")
    assert status_of(settings, SREP)[0] is DoiStatus.VERIFIED
    assert habanero.request.httpx2 is httpx2 and habanero.request_class.httpx2 is httpx2
