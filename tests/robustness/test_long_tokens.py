"""One enormous "word" (a run of punctuation, a pasted blob) must not stall the analysis:
spaCy's tokenizer is quadratic in a token's length, so claimlint breaks such runs first."""

from __future__ import annotations

import time

from claimlint import engine
from claimlint.config import build_config
from claimlint.engine import Source


def test_a_20000_character_token_is_analysed_quickly():
    text = "Magnesium helps relax muscles. " + "[" * 20_000 + " Studies show that zinc shortens colds.\n"
    config = build_config([("test", {"verify": False, "lang": "en", "max_file_size": 10_000_000})])
    started = time.monotonic()
    result = engine.run([Source("blob.md", text.encode(), config, format="text")])
    elapsed = time.monotonic() - started
    assert elapsed < 20, f"took {elapsed:.1f}s"  # unbroken, this run takes minutes
    codes = [f.code for f in result.files[0].findings]
    assert len([c for c in codes if c.startswith("CL1")]) == 2 and "CL102" in codes
    for finding in result.files[0].findings:
        assert text.splitlines()[finding.line - 1][finding.column - 1 :].startswith(finding.excerpt[:10])
