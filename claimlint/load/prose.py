"""Building prose blocks, each character remembering its source offset.

Shared by the Markdown, HTML and text loaders: they differ in what they skip, not in how a block
is assembled. Inline directives (claimlint-disable …) are found here too, the same for every format.
"""

from __future__ import annotations

import re
from array import array

from claimlint.model import Block, BlockKind, Directive, Marker, Span

SUPERSCRIPT_MARKER = re.compile(r"^\s*\[?\s*(?:\d{1,3}|[ivxlc]{1,6})(?:\s*[,\-–—]\s*(?:\d{1,3}|[ivxlc]{1,6}))*\s*\]?\s*$", re.I)
# The codes part is bounded: unbounded, every unclosed "<!-- claimlint-disable" scanned to the
# end of the file for its "-->" (quadratic).
DIRECTIVE = re.compile(
    r"<!--\s*claimlint-(disable-next-line|disable|enable)\b([^>]{0,300}?)-->", re.I
)


# Whitespace that collapsing changes: a run of two or more, or one that is not a plain space
# (\s is str.isspace(), character for character).
CHANGED_WHITESPACE = re.compile(r"\s{2,}|[^\S ]")


class BlockBuilder:
    """Accumulates the clean text of one block; whitespace runs collapse to one space.

    Text is added in runs (between the whitespace that collapses), and the offsets are kept
    in an array of C ints: a Python int per character cost more memory and time than the text."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.length = 0
        self.last = ""  # the last character added
        self.offsets = array("i")
        self.links: list[tuple[int, int, str]] = []
        self.markers: list[Marker] = []
        self.end_offset = 0
        self.label: str | None = None  # the number of an ordered-list item

    def __len__(self) -> int:
        return self.length

    def add(self, text: str, start_offset: int, *, one_to_one: bool = True) -> None:
        """Append text whose characters sit at start_offset, start_offset+1, … in the source.

        With one_to_one False (a decoded entity, a joiner), every character maps to start_offset.
        """
        if one_to_one:
            self.add_mapped(text, range(start_offset, start_offset + len(text)))
        else:
            self.add_mapped(text, array("i", [start_offset]) * len(text))

    def add_mapped(self, text: str, offsets) -> None:
        """Append text whose i-th character sits at offsets[i] in the source."""
        if len(offsets) < len(text):  # zip() semantics: characters without an offset are dropped
            text = text[: len(offsets)]
        if len(text) == 1:  # the Markdown loader's usual call: one character
            if text.isspace():
                if not self.length or self.last == " ":
                    return
                text = " "
            self._append(text, offsets[0])
            return
        # Text between the whitespace runs that change (anything but one plain space) is
        # added as it is, in one piece: most of a block.
        position = 0
        for run in CHANGED_WHITESPACE.finditer(text):
            start = run.start()
            if start > position:
                self._extend(text, offsets, position, start)
            if self.length and self.last != " ":
                self._append(" ", offsets[start])
            position = run.end()
        if position < len(text):
            self._extend(text, offsets, position, len(text))

    def _extend(self, text: str, offsets, start: int, end: int) -> None:
        """Append text[start:end]: non-space characters and single spaces, a leading space
        dropped where it would follow another (or start the block)."""
        if text[start] == " " and (not self.length or self.last == " "):
            start += 1
            if start == end:
                return
        self.pieces.append(text[start:end])
        self.length += end - start
        self.last = text[end - 1]
        self.offsets.extend(offsets[start:end])
        self.end_offset = offsets[end - 1] + 1

    def _append(self, char: str, offset: int) -> None:
        self.pieces.append(char)
        self.length += 1
        self.last = char
        self.offsets.append(offset)
        self.end_offset = offset + 1

    def add_marker(self, kind: str, raw: str, labels: tuple[str, ...], start: int, end: int) -> None:
        self.markers.append(Marker(kind, raw, labels, Span(start, end), clean_pos=self.length))
        self.end_offset = max(self.end_offset, end)

    def add_link(self, clean_start: int, target: str) -> None:
        self.links.append((clean_start, self.length, target))

    def build(self, kind: BlockKind, level: int = 0) -> Block | None:
        text = "".join(self.pieces)
        # Trim the trailing space the collapsing may have left.
        trimmed = text.rstrip(" ")
        if not trimmed.strip():
            return None
        offsets = self.offsets[: len(trimmed)]
        offsets.append(offsets[-1] + 1)
        return Block(
            kind=kind,
            text=trimmed,
            offsets=offsets,
            level=level,
            label=self.label,
            links=self.links,
            markers=self.markers,
        )


def sup_labels(content: str) -> tuple[str, ...] | None:
    """The reference labels of a superscript's content, or None if it is not a citation marker."""
    if not SUPERSCRIPT_MARKER.match(content):
        return None
    return expand_labels(content.strip().strip("[]"))


def expand_labels(text: str) -> tuple[str, ...]:
    """'1,3-5' -> ('1', '3', '4', '5'); roman numerals are kept as written (lower case)."""
    labels: list[str] = []
    for part in re.split(r"\s*,\s*", text.strip()):
        bounds = re.split(r"\s*[\-–—]\s*", part)
        if len(bounds) == 2 and bounds[0].isdigit() and bounds[1].isdigit():
            low, high = int(bounds[0]), int(bounds[1])
            if 0 < high - low < 50:
                labels.extend(str(n) for n in range(low, high + 1))
                continue
        labels.extend(b.lower() for b in bounds if b)
    return tuple(labels)


def find_directives(source: str, skip: list[Span] | None = None) -> list[Directive]:
    from claimlint.model import LineIndex

    index = LineIndex(source)
    directives = []
    for match in DIRECTIVE.finditer(source):
        if skip and any(s.start <= match.start() < s.end for s in skip):
            continue
        codes = tuple(c.upper() for c in re.findall(r"[A-Za-z]+\d*", match.group(2)))
        line, _ = index.position(match.start())
        directives.append(
            Directive(match.group(1).lower(), codes, line, Span(match.start(), match.end()))
        )
    return directives
