"""Reference entry vs a record (here Crossref's, normalised): the noise a match must survive, and
what it must catch."""

from __future__ import annotations

import dataclasses
from urllib.parse import unquote

from hypothesis import given, strategies as st

from claimlint.verify import doi as doi_syntax
from claimlint.verify.matching import compare as compare_record
from claimlint.verify.matching import journal_matches, title_similarity
from claimlint.verify.sources.crossref import batches, record_of

from conftest import cited, fixture_message
from test_done_when import GROBER_ENTRY, HAUSENBLAS_ENTRY, SLUTSKY_ENTRY

SLUTSKY = fixture_message("constructed-work-10.1016_j.neuron.2009.12.026.json")
GROBER = fixture_message("constructed-work-10.3390_nu7095388.json")
HAUSENBLAS = fixture_message("constructed-work-10.1016_j.sleepx.2024.100121.json")
JMIR = fixture_message("works-10.2196_22081.json")  # recorded


def compare(entry, message):
    """Matching reads normalised records; these tests are written against Crossref messages."""
    return compare_record(entry, record_of(message, message["DOI"]))


def test_abbreviated_journals():
    assert journal_matches("Sleep Med X", "Sleep Medicine: X")
    assert journal_matches("J Med Internet Res", "Journal of Medical Internet Research")
    assert journal_matches("Lancet", "The Lancet")
    assert not journal_matches("Sleep Med", "Sleep Medicine: X")
    assert not journal_matches("Neuron", "Nutrients")


def test_jats_markup_and_line_breaks_in_record_titles():
    record = {**SLUTSKY, "title": ["Enhancement of <i>Learning</i>\n   and Memory by Elevating Brain Mg<sup>2+</sup> &amp; Magnesium"]}
    assert compare(SLUTSKY_ENTRY, record).same_work()
    assert title_similarity("Enhancement of learning and memory", "Enhancement of <i>Learning</i>\nand Memory") == 1.0


def test_year_off_by_one_and_et_al_and_diacritics():
    entry = dataclasses.replace(GROBER_ENTRY, authors=["Grober", "et al."], year=2016)
    comparison = compare(entry, GROBER)
    assert {"author", "year"} <= comparison.agree and comparison.same_work()
    two_years_off = compare(dataclasses.replace(GROBER_ENTRY, year=2017), GROBER)
    assert "year" in two_years_off.disagree


def test_translated_title_is_carried_by_authors_year_journal_pages():
    comparison = compare(HAUSENBLAS_ENTRY, HAUSENBLAS)
    assert "title" in comparison.disagree
    assert comparison.same_work() and comparison.validates_candidate()
    dutch = dataclasses.replace(GROBER_ENTRY, title="Magnesium bij het voorkomen en behandelen van ziekten")
    assert compare(dutch, GROBER).same_work()


def test_a_translated_title_with_wrong_pages_is_not_carried():
    entry = dataclasses.replace(HAUSENBLAS_ENTRY, pages="100555", volume="3")
    assert not compare(entry, HAUSENBLAS).same_work()


def test_recorded_record_with_abbreviated_journal_and_article_number():
    entry = cited(
        "Grenier Ouimet A, Wagner G, Raymond L, Pare G. Investigating Patients' Intention to Continue Using "
        "Teleconsultation to Anticipate Postcrisis Momentum: Survey Study. J Med Internet Res 2020;22(11):e22081",
        authors=["Grenier Ouimet", "Wagner", "Raymond", "Pare"],
        title="Investigating Patients' Intention to Continue Using Teleconsultation to Anticipate Postcrisis Momentum: Survey Study",
        journal="J Med Internet Res",
        year=2020,
        volume="22",
        issue="11",
        pages="e22081",
    )
    comparison = compare(entry, JMIR)
    assert comparison.agree == {"title", "author", "year", "journal", "volume", "page"}


def test_sparse_entry_falls_back_to_raw_text():
    bare = cited("Slutsky et al., Neuron 2010, Enhancement of learning and memory by elevating brain magnesium")
    comparison = compare(bare, SLUTSKY)
    assert {"title", "author", "year", "journal"} <= comparison.agree
    assert compare(cited("See https://doi.org/10.1016/j.neuron.2009.12.026"), SLUTSKY).same_work()  # nothing contradicts


def test_different_work_is_a_mismatch_and_no_valid_candidate():
    comparison = compare(SLUTSKY_ENTRY, GROBER)
    assert not comparison.same_work() and not comparison.validates_candidate()
    assert "title" in comparison.explain()


def test_same_author_same_year_other_paper_is_not_suggested():
    other = {**SLUTSKY, "DOI": "10.5555/other", "title": ["Synaptic plasticity in hippocampal cultures"], "volume": "66", "page": "12-20"}
    assert not compare(SLUTSKY_ENTRY, other).validates_candidate()


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zs", "Zl", "Zp")), min_size=1, max_size=40))
def test_any_doi_suffix_is_one_path_segment(suffix):
    doi = "10.1234/" + suffix
    segment = doi_syntax.path_segment(doi)
    assert not set(segment) & set("/?#&= <>\\")
    assert segment not in (".", "..")
    assert unquote(segment) == doi


def test_batches_stay_under_the_request_line_limit():
    dois = [f"10.1234/{'x' * (i % 60)}.{i}" for i in range(500)]
    groups = batches(dois, "https://api.crossref.org")
    assert [d for g in groups for d in g] == dois
    assert len(groups) <= 12
