"""DOIs anywhere in an article (bare, doi:, DOI:, doi.org and dx.doi.org links), normalised."""

from __future__ import annotations

import bisect
import re
from urllib.parse import unquote

from claimlint.model import Block, DoiMention

# Loose on purpose: everything that is meant as a DOI is caught, then judged by VALID_DOI. The
# suffix may hold <…> (SICI DOIs: 10.1002/(SICI)…35:4<455::AID-JBM5>3.0.CO;2-F) and the slash may
# be percent-encoded in a link (doi.org/10.1002%2Fanie…).
_SUFFIX_CHAR = r"(?:<[^\s<>\"']+>|[^\s\"'<>\]\[{}|\\^`])"
_LAST_CHAR = r"(?:<[^\s<>\"']+>|[^\s\"'<>\]\[{}|\\^`.,;:])"
CANDIDATE = re.compile(
    r"(?:(?:https?://)?(?:dx\.)?doi\.org/|\bdoi\s*:\s*|\b(?=10\.))"
    rf"(10\.\d+[^\s/\"'<>%]*(?:/|%2[Ff]){_SUFFIX_CHAR}*{_LAST_CHAR})",
    re.I,
)
# Crossref's own pattern and the known exceptions it documents.
VALID_DOI = (
    re.compile(r"^10\.\d{4,9}/[-._;()/:A-Z0-9]+$", re.I),
    re.compile(r"^10\.1002/[^\s]+$", re.I),
    re.compile(r"^10\.\d{4}/\d+-\d+X?(\d+)\d+<[\d\w]+:[\d\w]*>\d+\.\d+\.\w+;\d$", re.I),
    re.compile(r"^10\.1021/\w\w\d+$", re.I),
    re.compile(r"^10\.1207/[\w\d]+&\d+_\d+$", re.I),
)


def normalise(raw: str) -> str:
    doi = unquote(raw).strip()
    doi = re.sub(r"^(?:https?://)?(?:dx\.)?doi\.org/", "", doi, flags=re.I)
    doi = re.sub(r"^doi\s*:\s*", "", doi, flags=re.I)
    while doi and doi[-1] in ".,;:'\"]}>":
        doi = doi[:-1]
    while doi.endswith(")") and doi.count(")") > doi.count("("):
        doi = doi[:-1]
    return doi.lower()


def _trim(raw: str) -> str:
    """The raw mention without the trailing punctuation normalise() drops (")." after a DOI)."""
    while raw and raw[-1] in ".,;:'\"]}>":
        raw = raw[:-1]
    while raw.endswith(")") and raw.count(")") > raw.count("("):
        raw = raw[:-1]
    return raw


def is_valid(doi: str) -> bool:
    return any(pattern.match(doi) for pattern in VALID_DOI)


def find_dois(blocks: list[Block]) -> list[DoiMention]:
    mentions: list[DoiMention] = []
    seen: set[tuple[int, str]] = set()
    starts: dict[str, list[int]] = {}  # where each DOI was written out, kept sorted
    for block in blocks:
        # every candidate holds "10." (a quick test that spares most blocks the slow pattern)
        for match in CANDIDATE.finditer(block.text) if "10." in block.text else ():
            raw = _trim(match.group(0))
            doi = normalise(match.group(1))
            span = block.span(match.start(), match.start() + len(raw))
            if (span.start, doi) not in seen:
                seen.add((span.start, doi))
                mentions.append(DoiMention(doi, raw, span, is_valid(doi)))
                bisect.insort(starts.setdefault(doi, []), span.start)
        for start, end, target in block.links:
            match = CANDIDATE.search(target)
            if match and "doi.org/" in target.lower():
                doi = normalise(match.group(1))
                span = block.span(start, max(end, start + 1))
                written = starts.get(doi, [])
                at = bisect.bisect_left(written, span.start)
                if not (at < len(written) and written[at] < span.end + 1):  # its text already names it
                    mentions.append(DoiMention(doi, target, span, is_valid(doi)))
    mentions.sort(key=lambda m: m.span.start)
    return mentions

