"""One-sentence probes written during the round-3 fixes (synthetic, en/nl/de/fr/es): plain claim
wordings the packs should know and look-alike non-claims (shipping, brewing, flavour, bylines,
discounts) they must leave alone. Not blind — the probes were written while fixing — so they
only guard the generalising cues against regressions (see benchmarks/README.md, round 3)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from claimlint.config import Config
from claimlint.engine import Source, run
from claimlint.verify.settings import VerifySettings

CONFIG = replace(Config(), verify=VerifySettings(enabled=False))
PROBES = json.loads((Path(__file__).resolve().parent / "probes" / "probes.json").read_text(encoding="utf-8"))
CLAIM_RECALL_FLOOR = 0.9


def flagged(language: str, sentences: list[str]) -> set[str]:
    """Sentences (one paragraph each, in a page declaring its language) with a CL1xx finding."""
    text = f"---\nlang: {language}\n---\n\n# Probe\n\n" + "\n\n".join(sentences) + "\n"
    lines = text.split("\n")
    result = run([Source(f"probe-{language}.md", text.encode("utf-8"), CONFIG)])
    return {lines[f.line - 1] for f in result.files[0].findings if f.code.startswith("CL1")}


@pytest.mark.parametrize("language", sorted(PROBES))
def test_probe_claims_are_flagged(language):
    claims = PROBES[language]["claims"]
    missed = [s for s in claims if s not in flagged(language, claims)]
    assert 1 - len(missed) / len(claims) >= CLAIM_RECALL_FLOOR, missed


@pytest.mark.parametrize("language", sorted(PROBES))
def test_probe_non_claims_are_not_flagged(language):
    assert flagged(language, PROBES[language]["non_claims"]) == set()
