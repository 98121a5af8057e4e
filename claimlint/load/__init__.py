"""Load stage: a file's bytes -> Document (prose blocks with an exact map back to the source)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import PurePath

from claimlint.load.decode import LoadError, decode_bytes
from claimlint.model import Block, Document

FORMAT_BY_SUFFIX = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdx": "markdown",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
    ".text": "text",
}

__all__ = ["FORMAT_BY_SUFFIX", "LoadError", "format_for", "load_bytes", "parse_text", "split_long_block"]


def format_for(path: str) -> str:
    return FORMAT_BY_SUFFIX.get(PurePath(path).suffix.lower(), "text")


def parse_text(path: str, text: str, fmt: str) -> Document:
    if fmt == "markdown":
        from claimlint.load.markdown import load_markdown

        return load_markdown(path, text)
    if fmt == "html":
        from claimlint.load.html import load_html

        return load_html(path, text)
    from claimlint.load.text import load_text

    return load_text(path, text)


def load_bytes(path: str, data: bytes, fmt: str | None = None, max_bytes: int | None = None) -> Document:
    """Decode and parse one file; raises LoadError with a one-line reason for bad input."""
    text, notes = decode_bytes(data, max_bytes=max_bytes)
    document = parse_text(path, text, fmt or format_for(path))
    document.notes.extend(notes)
    document.blocks = [piece for block in document.blocks for piece in split_long_block(block)]
    return document


MAX_BLOCK_CHARS = 100_000  # spaCy refuses texts over 1,000,000 characters (E088); no paragraph is this long
SENTENCE_END = re.compile(r"[.!?]\s")


def split_long_block(block: Block, limit: int = MAX_BLOCK_CHARS) -> list[Block]:
    """A block longer than `limit` as several, cut after a sentence end where there is one near
    the limit, else at a space; every character keeps its source offset."""
    if len(block.text) <= limit:
        return [block]
    pieces: list[Block] = []
    start = 0
    text = block.text
    while start < len(text):
        end = min(len(text), start + limit)
        if end < len(text):
            window = text[start + limit // 2 : end]
            ends = [m.end() for m in SENTENCE_END.finditer(window)]
            cut = ends[-1] if ends else window.rfind(" ") + 1
            if cut > 0:
                end = start + limit // 2 + cut
        pieces.append(_piece(block, start, end, first=not pieces))
        start = end
    return pieces


def _piece(block: Block, start: int, end: int, first: bool) -> Block:
    links = [(max(a, start) - start, min(b, end) - start, target) for a, b, target in block.links
             if a < end and b > start]
    markers = []
    for marker in block.markers:
        if start <= marker.clean_pos < end or (marker.clean_pos == end == len(block.text)):
            markers.append(replace(marker, clean_pos=marker.clean_pos - start))
    offsets = block.offsets[start:end]
    offsets.append(block.offsets[end - 1] + 1 if end < len(block.text) else block.offsets[end])
    return replace(block, text=block.text[start:end], offsets=offsets, links=links, markers=markers,
                   label=block.label if first else None)
