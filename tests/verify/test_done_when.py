"""Issue 3's "done when", against the Crossref stand-in on loopback."""

from __future__ import annotations

import dataclasses
import time

from werkzeug import Response

from claimlint.checks.verification import FAMILY
from claimlint.model import DoiStatus
from claimlint.verify import verify

from conftest import analysis_with, cited, fixture_message

HAUSENBLAS = "10.1016/j.sleepx.2024.100121"
WAKEFIELD = "10.1016/s0140-6736(97)11096-0"

# The seed article's entries, as its (Dutch) reference list gives them.
HAUSENBLAS_ENTRY = cited(
    "Hausenblas HA, et al. Magnesium-L-threonaat verbetert de slaapkwaliteit en het functioneren overdag bij "
    "volwassenen met zelfgerapporteerde slaapproblemen: een gerandomiseerde gecontroleerde studie. "
    "Sleep Med X. 2024;8:100121. doi:10.1016/j.sleepx.2024.100121",
    doi=HAUSENBLAS,
    authors=["Hausenblas"],
    title="Magnesium-L-threonaat verbetert de slaapkwaliteit en het functioneren overdag bij volwassenen met "
    "zelfgerapporteerde slaapproblemen: een gerandomiseerde gecontroleerde studie",
    journal="Sleep Med X",
    year=2024,
    volume="8",
    pages="100121",
)
SLUTSKY_ENTRY = cited(
    "Slutsky I, et al. Enhancement of Learning and Memory by Elevating Brain Magnesium. Neuron. 2010;65(2):165-177.",
    authors=["Slutsky"],
    title="Enhancement of Learning and Memory by Elevating Brain Magnesium",
    journal="Neuron",
    year=2010,
    volume="65",
    issue="2",
    pages="165-177",
)
GROBER_ENTRY = cited(
    "Gröber U, Schmidt J, Kisters K. Magnesium in preventie en therapie. Nutrients. 2015;7(9):8199-8226.",
    authors=["Gröber", "Schmidt", "Kisters"],
    title="Magnesium in preventie en therapie",
    journal="Nutrients",
    year=2015,
    volume="7",
    issue="9",
    pages="8199-8226",
)
# Slutsky's entry, but with the DOI of an unrelated Neurobiology of Aging paper (recorded record).
WRONG_DOI_ENTRY = dataclasses.replace(
    SLUTSKY_ENTRY,
    raw=SLUTSKY_ENTRY.raw + " doi:10.1016/j.neurobiolaging.2010.03.024",
    doi="10.1016/j.neurobiolaging.2010.03.024",
)
WAKEFIELD_ENTRY = cited(
    "Wakefield AJ, Murch SH, Anthony A, et al. Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and "
    "pervasive developmental disorder in children. Lancet. 1998;351(9103):637-641. doi:10.1016/S0140-6736(97)11096-0",
    doi=WAKEFIELD,
    authors=["Wakefield", "Murch", "Anthony"],
    title="Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive developmental disorder in children",
    journal="Lancet",
    year=1998,
    volume="351",
    issue="9103",
    pages="637-641",
)


def seed_crossref(fake) -> None:
    fake.add_fixture("constructed-work-10.1016_j.sleepx.2024.100121.json")
    fake.add_fixture("constructed-work-10.1016_s0140-6736(97)11096-0-retracted.json")
    fake.add_fixture("works-10.1016_j.neurobiolaging.2010.03.024.json")
    slutsky = fixture_message("constructed-work-10.1016_j.neuron.2009.12.026.json")
    grober = fixture_message("constructed-work-10.3390_nu7095388.json")
    distractor = fixture_message("works-10.1038_srep16696.json")
    # Search answers: the right work among others, with Crossref-style relevance scores.
    fake.searches.append(("Slutsky", [{**distractor, "score": 71.2}, {**slutsky, "score": 65.8}]))
    fake.searches.append(("Gröber", [{**grober, "score": 48.3}, {**distractor, "score": 12.0}]))


def seed_analysis():
    return analysis_with(
        [HAUSENBLAS_ENTRY, SLUTSKY_ENTRY, GROBER_ENTRY, WRONG_DOI_ENTRY, WAKEFIELD_ENTRY],
        malformed=["10.1016/"],
    )


def test_seed_article(fake, settings):
    seed_crossref(fake)
    progress: list[tuple[int, int]] = []
    [verdicts] = verify([seed_analysis()], settings, progress=lambda done, total: progress.append((done, total)))

    assert verdicts.ran
    assert verdicts.dois[HAUSENBLAS].status is DoiStatus.VERIFIED, verdicts.dois[HAUSENBLAS].detail
    assert verdicts.dois[HAUSENBLAS].record.journal == "Sleep Medicine: X"
    mismatch = verdicts.dois["10.1016/j.neurobiolaging.2010.03.024"]
    assert mismatch.status is DoiStatus.MISMATCH
    assert "Human umbilical cord blood" in mismatch.detail
    retracted = verdicts.dois[WAKEFIELD]
    assert retracted.status is DoiStatus.RETRACTED
    assert retracted.updates[0]["source"] == "retraction-watch"
    assert verdicts.dois["10.1016/"].status is DoiStatus.MALFORMED

    assert verdicts.references[1].status == "found"
    assert verdicts.references[1].suggested_doi == "10.1016/j.neuron.2009.12.026"
    assert verdicts.references[2].status == "found"
    assert verdicts.references[2].suggested_doi == "10.3390/nu7095388"
    assert set(verdicts.references) == {1, 2}

    assert progress[0] == (0, 5) and progress[-1] == (5, 5)


def test_seed_article_findings(fake, settings):
    seed_crossref(fake)
    analysis = seed_analysis()
    [verdicts] = verify([analysis], settings)
    problems = list(FAMILY.check(analysis, verdicts))
    codes = sorted(p.code for p in problems)
    assert codes == ["CL203", "CL204", "CL208", "CL208"]
    by_code = {p.code: p for p in problems}
    assert "Human umbilical cord blood" in by_code["CL203"].message
    messages = [p.message for p in problems if p.code == "CL208"]
    assert any("Crossref suggests 10.1016/j.neuron.2009.12.026 (Enhancement of Learning" in m and "2010" in m for m in messages)
    assert any("Crossref suggests 10.3390/nu7095388 (Magnesium in Prevention and Therapy, 2015)" in m for m in messages)
    assert by_code["CL204"].span == analysis.dois[2].span


def test_retraction_found_through_updates_filter(fake, settings):
    """A record without updated-by, but a retraction notice pointing at it (update-to)."""
    message = fixture_message("constructed-work-10.1016_s0140-6736(97)11096-0-retracted.json")
    del message["updated-by"]
    fake.add_work(message)
    fake.notices.append(fixture_message("constructed-notice-10.1016_s0140-6736(10)60175-4-retraction.json"))
    [verdicts] = verify([analysis_with([WAKEFIELD_ENTRY])], settings)
    assert verdicts.dois[WAKEFIELD].status is DoiStatus.RETRACTED
    assert verdicts.dois[WAKEFIELD].updates[0]["DOI"] == "10.1016/s0140-6736(10)60175-4"


def test_failing_server_makes_everything_unverified_promptly(fake, settings):
    seed_crossref(fake)
    fake.always = lambda request: Response("upstream down", status=503)
    analysis = seed_analysis()
    started = time.monotonic()
    [verdicts] = verify([analysis], settings)
    elapsed = time.monotonic() - started

    assert elapsed < 3
    statuses = {doi: v.status for doi, v in verdicts.dois.items()}
    assert statuses.pop("10.1016/") is DoiStatus.MALFORMED
    assert set(statuses.values()) == {DoiStatus.UNVERIFIED}
    assert {v.status for v in verdicts.references.values()} == {"unverified"}
    problems = list(FAMILY.check(analysis, verdicts))
    assert sorted({p.code for p in problems}) == ["CL207", "CL208"]
    assert all("could not be checked" in p.message for p in problems if p.code == "CL207")


def test_verify_disabled_makes_no_requests(fake, settings):
    seed_crossref(fake)
    results = verify([seed_analysis(), seed_analysis()], dataclasses.replace(settings, enabled=False))
    assert [r.ran for r in results] == [False, False]
    assert fake.seen == []
    assert list(FAMILY.check(seed_analysis(), results[0])) == []
