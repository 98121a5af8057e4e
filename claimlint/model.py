"""Plain data flowing through the pipeline: load -> analyse -> verify -> checks -> report.

This module is the ground of the package: it imports nothing of ours. Offsets are character
offsets into ``Document.source`` (the decoded file text, unchanged); line and column are
derived from them by ``LineIndex`` and are 1-based, columns counted in characters.
"""

from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 1, "warning": 2, "error": 3}[self.value]


class DoiStatus(str, Enum):
    """The status of a cited identifier (a DOI, PMID or PMCID); the name is historical."""

    UNCHECKED = "unchecked"  # verification did not run (the core pipeline without verify)
    VERIFIED = "verified"
    NOT_FOUND = "not_found"
    MISMATCH = "mismatch"
    RETRACTED = "retracted"
    OTHER_AGENCY = "other_agency"
    UNVERIFIED = "unverified"  # could not be checked (network, offline): never "invalid"
    MALFORMED = "malformed"


LINE_END = re.compile(r"\r\n?|\n")


class LineIndex:
    """Maps character offsets of a text to 1-based (line, column); CRLF, CR and LF all end a line."""

    def __init__(self, text: str) -> None:
        self._starts = [0, *(end.end() for end in LINE_END.finditer(text))]
        self._length = len(text)

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, self._length))
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def line_start(self, line: int) -> int:
        return self._starts[line - 1]


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range [start, end) of character offsets into Document.source."""

    start: int
    end: int


class BlockKind(str, Enum):
    PARAGRAPH = "paragraph"
    HEADING = "heading"
    LIST_ITEM = "list_item"
    TABLE_CELL = "table_cell"
    QUOTE = "quote"
    FOOTNOTE = "footnote"  # a footnote definition: a reference entry with its label


@dataclass
class Block:
    """A run of prose with markup removed, and for every character its offset in the source.

    ``offsets`` has one entry per character of ``text`` plus a final entry (the source offset
    just past the block), so a clean range [a, b) maps to Span(offsets[a], offsets[b-1] + 1).
    They are kept as an array of C ints (any sequence of ints is accepted): a list holds a
    Python int object per character, several times the text's own size.
    """

    kind: BlockKind
    text: str
    offsets: array
    level: int = 0  # heading level, or list depth
    label: str | None = None  # footnote label
    links: list[tuple[int, int, str]] = field(default_factory=list)  # clean start, end, target
    markers: list["Marker"] = field(default_factory=list)  # citation markers removed from text

    def __post_init__(self) -> None:
        if not isinstance(self.offsets, array):
            self.offsets = array("i", self.offsets)

    def span(self, start: int, end: int) -> Span:
        if end <= start:
            pos = self.offsets[min(start, len(self.offsets) - 1)]
            return Span(pos, pos)
        return Span(self.offsets[start], self.offsets[end - 1] + 1)


@dataclass(slots=True)
class Directive:
    """An inline suppression comment: claimlint-disable / -enable / -disable-next-line."""

    action: str  # "disable" | "enable" | "disable-next-line"
    codes: tuple[str, ...]  # empty = all codes
    line: int
    span: Span


@dataclass
class Document:
    path: str
    source: str
    format: str  # "markdown" | "html" | "text"
    blocks: list[Block]
    front_matter: dict[str, Any] = field(default_factory=dict)
    declared_language: str | None = None  # front matter lang, <html lang>
    directives: list[Directive] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # load-time remarks (encoding, BOM, size)
    chrome: str = ""  # HTML around the article (title, navigation, header, footer): read by the page verdict only
    # paragraphs around the article (HTML footer and aside, text outside <main>): read only for the
    # disclaimer, which many sites print in their footer
    site_blocks: list[Block] = field(default_factory=list)
    index: LineIndex = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.index = LineIndex(self.source)


@dataclass(slots=True)
class Marker:
    """A citation marker found in prose: [1], (2), ¹, <sup>3</sup>, [^n], (Author, 2020), a link."""

    kind: str  # "numeric" | "roman" | "footnote" | "author_year" | "link"
    raw: str
    labels: tuple[str, ...]  # the reference keys it points to ("1", "2", "iv", "smith2020")
    span: Span
    clean_pos: int = 0  # position in Block.text where it stood (markers are cut out of the text)


@dataclass(slots=True)
class Sentence:
    text: str
    span: Span
    block_index: int
    clean_start: int
    clean_end: int
    markers: list[Marker] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    in_references: bool = False
    is_disclaimer: bool = False


@dataclass(slots=True)
class Claim:
    sentence: Sentence
    kind: str  # "effect" | "research" | "statistic" | "mechanism"
    cues: list[str]  # the words that made it a claim (subject, reason), for the message
    score: float = 0.0  # the model's probability
    subject: str = ""  # the health subject named (a substance, condition, body term)
    reason: str = ""  # the effect, number or research appeal found with it


@dataclass(slots=True)
class DiseaseClaim:
    """A sentence claiming an effect on a disease (21 CFR 101.93(g)(2))."""

    sentence: Sentence
    disease: str  # the condition, symptoms or drug named
    verb: str  # the verb or phrase claiming the effect
    criterion: str  # which criterion of 101.93(g)(2) it meets


@dataclass(slots=True)
class Reference:
    """One entry of the article's reference list, parsed well enough to match against Crossref."""

    raw: str
    span: Span
    label: str | None = None  # "1", "iv", or None for unnumbered entries
    authors: list[str] = field(default_factory=list)  # family names, in order
    title: str | None = None
    journal: str | None = None
    year: int | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    pmid: str | None = None
    url: str | None = None


@dataclass(slots=True)
class DoiMention:
    doi: str  # normalised: lower case, no resolver prefix, no trailing punctuation
    raw: str
    span: Span
    valid: bool
    reference_index: int | None = None  # which Reference it sits in, if any


@dataclass(slots=True)
class PubmedIdMention:
    """A PubMed or PubMed Central identifier in the text: "PMID: 12345678", a pubmed.ncbi.nlm.nih.gov
    link, a PMC article link."""

    scheme: str  # "pmid" | "pmcid"
    value: str  # digits for a PMID, "PMC" + digits for a PMCID
    raw: str
    span: Span
    reference_index: int | None = None  # which Reference it sits in, if any

    @property
    def label(self) -> str:
        return self.scheme.upper()


@dataclass
class DisclaimerStatement:
    """One of the disclaimer's two sentences as found on the page (or both, run together)."""

    which: tuple[int, ...]  # (1,), (2,) or (1, 2)
    span: Span  # the statement itself: without a leading "Disclaimer:" label or */† marker
    intact: bool
    faithful: str  # the faithful wording closest to it, in its language (what --fix puts there)
    language: str
    differences: list[str] = field(default_factory=list)  # what differs, for CL302's message


@dataclass
class Disclaimer:
    required: bool
    present: bool
    altered: bool = False
    partial: bool = False
    span: Span | None = None
    reasons: list[str] = field(default_factory=list)  # why it is required (supplement cues)
    claims: list[Claim] = field(default_factory=list)  # the structure/function claims it rests on
    statements: list[DisclaimerStatement] = field(default_factory=list)
    missing: str = ""  # partial: the faithful wording of the absent sentence, in the found one's language
    wording: str = ""  # the faithful disclaimer in the page's language (what --fix adds)
    policy: str = "auto"  # "auto" | "required" | "off": set by the engine from config/front matter
    policy_origin: str = ""  # where a policy other than auto came from ("front matter", a config file)


@dataclass
class Analysis:
    document: Document
    language: str
    language_source: str  # "front_matter" | "html" | "detected" | "option" | "default"
    sentences: list[Sentence]
    claims: list[Claim]
    references: list[Reference]
    references_span: Span | None
    dois: list[DoiMention]
    disclaimer: Disclaimer
    markets_supplement: bool = False  # the page verdict: presents a supplement as benefiting the body
    supplement_probability: float = 0.0
    # the verdict at the strict threshold (held-out precision 0.95): CL303 calls a sentence a drug
    # claim, which must not happen on a news or hospital page the verdict merely suspects
    markets_supplement_surely: bool = False
    disease_claims: list[DiseaseClaim] = field(default_factory=list)
    pubmed_ids: list[PubmedIdMention] = field(default_factory=list)


@dataclass
class WorkRecord:
    """A scholarly work as a source (Crossref, PubMed, ...) describes it, normalised: what
    matching, verdicts, the cache, checks and reports read, whichever source it came from."""

    source: str = ""  # "crossref" | "pubmed": which source described it
    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    title: str | None = None
    titles: list[str] = field(default_factory=list)  # every title form (with subtitle, original, short)
    authors: list[str] = field(default_factory=list)  # family names (or an organisation's), in order
    container: str | None = None  # the journal (or book, server) it appeared in
    containers: list[str] = field(default_factory=list)  # every form of it (full, abbreviated)
    year: int | None = None
    years: list[int] = field(default_factory=list)  # every year it is dated by (online, print)
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    article_number: str | None = None
    type: str | None = None  # Crossref's type vocabulary ("journal-article", "posted-content", "retraction", ...)
    publication_types: list[str] = field(default_factory=list)  # PubMed's ("Retracted Publication", ...)
    mesh: list[str] = field(default_factory=list)  # MeSH headings, when the source gives them
    # Updates to this work: {"type": "retraction" | "correction" | ..., "DOI"/"PMID": the notice,
    # "label", "source"}; types use Crossref's update vocabulary whatever the source.
    relations: list[dict[str, Any]] = field(default_factory=list)
    # When this work is itself a notice (a retraction notice, a correction, an erratum): what it
    # updates, same shape ({"type", "DOI"/"PMID", ...}).
    notice_for: list[dict[str, Any]] = field(default_factory=list)
    score: float | None = None  # a search's relevance score

    @property
    def first_author(self) -> str | None:
        return self.authors[0] if self.authors else None

    @property
    def journal(self) -> str | None:
        return self.container

    @property
    def identifier(self) -> str:
        """The record's own identifier, for messages: its DOI, else its PMID or PMCID."""
        return self.doi or (f"PMID {self.pmid}" if self.pmid else f"{self.pmcid}" if self.pmcid else "")


@dataclass
class DoiVerdict:
    """The verdict on one cited identifier: a DOI, or (scheme "pmid"/"pmcid") a PubMed one."""

    doi: str  # the identifier: a DOI, a PMID's digits, "PMC" + digits
    status: DoiStatus
    record: WorkRecord | None = None
    detail: str = ""  # human explanation: what mismatched, why unverified, which agency
    updates: list[dict[str, Any]] = field(default_factory=list)  # corrections, EoC, retractions
    scheme: str = "doi"

    @property
    def identifier(self) -> str:
        return self.doi

    @property
    def label(self) -> str:
        """How messages name it: "DOI 10.1/x", "PMID 123", "PMCID PMC45"."""
        return f"{self.scheme.upper()} {self.doi}"


@dataclass
class ReferenceVerdict:
    """For a reference without a DOI: the DOI Crossref search suggested, if it validated."""

    reference_index: int
    suggested_doi: str | None
    record: WorkRecord | None = None
    status: str = "unchecked"  # "found" | "none" | "unverified" | "unchecked"
    detail: str = ""


@dataclass
class Verdicts:
    dois: dict[str, DoiVerdict] = field(default_factory=dict)  # by normalised DOI
    pubmed_ids: dict[str, DoiVerdict] = field(default_factory=dict)  # by PMID digits / "PMC" + digits
    references: dict[int, ReferenceVerdict] = field(default_factory=dict)
    ran: bool = False  # False: verification did not run; statuses stay "unchecked"


@dataclass(slots=True)
class Finding:
    code: str
    severity: Severity
    message: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    excerpt: str
    fingerprint: str = ""
    suppressed: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class FileResult:
    path: str
    analysis: Analysis | None
    verdicts: Verdicts
    findings: list[Finding]
    error: str | None = None  # the file could not be read: one-line reason


@dataclass
class RunResult:
    files: list[FileResult]
    version: str
