"""Does a reference-list entry describe the work a record (from any source) describes?

Reference entries in health articles are noisy: abbreviated journals ("Sleep Med X" for
"Sleep Medicine: X"), "et al.", diacritics lost or added, online vs print year, titles
translated into the article's language. So the entry and the record are compared field by
field, each field agreeing, disagreeing or saying nothing, and the verdict weighs them:
a matching title carries a lot; without it, first author + year + journal/volume/pages do.
The raw entry text backs up fields the parser could not fill.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from claimlint.model import Reference, WorkRecord
from claimlint.verify import records

_EXTRA_FOLDS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "ı": "i"})
_WORD = re.compile(r"[a-z0-9]+")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_RETRACTION_PREFIX = re.compile(r"^\s*(retracted|withdrawn|retraction)\b[\s:.\-–]*", re.I)

# Function words of the languages health articles are written in; they carry no identity.
_STOPWORDS = frozenset(
    "a an the of and or in on for with to by at from as is are its into via "
    "de het een en van bij met voor op te aan die der das und im zur zum ein eine "
    "la le les et des du un une el los las y del".split()
)

TITLE_AGREES = 0.8
TITLE_DISAGREES = 0.5


def fold(text: str) -> str:
    """Lower case, diacritics removed: 'Gröber' and 'Grober' compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_EXTRA_FOLDS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def content_words(text: str) -> list[str]:
    return [w for w in words(text) if w not in _STOPWORDS and len(w) > 1]


def _same_word(a: str, b: str) -> bool:
    """Equal, or one word in two inflections/languages (therapie/therapy, preventie/prevention)."""
    if a == b:
        return True
    shortest = min(len(a), len(b))
    if shortest < 5:
        return False
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return common >= max(5, 0.75 * shortest)


def title_similarity(reference_title: str, record_title: str) -> float:
    """F1 of content words matched between the two titles (0..1)."""
    ours = content_words(reference_title)
    theirs = content_words(_RETRACTION_PREFIX.sub("", record_title))
    if not ours or not theirs:
        return 0.0
    matched_ours = sum(1 for w in ours if any(_same_word(w, t) for t in theirs))
    matched_theirs = sum(1 for t in theirs if any(_same_word(w, t) for w in ours))
    precision, recall = matched_ours / len(ours), matched_theirs / len(theirs)
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def title_found_in(raw: str, record_title: str) -> float:
    """Share of the record title's content words present in the raw entry text."""
    theirs = content_words(_RETRACTION_PREFIX.sub("", record_title))
    raw_words = set(content_words(raw))
    if not theirs or not raw_words:
        return 0.0
    return sum(1 for t in theirs if any(_same_word(t, w) for w in raw_words)) / len(theirs)


def journal_matches(cited: str, official: str) -> bool:
    """Same journal, allowing ISO-4 style abbreviation ('J Clin Pathol', 'Sleep Med X')."""
    # single letters stay: "J" (Journal) and the "X" of "Sleep Medicine: X" identify journals
    a = [w for w in words(cited) if w not in _STOPWORDS]
    b = [w for w in words(official) if w not in _STOPWORDS]
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) != len(long_):
        return False
    return all(l.startswith(s) or s.startswith(l) for s, l in zip(short, long_))


def _family(name: str) -> str:
    tokens = words(name)
    return " ".join(tokens)


def _author_matches(cited: str, recorded: str) -> bool:
    a, b = _family(cited), _family(recorded)
    if not a or not b:
        return False
    # compound names: "van der Berg" vs "Berg", "Garcia Lopez" vs "Garcia-Lopez"
    return a == b or a.replace(" ", "") == b.replace(" ", "") or a.split()[-1] == b.split()[-1]


def _first_page(pages: str | None) -> str | None:
    if not pages:
        return None
    first = re.split(r"[-–—_,\s]+", pages.strip())[0].lower().lstrip("pe").lstrip(".")
    return first or None


@dataclass
class Comparison:
    """Per field: in `agree`, in `disagree`, or in neither (nothing to compare)."""

    agree: set[str] = field(default_factory=set)
    disagree: set[str] = field(default_factory=set)
    title_score: float = 0.0

    @property
    def weight(self) -> float:
        weights = {"title": 3.0, "author": 2.0, "year": 1.0, "journal": 1.0, "volume": 0.5, "page": 1.0}
        return sum(weights[f] for f in self.agree) - sum(weights[f] for f in self.disagree)

    def _translated_title_carried(self) -> bool:
        """Authors + year + journal/volume/pages carry the match when the title does not."""
        if not {"author", "year"} <= self.agree or not self.disagree <= {"title"}:
            return False
        needed = 2 if "title" in self.disagree else 1
        return len(self.agree & {"journal", "volume", "page"}) >= needed

    def same_work(self) -> bool:
        """For a DOI the entry gives: only clear contradiction makes it a different work."""
        if "title" in self.agree:
            return len(self.agree - {"title"}) >= len(self.disagree)
        if self._translated_title_carried():
            return True
        return not self.disagree

    def validates_candidate(self) -> bool:
        """For a DOI Crossref's search suggests: positive evidence is required."""
        if "title" in self.agree:
            return bool(self.agree & {"author", "year"}) and len(self.agree - {"title"}) > len(self.disagree)
        return self._translated_title_carried()

    def explain(self) -> str:
        parts = []
        if self.disagree:
            parts.append("differs in " + ", ".join(sorted(self.disagree)))
        if self.agree:
            parts.append("agrees in " + ", ".join(sorted(self.agree)))
        return "; ".join(parts) or "nothing to compare"


def compare(reference: Reference, record: WorkRecord) -> Comparison:
    result = Comparison()
    raw = reference.raw or ""

    def mark(name: str, verdict: bool | None) -> None:
        if verdict is True:
            result.agree.add(name)
        elif verdict is False:
            result.disagree.add(name)

    titles = records.all_titles(record)
    if titles:
        parsed = max((title_similarity(reference.title, t) for t in titles), default=0.0) if reference.title else 0.0
        in_raw = max(title_found_in(raw, t) for t in titles) if raw else 0.0
        result.title_score = max(parsed, in_raw)
        if result.title_score >= TITLE_AGREES:
            mark("title", True)
        elif reference.title and result.title_score < TITLE_DISAGREES:
            mark("title", False)

    mark("author", _compare_authors(reference, record))
    mark("year", _compare_years(reference, record))
    mark("journal", _compare_journals(reference, record))
    volume = str(record.volume or "").strip().lower()
    if reference.volume and volume:
        mark("volume", reference.volume.strip().lower() == volume)
    mark("page", _compare_pages(reference, record))
    return result


def _compare_authors(reference: Reference, record: WorkRecord) -> bool | None:
    recorded = record.authors
    if not recorded:
        return None
    cited = [a for a in reference.authors if fold(a).strip(" .") not in {"et al", "et", "al", "others"}]
    if cited:
        if _author_matches(cited[0], recorded[0]):
            return True
        # a shuffled or partly wrong list: still the same work if another cited name is there
        hits = sum(1 for c in cited if any(_author_matches(c, r) for r in recorded))
        return True if hits >= max(1, min(2, len(cited))) else False
    raw_words = set(words(reference.raw or ""))
    first = words(recorded[0])
    return True if first and first[-1] in raw_words else None


def _compare_years(reference: Reference, record: WorkRecord) -> bool | None:
    recorded = records.all_years(record)
    if not recorded:
        return None
    cited = [reference.year] if reference.year else [int(y) for y in _YEAR.findall(reference.raw or "")]
    if not cited:
        return None
    return any(abs(c - r) <= 1 for c in cited for r in recorded)


def _compare_journals(reference: Reference, record: WorkRecord) -> bool | None:
    official = records.all_containers(record)
    if not official:
        return None
    if reference.journal:
        return any(journal_matches(reference.journal, j) for j in official)
    raw = " " + " ".join(words(reference.raw or "")) + " "
    return True if any(f" {' '.join(words(j))} " in raw for j in official if words(j)) else None


def _compare_pages(reference: Reference, record: WorkRecord) -> bool | None:
    cited = _first_page(reference.pages)
    recorded = {p for p in (_first_page(record.pages), _first_page(record.article_number)) if p}
    if not cited or not recorded:
        return None
    return cited in recorded
