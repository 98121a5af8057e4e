"""Lexicons: classes of health vocabulary (rules/lexicon/<lang>.yaml + common.yaml), matched on words.

A lexicon file maps a class (substance, condition, effect, ...) to terms, one per line:
``word`` or ``several words`` (whole words), ``stem*`` (a word starting with stem), ``*part*`` (a
part inside a word: German and Dutch compounds) and ``*tail`` (a word ending with tail). The
classes are fixed (CLASSES); a misspelt class is an error on load, not silence.

Users extend the vocabulary from their config (see ``Vocabulary``): extra terms for any class,
product names (a supplement subject whose own words are never read as cues) and names to ignore.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from claimlint.vocabulary import CLASSES, LexiconError, Vocabulary, check_term

LEXICON_DIR = Path(__file__).resolve().parent.parent / "rules" / "lexicon"

COMMON_CLASSES = ("substance", "food", "condition", "symptom", "body")

# Words: letters/digits with inner apostrophes, hyphens and dots (omega-3, st john's, b12, 1.5),
# or a lone % sign. French/Italian elisions (l', d', qu') are split off their word.
# combining accents belong to their word: text saved decomposed (NFD, as macOS file names and some
# editors do) writes "é" as "e" + U+0301, which \w alone would split ("gue" "rit" for "guérit")
WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_](?:[\w'’\-\u0300-\u036f]*[\w\u0300-\u036f])?|%")
COMBINING = re.compile(r"[\u0300-\u036f]")
LONGEST_WORD = 60  # German compounds run to about 40 letters
ELISION = re.compile(r"^(?:[a-z]|qu|jusqu|lorsqu|puisqu)['’](?=\w)")


def words_of(text: str) -> list[tuple[str, int, int]]:
    """(lowercase word, start, end) for every word of a text; elisions split off (l'arthrose)."""
    if "'" not in text and "’" not in text and not COMBINING.search(text.lower()):
        # most sentences: no word needs more than lower() (what is not in the lowered text is in no lowered word)
        return [(match.group().lower(), match.start(), match.end()) for match in WORD.finditer(text)]
    out = []
    for match in WORD.finditer(text):
        word = match.group().lower()
        if COMBINING.search(word):
            word = unicodedata.normalize("NFC", word)  # the lexicons are written composed
        start = match.start()
        if "'" in word or "’" in word:  # the rest only concerns words with an apostrophe
            word = word.replace("’", "'")
            if word.endswith("'s") and len(word) > 3:  # a possessive: zinc's, ZenMag's
                word = word[:-2]
            elided = ELISION.match(word)
            if elided:
                cut = elided.end()
                out.append((word[:cut], start, start + cut))
                word, start = word[cut:], start + cut
        out.append((word, start, match.end()))
    return out


@dataclass(frozen=True)
class Hit:
    cls: str
    start: int  # word index
    end: int  # word index, exclusive
    text: str  # the words as written


def _reading_order(hit: Hit) -> tuple[int, int, str]:
    return hit.start, -hit.end, hit.cls


class Lexicon:
    """Compiled terms of one language (its file, common.yaml and user additions)."""

    def __init__(self, terms: dict[str, list[str]], ignore: tuple[str, ...] = (), products: tuple[str, ...] = ()):
        self.words: dict[str, set[str]] = {}
        self.stems: dict[str, set[str]] = {}
        self.parts: dict[str, set[str]] = {}
        self.tails: dict[str, set[str]] = {}
        self.phrases: dict[str, list[tuple[tuple[str, ...], bool, str]]] = {}
        self.masks: dict[str, list[tuple[tuple[str, ...], str | None]]] = {}
        for cls, items in terms.items():
            for term in items:
                self._add(cls, term)
        for name in products:  # before the ignored names: a name in both lists is a product
            self._add_mask(name, "substance")
        for name in ignore:
            self._add_mask(name, None)
        self._part_lengths = sorted({len(p) for p in self.parts}, reverse=True)
        self._tail_lengths = sorted({len(t) for t in self.tails}, reverse=True)
        self.word_classes = functools.lru_cache(maxsize=65536)(self._word_classes)
        self.sorted_word_classes = functools.lru_cache(maxsize=65536)(self._sorted_word_classes)
        self.entry = functools.lru_cache(maxsize=65536)(self._entry)

    def _add(self, cls: str, term: str) -> None:
        term = check_term(term)
        stem = term.endswith("*") and not term.startswith("*")
        bare = term.strip("*")
        if bare.isalpha():  # most terms: one plain word (a fast path; loading is part of every run)
            words: tuple[str, ...] = (bare,)
        else:  # split as sentences are: d'olive, ng/ml, omega-3, ZenMag®
            words = tuple(w for w, _, _ in words_of(bare))
            if bare.endswith(("'", "’")) and words:  # "atteints d'": the elision a sentence splits off ("d'eczéma")
                words = words[:-1] + (words[-1] + "'",)
        if not words:
            raise LexiconError(f"{term!r}: no word in it")
        if len(words) > 1:
            self.phrases.setdefault(words[0], []).append((words, stem, cls))
            return
        word = words[0]
        if term.startswith("*") and term.endswith("*"):
            self.parts.setdefault(word, set()).add(cls)
        elif term.startswith("*"):
            self.tails.setdefault(word, set()).add(cls)
        elif stem:
            self.stems.setdefault(word, set()).add(cls)
        else:
            self.words.setdefault(word, set()).add(cls)

    def _add_mask(self, name: str, cls: str | None) -> None:
        words = tuple(w for w, _, _ in words_of(str(name)))
        if words:
            self.masks.setdefault(words[0], []).append((words, cls))

    def _word_classes(self, word: str) -> frozenset[str]:
        found: set[str] = set()
        if "-" in word.strip("-"):  # hyphenated compounds: arthrose-formel, anti-tumor
            for part in word.split("-"):
                if len(part) >= 3:
                    found |= self.word_classes(part)
        if len(word) > LONGEST_WORD:  # no term is this long; and checking every prefix would be quadratic
            return frozenset(found)
        found |= self.words.get(word, set())
        for k in range(len(word), 2, -1):
            classes = self.stems.get(word[:k])
            if classes:
                found |= classes
        for length in self._tail_lengths:
            if length < len(word):
                classes = self.tails.get(word[-length:])
                if classes:
                    found |= classes
        for length in self._part_lengths:
            for i in range(0, len(word) - length + 1):
                classes = self.parts.get(word[i : i + length])
                if classes:
                    found |= classes
        return frozenset(found)

    def hits(self, words: list[str], text_of=None) -> tuple[list[Hit], set[int]]:
        """Lexicon hits over a sentence's words, and the indices of masked words (user-ignored names)."""
        hits: list[Hit] = []
        masked: set[int] = set()
        n = len(words)
        show = text_of or (lambda a, b: " ".join(words[a:b]))
        i = 0
        while self.masks and i < n:  # user names first: their words are nothing else
            for mask, cls in sorted(self.masks.get(words[i], ()), key=lambda m: -len(m[0])):
                if tuple(words[i : i + len(mask)]) == mask:
                    masked.update(range(i, i + len(mask)))
                    if cls:
                        hits.append(Hit(cls, i, i + len(mask), show(i, i + len(mask))))
                    i += len(mask) - 1
                    break
            i += 1
        in_order = not hits
        # Most words start no phrase and have no class: one cached look-up each says so.
        for i, entry in [(i, entry) for i, entry in enumerate(map(self.entry, words)) if entry is not None]:
            if masked and i in masked:
                continue
            starting, classes = entry
            # only the phrases whose second word can be the next word's ("in" starts hundreds)
            candidates = ()
            if starting and i + 1 < n:
                by_second, stems = starting
                candidates = by_second.get(words[i + 1], ())
                if stems:
                    candidates = [*candidates, *stems]
            for phrase, stem, cls in candidates:
                end = i + len(phrase)
                if end > n or (masked and any(j in masked for j in range(i, end))):
                    continue
                if tuple(words[i : end - 1]) == phrase[:-1] and (
                        words[end - 1] == phrase[-1] or (stem and words[end - 1].startswith(phrase[-1]))):
                    hits.append(Hit(cls, i, end, show(i, end)))
                    in_order = False
            if classes:
                shown = show(i, i + 1)
                for cls in classes:
                    hits.append(Hit(cls, i, i + 1, shown))
        if not in_order:  # (one-word hits alone come word by word, each word's classes sorted: in order)
            hits.sort(key=_reading_order)  # in reading order, whatever matched first
        return hits, masked

    def _entry(self, word: str) -> tuple[tuple[dict, list] | None, tuple[str, ...]] | None:
        """The phrases a word starts (by their second word; two-word phrases ending in a stem
        apart) and its classes (sorted); None when it has neither."""
        phrases, classes = self.phrases.get(word), self.sorted_word_classes(word)
        if not phrases and not classes:
            return None
        starting = None
        if phrases:
            by_second: dict[str, list] = {}
            stems = []
            for phrase in phrases:
                if len(phrase[0]) == 2 and phrase[1]:
                    stems.append(phrase)
                else:
                    by_second.setdefault(phrase[0][1], []).append(phrase)
            starting = (by_second, stems)
        return starting, classes

    def _sorted_word_classes(self, word: str) -> tuple[str, ...]:
        return tuple(sorted(self.word_classes(word)))  # sorted: a set's order changes with the hash seed


def _read(path: Path, allowed: tuple[str, ...] | None = None) -> dict[str, list[str]]:
    with path.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    if not isinstance(data, dict):
        raise LexiconError(f"{path.name}: expected a mapping of class -> terms")
    terms: dict[str, list[str]] = {}
    for key, value in data.items():
        if key == "language":
            continue
        if key not in CLASSES or (allowed is not None and key not in allowed):
            known = ", ".join(allowed or CLASSES)
            raise LexiconError(f"{path.name}: unknown lexicon class {key!r} (known: {known})")
        if not isinstance(value, list) or not all(isinstance(t, (str, int, float)) for t in value):
            raise LexiconError(f"{path.name}: {key} must be a list of terms, one per line")
        terms[key] = [str(t) for t in value]
    return terms


@functools.lru_cache(maxsize=None)
def base_terms(language: str) -> dict[str, list[str]]:
    terms: dict[str, list[str]] = {}
    path = LEXICON_DIR / f"{language}.yaml"
    sources = [(LEXICON_DIR / "common.yaml", COMMON_CLASSES)]
    if path.is_file():
        sources.append((path, None))
    for source, allowed in sources:
        if source.is_file():
            for cls, items in _read(source, allowed).items():
                terms.setdefault(cls, []).extend(items)
    return terms


@functools.lru_cache(maxsize=32)
def lexicon(language: str, vocabulary: Vocabulary = Vocabulary()) -> Lexicon:
    terms = {cls: list(items) for cls, items in base_terms(language).items()}
    for cls, items in vocabulary.terms:
        terms.setdefault(cls, []).extend(items)
    return Lexicon(terms, ignore=vocabulary.ignore, products=vocabulary.products)
