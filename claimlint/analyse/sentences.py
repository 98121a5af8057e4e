"""Blocks -> sentences (spaCy), each with its source span, markers and links attached."""

from __future__ import annotations

import re
from typing import Any

from claimlint.analyse.citations import CleanBlock, attached, clean_block
from claimlint.model import Block, BlockKind, Sentence, Span

OPENING_LOWER = re.compile(r"^[\"'“‘(\[]*[a-zà-ÿ]")


def split_sentences(blocks: list[Block], nlp: Any, abbreviations: list[str]) -> tuple[list[Sentence], list[Any]]:
    """All sentences of all blocks, in document order; also the spaCy Doc of each block."""
    cleaned = [clean_block(block) for block in blocks]
    docs = list(nlp.pipe(_breakable(c.text) for c in cleaned))
    abbreviations_lower = tuple(a.lower() for a in abbreviations)
    sentences: list[Sentence] = []
    for index, (block, clean, doc) in enumerate(zip(blocks, cleaned, docs)):
        bounds = _sentence_bounds(doc, block.kind, abbreviations_lower)
        for position, (start, end) in enumerate(bounds):
            next_start = bounds[position + 1][0] if position + 1 < len(bounds) else len(clean.text) + 1
            sentences.append(_sentence(block, index, clean, start, end, next_start))
    return sentences, docs


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


def _sentence_bounds(doc: Any, kind: BlockKind, abbreviations: tuple[str, ...]) -> list[tuple[int, int]]:
    text = doc.text
    if kind in (BlockKind.HEADING, BlockKind.TABLE_CELL):
        return [(0, len(text))] if text.strip() else []
    bounds: list[tuple[int, int]] = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            continue
        if bounds and _continues(text, bounds[-1], start, abbreviations):
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


def _continues(text: str, previous: tuple[int, int], start: int, abbreviations: tuple[str, ...]) -> bool:
    """Undo a split after an abbreviation ("et al.", "e.g.") or before a lower-case word."""
    before = text[previous[0] : previous[1]].lower()
    for abbreviation in abbreviations:
        # a whole word only: "antibiotica." does not end with the abbreviation "ca."
        if before.endswith(abbreviation):
            cut = len(before) - len(abbreviation)
            if cut == 0 or not before[cut - 1].isalnum():
                return True
    if re.search(r"(?:^|\s)[a-z]\.$", before):  # an initial: "J. Smith"
        return True
    return bool(OPENING_LOWER.match(text[start : start + 3])) and not before.endswith(("!", "?"))


def _sentence(block: Block, index: int, clean: CleanBlock, start: int, end: int, next_start: int) -> Sentence:
    offsets = clean.offsets
    span = Span(offsets[start], offsets[end - 1] + 1)
    markers = [m for m in clean.markers if attached(m.clean_pos, start, end, next_start)]
    links = [target for link_start, link_end, target in block.links
             if span.start <= _source_of(block, link_start) < span.end or
             (link_end > link_start and span.start < _source_of(block, link_end - 1) + 1 <= span.end)]
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
