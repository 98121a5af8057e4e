"""Verify stage: DOIs, PMIDs, PMCIDs and references of analysed articles -> Verdicts, through the
sources in claimlint.verify.sources (Crossref, PubMed), cached.

Its public names load lazily: importing claimlint.verify (for settings or record helpers) must not
pull in habanero, httpx and requests when a run needs no network.
"""

from __future__ import annotations

from typing import Any

from claimlint.verify.settings import VerifySettings

__all__ = ["verify", "cache_info", "cache_clear", "VerifySettings"]


def __getattr__(name: str) -> Any:
    if name == "verify":
        from claimlint.verify.engine import verify

        return verify
    if name in ("cache_info", "cache_clear"):
        from claimlint.verify import cache

        return getattr(cache, name)
    raise AttributeError(name)
