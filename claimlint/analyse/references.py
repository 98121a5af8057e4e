"""The reference list: where it is, its entries, and each entry's parts (Vancouver and APA-ish)."""

from __future__ import annotations

import re
import unicodedata

from claimlint.model import Block, BlockKind, Reference, Span

LEADING_LABEL = re.compile(r"^\s*(?:\[(\w{1,6})\]|\((\w{1,6})\)|(\d{1,3})[.)]|\^?(\d{1,3})\s)\s*")
DOI = re.compile(r"\b(?:doi\s*:\s*|https?://(?:dx\.)?doi\.org/)?(10\.\d{4,9}/[^\s\"'<>]+[^\s\"'<>.,;:)])", re.I)
PMID = re.compile(r"\bPMID\s*:?\s*(\d{5,9})\b", re.I)
URL = re.compile(r"https?://[^\s<>\"')\]]+")
YEAR = re.compile(r"\b(1[89]\d{2}|20\d{2})[a-z]?\b")
VANCOUVER_SOURCE = re.compile(
    r"(?P<year>(?:19|20)\d{2})[^;:]{0,20};\s*(?P<volume>\w+)\s*(?:\((?P<issue>[^)]+)\))?\s*:\s*(?P<pages>[\w\-–]+)"
)
APA_SOURCE = re.compile(r",\s*(?P<volume>\d+)\s*(?:\((?P<issue>[^)]+)\))?\s*,\s*(?P<pages>[\w\-–]+)")
NUMERIC_SOURCE = re.compile(r"\b(?P<volume>\d+)\s*,\s*(?P<pages>\d+[\-–]\d+)")
VANCOUVER_PREFIX = re.compile(
    r"^(?P<authors>[^.]{0,400}?(?:\b[A-ZÀ-Þ][\w'’\-]+\s+[A-Z]{1,4}|et\.?\s?al))\.\s+(?P<rest>.+)$", re.S
)
VANCOUVER_AUTHOR = re.compile(r"^([A-ZÀ-Þ][\w'’\-]+(?:\s[\w'’\-]+)*?)\s+([A-Z]{1,4})\.?$")
# Segments that say when a page was updated or read, not where it was published.
NOT_JOURNAL = re.compile(
    r"^(?:updated|last updated|accessed|retrieved|published|available|cited|reviewed|bijgewerkt|geraadpleegd|"
    r"gepubliceerd|beschikbaar|aktualisiert|abgerufen|zugegriffen|veröffentlicht|mis à jour|consulté|publié|"
    r"actualizado|consultado|publicado|accedido)\b", re.I
)
ORGANISATION_WORDS = ("institute", "institutes", "organization", "organisation", "office", "university",
                      "department", "ministry", "agency", "centers", "centre", "center", "society",
                      "foundation", "council", "association", "health")


def reference_section(blocks: list[Block], section_names: frozenset[str]) -> tuple[int, int] | None:
    """Block index range [start, end) of the entries under a references heading."""
    for index, block in enumerate(blocks):
        if not _is_section_heading(block) or _heading_key(block.text) not in section_names:
            continue
        end = index + 1
        while end < len(blocks) and not _is_section_heading(blocks[end]):
            end += 1
        return index + 1, end
    return None


def _is_section_heading(block: Block) -> bool:
    """A heading, or a paragraph that is only a short title ("**References**", "<p><b>Bronnen</b></p>")."""
    if block.kind is BlockKind.HEADING:
        return True
    return block.kind is BlockKind.PARAGRAPH and len(block.text) <= 40 and not re.search(r"[.!?]\s*$", block.text) \
        and len(block.text.split()) <= 4 and block.text[:1].isupper()


def _heading_key(text: str) -> str:
    text = re.sub(r"^[\d.\s#]+", "", text.strip().lower())
    return text.rstrip(":").strip()


def looks_like_entry(text: str) -> bool:
    """A block outside a references section that is still a bibliographic entry."""
    if not YEAR.search(text):
        return False
    signals = 0
    signals += bool(DOI.search(text))
    signals += bool(PMID.search(text))
    signals += bool(VANCOUVER_SOURCE.search(text) or APA_SOURCE.search(text))
    signals += bool(re.search(r"\bet\.? al\.?|\bet\.al\.,", text))
    signals += bool(LEADING_LABEL.match(text))
    signals += bool(re.match(r"^[A-ZÀ-Þ][\w'’\-]+,? [A-Z]{1,3}[.,]", text))
    return signals >= 2


def parse_entry(text: str, span: Span, label: str | None = None) -> Reference:
    reference = Reference(raw=text, span=span)
    body = text
    match = LEADING_LABEL.match(body)
    if match:
        reference.label = next(g for g in match.groups() if g).lower()
        body = body[match.end():]
    if label:
        reference.label = label.lower()
    doi = DOI.search(body)
    if doi:
        from claimlint.analyse.dois import normalise

        reference.doi = normalise(doi.group(1))
    pmid = PMID.search(body)
    reference.pmid = pmid.group(1) if pmid else None
    url = URL.search(body)
    reference.url = url.group(0) if url else None
    _parse_parts(reference, body)
    return reference


def _parse_parts(reference: Reference, body: str) -> None:
    body = URL.sub("", DOI.sub("", body))
    body = re.sub(r"\(\s*(?:doi|DOI)\s*:?\s*\)|\(\s*\)", "", body)
    apa = re.match(r"^(?P<authors>.+?)\s*\((?P<year>(?:19|20)\d{2})[a-z]?[^)]*\)\.?\s*(?P<rest>.*)$", body)
    if apa and len(apa.group("authors")) < 300:
        reference.year = int(apa.group("year"))
        reference.authors = _authors(apa.group("authors"))
        parts = _segments(apa.group("rest"))
        reference.title = parts[0] if parts else None
        if len(parts) > 1:
            reference.journal = re.split(r",\s*\d", parts[1])[0].strip() or None
        source = APA_SOURCE.search(apa.group("rest")) or NUMERIC_SOURCE.search(apa.group("rest"))
        if source:
            _fill_source(reference, source)
        return
    year = YEAR.search(body)
    reference.year = int(year.group(1)) if year else None
    vancouver = VANCOUVER_PREFIX.match(body)
    if vancouver and _is_author_list(vancouver.group("authors")):
        reference.authors = _authors(vancouver.group("authors"))
        parts = _segments(vancouver.group("rest"))
        reference.title = parts[0] if parts else None
        rest = parts[1:]
        parts = []
    else:
        parts = _segments(body)
        if not parts:
            return
    if not parts:
        pass
    elif len(parts) >= 2 and _is_author_list(parts[0]):
        reference.authors = _authors(parts[0])
        reference.title = parts[1]
        rest = parts[2:]
    else:
        reference.title = parts[0]
        rest = parts[1:]
        if _is_author_list(parts[0].split(",")[0]) and len(parts) > 2:
            reference.authors = _authors(parts[0])
            reference.title, rest = parts[1], parts[2:]
    for part in rest:
        if not reference.journal and not YEAR.match(part.strip()) and re.search(r"[A-Za-z]{3}", part) \
                and not NOT_JOURNAL.match(part.strip()):
            reference.journal = re.split(r"\s*(?:19|20)\d{2}|\s*,\s*\d", part)[0].strip(" ,.") or None
            break
    source = VANCOUVER_SOURCE.search(body) or NUMERIC_SOURCE.search(body)
    if source:
        _fill_source(reference, source)


def _fill_source(reference: Reference, match: re.Match) -> None:
    groups = match.groupdict()
    reference.volume = groups.get("volume")
    reference.issue = groups.get("issue")
    reference.pages = (groups.get("pages") or "").replace("–", "-") or None
    if groups.get("year") and not reference.year:
        reference.year = int(groups["year"])


def _segments(text: str) -> list[str]:
    """Split at '. ' boundaries that are not initials ("Gröber U." stays in the author part)."""
    pieces = re.split(r"(?<![\s.][A-Z])(?<!\bet al)(?<!\bet\.al)\.\s+|\?\s+|!\s+", text.strip())
    return [p.strip(" .") for p in pieces if p.strip(" .")]


def _is_author_list(text: str) -> bool:
    names = [n.strip() for n in re.split(r",|;|&|\band\b", text) if n.strip()]
    if not names:
        return False
    lowered = text.lower()
    if any(word in lowered.split() for word in ORGANISATION_WORDS):
        return True
    plausible = sum(bool(VANCOUVER_AUTHOR.match(n) or n.lower().startswith("et al")
                         or re.match(r"^[A-ZÀ-Þ][\w'’\-]+(?:\s+[A-Z]\.)+$", n)
                         or re.match(r"^[A-Z]\.\s*[A-ZÀ-Þ][\w'’\-]+$", n)
                         or re.match(r"^[A-ZÀ-Þ][\w'’\-]+$", n)) for n in names)
    return plausible >= max(1, len(names) * 0.6)


APA_NAME = re.compile(
    r"(?:^|[,;&]|\band\b)\s*(?:&\s*)?([A-ZÀ-Þa-zà-þ][\w'’\-]*(?:\s+[A-ZÀ-Þa-zà-þ][\w'’\-]*){0,3})"
    r",\s*(?:[A-ZÀ-Þ]\.?\s*-?\s*){1,4}(?=[,;&]|\band\b|$)"
)


def _authors(text: str) -> list[str]:
    text = re.sub(r"\bet\.?\s*al\.?,?", "", text).strip(" ,;.")
    if not text:
        return []
    if any(word in text.lower().split() for word in ORGANISATION_WORDS) and not VANCOUVER_AUTHOR.match(
            text.split(",")[0].strip()):
        return [text.split(",")[0].strip(" .")]  # "National Institutes of Health, Office of …"
    if re.search(r",\s*[A-ZÀ-Þ]\.", text):  # APA: "Yao, P., Bennett, D., & Mafham, M."
        names = [m.group(1).strip() for m in APA_NAME.finditer(text + " ")]
        if names:
            return names
    family: list[str] = []
    for name in re.split(r"[;,&]|\band\b", text):
        name = name.strip(" ,.")
        if not name:
            continue
        vancouver = VANCOUVER_AUTHOR.match(name)
        if vancouver:
            family.append(vancouver.group(1))
            continue
        words = [w for w in re.split(r"\s+", name) if w and not re.fullmatch(r"(?:[A-Z]\.?){1,3}", w)]
        if words:
            # "J. Smith" -> Smith; "Smith" -> Smith
            family.append(words[-1] if re.match(r"^(?:[A-Z]\.\s*)+", name) else " ".join(words))
    return family


def fold(text: str) -> str:
    """Lower case without diacritics: for comparing names and titles."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))
