"""DOI safety: which DOIs may be sent to Crossref at all, and how they are put into URLs.

A DOI comes from untrusted article text. It must never change the host, path or query of a
request, so it is validated here and always percent-encoded as ONE path segment (the "/"
between prefix and suffix included): a single segment that starts with "10." can never be
"." or "..", so no client or server path normalisation can move it out of its slot.
"""

from __future__ import annotations

import re
from urllib.parse import quote

# Prefix 10.NNNN (sub-prefixes allowed), a slash, a non-empty suffix of printable characters.
_LOOKUP_SAFE_DOI = re.compile(r"^10\.\d{4,9}(?:\.\d+)*/[^\s\x00-\x1f\x7f]+$")

# Characters with a meaning in Crossref's filter syntax ("doi:A,doi:B"): a DOI that
# contains one is looked up on its own route instead of inside a batched filter.
_FILTER_SYNTAX = (",", ":")

# Bytes of the percent-encoded DOI. Real DOIs are well under 200 characters; a longer one
# would make Crossref answer 414 (and read as "unverified") instead of being called out.
MAX_ENCODED_LENGTH = 600


def too_long(doi: str) -> bool:
    return len(doi) > MAX_ENCODED_LENGTH or len(quote(doi, safe="")) > MAX_ENCODED_LENGTH


def is_lookup_safe(doi: str) -> bool:
    """True when the DOI can be looked up: DOI syntax, no whitespace or control characters, not too long."""
    return not too_long(doi) and bool(_LOOKUP_SAFE_DOI.match(doi))


def can_batch(doi: str) -> bool:
    """True when the DOI can go into a batched `filter=doi:...` request unambiguously."""
    return is_lookup_safe(doi) and not any(ch in doi for ch in _FILTER_SYNTAX)


def path_segment(doi: str) -> str:
    """The DOI as one fully percent-encoded path segment ("/" becomes %2F, "?" %3F, "#" %23)."""
    if not is_lookup_safe(doi):
        raise ValueError(f"not a DOI that can be looked up safely: {doi!r}")
    return quote(doi, safe="")
