"""Blocks -> sentences (spaCy), each with its source span, markers and links attached."""

from __future__ import annotations

import bisect
import re
from typing import Any

from claimlint.analyse.citations import CleanBlock, attached, clean_block
from claimlint.model import Block, BlockKind, Marker, Sentence, Span

OPENING_LOWER = re.compile(r"^[\"'“‘(\[]*[a-zà-ÿ]")
INITIAL = re.compile(r"(?:^|\s)[a-z]\.$")


def split_sentences(blocks: list[Block], nlp: Any, abbreviations: list[str]) -> tuple[list[Sentence], list[Any]]:
    """All sentences of all blocks, in document order; also the spaCy Doc of each block."""
    cleaned = [clean_block(block) for block in blocks]
    texts = [_breakable(c.text) for c in cleaned]
    docs = list(nlp.pipe(texts))
    abbreviations_lower = tuple(a.lower() for a in abbreviations)
    window = max(map(len, abbreviations_lower), default=0) + 3  # what _continues reads of a sentence's end
    sentences: list[Sentence] = []
    for index, (block, clean, text, doc) in enumerate(zip(blocks, cleaned, texts, docs)):
        bounds = _sentence_bounds(doc, text, block.kind, abbreviations_lower, window)
        nearby = _Nearby(clean, block)
        for position, (start, end) in enumerate(bounds):
            next_start = bounds[position + 1][0] if position + 1 < len(bounds) else len(clean.text) + 1
            sentences.append(_sentence(block, index, clean, start, end, next_start, nearby))
    return sentences, docs


class _Nearby:
    """A block's markers (by clean position) and links (by source offset) sorted, so each
    sentence looks only at those around it: testing all of them for every sentence was quadratic."""

    def __init__(self, clean: CleanBlock, block: Block) -> None:
        self.markers = sorted(clean.markers, key=lambda m: m.clean_pos)
        self.marker_positions = [m.clean_pos for m in self.markers]
        starts, ends = [], []
        for number, (link_start, link_end, target) in enumerate(block.links):
            starts.append((_source_of(block, link_start), number, target))
            if link_end > link_start:
                ends.append((_source_of(block, link_end - 1) + 1, number, target))
        self.starts, self.ends = sorted(starts), sorted(ends)

    def markers_between(self, low: int, high: int) -> list[Marker]:
        return self.markers[bisect.bisect_left(self.marker_positions, low):
                            bisect.bisect_right(self.marker_positions, high)]

    def link_targets(self, span: Span) -> list[str]:
        """Links that start inside the span, or end inside it, in the block's order."""
        if not self.starts:
            return []
        found = {}
        low = bisect.bisect_left(self.starts, (span.start,))
        high = bisect.bisect_left(self.starts, (span.end,))
        found.update((number, target) for _, number, target in self.starts[low:high])
        low = bisect.bisect_left(self.ends, (span.start + 1,))
        high = bisect.bisect_left(self.ends, (span.end + 1,))
        found.update((number, target) for _, number, target in self.ends[low:high])
        return [target for _, target in sorted(found.items())]


LONG_RUN = re.compile(r"\S{%d,}" % 200)


def _breakable(text: str) -> str:
    """spaCy's tokenizer is quadratic in the length of one token (20,000 '[' take minutes).
    No word is 200 characters long, so such runs get a space every 100 characters; the text
    keeps its length, so every offset still maps to the same source character."""
    if len(text) < 200 or not LONG_RUN.search(text):
        return text

    def spaced(match: re.Match) -> str:
        run = match.group()
        return "".join(" " if i % 100 == 99 else ch for i, ch in enumerate(run))

    return LONG_RUN.sub(spaced, text)


def _sentence_bounds(doc: Any, text: str, kind: BlockKind, abbreviations: tuple[str, ...],
                     window: int) -> list[tuple[int, int]]:
    """`text`: the doc's own (spaCy keeps it verbatim; Doc.text would rebuild it token by token)."""
    if kind in (BlockKind.HEADING, BlockKind.TABLE_CELL):
        return [(0, len(text))] if text.strip() else []
    bounds: list[tuple[int, int]] = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            continue
        if bounds and _continues(text, bounds[-1], start, abbreviations, window):
            bounds[-1] = (bounds[-1][0], end)
        else:
            bounds.append((start, end))
    return _move_openers(text, bounds)


OPENERS = "\"'“‘«(["


def _move_openers(text: str, bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """spaCy can leave the opening quote or bracket of a sentence at the end of the one before
    ('So does it work? "' + 'For people who …'): the opener belongs to the next sentence."""
    for i in range(len(bounds) - 1):
        start, end = bounds[i]
        cut = end
        while cut - 1 > start and text[cut - 1] in OPENERS and text[cut - 2].isspace():
            cut -= 1
        if cut == end:
            continue
        opener = cut
        while cut > start and text[cut - 1].isspace():
            cut -= 1
        bounds[i] = (start, cut)
        bounds[i + 1] = (opener, bounds[i + 1][1])
    return bounds


def _continues(text: str, previous: tuple[int, int], start: int, abbreviations: tuple[str, ...], window: int) -> bool:
    """Undo a split after an abbreviation ("et al.", "e.g.") or before a lower-case word.

    Only the end of the previous sentence is looked at: reading all of it at every merge made
    a long run of merges ("and more. and more. …") quadratic. `window`: the longest abbreviation + 3."""
    tail_start = max(previous[0], previous[1] - window)
    before = text[tail_start : previous[1]].lower()
    at_start = tail_start == previous[0]  # the tail is the whole previous sentence
    if before.endswith(abbreviations):  # (one look at all of them; most sentences end with none)
        for abbreviation in abbreviations:
            # a whole word only: "antibiotica." does not end with the abbreviation "ca."
            if before.endswith(abbreviation):
                cut = len(before) - len(abbreviation)
                if (cut == 0 and at_start) or (cut > 0 and not before[cut - 1].isalnum()):
                    return True
    initial = INITIAL.search(before)  # an initial: "J. Smith"
    if initial and (initial.start() > 0 or at_start or before[0].isspace()):
        return True
    return bool(OPENING_LOWER.match(text[start : start + 3])) and not before.endswith(("!", "?"))


def _sentence(block: Block, index: int, clean: CleanBlock, start: int, end: int, next_start: int,
              nearby: _Nearby) -> Sentence:
    offsets = clean.offsets
    span = Span(offsets[start], offsets[end - 1] + 1)
    markers = [m for m in nearby.markers_between(start, max(end, next_start))
               if attached(m.clean_pos, start, end, next_start)]
    links = nearby.link_targets(span)
    return Sentence(
        text=clean.text[start:end],
        span=span,
        block_index=index,
        clean_start=start,
        clean_end=end,
        markers=markers,
        links=links,
    )


def _source_of(block: Block, clean_position: int) -> int:
    return block.offsets[min(clean_position, len(block.offsets) - 1)]
