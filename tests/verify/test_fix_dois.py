"""--fix --unsafe-fixes appends the DOI Crossref's search suggested (CL208) to its reference, through
the real CLI against the Crossref stand-in on loopback; without --unsafe-fixes it is only hinted."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from claimlint.cli import cli

from conftest import fixture_message
from test_done_when import seed_crossref

SEED = Path(__file__).resolve().parent.parent / "core" / "data" / "magnesiumtekort-nl.txt"
SLUTSKY = b"Neuron. 2010;65(2):165-177."
GROBER = b"Nutrients. 2015;7(9):8199-8226."


def run(settings, tmp_path, *flags):
    article = tmp_path / "magnesiumtekort.txt"
    if not article.exists():
        article.write_bytes(SEED.read_bytes())
    result = CliRunner().invoke(cli, [
        "check", "--crossref-url", settings.crossref_url, "--pubmed-url", settings.pubmed_url, "--mailto", settings.mailto,
        "--cache-dir", str(tmp_path / "cache"), *flags, str(article),
    ], env={"CLAIMLINT_DOI_RESOLVER_URL": settings.resolver_url})
    return result, article


def test_doi_suggestions_are_unsafe_fixes(fake, settings, tmp_path):
    seed_crossref(fake)
    for name in ("constructed-work-10.1016_j.neuron.2009.12.026.json", "constructed-work-10.3390_nu7095388.json"):
        fake.add_work(fixture_message(name))  # so that the appended DOIs verify on the re-check
    result, article = run(settings, tmp_path, "--fix")
    assert article.read_bytes() == SEED.read_bytes()  # safe fixes only: nothing to do here
    assert "hidden fixes can be enabled with --unsafe-fixes" in result.stderr, result.stderr

    result, article = run(settings, tmp_path, "--fix", "--unsafe-fixes")
    fixed = article.read_bytes()
    assert SLUTSKY + b" doi:10.1016/j.neuron.2009.12.026" in fixed
    assert GROBER + b" doi:10.3390/nu7095388" in fixed
    added = len(b" doi:10.1016/j.neuron.2009.12.026") + len(b" doi:10.3390/nu7095388")
    assert fixed.replace(b" doi:10.1016/j.neuron.2009.12.026", b"").replace(b" doi:10.3390/nu7095388", b"") \
        == SEED.read_bytes() and len(fixed) == len(SEED.read_bytes()) + added
    assert "Fixed 2 findings" in result.stderr
    assert "Crossref suggests" not in result.stdout  # the references now carry their DOIs
    assert "CL202" not in result.stdout and "CL203" not in result.stdout
