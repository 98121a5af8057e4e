"""Citation markers written as text: [1], [1,2], [1-3], [i], (1), ¹²³, (Author, 2020),
(Author et al. 2020), Author et al. (2020). Markers are cut out of the prose before sentences are
split, so "…cells.[1][2]Next" splits cleanly and the marker stays with the sentence before it."""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass

from claimlint.load.prose import expand_labels
from claimlint.model import Block, Marker

_NUM = r"(?:\d{1,3}|[ivxlc]{1,6})"
_LIST = rf"{_NUM}(?:\s*[,;\-–—]\s*{_NUM})*"
BRACKET_NUMERIC = re.compile(rf"\[\s*({_LIST})\s*\]", re.I)
PAREN_NUMERIC = re.compile(r"\(\s*(\d{1,3}(?:\s*[,;\-–—]\s*\d{1,3})*)\s*\)")
SUPERSCRIPT = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰](?:[¹²³⁴⁵⁶⁷⁸⁹⁰⁻,‚ ]*[¹²³⁴⁵⁶⁷⁸⁹⁰])?")
# a surname, with lower-case particles: "de Ruyter", "van der Berg", "von Arnim"
_NAME = r"(?:(?:de|van|von|der|den|da|di|du|la|le|del|della|dos|ten|ter|zu)\s+){0,3}[A-ZÀ-ÖØ-Þ][\w'’\-]+"
# "et al." and its Dutch, German and Spanish/Portuguese forms: e.a., u. a., y col., et col.
_ET_AL = r"(?:et\s+al\.?|e\.\s?a\.|u\.\s?a\.|y\s+cols?\.|et\s+coll?\.)"
_AUTHORS = (rf"{_NAME}(?:(?:,\s*|\s+)(?:{_NAME}|[A-Z]\.)){{0,8}}?,?"  # "Ganio, Klau, Casa, & Maresh"
            rf"(?:\s+(?:{_ET_AL}|and|&|en|und|et|y|e)\s*(?:{_NAME})?)?")
AUTHOR_YEAR = re.compile(
    rf"\((?:see |zie |vgl\. |cf\. )?{_AUTHORS},?\s+(?:19|20)\d{{2}}[a-z]?"
    rf"(?:\s*[;,]\s*{_AUTHORS},?\s+(?:19|20)\d{{2}}[a-z]?)*(?:,\s*p+\.\s*\d+)?\)"
)
NARRATIVE = re.compile(rf"\b{_NAME}(?:\s+{_ET_AL}|\s+(?:and|&|en|und)\s+{_NAME})?\s+\(((?:19|20)\d{{2}}[a-z]?)\)")
SUPERSCRIPT_DIGITS = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰⁻‚", "1234567890-,")


@dataclass
class CleanBlock:
    """A block's prose without its textual citation markers, with a map back to the source."""

    text: str
    offsets: array  # per character, plus one past the end
    markers: list[Marker]


def clean_block(block: Block) -> CleanBlock:
    text, offsets = block.text, block.offsets
    found: list[tuple[int, int, str, str, tuple[str, ...]]] = []  # start, end, kind, raw, labels
    for pattern, kind in ((BRACKET_NUMERIC, "numeric"), (PAREN_NUMERIC, "numeric"),
                          (SUPERSCRIPT, "numeric"), (AUTHOR_YEAR, "author_year")):
        for match in pattern.finditer(text):
            if match.start() == 0 and kind == "numeric" and pattern is not SUPERSCRIPT:
                continue  # "(1) Smith J…" or "[2] …" at a block start is an entry's own label
            if pattern is PAREN_NUMERIC and _looks_like_quantity(text, match):
                continue
            labels = _labels(match, kind)
            found.append((match.start(), match.end(), kind, match.group(), labels))
    found = _without_overlaps(found)
    markers = [
        Marker(kind, raw, labels, block.span(start, end), clean_pos=0)
        for start, end, kind, raw, labels in found
    ]
    # Narrative citations ("Smith et al. (2020) found") stay in the text: they are words.
    if not found:  # most blocks: the text as it is
        new_offsets = offsets[: len(text)]
        clean_text = text
    else:
        clean_text, new_offsets = _cut(text, offsets, found, markers)
    for match in NARRATIVE.finditer(text) if "(" in text else ():  # its year is in brackets; the name
        # part, tried at every position, makes it the slowest pattern
        markers.append(Marker("author_year", match.group(), (match.group(1),),
                              block.span(match.start(), match.end()),
                              clean_pos=_clean_position(match.start() + 1, found)))
    for marker in block.markers:  # superscripts and footnote refs found by the loader
        markers.append(Marker(marker.kind, marker.raw, marker.labels, marker.span,
                              clean_pos=_clean_position(marker.clean_pos, found)))
    end = new_offsets[-1] + 1 if len(new_offsets) else offsets[-1]
    if not isinstance(new_offsets, array):
        new_offsets = array("i", new_offsets)
    new_offsets.append(end)
    return CleanBlock(clean_text, new_offsets, markers)


def _cut(text: str, offsets, found, markers: list[Marker]) -> tuple[str, array]:
    """The text without the markers found (sorted, without overlaps: _without_overlaps), and its
    offsets; each marker learns its clean position. The text between markers is copied whole."""
    pieces: list[str] = []  # never an empty one: pieces[-1][-1] is the last character so far
    new_offsets = array("i")
    position = 0
    for number, (start, end, *_) in enumerate(found):
        if start > position:
            pieces.append(text[position:start])
            new_offsets.extend(offsets[position:start])
        # Drop the marker and a space before it ("cells [1]." -> "cells.").
        if pieces and pieces[-1][-1] == " ":
            pieces[-1] = pieces[-1][:-1]
            new_offsets.pop()
            if not pieces[-1]:
                pieces.pop()
        markers[number].clean_pos = len(new_offsets)
        position = end
        glued = pieces and pieces[-1][-1] in ".!?:" and position < len(text) and text[position].isalnum()
        if glued and not (number + 1 < len(found) and found[number + 1][0] == position):
            pieces.append(" ")  # "…cells.[1][2]Next" -> "…cells. Next"
            new_offsets.append(offsets[position])
    if position < len(text):
        pieces.append(text[position:])
        new_offsets.extend(offsets[position:len(text)])
    return "".join(pieces), new_offsets


def _labels(match: re.Match, kind: str) -> tuple[str, ...]:
    if kind == "author_year":
        return tuple(re.findall(r"(?:19|20)\d{2}[a-z]?", match.group()))
    raw = match.group(1) if match.groups() else match.group()
    return expand_labels(raw.translate(SUPERSCRIPT_DIGITS).replace(";", ","))


def _looks_like_quantity(text: str, match: re.Match) -> bool:
    # "(2)" after "step", "option", or directly after a digit is not a citation.
    if match.start() and text[match.start() - 1].isdigit():
        return True  # "2015;7(9):8199": an issue number
    before = text[max(0, match.start() - 12) : match.start()].lower()
    return bool(re.search(r"(?:step|option|figure|fig\.|table|type|stap|optie|tabel)\s*$", before))


def _without_overlaps(found):
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept = []
    for item in found:
        if kept and item[0] < kept[-1][1]:
            continue
        kept.append(item)
    return kept


def _clean_position(position: int, removed) -> int:
    shift = sum(end - start for start, end, *_ in removed if end <= position)
    return max(0, position - shift)


def attached(marker_pos: int, sentence_start: int, sentence_end: int, next_start: int | None) -> bool:
    """Does a marker cut out at clean position marker_pos belong to the sentence [start, end)?

    A marker inside the sentence, or right after its closing punctuation and before the next
    sentence begins ("…cells.[1] Next"), belongs to it.
    """
    if sentence_start < marker_pos <= sentence_end:
        return True
    return next_start is not None and sentence_end <= marker_pos < next_start

