"""HTML -> Document: the main content's prose blocks, skipping navigation, scripts and code.

justhtml parses: a WHATWG HTML5 parser, linear on malformed input (the standard library's
html.parser took minutes on 160 KB of unclosed "<a x"), forgiving like a browser, and it keeps
the source offset of every node. Each text node's characters are mapped back to the source
here (entities, CR LF), so every finding still points at an exact column.
"""

from __future__ import annotations

import html
import re
from array import array

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
# The page around the article (site name, shop navigation, legal footer): not prose, but the page
# verdict reads it, because a shop's site says so there ("Cart", "Warenkorb", "/collections/").
CHROME_TAGS = {"head", "title", "nav", "header", "footer", "aside"}  # head: for its <title>
SITE_TAGS = {"footer", "aside"}  # where a site prints its disclaimer, outside the article
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
MAIN_TAGS = {"main", "article"}


ENTITY = re.compile(r"&(?:#[xX][0-9A-Fa-f]+;?|#[0-9]+;?|[A-Za-z][A-Za-z0-9]*;?)")
TAG_SCAN_LIMIT = 4096  # how far a text's mapping may skip markup dropped between two text pieces


def source_offsets(source: str, start: int, text: str) -> list[int]:
    """The source offset of every character of a parsed text node that starts at `start`:
    entities decoded, CR LF read as LF. A tree builder may join text across dropped markup
    ("a</x>b"), so markup is skipped; what cannot be matched at all maps to the last offset."""
    offsets: list[int] = []
    position, length, j = start, len(source), 0
    while j < len(text):
        if position >= length:
            break
        expected, found = text[j], source[position]
        if found == "<" and source[position + 1 : position + 2].isalpha() or source.startswith("</", position):
            # markup the tree builder dropped between two pieces of this text ("é</a>&lt;"),
            # unless the text really holds it (justhtml keeps some malformed markup as text)
            close = source.find(">", position, position + TAG_SCAN_LIMIT)
            if close > 0 and not text.startswith(source[position : close + 1], j):
                position = close + 1
                continue
        if found == "&" and (entity := ENTITY.match(source, position)):  # before the literal "&"
            decoded = html.unescape(entity.group())
            if decoded and decoded != entity.group() and text.startswith(decoded, j):
                offsets.extend([position] * len(decoded))
                position, j = entity.end(), j + len(decoded)
                continue
        if found == expected:
            offsets.append(position)
            position, j = position + 1, j + 1
            continue
        if found == "\r" and expected == "\n":
            offsets.append(position)
            position += 2 if source.startswith("\r\n", position) else 1
            j += 1
            continue
        if found == "<":
            close = source.find(">", position, position + TAG_SCAN_LIMIT)
            if close > 0:
                position = close + 1
                continue
        break
    last = offsets[-1] if offsets else start
    offsets.extend([last] * (len(text) - len(offsets)))
    return offsets


class _ProseWalker:
    """Turns justhtml's tree into prose blocks, in document order, with source offsets."""

    def __init__(self, source: str, base_offset: int) -> None:
        self.source = source
        self.base = base_offset
        self.blocks: list[tuple[Block, bool]] = []  # (block, inside <main>/<article>)
        self.builder = BlockBuilder()
        self.kind = BlockKind.PARAGRAPH
        self.level = 0
        self.main_depth = 0
        self.saw_main = False
        self.lang: str | None = None
        self.sup: tuple[int, list[tuple[str, list[int]]]] | None = None  # start offset, its texts
        self.pending_label: str | None = None
        self.open_links: dict[int, tuple[int, str]] = {}  # id(<a> node) -> clean start, href
        self.link_origins: set[int] = set()
        self.list_numbers: list[int | None] = []  # per open <ol>/<ul>: the last item number (None: <ul>)
        self.chrome: list[str] = []  # text and link targets of CHROME_TAGS
        self.site_nodes: list = []  # <footer> and <aside>: their paragraphs are read for the disclaimer

    def walk(self, root) -> None:
        stack: list[tuple[object, bool]] = [(root, False)]
        while stack:  # iterative: 20,000-deep nesting costs no recursion
            node, leaving = stack.pop()
            name = getattr(node, "name", "")
            if leaving:
                self.end(node, name)
                continue
            if name == "#text":
                self.text(node)
                continue
            if name.startswith("#") and name not in ("#document", "#document-fragment"):
                continue  # comments (directives are read from the source), doctype
            if not name.startswith("#") and not self.start(node, name):
                continue  # skipped with everything inside
            stack.append((node, True))
            for child in reversed(getattr(node, "children", None) or []):
                stack.append((child, False))

    def flush(self) -> None:
        block = self.builder.build(self.kind, self.level)
        if block is not None:
            if self.pending_label is not None:
                block.label, self.pending_label = self.pending_label, None
            if self.base:
                block.offsets = array("i", [value + self.base for value in block.offsets])
                for marker in block.markers:
                    marker.span = Span(marker.span.start + self.base, marker.span.end + self.base)
            self.blocks.append((block, self.main_depth > 0))
        self.builder = BlockBuilder()
        self.kind, self.level = BlockKind.PARAGRAPH, 0

    def start(self, node, tag: str) -> bool:
        attrs = {key: value or "" for key, value in (getattr(node, "attrs", None) or {}).items()}
        if tag == "html":
            self.lang = attrs.get("lang") or self.lang
        if tag in SKIP_TAGS or _hidden(attrs):
            if tag in CHROME_TAGS and not _hidden(attrs):
                self.chrome.append(_text_and_links(node))
                if tag in SITE_TAGS:
                    self.site_nodes.append(node)
            return False
        if tag in MAIN_TAGS or attrs.get("role") == "main":
            self.main_depth += 1
            self.saw_main = True
        if tag in BLOCK_TAGS:
            self.flush()
            self.kind = BLOCK_TAGS[tag]
            self.level = int(tag[1]) if tag[0] == "h" and tag[1:].isdigit() else 0
            if tag in ("ol", "ul"):
                start = attrs.get("start") or "1"
                self.list_numbers.append(int(start) - 1 if tag == "ol" and start.strip().isdigit() else None)
            elif tag == "li" and self.list_numbers and self.list_numbers[-1] is not None:
                value = attrs.get("value") or ""
                self.list_numbers[-1] = int(value) if value.strip().isdigit() else self.list_numbers[-1] + 1
                self.pending_label = str(self.list_numbers[-1])  # <ol> item n is reference n
        elif tag == "br":
            self.builder.add(" ", self._offset(node))
        elif tag == "sup" and self.sup is None:
            self.sup = (self._offset(node), [])
        elif tag == "a" and self._offset(node) not in self.link_origins:
            # only the element written in the source: HTML5 re-opens an unclosed <a> in every
            # following paragraph, which would make the rest of the article look cited
            self.link_origins.add(self._offset(node))
            self.open_links[id(node)] = (len(self.builder), attrs.get("href") or "")
        return True

    def end(self, node, tag: str) -> None:
        if tag == "sup" and self.sup is not None and self.sup[0] == self._offset(node):
            self._close_sup()
        elif tag == "a" and id(node) in self.open_links:
            start, href = self.open_links.pop(id(node))
            if href and not href.startswith("#"):
                self.builder.add_link(start, href)
        if tag in BLOCK_TAGS:
            self.flush()
        if tag in ("ol", "ul") and self.list_numbers:
            self.list_numbers.pop()
        if (tag in MAIN_TAGS or (getattr(node, "attrs", None) or {}).get("role") == "main") and self.main_depth:
            self.main_depth -= 1

    def text(self, node) -> None:
        data = node.data or ""
        if not data:
            return
        offsets = source_offsets(self.source, self._offset(node), data)
        if self.sup is not None:
            self.sup[1].append((data, offsets))
            return
        self.builder.add_mapped(data, offsets)

    def _offset(self, node) -> int:
        offset = getattr(node, "origin_offset", None)
        return offset if isinstance(offset, int) else (self.builder.end_offset if len(self.builder) else 0)

    def _close_sup(self) -> None:
        start, pieces = self.sup  # type: ignore[misc]
        self.sup = None
        content = "".join(text for text, _ in pieces)
        end = pieces[-1][1][-1] + 1 if pieces and pieces[-1][1] else start
        if self.source[end : end + 6].lower() == "</sup>":
            end += 6
        labels = sup_labels(content)
        if labels:
            self.builder.add_marker("numeric", self.source[start:end], labels, start, end)
        else:
            # Not a marker ("m<sup>2</sup>", "<sup>TM</sup>"): keep it as prose.
            for text, offsets in pieces:
                self.builder.add_mapped(text, offsets)


def _text_and_links(root) -> str:
    """The text and link targets inside a node, space-separated."""
    out, stack = [], [root]
    while stack:
        node = stack.pop()
        name = getattr(node, "name", "")
        if name == "#text":
            out.append(node.data or "")
        elif name == "a":
            out.append((getattr(node, "attrs", None) or {}).get("href") or "")
        if name not in ("script", "style", "noscript", "template"):
            stack.extend(reversed(getattr(node, "children", None) or []))
    return " ".join(out)


def _hidden(attrs: dict[str, str]) -> bool:
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    classes = (attrs.get("class") or "").lower()
    return any(word in classes.split() for word in ("sr-only", "visually-hidden", "screen-reader-text"))


def _parse(source: str, base_offset: int, fragment: bool = False) -> _ProseWalker:
    from justhtml import JustHTML

    # sanitize=False: nothing is rendered, and the sanitizer would drop what prose needs.
    tree = JustHTML(source, track_node_locations=True, sanitize=False, fragment=fragment)
    walker = _ProseWalker(source, base_offset)
    walker.walk(tree.root)
    walker.flush()
    return walker


def html_blocks(fragment: str, base_offset: int = 0) -> list[Block]:
    """Prose blocks of an HTML fragment (used for HTML blocks inside Markdown)."""
    return [block for block, _ in _parse(fragment, base_offset, fragment=True).blocks]


def _site_blocks(walker: _ProseWalker) -> list[Block]:
    """The paragraphs of the page's <footer> and <aside> elements, walked as prose is."""
    found, waiting = [], list(walker.site_nodes)
    while waiting:  # a footer's own asides and footers too ("<footer><aside class=widget-area>")
        node = waiting.pop()
        site = _ProseWalker(walker.source, walker.base)
        for child in getattr(node, "children", None) or []:
            site.walk(child)
        site.flush()
        found += [block for block, _ in site.blocks]
        waiting += site.site_nodes
    return found


def load_html(path: str, source: str) -> Document:
    walker = _parse(source, 0)
    blocks = [block for block, inside_main in walker.blocks if inside_main or not walker.saw_main]
    outside = [block for block, inside_main in walker.blocks if not inside_main and walker.saw_main]
    site = sorted([*outside, *_site_blocks(walker)], key=lambda block: block.offsets[0] if block.offsets else 0)
    return Document(
        path=path,
        source=source,
        format="html",
        blocks=blocks,
        declared_language=(walker.lang or "").split("-")[0].strip().lower() or None,
        directives=find_directives(source),
        chrome=" ".join([*walker.chrome, *(block.text for block in outside)]),
        site_blocks=site,
    )
