"""Verify stage: DOIs and references of analysed articles -> Verdicts, through Crossref (cached)."""

from claimlint.verify.cache import cache_clear, cache_info
from claimlint.verify.engine import verify
from claimlint.verify.settings import VerifySettings

__all__ = ["verify", "cache_info", "cache_clear", "VerifySettings"]
