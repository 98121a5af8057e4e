"""DOIs anywhere in an article (bare, doi:, DOI:, doi.org and dx.doi.org links), normalised."""

from __future__ import annotations

import re
from urllib.parse import unquote

from claimlint.model import Block, DoiMention

# Loose on purpose: everything that is meant as a DOI is caught, then judged by VALID_DOI.
CANDIDATE = re.compile(
    r"(?:(?:https?://)?(?:dx\.)?doi\.org/|\bdoi\s*:\s*|\b(?=10\.))"
    r"(10\.\d+[^\s/\"'<>]*/[^\s\"'<>\]\[{}|\\^`]*[^\s\"'<>\]\[{}|\\^`.,;:])",
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


def is_valid(doi: str) -> bool:
    return any(pattern.match(doi) for pattern in VALID_DOI)


def find_dois(blocks: list[Block]) -> list[DoiMention]:
    mentions: list[DoiMention] = []
    seen: set[tuple[int, str]] = set()
    for block in blocks:
        for match in CANDIDATE.finditer(block.text):
            raw = match.group(0)
            doi = normalise(match.group(1))
            end = match.start(1) + len(doi) if len(doi) <= len(match.group(1)) else match.end()
            span = block.span(match.start(), max(end, match.start() + 1))
            if (span.start, doi) not in seen:
                seen.add((span.start, doi))
                mentions.append(DoiMention(doi, raw, span, is_valid(doi)))
        for start, end, target in block.links:
            match = CANDIDATE.search(target)
            if match and "doi.org/" in target.lower():
                doi = normalise(match.group(1))
                span = block.span(start, max(end, start + 1))
                if not any(m.doi == doi and span.start <= m.span.start < span.end + 1 for m in mentions):
                    mentions.append(DoiMention(doi, target, span, is_valid(doi)))
    return mentions

