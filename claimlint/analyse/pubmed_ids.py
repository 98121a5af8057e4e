"""PubMed and PubMed Central identifiers anywhere in an article: "PMID: 12345678", "PMCID:
PMC1234567", pubmed.ncbi.nlm.nih.gov/12345678 (and the older ncbi.nlm.nih.gov/pubmed/...) links,
ncbi.nlm.nih.gov/pmc/articles/PMC1234567 and pmc.ncbi.nlm.nih.gov/articles/PMC1234567 links;
in the text and in link targets."""

from __future__ import annotations

import re

from claimlint.model import Block, PubmedIdMention

# PMIDs run to 8 digits today; 9 leaves room. A leading zero is no PMID.
_PMID = r"([1-9]\d{0,8})"
_PMCID = r"(PMC[1-9]\d{0,9})"
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("pmid", re.compile(r"(?:https?://)?(?:www\.)?pubmed\.ncbi\.nlm\.nih\.gov/" + _PMID + r"(?![\d])", re.I)),
    ("pmid", re.compile(r"(?:https?://)?(?:www\.)?ncbi\.nlm\.nih\.gov/pubmed/" + _PMID + r"(?![\d])", re.I)),
    ("pmcid", re.compile(r"(?:https?://)?(?:www\.)?ncbi\.nlm\.nih\.gov/pmc/articles/" + _PMCID + r"(?![\d])", re.I)),
    ("pmcid", re.compile(r"(?:https?://)?pmc\.ncbi\.nlm\.nih\.gov/articles/" + _PMCID + r"(?![\d])", re.I)),
    ("pmid", re.compile(r"\bPMID\s*:?\s*" + _PMID + r"\b")),
    ("pmcid", re.compile(r"\bPMCID\s*:?\s*" + _PMCID + r"\b", re.I)),
)


def _value(scheme: str, raw: str) -> str:
    return raw.upper() if scheme == "pmcid" else raw


def find_pubmed_ids(blocks: list[Block]) -> list[PubmedIdMention]:
    mentions: list[PubmedIdMention] = []
    taken: list[tuple[int, int]] = []  # source ranges already claimed (a link's URL also says "PMC…")
    for block in blocks:
        for scheme, pattern in PATTERNS:
            for match in pattern.finditer(block.text):
                span = block.span(match.start(), match.end())
                if any(a < span.end and span.start < b for a, b in taken):
                    continue
                taken.append((span.start, span.end))
                mentions.append(PubmedIdMention(scheme, _value(scheme, match.group(1)), match.group(0), span))
        for start, end, target in block.links:
            for scheme, pattern in PATTERNS[:4]:
                match = pattern.search(target)
                if not match:
                    continue
                span = block.span(start, max(end, start + 1))
                value = _value(scheme, match.group(1))
                if not any(m.value == value and span.start <= m.span.start < span.end + 1 for m in mentions):
                    mentions.append(PubmedIdMention(scheme, value, target, span))
                break
    mentions.sort(key=lambda m: m.span.start)
    return mentions
