"""HTML -> Document: the main content's prose blocks, skipping navigation, scripts and code.

The standard library's HTMLParser is a real, forgiving, event-driven parser: malformed markup and
20,000-deep nesting cost it nothing (no tree, no recursion), and its getpos() gives the exact
source position of every piece of text, which a tree builder would lose.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from claimlint.load.prose import BlockBuilder, find_directives, sup_labels
from claimlint.model import Block, BlockKind, Document, Span

BLOCK_TAGS = {
    "p": BlockKind.PARAGRAPH, "div": BlockKind.PARAGRAPH, "section": BlockKind.PARAGRAPH,
    "article": BlockKind.PARAGRAPH, "main": BlockKind.PARAGRAPH, "body": BlockKind.PARAGRAPH,
    "li": BlockKind.LIST_ITEM, "dd": BlockKind.LIST_ITEM, "dt": BlockKind.LIST_ITEM,
    "td": BlockKind.TABLE_CELL, "th": BlockKind.TABLE_CELL, "tr": BlockKind.PARAGRAPH,
    "table": BlockKind.PARAGRAPH, "ul": BlockKind.PARAGRAPH, "ol": BlockKind.PARAGRAPH,
    "blockquote": BlockKind.QUOTE, "figcaption": BlockKind.PARAGRAPH, "caption": BlockKind.PARAGRAPH,
    "h1": BlockKind.HEADING, "h2": BlockKind.HEADING, "h3": BlockKind.HEADING,
    "h4": BlockKind.HEADING, "h5": BlockKind.HEADING, "h6": BlockKind.HEADING,
    "hr": BlockKind.PARAGRAPH, "address": BlockKind.PARAGRAPH, "details": BlockKind.PARAGRAPH,
    "summary": BlockKind.HEADING,
}
# Not article prose: skipped with everything inside them.
SKIP_TAGS = {
    "script", "style", "nav", "header", "footer", "aside", "noscript", "template", "code",
    "pre", "svg", "math", "form", "button", "select", "textarea", "iframe", "object", "head",
    "title", "canvas", "video", "audio", "kbd", "samp", "var",
}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
MAIN_TAGS = {"main", "article"}


class _ProseParser(HTMLParser):
    def __init__(self, source: str, base_offset: int) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.base = base_offset
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.blocks: list[tuple[Block, bool]] = []  # (block, inside <main>/<article>)
        self.builder = BlockBuilder()
        self.kind = BlockKind.PARAGRAPH
        self.level = 0
        self.skip_stack: list[str] = []
        self.main_depth = 0
        self.saw_main = False
        self.lang: str | None = None
        self.sup_start: int | None = None
        self.sup_text: list[str] = []
        self.link_stack: list[tuple[int, str]] = []
        self.pending_label: str | None = None
        self.list_numbers: list[int | None] = []  # per open <ol>/<ul>: the last item number (None: <ul>)

    def source_offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def flush(self) -> None:
        block = self.builder.build(self.kind, self.level)
        if block is not None:
            if self.pending_label is not None:
                block.label, self.pending_label = self.pending_label, None
            if self.base:
                block.offsets = [value + self.base for value in block.offsets]
                for marker in block.markers:
                    marker.span = Span(marker.span.start + self.base, marker.span.end + self.base)
            self.blocks.append((block, self.main_depth > 0))
        self.builder = BlockBuilder()
        self.kind, self.level = BlockKind.PARAGRAPH, 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "html":
            self.lang = dict(attrs).get("lang") or self.lang
        if self.skip_stack:
            if tag not in VOID_TAGS:
                self.skip_stack.append(tag)
            return
        if tag in SKIP_TAGS or _hidden(attrs):
            if tag not in VOID_TAGS:
                self.skip_stack.append(tag)
            return
        if tag in MAIN_TAGS or dict(attrs).get("role") == "main":
            self.main_depth += 1
            self.saw_main = True
        if tag in BLOCK_TAGS:
            self.flush()
            self.kind = BLOCK_TAGS[tag]
            self.level = int(tag[1]) if tag[0] == "h" and tag[1:].isdigit() else 0
            if tag in ("ol", "ul"):
                start = dict(attrs).get("start") or "1"
                self.list_numbers.append(int(start) - 1 if tag == "ol" and start.strip().isdigit() else None)
            elif tag == "li" and self.list_numbers and self.list_numbers[-1] is not None:
                value = dict(attrs).get("value") or ""
                self.list_numbers[-1] = int(value) if value.strip().isdigit() else self.list_numbers[-1] + 1
                self.pending_label = str(self.list_numbers[-1])  # <ol> item n is reference n
        elif tag == "br":
            self.builder.add(" ", self.source_offset())
        elif tag == "sup":
            self.sup_start, self.sup_text = self.source_offset(), []
        elif tag == "a":
            self.link_stack.append((len(self.builder), dict(attrs).get("href") or ""))

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS and self.skip_stack and self.skip_stack[-1] == tag:
            self.skip_stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if self.skip_stack:
            if tag in self.skip_stack:
                while self.skip_stack and self.skip_stack.pop() != tag:
                    pass
            return
        if tag == "sup" and self.sup_start is not None:
            self._close_sup()
        elif tag == "a" and self.link_stack:
            start, href = self.link_stack.pop()
            if href and not href.startswith("#"):
                self.builder.add_link(start, href)
        if tag in BLOCK_TAGS:
            self.flush()
        if tag in ("ol", "ul") and self.list_numbers:
            self.list_numbers.pop()
        if (tag in MAIN_TAGS) and self.main_depth:
            self.main_depth -= 1

    def _close_sup(self) -> None:
        content = "".join(self.sup_text)
        start = self.sup_start
        end = self.source_offset() + len("</sup>")
        self.sup_start = None
        labels = sup_labels(content)
        if labels:
            self.builder.add_marker("numeric", self.source[start:end], labels, start, end)
        else:
            # Not a marker ("m<sup>2</sup>", "<sup>TM</sup>"): keep it as prose.
            self.builder.add(content, start, one_to_one=False)

    def handle_data(self, data: str) -> None:
        if self.skip_stack:
            return
        if self.sup_start is not None:
            self.sup_text.append(data)
            return
        self.builder.add(data, self.source_offset())

    def handle_entityref(self, name: str) -> None:
        self._entity(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._entity(f"&#{name};")

    def _entity(self, raw: str) -> None:
        if self.skip_stack:
            return
        text = html.unescape(raw)
        if self.sup_start is not None:
            self.sup_text.append(text)
            return
        self.builder.add(text, self.source_offset(), one_to_one=False)

    def close(self) -> None:
        super().close()
        self.flush()


def _hidden(attrs) -> bool:
    values = dict(attrs)
    if "hidden" in values or values.get("aria-hidden") == "true":
        return True
    classes = (values.get("class") or "").lower()
    return any(word in classes.split() for word in ("sr-only", "visually-hidden", "screen-reader-text"))


def _parse(source: str, base_offset: int) -> _ProseParser:
    parser = _ProseParser(source, base_offset)
    parser.feed(source)
    parser.close()
    return parser


def html_blocks(fragment: str, base_offset: int = 0) -> list[Block]:
    """Prose blocks of an HTML fragment (used for HTML blocks inside Markdown)."""
    return [block for block, _ in _parse(fragment, base_offset).blocks]


def load_html(path: str, source: str) -> Document:
    parser = _parse(source, 0)
    blocks = [block for block, inside_main in parser.blocks if inside_main or not parser.saw_main]
    return Document(
        path=path,
        source=source,
        format="html",
        blocks=blocks,
        declared_language=(parser.lang or "").split("-")[0].strip().lower() or None,
        directives=find_directives(source),
    )

