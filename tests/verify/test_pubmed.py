"""PMIDs and PMCIDs: found in references and sentence links, verified through an E-utilities
stand-in on loopback (esummary in its JSON shape), every status reachable, limits honoured.
The works are synthetic: our own titles, names and numbers."""

from __future__ import annotations

import dataclasses
import json
import time

import pytest
from click.testing import CliRunner
from werkzeug import Response

from claimlint.analyse.pubmed_ids import find_pubmed_ids
from claimlint.checks.verification import FAMILY
from claimlint.cli import cli
from claimlint.load import load_bytes
from claimlint.model import DoiStatus, PubmedIdMention, Span
from claimlint.verify import verify

from conftest import analysis_with, cited, fixture_message, make_analysis, pmc_summary, pubmed_summary

SLEEP = pubmed_summary("31000001", "Evening magnesium and sleep onset in older adults: a randomised trial.",
                       ["Varga K", "Okafor B"], "Journal of sleep studies", "J Sleep Stud", "2019 Mar",
                       "12", "3", "101-109", doi="10.5555/sleep.2019.101", pmcid="PMC7000001")
RETRACTED = pubmed_summary("31000002", "Zinc lozenges cure the common cold in two days.", ["Brandt L"],
                           "Respiratory reports", "Respir Rep", "2016 Jan", "4", "1", "1-8",
                           pubtype=["Journal Article", "Retracted Publication"],
                           references=[{"refsource": "Respir Rep. 2018;6:99", "reftype": "Retraction in",
                                        "pmid": 31000090, "note": ""}])
RETRACTED_BY_LINK = pubmed_summary("31000003", "Vitamin D and mood in winter: a cohort.", ["Lund P"],
                                   "Mood research", "Mood Res", "2015 Dec", "2", "4", "40-48",
                                   references=[{"refsource": "Mood Res. 2017;4:1", "reftype": "Retraction in",
                                                "pmid": "31000091", "note": ""}])
CORRECTED = pubmed_summary("31000004", "Fibre intake and gut transit time.", ["Moreau C"], "Gut notes", "Gut Notes",
                           "2020", "8", "", "55-60",
                           references=[{"refsource": "Gut Notes. 2021;9:3", "reftype": "Erratum in", "pmid": "",
                                        "note": ""}])
OTHER = pubmed_summary("31000005", "Hip fracture surgery within 48 hours.", ["Tanaka H"], "Bone surgery",
                       "Bone Surg", "2018", "30", "2", "200-210", doi="10.5555/bone.2018.200")
PMC_ONLY = pmc_summary("7000002", "Walking and blood pressure in a community sample.", ["Novak J"],
                       "Heart walk", "2021 Jun 3", pmid="31000006")
PMC_WALK_PUBMED = pubmed_summary("31000006", "Walking and blood pressure in a community sample.", ["Novak J"],
                                 "Heart walk", "Heart Walk", "2021 Jun 3")
PMC_WITHOUT_PMID = pmc_summary("7000003", "Green tea and attention: a pilot.", ["Quist A"], "Pilot notes",
                               "2022 Jan 5")

SLEEP_ENTRY = ("Varga K, Okafor B. Evening magnesium and sleep onset in older adults: a randomised trial. "
               "J Sleep Stud. 2019;12(3):101-109.")


def pubmed_entry(raw: str, pmid: str, **fields):
    return cited(f"{raw} PMID: {pmid}", **fields)


def with_pubmed(entries, ids):
    """An analysis whose entry i carries the PubMed identifier ids[i] (scheme, value) when not None."""
    analysis = analysis_with(entries)
    analysis.pubmed_ids = [PubmedIdMention(scheme, value, value, Span(i * 10 + 6, i * 10 + 8), reference_index=i)
                           for i, pair in enumerate(ids) if pair for scheme, value in [pair]]
    return analysis


def stock(fake) -> None:
    for summary in (SLEEP, RETRACTED, RETRACTED_BY_LINK, CORRECTED, OTHER, PMC_WALK_PUBMED):
        fake.eutils.add("pubmed", summary)
    for summary in (PMC_ONLY, PMC_WITHOUT_PMID):
        fake.eutils.add("pmc", summary)


def esummaries(fake):
    return fake.requests_to("/eutils/esummary.fcgi")


# -- recognition ------------------------------------------------------------------------------


ARTICLE = """# Sleep

Magnesium helped people fall asleep sooner ([trial](https://pubmed.ncbi.nlm.nih.gov/31000001/)).
Walking lowers blood pressure ([study](https://www.ncbi.nlm.nih.gov/pmc/articles/PMC7000002/)).

## References

1. Varga K, Okafor B. Evening magnesium and sleep onset. J Sleep Stud. 2019;12(3):101-109. PMID: 31000001
2. Novak J. Walking and blood pressure. Heart Walk. 2021. https://pmc.ncbi.nlm.nih.gov/articles/PMC7000002/
3. Brandt L. Zinc lozenges. Respir Rep. 2016;4(1):1-8. pubmed.ncbi.nlm.nih.gov/31000002
4. Lund P. Vitamin D and mood. Mood Res. 2015. PMID:31000003; PMCID: PMC7000003
5. Tanaka H. Hip fracture surgery. https://www.ncbi.nlm.nih.gov/pubmed/31000005
"""


def test_every_form_is_recognised_in_text_and_links():
    document = load_bytes("a.md", ARTICLE.encode(), "markdown")
    found = [(m.scheme, m.value) for m in find_pubmed_ids(document.blocks)]
    assert found == [("pmid", "31000001"), ("pmcid", "PMC7000002"), ("pmid", "31000001"), ("pmcid", "PMC7000002"),
                     ("pmid", "31000002"), ("pmid", "31000003"), ("pmcid", "PMC7000003"), ("pmid", "31000005")]


def test_identifiers_sit_in_their_reference_entries(tmp_path):
    from claimlint.analyse import structure

    document = load_bytes("a.md", ARTICLE.encode(), "markdown")
    analysis, _, _ = structure(document)
    placed = [(m.value, m.reference_index) for m in analysis.pubmed_ids]
    assert placed[:2] == [("31000001", None), ("PMC7000002", None)]  # sentence links
    assert placed[2:] == [("31000001", 0), ("PMC7000002", 1), ("31000002", 2), ("31000003", 3), ("PMC7000003", 3),
                          ("31000005", 4)]


@pytest.mark.parametrize("text", ["PMID: 0123", "the PMIDs were 12", "PMC-1234", "tel. 31000001"])
def test_look_alikes_are_not_identifiers(text):
    document = load_bytes("a.md", f"See {text} here.\n".encode(), "markdown")
    assert find_pubmed_ids(document.blocks) == []


# -- verification -------------------------------------------------------------------------------


def test_each_status_from_esummary(fake, settings):
    stock(fake)
    entries = [
        cited(SLEEP_ENTRY, authors=["Varga", "Okafor"], title="Evening magnesium and sleep onset in older adults",
              journal="J Sleep Stud", year=2019, volume="12", pages="101-109"),
        cited("Brandt L. Zinc lozenges cure the common cold in two days. Respir Rep. 2016;4(1):1-8.",
              authors=["Brandt"], title="Zinc lozenges cure the common cold in two days", year=2016),
        cited("Lund P. Vitamin D and mood in winter: a cohort. Mood Res. 2015;2(4):40-48.", authors=["Lund"],
              title="Vitamin D and mood in winter: a cohort", year=2015),
        cited("Moreau C. Fibre intake and gut transit time. Gut Notes. 2020;8:55-60.", authors=["Moreau"],
              title="Fibre intake and gut transit time", year=2020),
        cited("Smith A. Omega-3 fatty acids and memory in students. Brain Diet. 2011;3:7-9.", authors=["Smith"],
              title="Omega-3 fatty acids and memory in students", year=2011),  # PMID of another work
        cited("Ghost G. An invented trial. Fake J. 2020;1:1.", authors=["Ghost"], title="An invented trial"),
    ]
    ids = [("pmid", "31000001"), ("pmid", "31000002"), ("pmid", "31000003"), ("pmid", "31000004"),
           ("pmid", "31000005"), ("pmid", "39999999")]
    [verdicts] = verify([with_pubmed(entries, ids)], settings)
    status = {value: verdicts.pubmed_ids[value].status for _, value in ids}
    assert status == {"31000001": DoiStatus.VERIFIED, "31000002": DoiStatus.RETRACTED,
                      "31000003": DoiStatus.RETRACTED, "31000004": DoiStatus.VERIFIED,
                      "31000005": DoiStatus.MISMATCH, "39999999": DoiStatus.NOT_FOUND}
    record = verdicts.pubmed_ids["31000001"].record
    assert (record.source, record.doi, record.pmcid, record.authors, record.container, record.year) == (
        "pubmed", "10.5555/sleep.2019.101", "PMC7000001", ["Varga", "Okafor"], "Journal of sleep studies", 2019)
    assert "PMID 31000090" in verdicts.pubmed_ids["31000002"].detail
    [request] = esummaries(fake)  # one batch for all six
    assert request.args["db"] == ["pubmed"] and request.args["retmode"] == ["json"]
    assert request.args["id"][0].split(",") == [value for _, value in ids]


def test_messages_name_the_identifier_type(fake, settings):
    stock(fake)
    entries = [cited("Ghost G. An invented trial. Fake J. 2020;1:1."),
               cited("Brandt L. Zinc lozenges cure the common cold in two days. Respir Rep. 2016."),
               cited("Moreau C. Fibre intake and gut transit time. Gut Notes. 2020.")]
    analysis = with_pubmed(entries, [("pmid", "39999999"), ("pmid", "31000002"), ("pmid", "31000004")])
    [verdicts] = verify([analysis], settings)
    messages = {p.code: p.message for p in FAMILY.check(analysis, verdicts)}
    assert messages["CL202"] == "PMID 39999999 does not exist: NCBI has no PubMed record of it"
    assert messages["CL204"].startswith("PMID 31000002 (\"Zinc lozenges cure the common cold in two days\"")
    assert messages["CL205"] == "PMID 31000004 has a correction"


def test_not_found_only_when_ncbi_says_so(fake, settings):
    stock(fake)
    fake.eutils.unlisted.add("31000001")  # left out of the answer: no word on it
    [verdicts] = verify([with_pubmed([cited(SLEEP_ENTRY)], [("pmid", "31000001")])], settings)
    assert verdicts.pubmed_ids["31000001"].status is DoiStatus.UNVERIFIED


@pytest.mark.parametrize("failure", [
    lambda request: Response("busy", status=503),
    lambda request: Response('{"error": "API rate limit exceeded", "count": "11"}', status=429,
                             content_type="application/json", headers={"Retry-After": "0"}),
    lambda request: Response("<html>captive portal</html>", content_type="text/html"),
    lambda request: Response('{"header": {}, "esummaryresult": ["Something went wrong"]}',
                             content_type="application/json"),
])
def test_failures_are_unverified_never_not_found(fake, settings, failure):
    stock(fake)
    fake.always = lambda request: failure(request) if request.path.startswith("/eutils/") else None
    [verdicts] = verify([with_pubmed([cited("Ghost G. Nothing.")], [("pmid", "39999999")])], settings)
    verdict = verdicts.pubmed_ids["39999999"]
    assert verdict.status is DoiStatus.UNVERIFIED and "PubMed lookup failed" in verdict.detail, verdict.detail


def test_pmcid_through_the_pmc_database_and_its_pmid(fake, settings):
    stock(fake)
    entries = [cited("Novak J. Walking and blood pressure in a community sample. Heart Walk. 2021."),
               cited("Quist A. Green tea and attention: a pilot. Pilot Notes. 2022.")]
    [verdicts] = verify([with_pubmed(entries, [("pmcid", "PMC7000002"), ("pmcid", "PMC7000003")])], settings)
    assert verdicts.pubmed_ids["PMC7000002"].status is DoiStatus.VERIFIED
    # no PMID, so its retraction status cannot be read: never "verified" on that
    unknown = verdicts.pubmed_ids["PMC7000003"]
    assert unknown.status is DoiStatus.UNVERIFIED
    assert unknown.detail == ("found at PubMed, but whether it was retracted could not be checked: "
                              "its PMC record names no PMID")
    databases = [s.args["db"][0] for s in esummaries(fake)]
    assert databases == ["pmc", "pubmed"]
    assert esummaries(fake)[0].args["id"] == ["7000002,7000003"]  # pmc uids have no "PMC"


def test_a_doi_and_a_pmid_in_one_entry_must_agree(fake, settings):
    stock(fake)
    fake.add_fixture("constructed-work-10.3390_nu7095388.json")
    grober = ("Gröber U, Schmidt J, Kisters K. Magnesium in Prevention and Therapy. Nutrients. 2015;7(9):8199-8226. "
              "doi:10.3390/nu7095388")
    entries = [cited(grober, doi="10.3390/nu7095388", authors=["Gröber"], title="Magnesium in Prevention and Therapy",
                     year=2015)]
    [verdicts] = verify([with_pubmed(entries, [("pmid", "31000005")])], settings)  # the hip fracture paper
    assert verdicts.dois["10.3390/nu7095388"].status is DoiStatus.VERIFIED
    assert verdicts.pubmed_ids["31000005"].status is DoiStatus.MISMATCH  # the entry's text says so already
    # An entry with nothing to compare but its two identifiers: they must name one work.
    bare = [cited("doi:10.3390/nu7095388 PMID: 31000005", doi="10.3390/nu7095388")]
    [verdicts] = verify([with_pubmed(bare, [("pmid", "31000005")])], settings)
    verdict = verdicts.pubmed_ids["31000005"]
    assert verdict.status is DoiStatus.MISMATCH, verdict.detail
    assert "DOI 10.5555/bone.2018.200" in verdict.detail and "10.3390/nu7095388" in verdict.detail
    analysis = with_pubmed(bare, [("pmid", "31000005")])
    [problem] = [p for p in FAMILY.check(analysis, verdicts) if p.code == "CL203"]
    assert problem.message.startswith("PMID 31000005 points to a different work: \"Hip fracture surgery")


def test_a_doi_and_a_pmid_of_one_work_agree(fake, settings):
    stock(fake)
    message = {**fixture_message("constructed-work-10.3390_nu7095388.json"), "DOI": "10.5555/sleep.2019.101",
               "title": ["Evening magnesium and sleep onset in older adults: a randomised trial"],
               "author": [{"family": "Varga", "given": "K"}], "container-title": ["Journal of Sleep Studies"],
               "issued": {"date-parts": [[2019, 3]]}, "volume": "12", "page": "101-109"}
    fake.add_work(message)
    entries = [cited(SLEEP_ENTRY + " doi:10.5555/sleep.2019.101", doi="10.5555/sleep.2019.101")]
    [verdicts] = verify([with_pubmed(entries, [("pmid", "31000001")])], settings)
    assert verdicts.pubmed_ids["31000001"].status is DoiStatus.VERIFIED
    assert verdicts.dois["10.5555/sleep.2019.101"].status is DoiStatus.VERIFIED


def test_tool_email_and_api_key_are_sent(fake, settings):
    stock(fake)
    verify([with_pubmed([cited(SLEEP_ENTRY)], [("pmid", "31000001")])], settings)
    [plain] = esummaries(fake)
    assert plain.args["tool"] == ["claimlint"] and plain.args["email"] == ["claimlint-tests@example.org"]
    assert "api_key" not in plain.args
    keyed = dataclasses.replace(settings, ncbi_api_key="k3y", cache_dir=settings.cache_dir + "-2")
    verify([with_pubmed([cited(SLEEP_ENTRY)], [("pmid", "31000001")])], keyed)
    assert esummaries(fake)[-1].args["api_key"] == ["k3y"]


def test_batches_of_at_most_200_ids(fake, settings):
    pmids = [str(32000000 + n) for n in range(450)]
    analysis = make_analysis()
    analysis.pubmed_ids = [PubmedIdMention("pmid", p, p, Span(n, n + 1)) for n, p in enumerate(pmids)]
    [verdicts] = verify([analysis], settings)
    sizes = sorted(len(s.args["id"][0].split(",")) for s in esummaries(fake))
    assert sizes == [50, 200, 200]
    assert {v.status for v in verdicts.pubmed_ids.values()} == {DoiStatus.NOT_FOUND}


@pytest.mark.parametrize("key, gap", [(None, 1 / 3), ("k3y", 1 / 10)])
def test_request_rate_three_a_second_without_a_key_ten_with(fake, settings, key, gap):
    pmids = [str(33000000 + n) for n in range(1400)]  # seven requests
    analysis = make_analysis()
    analysis.pubmed_ids = [PubmedIdMention("pmid", p, p, Span(n, n + 1)) for n, p in enumerate(pmids)]
    verify([analysis], dataclasses.replace(settings, ncbi_api_key=key))
    arrivals = sorted(s.at for s in esummaries(fake))
    assert len(arrivals) == 7
    # evenly spaced, not a burst: six gaps take at least six intervals (less loopback jitter)
    assert arrivals[-1] - arrivals[0] >= 6 * gap * 0.9


def test_a_cached_rerun_asks_nothing(fake, settings):
    stock(fake)
    ids = [("pmid", "31000001"), ("pmid", "31000002"), ("pmcid", "PMC7000002")]
    entries = [cited(SLEEP_ENTRY), cited("Brandt L. Zinc lozenges. 2016."), cited("Novak J. Walking. 2021.")]
    first = verify([with_pubmed(entries, ids)], settings)
    asked = len(fake.seen)
    second = verify([with_pubmed(entries, ids)], settings)
    assert len(fake.seen) == asked
    assert {k: v.status for k, v in first[0].pubmed_ids.items()} == {k: v.status for k, v in second[0].pubmed_ids.items()}


def test_the_network_budget_is_shared_with_crossref(fake, settings):
    stock(fake)
    fake.always = lambda request: time.sleep(0.4) if not request.path.startswith("/eutils/") else None
    analysis = with_pubmed([cited(SLEEP_ENTRY)], [("pmid", "31000001")])
    analysis.dois = analysis_with([], prose_dois=["10.5555/slow"]).dois
    started = time.monotonic()
    [verdicts] = verify([analysis], dataclasses.replace(settings, network_budget=0.5, timeout=5,
                                                        search_references=False))
    assert time.monotonic() - started < 2.0
    assert verdicts.pubmed_ids["31000001"].status is DoiStatus.UNVERIFIED
    assert "budget" in verdicts.pubmed_ids["31000001"].detail


# -- end to end ----------------------------------------------------------------------------------

MIXED = """# Sleep, zinc and walking

Magnesium helped older adults fall asleep sooner [1]. Walking lowers blood pressure
([study](https://pmc.ncbi.nlm.nih.gov/articles/PMC7000002/)).

## References

1. Varga K, Okafor B. Evening magnesium and sleep onset in older adults: a randomised trial. J Sleep Stud. 2019;12(3):101-109. PMID: 31000001
2. Gröber U, Schmidt J, Kisters K. Magnesium in Prevention and Therapy. Nutrients. 2015;7(9):8199-8226. doi:10.3390/nu7095388
3. Brandt L. Zinc lozenges cure the common cold in two days. Respir Rep. 2016;4(1):1-8. https://pubmed.ncbi.nlm.nih.gov/31000002/
4. Smith A. Omega-3 fatty acids and memory in students. Brain Diet. 2011;3:7-9. PMID: 31000005
5. Ghost G. An invented trial of everything. Fake J. 2020;1:1. PMID: 39999999
6. Quist A. Green tea and attention: a pilot. Pilot Notes. 2022. https://www.ncbi.nlm.nih.gov/pmc/articles/PMC7000003/
7. Nobody N. A DOI that nobody registered. Nowhere. 2020. doi:10.5555/never.registered
8. Wakefield AJ, Murch SH, Anthony A, et al. Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive developmental disorder in children. Lancet. 1998;351(9103):637-641. doi:10.1016/S0140-6736(97)11096-0
"""


def test_a_reference_list_mixing_dois_pmids_and_pmc_links_end_to_end(fake, settings, tmp_path):
    stock(fake)
    fake.add_fixture("constructed-work-10.3390_nu7095388.json")
    fake.add_fixture("constructed-work-10.1016_s0140-6736(97)11096-0-retracted.json")
    article = tmp_path / "mixed.md"
    article.write_text(MIXED, encoding="utf-8")
    result = CliRunner().invoke(cli, [
        "check", "--format", "json", "--crossref-url", settings.crossref_url, "--pubmed-url", settings.pubmed_url,
        "--mailto", settings.mailto, "--cache-dir", str(tmp_path / "cache"), str(article),
    ], env={"CLAIMLINT_DOI_RESOLVER_URL": settings.resolver_url})
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)
    assert report["schema_version"] == 2
    [file] = report["files"]
    dois = {d["doi"]: d["status"] for d in file["dois"]}
    pubmed = {(p["type"], p["id"]): p["status"] for p in file["pubmed_ids"]}
    assert dois == {"10.3390/nu7095388": "verified", "10.5555/never.registered": "not_found",
                    "10.1016/s0140-6736(97)11096-0": "retracted"}
    assert pubmed == {("pmid", "31000001"): "verified", ("pmcid", "PMC7000002"): "verified",
                      ("pmid", "31000002"): "retracted", ("pmid", "31000005"): "mismatch",
                      ("pmid", "39999999"): "not_found", ("pmcid", "PMC7000003"): "unverified"}
    by_code = {}
    for finding in file["findings"]:
        by_code.setdefault(finding["code"], []).append(finding["message"])
    assert any(m.startswith("PMID 31000005 points to a different work") for m in by_code["CL203"])
    assert any(m.startswith("PMID 31000002 (") for m in by_code["CL204"])
    assert any(m.startswith("DOI 10.1016/s0140-6736(97)11096-0 (") for m in by_code["CL204"])
    assert "PMID 39999999 does not exist: NCBI has no PubMed record of it" in by_code["CL202"]
    assert "DOI 10.5555/never.registered does not exist: neither Crossref nor doi.org knows it" in by_code["CL202"]
    assert any(m.startswith("PMCID PMC7000003 could not be checked") for m in by_code["CL207"])
    record = next(p["record"] for p in file["pubmed_ids"] if p["id"] == "31000001")
    assert record["source"] == "pubmed" and record["doi"] == "10.5555/sleep.2019.101"
    assert "crossref" not in json.dumps([d.keys() for d in file["dois"]], default=list)
    # entries with a PMID or PMC link are identified: no Crossref search for them
    searched = [s.args["query.bibliographic"][0] for s in fake.seen if "query.bibliographic" in s.args]
    assert searched == []


def test_the_stall_note_names_pubmed(fake, settings, monkeypatch):
    from claimlint.verify import engine as verify_engine

    stock(fake)
    monkeypatch.setattr(verify_engine, "STALL_NOTICE_AFTER", 0.05)
    fake.delay = 0.3
    notes: list[str] = []
    verify([with_pubmed([cited(SLEEP_ENTRY)], [("pmid", "31000001")])], settings, notify=notes.append)
    [note] = notes
    assert note.startswith("waiting for PubMed (127.0.0.1:") and "--offline" in note


class LocalSource:
    """A third source, as a test would write one: the protocol only, no HTTP."""

    name, host = "local", "local"

    def __init__(self, records):
        self.records = records

    def lookup(self, identifiers, deliver):
        from claimlint.verify.sources import Outcome

        for identifier in identifiers:
            record = self.records.get(identifier)
            deliver(identifier, Outcome("found", record, relations_known=True) if record else Outcome("not_found"))

    def notices(self, records):
        return {}

    def search(self, queries, deliver):
        return None


def test_a_source_is_one_module_plus_its_registration(settings, monkeypatch, tmp_path):
    """Swap PubMed's registration for another module: the engine, the cache, matching and the
    checks work unchanged on what it answers."""
    import sys
    import types

    from claimlint.model import WorkRecord
    from claimlint.verify import sources

    record = WorkRecord(source="local", pmid="31000001", title="Evening magnesium and sleep onset in older adults",
                        authors=["Varga"], year=2019)
    module = types.ModuleType("claimlint_test_local_source")
    module.make = lambda settings, budget: LocalSource({("pmid", "31000001"): record})
    monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setitem(sources.SOURCES, "pubmed", sources.Registered(module.__name__, ("pmid", "pmcid"), "Local"))
    local = dataclasses.replace(settings, pubmed_url="http://127.0.0.1:9", cache_dir=str(tmp_path / "c"))
    analysis = with_pubmed([cited(SLEEP_ENTRY), cited("Ghost G. Nothing.")], [("pmid", "31000001"), ("pmid", "1")])
    [verdicts] = verify([analysis], local)
    assert verdicts.pubmed_ids["31000001"].status is DoiStatus.VERIFIED
    assert verdicts.pubmed_ids["1"].status is DoiStatus.NOT_FOUND
    assert [p.code for p in FAMILY.check(analysis, verdicts)] == ["CL202"]


def test_summary_variants_are_read():
    """The forms esummary answers in: PubMed's "pmcid" article id as "pmc-id: PMC…;manuscript-id: …",
    PMC's author list with an ORCID entry, a collective author, a reference PMID given as a number."""
    from claimlint.verify.sources.pubmed import record_of

    summary = pubmed_summary("31000007", "Salt and blood pressure.", ["Ito K", "Salt Study Group"], "Salt journal",
                             "Salt J", "2017 Apr 2", references=[{"refsource": "x", "reftype": "Retraction in",
                                                                  "pmid": 31000099, "note": ""}])
    summary["authors"][1]["authtype"] = "CollectiveName"
    summary["articleids"].append({"idtype": "pmcid", "idtypen": 5,
                                  "value": "pmc-id: PMC4339370;manuscript-id: NIHMS639294;embargo-date:2016/03/01;"})
    record = record_of(summary, "31000007", "pubmed")
    assert (record.pmcid, record.authors, record.year) == ("PMC4339370", ["Ito", "Salt Study Group"], 2017)
    assert record.relations == [{"type": "retraction", "PMID": "31000099", "label": "Retraction in", "source": "pubmed"}]
    pmc = pmc_summary("7000009", "Tea and sleep.", ["Lee K"], "Tea J", "2020", pmid="31000008")
    pmc["authors"].append({"name": "ORCID", "authtype": "ORCID"})
    record = record_of(pmc, "7000009", "pmc")
    assert (record.pmcid, record.pmid, record.authors) == ("PMC7000009", "31000008", ["Lee"])
