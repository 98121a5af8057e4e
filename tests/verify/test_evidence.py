"""CL5xx: what kind of evidence a citation is. The documented examples run against the Crossref
stand-in (their DOIs answer with the synthetic records below), and the rules' edges are tested
on verdicts directly."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from claimlint.checks.base import CheckOptions
from claimlint.checks.evidence import FAMILY, RULES
from claimlint.cli import cli
from claimlint.model import Claim, DoiStatus, DoiVerdict, Marker, Sentence, Span, Verdicts, WorkRecord

from conftest import analysis_with, cited, pubmed_summary


def work(doi: str, title: str, family: str, year: int, journal: str, **extra):
    """A Crossref work message (the fields claimlint selects), synthetic."""
    return {"DOI": doi, "type": "journal-article", "title": [title], "author": [{"family": family, "given": "A"}],
            "container-title": [journal], "issued": {"date-parts": [[year]]}, **extra}


# The records behind the rules' documented examples (claimlint/checks/evidence.py).
EXAMPLE_WORKS = [
    work("10.1101/2023.03.01.23286001", "Magnesium glycinate and sleep latency: a pilot trial", "Doe", 2023,
         "medRxiv", type="posted-content"),
    work("10.5555/sleephealth.2024.101", "Magnesium glycinate and sleep latency: a pilot trial", "Doe", 2024,
         "Sleep Health"),
    work("10.5555/respir.2017.c1", "Correction to: Zinc acetate lozenges and the duration of colds", "Brandt",
         2017, "Respiratory Reports", **{"update-to": [{"DOI": "10.5555/respir.2016.001", "type": "correction",
                                                        "label": "Correction"}]}),
    work("10.5555/respir.2016.001", "Zinc acetate lozenges and the duration of colds", "Brandt", 2016,
         "Respiratory Reports"),
    work("10.5555/neurodiet.2021.22", "Dietary magnesium and spatial memory in aged mice", "Kim", 2021,
         "Neurobiology of Diet"),
    work("10.5555/nutrsurv.2004.201", "Magnesium intake in a national sample of adults", "Lane", 2004,
         "Nutrition Surveys"),
    work("10.5555/nutrsurv.2022.201", "Magnesium intake in a national sample of adults", "Lane", 2022,
         "Nutrition Surveys"),
]


def run_example(fake, settings, tmp_path, text: str) -> list[str]:
    for message in EXAMPLE_WORKS:
        fake.add_work(message)
    article = tmp_path / "example.md"
    article.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, [
        "check", "--format", "json", "--crossref-url", settings.crossref_url, "--pubmed-url", settings.pubmed_url,
        "--mailto", settings.mailto, "--cache-dir", str(tmp_path / "cache"), str(article),
    ], env={"CLAIMLINT_DOI_RESOLVER_URL": settings.resolver_url})
    assert result.exit_code in (0, 1), result.output
    return [f["code"] for f in json.loads(result.output)["files"][0]["findings"]]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_fail_example_produces_its_code(fake, settings, tmp_path, rule):
    codes = run_example(fake, settings, tmp_path, rule.fail_example)
    assert rule.code in codes, codes
    assert not {"CL202", "CL203", "CL207"} & set(codes), codes  # the stand-in knows every example's DOI


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_pass_example_does_not(fake, settings, tmp_path, rule):
    codes = run_example(fake, settings, tmp_path, rule.pass_example)
    assert rule.code not in codes, codes


# -- edges, on verdicts ----------------------------------------------------------------------


def claim_analysis(sentence_text: str, record: WorkRecord, kind: str = "effect", status=DoiStatus.VERIFIED):
    entry = cited("1. Entry. doi:10.5555/x", doi="10.5555/x", label="1")
    analysis = analysis_with([entry])
    sentence = Sentence(sentence_text, Span(500, 500 + len(sentence_text)), 0, 0, len(sentence_text),
                        markers=[Marker("numeric", "[1]", ("1",), Span(510, 513))])
    analysis.sentences = [sentence]
    analysis.claims = [Claim(sentence, kind, ["magnesium"])]
    verdicts = Verdicts(dois={"10.5555/x": DoiVerdict("10.5555/x", status, record)}, ran=True)
    return analysis, verdicts


def codes_for(analysis, verdicts, **options):
    return [p.code for p in FAMILY.problems(analysis, verdicts, CheckOptions(year=2026, **options))]


def test_cl504_age_is_configurable_and_a_dated_figure_is_left_alone():
    record = WorkRecord(source="crossref", doi="10.5555/x", title="A survey", year=2009)
    analysis, verdicts = claim_analysis("About 48% of adults lack magnesium [1].", record, kind="statistic")
    assert codes_for(analysis, verdicts) == ["CL504"]  # 17 years
    assert codes_for(analysis, verdicts, statistic_max_age=20) == []
    dated, verdicts = claim_analysis("In 2009, about 48% of adults lacked magnesium [1].", record, kind="statistic")
    assert codes_for(dated, verdicts) == []
    effect, verdicts = claim_analysis("Magnesium helps adults sleep [1].", record, kind="effect")
    assert codes_for(effect, verdicts) == []  # only statistics


def test_cl503_needs_an_animal_title_without_people_and_a_claim_not_about_animals():
    mice = WorkRecord(source="pubmed", pmid="1", title="Magnesium and anxiety-like behaviour in mice", year=2020)
    both = WorkRecord(source="pubmed", pmid="1", title="Magnesium in mice and in older adults", year=2020)
    mesh = WorkRecord(source="pubmed", pmid="1", title="Magnesium and behaviour", mesh=["Animals", "Magnesium"])
    assert codes_for(*claim_analysis("Magnesium calms anxiety [1].", mice)) == ["CL503"]
    assert codes_for(*claim_analysis("Magnesium calms anxiety [1].", mesh)) == ["CL503"]
    assert codes_for(*claim_analysis("Magnesium calms anxiety [1].", both)) == []
    assert codes_for(*claim_analysis("In mice, magnesium calmed anxiety [1].", mice)) == []
    assert codes_for(*claim_analysis("Magnesium calms anxiety [1].", mice, status=DoiStatus.MISMATCH)) == []
    cells = WorkRecord(source="crossref", doi="10.5555/x", title="Resveratrol in human dermal fibroblast cell lines")
    assert codes_for(*claim_analysis("Resveratrol slows skin ageing [1].", cells)) == ["CL503"]  # cells, not people
    book = WorkRecord(source="crossref", doi="10.5555/x", title="Rats, lice and war", type="book")
    assert codes_for(*claim_analysis("Typhus killed millions [1].", book)) == []


def test_cl502_is_quiet_when_the_entry_says_it_cites_the_notice():
    notice = WorkRecord(source="crossref", doi="10.5555/x", title="Retraction notice", year=2010,
                        notice_for=[{"type": "retraction", "DOI": "10.5555/y"}])
    analysis, verdicts = claim_analysis("Magnesium helps sleep [1].", notice)
    assert codes_for(analysis, verdicts) == ["CL502"]
    analysis.references[0].raw = "1. The Editors. Retraction. Lancet. 2010. doi:10.5555/x"
    assert codes_for(analysis, verdicts) == []
    said, verdicts = claim_analysis("The trial was later retracted [1].", notice)  # the sentence says so
    assert codes_for(said, verdicts) == []


def test_cl501_by_type_server_prefix_or_pubmed_type():
    for record in (WorkRecord(source="crossref", doi="10.5555/x", type="posted-content"),
                   WorkRecord(source="crossref", doi="10.21203/rs.3.rs-1/v1"),
                   WorkRecord(source="crossref", doi="10.5555/x", container="bioRxiv"),
                   WorkRecord(source="pubmed", pmid="1", publication_types=["Preprint"])):
        assert codes_for(*claim_analysis("Magnesium helps [1].", record)) == ["CL501"], record
    assert codes_for(*claim_analysis("Magnesium helps [1].", WorkRecord(source="crossref", doi="10.5555/x"))) == []
    journal = WorkRecord(source="crossref", doi="10.1101/gr.260001.120", type="journal-article", container="Genome Research")
    assert codes_for(*claim_analysis("Magnesium helps [1].", journal)) == []  # 10.1101 also publishes journals


def test_pubmed_notices_and_preprints_become_record_fields():
    from claimlint.verify.sources.pubmed import record_of

    erratum = pubmed_summary("1", "Erratum: wrong dose in table 2.", ["Ode A"], "J Test", "J Test", "2020",
                             pubtype=["Published Erratum"],
                             references=[{"refsource": "J Test. 2019", "reftype": "Erratum for", "pmid": "2"}])
    record = record_of(erratum, "1", "pubmed")
    assert record.notice_for[0]["type"] == "erratum" and record.notice_for[0]["PMID"] == "2"
    preprint = record_of(pubmed_summary("3", "A preprint.", ["Ode A"], "medRxiv", "medRxiv", "2021",
                                        pubtype=["Preprint"]), "3", "pubmed")
    assert codes_for(*claim_analysis("Magnesium helps [1].", preprint)) == ["CL501"]


def test_statistic_max_age_comes_from_the_config(fake, settings, tmp_path):
    fail = next(rule for rule in RULES if rule.code == "CL504").fail_example
    (tmp_path / ".claimlint.toml").write_text("statistic-max-age = 40\n", encoding="utf-8")
    assert "CL504" not in run_example(fake, settings, tmp_path, fail)
    (tmp_path / ".claimlint.toml").write_text("statistic-max-age = true\n", encoding="utf-8")
    article = tmp_path / "example.md"
    result = CliRunner().invoke(cli, ["check", "--offline", "--cache-dir", str(tmp_path / "cache"), str(article)])
    assert result.exit_code == 2 and "statistic-max-age must be a whole number of years" in result.output
