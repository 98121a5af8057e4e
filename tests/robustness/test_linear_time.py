"""Issue 15 §1: time linear in the input's size. Each case repeats a short pattern to two sizes
(4x apart) and checks that the time grows about 4x, not 16x: loading (Markdown, HTML, text)
plus sentence splitting for every case, then the whole analyse() (claim model, page verdict and
disease claims included: the rule packs' superlinear regexes are gone)."""

from __future__ import annotations

import gc
import time

import pytest

from claimlint.analyse import analyse
from claimlint.load import LoadError, load_bytes

SMALL = 6_000  # bytes, and 4x as many: a quadratic stage takes 16x as long on the larger input
MAX_RATIO = 10.0  # linear is 4; a busy shared machine adds noise, a quadratic stage gives 16
NOISE_FLOOR = 0.05  # seconds: below this on the larger input, timing noise dominates the ratio

CASES = [
    ("text", "and more. "), ("text", "1 "), ("text", "a. "), ("text", "e.g. "), ("text", "[1] "), ("text", "(("),
    ("text", "Smith J, "), ("text", "doi:10.1000/"), ("text", "http://x.org/"), ("text", "1. x\n"),
    ("text", "Studies show "), ("text", "48% of "), ("text", "x\n"), ("text", "A\n\n"), ("text", "<![x]>"),
    ("text", "[x](y). "), ("text", "10 mg, "),
    ("markdown", "a <!-- x "), ("markdown", "<sup>1 "), ("markdown", "<a href='x'>"), ("markdown", "["),
    ("markdown", "[x]("), ("markdown", "[x](<"), ("markdown", "`"), ("markdown", "``x "), ("markdown", "*"),
    ("markdown", "_a"), ("markdown", "> "), ("markdown", "  - "), ("markdown", "a <![x]> "), ("markdown", "&amp"),
    ("markdown", "[^1]"), ("markdown", "\\"), ("markdown", "!["), ("markdown", "<sup x "), ("markdown", "|a"),
    ("markdown", "# a\n"), ("markdown", "a <b x"), ("markdown", "[x](y). "),
    ("html", "<a x"), ("html", "<!-- x"), ("html", "<p>"), ("html", "<sup>1"), ("html", "<a href=x>"),
    ("html", "&amp"), ("html", "<![x]>"), ("html", "<div>"), ("html", "</"), ("html", "<table><td>"),
    ("html", "<p>and more. "), ("html", "<a href=x>y</a>. "),
    ("markdown", "1. Smith J. A title. J Foo. 2020;1:2. doi:10.1000/x\n"),
    ("markdown", "a <!-- claimlint-disable "), ("text", "a <!-- claimlint-disable "),
    ("html", "<!-- claimlint-disable "), ("html", "<b><i>"), ("html", "<a href=x><p>"), ("html", "<ol><li>"),
    ("text", "PMID: 1 "), ("markdown", "[x](https://pubmed.ncbi.nlm.nih.gov/1/) "), ("text", "PMCID: PMC1 "),
]
LANGUAGE_CASES = [("fr", "1 "), ("fr", "1,5 "), ("de", "10 mg, "), ("nl", "% "), ("es", "1. ")]


def data(unit: str, size: int) -> bytes:
    piece = unit.encode()
    return piece * (size // len(piece))


def seconds(work, repeat: int = 2) -> float:
    """Best of `repeat` runs, the garbage collector held off while timing: late in a full test run
    the process holds many objects, and one full collection landing in the larger run (a pause
    that grows with everything else alive, not with this input) read as quadratic time."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            started = time.perf_counter()
            work()
            best = min(best, time.perf_counter() - started)
        finally:
            gc.enable()
    return best


def assert_linear(work_for_size, label: str, small_size: int = SMALL) -> None:
    large_size = 4 * small_size
    small = seconds(lambda: work_for_size(small_size), repeat=3)
    large = seconds(lambda: work_for_size(large_size), repeat=1)
    if large > NOISE_FLOOR and large > MAX_RATIO * small:  # once more: a busy machine, not the code?
        large = min(large, seconds(lambda: work_for_size(large_size), repeat=2))
    assert large <= NOISE_FLOOR or large <= MAX_RATIO * small, \
        f"{label}: {small:.3f}s for {small_size} bytes, {large:.3f}s for {large_size}: not linear"


@pytest.fixture(scope="module", autouse=True)
def warm():
    for language in ("en", "fr", "de", "nl", "es"):
        analyse(load_bytes("warm.md", b"Warm up the pipeline. Studies show 10 mg helps.\n", "markdown"), language)


def _load(unit: str, size: int, fmt: str):
    try:
        return load_bytes("case", data(unit, size), fmt)
    except LoadError:  # refused ("nested too deeply"): refusing must be linear too
        return None


def _analyse(language: str, fmt: str, unit: str):
    def work(size: int) -> None:
        document = _load(unit, size, fmt)
        if document is not None:
            analyse(document, language)

    return work


def _params():
    for fmt, unit in CASES:
        yield pytest.param("en", fmt, unit, id=f"en-{fmt}:{unit!r}")
    for language, unit in LANGUAGE_CASES:
        yield pytest.param(language, "text", unit, id=f"{language}-text:{unit!r}")


@pytest.mark.parametrize("language, fmt, unit", list(_params()))
def test_the_whole_analysis_is_linear(language, fmt, unit):
    assert_linear(_analyse(language, fmt, unit), f"{language} {fmt} {unit!r}", SMALL)


def test_placing_dois_in_reference_entries_is_linear():
    """Every DOI was compared with every reference entry: 5 MB of references took hours."""
    from claimlint.analyse import _place_in_references
    from claimlint.model import DoiMention, Reference, Span

    def work(count: int) -> None:
        references = [Reference(raw="r", span=Span(10 * n, 10 * n + 9)) for n in range(count)]
        dois = [DoiMention("10.1000/x", "10.1000/x", Span(10 * n + 2, 10 * n + 5), True) for n in range(count)]
        _place_in_references(dois, references)
        assert dois[-1].reference_index == count - 1

    assert_linear(work, "DOIs in reference entries", 2_000)


@pytest.mark.parametrize("unit", ["[doi](https://doi.org/10.1000/x) ", "10.1000/x [a](https://doi.org/10.1000/y) "])
def test_finding_dois_in_links_is_linear(unit):
    """Each DOI link was checked against every mention found before it."""
    from claimlint.analyse.dois import find_dois

    def work(size: int) -> None:
        document = load_bytes("a.md", data(unit, size), "markdown")
        assert find_dois(document.blocks)

    assert_linear(work, f"DOI links {unit!r}", 24_000)


@pytest.mark.parametrize("unit", ["PMID: 1 ", "PMCID: PMC1 pubmed.ncbi.nlm.nih.gov/2 ",
                                  "[PMID: 1](https://pubmed.ncbi.nlm.nih.gov/1/) "])
def test_finding_pubmed_ids_is_linear(unit):
    """Each mention was checked against every earlier one: 100 KB of PMIDs took seconds."""
    from claimlint.analyse.pubmed_ids import find_pubmed_ids

    def work(size: int) -> None:
        document = load_bytes("a.md", data(unit, size), "markdown")
        assert find_pubmed_ids(document.blocks)

    assert_linear(work, f"PubMed IDs {unit!r}", 24_000)


def test_evidence_checks_are_linear():
    """CL5xx: every claim against every cited identifier, every entry, every sentence, would be
    quadratic in a long article."""
    from claimlint.checks.evidence import FAMILY
    from claimlint.model import (Analysis, Claim, Disclaimer, Document, DoiMention, DoiStatus, DoiVerdict, Marker,
                                 Reference, Sentence, Span, Verdicts, WorkRecord)

    def work(count: int) -> None:
        sentences, claims, references, dois, verdicts = [], [], [], [], Verdicts(ran=True)
        for n in range(count):
            sentence = Sentence("About 48% of adults [1].", Span(100 * n, 100 * n + 20), n, 0, 20,
                                markers=[Marker("numeric", f"[{n + 1}]", (str(n + 1),), Span(100 * n + 15, 100 * n + 18))])
            sentences.append(sentence)
            claims.append(Claim(sentence, "statistic", []))
            start = 100 * count + 100 * n
            references.append(Reference(raw="Entry.", span=Span(start, start + 50), label=str(n + 1)))
            doi = f"10.5555/{n}"
            dois.append(DoiMention(doi, doi, Span(start + 10, start + 20), True, reference_index=n))
            verdicts.dois[doi] = DoiVerdict(doi, DoiStatus.VERIFIED,
                                            WorkRecord(source="crossref", doi=doi, title="Intake in mice", year=1990))
        analysis = Analysis(Document("a.md", "", "markdown", []), "en", "option", sentences, claims, references,
                            None, dois, Disclaimer(False, False))
        assert len(list(FAMILY.problems(analysis, verdicts))) == 2 * count  # CL503 and CL504 each

    assert_linear(work, "CL5xx checks", 1_000)
