"""The seed article itself, through the real CLI (load, analyse, verify, checks, JSON report),
against the Crossref stand-in on loopback: issue 3's "done when" without hand-built references."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from claimlint.cli import cli

from test_done_when import seed_crossref

SEED = Path(__file__).resolve().parent.parent / "core" / "data" / "magnesiumtekort-nl.txt"


def test_seed_file_verified_and_references_suggested(fake, settings, tmp_path):
    seed_crossref(fake)
    article = tmp_path / "magnesiumtekort.txt"
    article.write_bytes(SEED.read_bytes())
    result = CliRunner().invoke(cli, [
        "check", "--format", "json", "--crossref-url", settings.crossref_url, "--pubmed-url", settings.pubmed_url,
        "--mailto", settings.mailto,
        "--cache-dir", str(tmp_path / "cache"), str(article),
    ], env={"CLAIMLINT_DOI_RESOLVER_URL": settings.resolver_url})
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)["files"][0]
    assert report["language"] == "nl"
    [doi] = report["dois"]
    assert doi["doi"] == "10.1016/j.sleepx.2024.100121" and doi["status"] == "verified", doi
    suggestions = {r["lookup"]["suggested_doi"] for r in report["references"] if r.get("lookup")}
    assert {"10.1016/j.neuron.2009.12.026", "10.3390/nu7095388"} <= suggestions
    cl208 = [f["message"] for f in report["findings"] if f["code"] == "CL208"]
    assert any("10.1016/j.neuron.2009.12.026" in m for m in cl208)
    assert any("10.3390/nu7095388" in m for m in cl208)
    assert not [f for f in report["findings"] if f["code"] in ("CL202", "CL203", "CL204", "CL207")]
