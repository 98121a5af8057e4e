"""How the verify stage talks to the network; built by config.py from flags, config and environment."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class VerifySettings:
    crossref_url: str = "https://api.crossref.org"
    resolver_url: str = "https://doi.org"
    pubmed_url: str = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"  # NCBI E-utilities
    ncbi_api_key: str | None = None  # NCBI's rate limit is 10 requests/s with a key, 3 without
    mailto: str | None = None
    cache_dir: str | None = None  # None: platformdirs user cache dir
    offline: bool = False  # read only the cache; whatever is not cached is "unverified"
    enabled: bool = True  # False (--no-verify): statuses stay "unchecked"
    timeout: float = 5.0  # per request, seconds: its whole exchange, slow bodies included
    network_budget: float = 60.0  # the whole run's network time, seconds; then "unverified"
    max_retries: int = 3
    retry_backoff: float = 0.5  # first retry waits about this long (jittered, doubling)
    search_references: bool = True  # look up references without a DOI (CL208)
