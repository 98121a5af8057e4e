"""PubMed and PubMed Central identifiers anywhere in an article: "PMID: 12345678", "PMCID:
PMC1234567", pubmed.ncbi.nlm.nih.gov/12345678 (and the older ncbi.nlm.nih.gov/pubmed/...) links,
ncbi.nlm.nih.gov/pmc/articles/PMC1234567 and pmc.ncbi.nlm.nih.gov/articles/PMC1234567 links;
in the text and in link targets."""

from __future__ import annotations

import bisect
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

# Every pattern holds one of these words (matched as the patterns are, ignoring case): one quick
# search spares most blocks the six slow ones (their optional "https://www." is tried everywhere).
MAY_HOLD = re.compile(r"ncbi|pmid|pmcid", re.I)


def _value(scheme: str, raw: str) -> str:
    return raw.upper() if scheme == "pmcid" else raw


def find_pubmed_ids(blocks: list[Block]) -> list[PubmedIdMention]:
    mentions: list[PubmedIdMention] = []
    for block in blocks:
        # Earlier patterns win where two overlap (a link's URL also says "PMC…"): one pass per
        # pattern, then the claimed ranges sorted once, in time linear in the block.
        found = [(match.start(), -(match.end()), rank, scheme, match)
                 for rank, (scheme, pattern) in enumerate(PATTERNS) for match in pattern.finditer(block.text)
                 ] if MAY_HOLD.search(block.text) else []
        taken_until = -1
        for start, negative_end, rank, scheme, match in sorted(found, key=lambda f: (f[0], f[2])):
            if start < taken_until:
                continue
            taken_until = -negative_end
            mentions.append(PubmedIdMention(scheme, _value(scheme, match.group(1)), match.group(0),
                                            block.span(match.start(), match.end())))
        linked: dict[str, list[int]] = {}  # value -> sorted starts of its mentions
        for mention in mentions:
            bisect.insort(linked.setdefault(mention.value, []), mention.span.start)
        for start, end, target in block.links:
            for scheme, pattern in PATTERNS[:4]:
                match = pattern.search(target)
                if not match:
                    continue
                span = block.span(start, max(end, start + 1))
                value = _value(scheme, match.group(1))
                # the link text may show the identifier itself: one mention, not two
                starts = linked.setdefault(value, [])
                at = bisect.bisect_left(starts, span.start)
                if not (at < len(starts) and starts[at] <= span.end):
                    mentions.append(PubmedIdMention(scheme, value, target, span))
                    bisect.insort(starts, span.start)
                break
    mentions.sort(key=lambda m: m.span.start)
    return mentions
