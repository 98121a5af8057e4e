"""Plain text -> Document. Paragraphs are runs of lines; a short line without closing
punctuation standing alone is a heading; "- ", "* ", "• " and "1) " lines are list items."""

from __future__ import annotations

import re

from claimlint.load.prose import DIRECTIVE, BlockBuilder, find_directives
from claimlint.model import Block, BlockKind, Document, LineIndex

LIST_ITEM = re.compile(r"^\s*(?:[-*•·–]|\d{1,3}[.)]|[a-z][.)])\s+(?=\S)")
CLOSING = re.compile(r"[.!?:;,*†\"”’)\]]\s*$")
HEADING_MAX = 90
WRAP_WIDTH = 100


def load_text(path: str, source: str) -> Document:
    index = LineIndex(source)
    blocks: list[Block] = []
    builder = BlockBuilder()
    kind = BlockKind.PARAGRAPH
    # Unwrapped text (a line per paragraph, as copied from a web page) is the common case; only
    # a file whose lines all stay short is taken as hard-wrapped, with paragraphs spanning lines.
    wrapped = all(len(line) <= WRAP_WIDTH for line in source.splitlines())
    for number in range(1, index.line_count + 1):
        start = index.line_start(number)
        end = index.line_start(number + 1) if number < index.line_count else len(source)
        line = source[start:end].rstrip("\r\n")
        if not line.strip() or DIRECTIVE.fullmatch(line.strip()):  # a suppression comment is no prose
            _flush(blocks, builder, kind)
            builder, kind = BlockBuilder(), BlockKind.PARAGRAPH
            continue
        item = LIST_ITEM.match(line)
        if _is_heading(line, item):
            _flush(blocks, builder, kind)
            heading = BlockBuilder()
            heading.add(line, start)
            _flush(blocks, heading, BlockKind.HEADING)
            builder, kind = BlockBuilder(), BlockKind.PARAGRAPH
            continue
        if item:
            _flush(blocks, builder, kind)
            builder, kind = BlockBuilder(), BlockKind.LIST_ITEM
            builder.add(line[item.end():], start + item.end())
            number = re.match(r"^\s*(\d{1,3})[.)]", line)
            builder.label = number.group(1) if number else None  # "2. Smith J…" is reference 2
            continue
        if len(builder) and not wrapped:
            _flush(blocks, builder, kind)
            builder, kind = BlockBuilder(), BlockKind.PARAGRAPH
        builder.add(line + " ", start)
    _flush(blocks, builder, kind)
    return Document(path=path, source=source, format="text", blocks=blocks,
                    directives=find_directives(source))


def _is_heading(line: str, item) -> bool:
    body = line[item.end():] if item else line
    body = body.strip()
    if not body or len(body) > HEADING_MAX or CLOSING.search(body):
        return False
    if item and not re.match(r"^\s*\d{1,3}\.\s", line):
        return False  # a bullet is an item; "3. Sleep problems" is a numbered heading
    return body[0].isupper() or body[0].isdigit()


def _flush(blocks: list[Block], builder: BlockBuilder, kind: BlockKind) -> None:
    block = builder.build(kind)
    if block is not None:
        blocks.append(block)
