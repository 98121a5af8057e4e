"""Building prose blocks character by character, each character remembering its source offset.

Shared by the Markdown, HTML and text loaders: they differ in what they skip, not in how a block
is assembled. Inline directives (claimlint-disable …) are found here too, the same for every format.
"""

from __future__ import annotations

import re

from claimlint.model import Block, BlockKind, Directive, Marker, Span

SUPERSCRIPT_MARKER = re.compile(r"^\s*\[?\s*(?:\d{1,3}|[ivxlc]{1,6})(?:\s*[,\-–—]\s*(?:\d{1,3}|[ivxlc]{1,6}))*\s*\]?\s*$", re.I)
# The codes part is bounded: unbounded, every unclosed "<!-- claimlint-disable" scanned to the
# end of the file for its "-->" (quadratic).
DIRECTIVE = re.compile(
    r"<!--\s*claimlint-(disable-next-line|disable|enable)\b([^>]{0,300}?)-->", re.I
)


class BlockBuilder:
    """Accumulates the clean text of one block; whitespace runs collapse to one space."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.offsets: list[int] = []
        self.links: list[tuple[int, int, str]] = []
        self.markers: list[Marker] = []
        self.end_offset = 0
        self.label: str | None = None  # the number of an ordered-list item

    def __len__(self) -> int:
        return len(self.chars)

    def add(self, text: str, start_offset: int, *, one_to_one: bool = True) -> None:
        """Append text whose characters sit at start_offset, start_offset+1, … in the source.

        With one_to_one False (a decoded entity, a joiner), every character maps to start_offset.
        """
        offsets = range(start_offset, start_offset + len(text)) if one_to_one else [start_offset] * len(text)
        self.add_mapped(text, offsets)

    def add_mapped(self, text: str, offsets) -> None:
        """Append text whose i-th character sits at offsets[i] in the source."""
        for ch, offset in zip(text, offsets):
            if ch.isspace():
                if not self.chars or self.chars[-1] == " ":
                    continue
                ch = " "
            self.chars.append(ch)
            self.offsets.append(offset)
            self.end_offset = offset + 1

    def add_marker(self, kind: str, raw: str, labels: tuple[str, ...], start: int, end: int) -> None:
        self.markers.append(Marker(kind, raw, labels, Span(start, end), clean_pos=len(self.chars)))
        self.end_offset = max(self.end_offset, end)

    def add_link(self, clean_start: int, target: str) -> None:
        self.links.append((clean_start, len(self.chars), target))

    def build(self, kind: BlockKind, level: int = 0) -> Block | None:
        # Trim the trailing space the collapsing may have left.
        while self.chars and self.chars[-1] == " ":
            self.chars.pop()
            self.offsets.pop()
        text = "".join(self.chars)
        if not text.strip():
            return None
        return Block(
            kind=kind,
            text=text,
            offsets=self.offsets + [self.offsets[-1] + 1],
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
