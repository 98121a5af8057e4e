"""Load stage: a file's bytes -> Document (prose blocks with an exact map back to the source)."""

from __future__ import annotations

from pathlib import PurePath

from claimlint.load.decode import LoadError, decode_bytes
from claimlint.model import Document

FORMAT_BY_SUFFIX = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdx": "markdown",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
    ".text": "text",
}

__all__ = ["FORMAT_BY_SUFFIX", "LoadError", "format_for", "load_bytes", "parse_text"]


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
    return document
