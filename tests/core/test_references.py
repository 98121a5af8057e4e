"""The reference list (found under headings in several languages), its entries and their parts,
and DOIs anywhere in the article (every form, normalised, with line and column)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimlint.analyse.dois import is_valid, normalise
from claimlint.analyse.references import parse_entry
from claimlint.model import LineIndex, Span

from .conftest import codes, run_text

ENTRIES = """1. Gröber U, Schmidt J, Kisters K. Magnesium in Prevention and Therapy. Nutrients. 2015;7(9):8199-8226. doi:10.3390/nu7095388
2. Slutsky I, et al. Enhancement of Learning and Memory by Elevating Brain Magnesium. Neuron. 2010;65(2):165-177. PMID: 20152124
"""


@pytest.mark.parametrize("heading", [
    "References", "Sources", "Bibliography", "Referenties", "Bronnen", "Literatuur", "Literatur",
    "Quellen", "Références", "Referencias", "Fuentes", "REFERENCES:", "3. Bronnen",
])
def test_reference_section_headings(heading):
    article = f"# Magnesium\n\nMagnesium is a mineral [1] found in nuts [2].\n\n## {heading}\n\n{ENTRIES}"
    result = run_text(article)
    references = result.analysis.references
    assert [r.label for r in references] == ["1", "2"]
    assert [r.authors[0] for r in references] == ["Gröber", "Slutsky"]
    assert "CL209" not in codes(result)
    assert not any(f.line >= 7 for f in result.findings), result.findings


@pytest.mark.parametrize("fmt, article", [
    ("text", "Magnesium\n\nMagnesium is a mineral [1] found in nuts [2].\n\nBronnen\n" + ENTRIES),
    ("html", "<p>Magnesium is a mineral [1] found in nuts [2].</p><h2>Quellen</h2><ol>"
             + "".join(f"<li>{line[3:]}</li>" for line in ENTRIES.splitlines()) + "</ol>"),
    ("markdown", "Magnesium is a mineral [1] found in nuts [2].\n\n**References**\n\n" + ENTRIES),
])
def test_reference_section_in_every_format(fmt, article):
    result = run_text(article, fmt)
    references = result.analysis.references
    assert [r.authors[0] for r in references] == ["Gröber", "Slutsky"]
    assert [r.year for r in references] == [2015, 2010]
    assert "CL209" not in codes(result)


def test_vancouver_entry_parts():
    text = ("Zhang X, Li Y, Del Gobbo LC, et al. Effects of Magnesium Supplementation on Blood Pressure. "
            "Hypertension. 2016;68(2):324-333. doi:10.1161/HYPERTENSIONAHA.116.07664. PMID: 27402922")
    entry = parse_entry(text, Span(0, len(text)))
    assert entry.authors == ["Zhang", "Li", "Del Gobbo"]
    assert entry.title == "Effects of Magnesium Supplementation on Blood Pressure"
    assert entry.journal == "Hypertension"
    assert (entry.year, entry.volume, entry.issue, entry.pages) == (2016, "68", "2", "324-333")
    assert entry.doi == "10.1161/hypertensionaha.116.07664"
    assert entry.pmid == "27402922"


def test_vancouver_entry_with_label_and_parenthesised_doi():
    text = ("[4] Wakefield AJ, Murch SH, Anthony A, et al. Ileal-lymphoid-nodular hyperplasia, non-specific "
            "colitis, and pervasive developmental disorder in children. Lancet. 1998;351(9103):637-641. "
            "doi:10.1016/S0140-6736(97)11096-0.")
    entry = parse_entry(text, Span(0, len(text)))
    assert entry.label == "4"
    assert entry.authors == ["Wakefield", "Murch", "Anthony"]
    assert entry.journal == "Lancet"
    assert (entry.year, entry.volume, entry.issue, entry.pages) == (1998, "351", "9103", "637-641")
    assert entry.doi == "10.1016/s0140-6736(97)11096-0"


def test_apa_entry_parts():
    text = ("Yao, P., Bennett, D., & Mafham, M. (2019). Vitamin D and calcium for the prevention of fracture. "
            "JAMA Network Open, 2(12), e1917789. https://doi.org/10.1001/jamanetworkopen.2019.17789")
    entry = parse_entry(text, Span(0, len(text)))
    assert entry.authors == ["Yao", "Bennett", "Mafham"]
    assert entry.year == 2019
    assert entry.title == "Vitamin D and calcium for the prevention of fracture"
    assert entry.journal == "JAMA Network Open"
    assert (entry.volume, entry.issue, entry.pages) == ("2", "12", "e1917789")
    assert entry.doi == "10.1001/jamanetworkopen.2019.17789"
    assert entry.url == "https://doi.org/10.1001/jamanetworkopen.2019.17789"


def test_apa_single_author_en_dash_pages():
    text = ("Cashman, K. D. (2016). Vitamin D deficiency in Europe: pandemic? "
            "The American Journal of Clinical Nutrition, 103(4), 1033–1044.")
    entry = parse_entry(text, Span(0, len(text)))
    assert entry.authors == ["Cashman"]
    assert entry.journal == "The American Journal of Clinical Nutrition"
    assert (entry.year, entry.volume, entry.issue, entry.pages) == (2016, "103", "4", "1033-1044")


def test_organisation_author_and_web_page():
    text = ("National Institutes of Health, Office of Dietary Supplements. Magnesium Fact Sheet for Health "
            "Professionals. Updated 2024. https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/")
    entry = parse_entry(text, Span(0, len(text)))
    assert entry.authors == ["National Institutes of Health"]
    assert entry.title == "Magnesium Fact Sheet for Health Professionals"
    assert entry.journal is None  # "Updated 2024" is not a journal
    assert entry.year == 2024
    assert entry.url == "https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/"


def test_footnote_references():
    article = ("Magnesium helps relax muscles.[^mg] Zinc shortens colds.[^2]\n\n"
               "[^mg]: Gröber U, Schmidt J, Kisters K. Magnesium in Prevention and Therapy. Nutrients. "
               "2015;7(9):8199-8226.\n"
               "[^2]: Hemilä H. Zinc lozenges and the common cold. JRSM Open. 2017;8(5):2054270417694291.\n")
    result = run_text(article)
    references = result.analysis.references
    assert [(r.label, r.authors, r.year, r.journal) for r in references] == [
        ("mg", ["Gröber", "Schmidt", "Kisters"], 2015, "Nutrients"),
        ("2", ["Hemilä"], 2017, "JRSM Open"),
    ]
    assert codes(result) == []


DOI_ARTICLE = """# DOI forms

Bare 10.1016/S0140-6736(97)11096-0, then more.
Also doi:10.3390/NU7095388. And DOI: 10.1001/jamanetworkopen.2019.17789;
See https://doi.org/10.1161/HYPERTENSIONAHA.116.07664.
Old (http://dx.doi.org/10.1093/ajcn/nqab123) closing.
Encoded https://doi.org/10.1002%2Fanie.201915678 here.
SICI doi:10.1002/(SICI)1097-4636(199706)35:4<455::AID-JBM5>3.0.CO;2-F here.
Malformed doi:10.123/abc here.
"""
EXPECTED_DOIS = [
    ("10.1016/s0140-6736(97)11096-0", 3, 6, "10.1016/S0140-6736(97)11096-0"),
    ("10.3390/nu7095388", 4, 6, "doi:10.3390/NU7095388"),
    ("10.1001/jamanetworkopen.2019.17789", 4, 33, "DOI: 10.1001/jamanetworkopen.2019.17789"),
    ("10.1161/hypertensionaha.116.07664", 5, 5, "https://doi.org/10.1161/HYPERTENSIONAHA.116.07664"),
    ("10.1093/ajcn/nqab123", 6, 6, "http://dx.doi.org/10.1093/ajcn/nqab123"),
    ("10.1002/anie.201915678", 7, 9, "https://doi.org/10.1002%2Fanie.201915678"),
    ("10.1002/(sici)1097-4636(199706)35:4<455::aid-jbm5>3.0.co;2-f", 8, 6,
     "doi:10.1002/(SICI)1097-4636(199706)35:4<455::AID-JBM5>3.0.CO;2-F"),
    ("10.123/abc", 9, 11, "doi:10.123/abc"),
]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_dois_in_every_form_with_positions(newline):
    text = DOI_ARTICLE.replace("\n", newline)
    result = run_text(text)
    index = LineIndex(text)
    found = [(m.doi, *index.position(m.span.start), text[m.span.start:m.span.end]) for m in result.analysis.dois]
    assert found == EXPECTED_DOIS
    assert [m.valid for m in result.analysis.dois] == [True] * 7 + [False]
    assert [(f.code, f.line, f.column, f.excerpt) for f in result.findings if f.code == "CL201"] == [
        ("CL201", 9, 11, "doi:10.123/abc")]


def test_doi_in_a_link_target():
    result = run_text("A review [of trials](https://doi.org/10.1038/NATURE12373) here.\n")
    [mention] = result.analysis.dois
    assert mention.doi == "10.1038/nature12373" and mention.valid


@pytest.mark.parametrize("raw, expected", [
    ("10.1000/ABC.", "10.1000/abc"),
    ("doi:10.1000/abc;", "10.1000/abc"),
    ("DOI: 10.1000/abc,", "10.1000/abc"),
    ("https://doi.org/10.1000/abc", "10.1000/abc"),
    ("http://dx.doi.org/10.1000/abc)", "10.1000/abc"),
    ("10.1016/S0140-6736(97)11096-0).", "10.1016/s0140-6736(97)11096-0"),
    ("10.1016/S0140-6736(97)11096-0", "10.1016/s0140-6736(97)11096-0"),
    ("https://doi.org/10.1002%2Fanie.201915678", "10.1002/anie.201915678"),
])
def test_normalise(raw, expected):
    assert normalise(raw) == expected


@pytest.mark.parametrize("doi, valid", [
    ("10.1000/xyz123", True),
    ("10.123456789/a", True),
    ("10.1016/s0140-6736(97)11096-0", True),
    ("10.123/abc", False),  # registrant code too short
    ("10.1234567890/abc", False),  # too long
    ("10.1000/", False),
    ("11.1000/abc", False),
    ("10.1000/abc def", False),
    ("10.1000/abc#x", False),
    # Crossref's documented exceptions to its pattern:
    ("10.1002/(sici)1097-4636(199706)35:4<455::aid-jbm5>3.0.co;2-f", True),
    ("10.1021/ac0354342", True),
    ("10.1207/s15327906mbr4102_1", True),
])
def test_crossref_pattern_and_exceptions(doi, valid):
    assert is_valid(doi) is valid


def test_dangling_marker_cl209():
    article = ("Magnesium supports sleep [1]. Zinc shortens colds [2-4]. Iron helps [iv].\n\n"
               "## References\n\n1. Smith J. Sleep. Sleep. 2020;1:1-2.\n2. Doe A. Zinc. Colds. 2019;2:3-4.\n")
    result = run_text(article)
    dangling = [(f.code, f.line, f.column, f.excerpt) for f in result.findings if f.code == "CL209"]
    assert dangling == [("CL209", 1, 51, "[2-4]"), ("CL209", 1, 69, "[iv]")]
    message = next(f.message for f in result.findings if f.excerpt == "[2-4]")
    assert "3, 4" in message


def test_dangling_marker_without_any_list():
    result = run_text("Magnesium supports sleep [1].\n")
    [finding] = [f for f in result.findings if f.code == "CL209"]
    assert "no reference list" in finding.message


def test_dois_are_unchecked_without_verification():
    result = run_text("Sleep [1].\n\n## References\n\n1. Smith J. Sleep. Sleep. 2020;1:1-2. doi:10.1000/xyz123\n")
    assert result.verdicts.ran is False
    assert result.verdicts.dois == {}
    from claimlint.report import ReportOptions
    from claimlint.report.json import file_dict

    [doi] = file_dict(result, ReportOptions())["dois"]
    assert doi["status"] == "unchecked"


@pytest.mark.parametrize("fmt, article", [
    ("markdown", "Magnesium is a mineral [1] found in nuts [2].\n\n**Sources**\n\n"
                 "- National Institutes of Health. Magnesium fact sheet. Updated 2024.\n"
                 "- Gröber U, Schmidt J, Kisters K. Magnesium in Prevention and Therapy. Nutrients. 2015;7:8199-8226.\n"),
    ("html", "<p>Magnesium is a mineral [1] found in nuts [2].</p><p><b>Bronnen:</b></p><ul>"
             "<li>National Institutes of Health. Magnesium fact sheet. Updated 2024.</li>"
             "<li>Gröber U, Schmidt J, Kisters K. Magnesium in Prevention and Therapy. Nutrients. 2015;7:8199-8226.</li>"
             "</ul>"),
])
def test_reference_section_under_a_bold_paragraph_title(fmt, article):
    result = run_text(article, fmt)
    references = result.analysis.references
    assert [r.authors[0] for r in references] == ["National Institutes of Health", "Gröber"]
    assert "CL209" not in codes(result)


@pytest.mark.parametrize("sentence", [
    "Onderzoek toont aan dat vezels de bloeddruk verlagen (Whitehead e.a., 2014).",
    "Zink stärkt das Immunsystem bei Erwachsenen (Müller u. a., 2019).",
    "El colágeno mejora la piel de los adultos (García y col., 2020).",
])
def test_et_al_in_other_languages_is_an_author_year_citation(sentence):
    assert codes(run_text(sentence + "\n")) == []
    assert codes(run_text(sentence.split(" (")[0] + ".\n"))  # the same claim uncited is flagged


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["10.", "1", "0", ".", "/", "%2F", "doi:", "DOI ", "https://doi.org/", "abc", " ",
                                 "PMID", "pmid: ", "PMCID", "PMC", "NCBI.nlm.nih.gov/", "pubmed.", "pmc.", "ncbı",
                                 "ſ", "K", "articles/", "pubmed/", "www.", "12345", "\n"]), max_size=10))
def test_the_quick_tests_never_hide_an_identifier(pieces):
    """find_dois() and find_pubmed_ids() run their slow patterns only on text that passes a
    quick test; any text a slow pattern matches passes it."""
    from claimlint.analyse.dois import CANDIDATE
    from claimlint.analyse.pubmed_ids import MAY_HOLD, PATTERNS

    text = "".join(pieces)
    if CANDIDATE.search(text):
        assert "10." in text
    if any(pattern.search(text) for _, pattern in PATTERNS):
        assert MAY_HOLD.search(text)
