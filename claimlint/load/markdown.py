"""Markdown (CommonMark + tables + footnotes + YAML front matter) -> Document.

markdown-it-py gives the block structure and the source lines of every block; the inline markup
of each block is then stripped here by hand, because markdown-it's inline tokens carry no
columns and every finding must point at an exact column of the original file.
"""

from __future__ import annotations

import bisect
import functools
import html
import re
from array import array

import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from claimlint.load.prose import BlockBuilder, find_directives, sup_labels
from claimlint.model import Block, BlockKind, Document, LineIndex, Span

ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});")
AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]+)>")
CITATION_LABEL = re.compile(r"\s*(?:\d{1,3}|[ivxlc]{1,6})(?:\s*[,\-–]\s*(?:\d{1,3}|[ivxlc]{1,6}))*\s*", re.I)
HTML_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?/?>")
FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")
SUP_OPEN = re.compile(r"<sup(?:\s[^<>]*)?>", re.I)
PLAIN_RUN_END = re.compile(r"[\\`!\[<*~_&]")  # the characters strip_inline looks at
LINK_DEST = re.compile(r"\(\s*(<[^>]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")

# markdown-it stops at 20 levels by default and silently drops what is deeper: 10 nested lists
# already reach that. Deeper than MAX_NESTING is refused as "too deep to lint", never skipped.
MAX_NESTING = 120
_PARSER = (MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table")
           .use(front_matter_plugin).use(footnote_plugin))


def load_markdown(path: str, source: str) -> Document:
    from claimlint.load.decode import LoadError

    try:
        tokens = _PARSER.parse(source)
    except RecursionError:
        raise LoadError("Markdown is nested too deeply to parse") from None
    if any(token.level >= MAX_NESTING - 1 for token in tokens):
        raise LoadError(f"Markdown is nested more than {MAX_NESTING} levels deep: too deep to lint")
    index = LineIndex(source)
    lines = _source_lines(source, index)
    blocks: list[Block] = []
    front_matter: dict = {}
    notes: list[str] = []
    code_spans: list[Span] = []
    containers: list[str] = []
    footnote_label: str | None = None
    item_label: str | None = None
    for position, token in enumerate(tokens):
        kind = token.type
        if kind == "front_matter":
            front_matter, note = _parse_front_matter(token.content)
            if note:
                notes.append(note)
        elif kind in ("fence", "code_block") and token.map:
            code_spans.append(_line_span(index, source, token.map))
        elif kind.endswith("_open") and kind not in ("paragraph_open", "heading_open"):
            containers.append(kind[: -len("_open")])
            if kind == "footnote_open":
                footnote_label = str(token.meta.get("label", ""))
            elif kind == "list_item_open":
                item_label = token.info or None  # the number of an ordered-list item
        elif kind.endswith("_close") and kind not in ("paragraph_close", "heading_close"):
            if containers:
                containers.pop()
        elif kind == "inline" and token.map:
            previous = tokens[position - 1]
            block_kind, level = _kind_for(previous, containers)
            if block_kind is None:
                continue
            builder = BlockBuilder()
            raw, offsets = _raw_inline(token.content, token.map, lines, cell=block_kind is BlockKind.TABLE_CELL)
            strip_inline(raw, offsets, builder)
            block = builder.build(block_kind, level)
            if block is not None:
                if block_kind is BlockKind.FOOTNOTE:
                    block.label = footnote_label
                elif block_kind is BlockKind.LIST_ITEM:
                    block.label = item_label
                blocks.append(block)
        elif kind == "html_block" and token.map:
            blocks.extend(_html_block(source, index, token.map))
    declared = front_matter.get("lang") or front_matter.get("language")
    if not isinstance(declared, str):  # a scalar is expected; a list or mapping is not a language
        declared = None
    return Document(
        path=path,
        source=source,
        format="markdown",
        blocks=blocks,
        front_matter=front_matter,
        declared_language=str(declared).strip().lower() if declared else None,
        directives=find_directives(source, skip=code_spans),
        notes=notes,
    )


def _kind_for(opener, containers: list[str]) -> tuple[BlockKind | None, int]:
    if opener.type == "heading_open":
        return BlockKind.HEADING, int(opener.tag[1:])
    if "footnote" in containers:
        return BlockKind.FOOTNOTE, 0
    if opener.type in ("th_open", "td_open"):
        return BlockKind.TABLE_CELL, 0
    depth = sum(1 for c in containers if c in ("bullet_list", "ordered_list"))
    if depth:
        return BlockKind.LIST_ITEM, depth
    if "blockquote" in containers:
        return BlockKind.QUOTE, 0
    return BlockKind.PARAGRAPH, 0


# libyaml's loader where PyYAML has it (a tenth of the pure-Python one's time), the same data
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_FRONT_MATTER_DEPTH = 20  # front matter is a few keys; deeper structures are not an article's metadata


def _parse_front_matter(content: str) -> tuple[dict, str | None]:
    try:
        # Aliases first, from the event stream (linear): nested aliases expand exponentially
        # (413 bytes took minutes and gigabytes), and an article's front matter never needs them.
        depth = 0
        for event in yaml.parse(content, Loader=SAFE_LOADER):
            if isinstance(event, yaml.AliasEvent):
                return {}, "front matter uses YAML aliases (*name), which claimlint does not expand; ignored"
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_FRONT_MATTER_DEPTH:
                    return {}, "front matter is nested too deeply; ignored"
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
        data = yaml.load(content, Loader=SAFE_LOADER)
    except yaml.YAMLError as error:
        if "nesting depth" in str(error):  # newer libyaml stops at 1,000 levels before any event reaches us
            return {}, "front matter is nested too deeply; ignored"
        mark = getattr(error, "problem_mark", None)
        where = f" (front matter line {mark.line + 1})" if mark else ""
        return {}, f"front matter is not valid YAML{where}; ignored"
    except RecursionError:
        return {}, "front matter is nested too deeply; ignored"
    if data is None:
        return {}, None
    if not isinstance(data, dict):
        return {}, "front matter is not a YAML mapping; ignored"
    return data, None


def _source_lines(source: str, index: LineIndex) -> list[tuple[int, str]]:
    """(start offset, text without line ending) for every source line."""
    result = []
    for number in range(1, index.line_count + 1):
        start = index.line_start(number)
        end = index.line_start(number + 1) if number < index.line_count else len(source)
        result.append((start, source[start:end].rstrip("\r\n")))
    return result


def _line_span(index: LineIndex, source: str, line_map: list[int]) -> Span:
    start = index.line_start(line_map[0] + 1)
    last = line_map[1]
    end = index.line_start(last + 1) if last < index.line_count else len(source)
    return Span(start, end)


def _raw_inline(content: str, line_map: list[int], lines, *, cell: bool) -> tuple[str, array]:
    """Locate each line of an inline token's content in its source line: chars + offsets."""
    chars: list[str] = []
    offsets = array("i")
    first, last = line_map
    for i, piece in enumerate(content.split("\n")):
        line_number = min(first + i, last - 1, len(lines) - 1)
        start, text = lines[line_number]
        stripped = piece.strip()
        column = text.find(stripped) if stripped else -1
        if cell:
            column = _find_cell(text, stripped)
        if column < 0:
            column = 0  # markdown-it rewrote the line (tabs); degrade to the line start
            stripped = piece
        if i:
            chars.append("\n")
            offsets.append(offsets[-1] + 1 if offsets else start)
        chars.append(stripped)
        offsets.extend(range(start + column, start + column + len(stripped)))
    return "".join(chars), offsets


def _find_cell(row: str, cell: str) -> int:
    # Table cells share a row: find the cell between pipes, not an earlier equal substring.
    position = 0
    for part in row.split("|"):
        if part.strip() == cell:
            return position + part.find(cell)
        position += len(part) + 1
    return row.find(cell)


def strip_inline(raw: str, offsets: list[int], out: BlockBuilder) -> None:
    """Remove inline Markdown/HTML markup, keeping every remaining char's source offset."""
    i, n = 0, len(raw)
    while i < n:
        ch = raw[i]
        if ch == "\\" and i + 1 < n and not raw[i + 1].isalnum() and raw[i + 1] != "\n":
            out.add(raw[i + 1], offsets[i + 1])
            i += 2
        elif ch == "`":
            i = _code_span(raw, offsets, i, out)
        elif raw.startswith("![", i):
            end = _link_end(raw, i + 1)
            i = end if end else i + 2
        elif ch == "[":
            i = _bracket(raw, offsets, i, out)
        elif ch == "<":
            i = _angle(raw, offsets, i, out)
        elif ch in "*~":
            i += 1
        elif ch == "_" and (i == 0 or not raw[i - 1].isalnum() or i + 1 >= n or not raw[i + 1].isalnum()):
            i += 1
        elif ch == "&" and (match := ENTITY.match(raw, i)):
            out.add(html.unescape(match.group()), offsets[i], one_to_one=False)
            i = match.end()
        else:  # plain text up to the next character that may start markup, in one piece
            plain = PLAIN_RUN_END.search(raw, i + 1)
            end = plain.start() if plain else n
            out.add_mapped(raw[i:end], offsets[i:end])
            i = end


def _code_span(raw: str, offsets: list[int], i: int, out: BlockBuilder) -> int:
    ticks = re.match(r"`+", raw[i:]).group()
    close = raw.find(ticks, i + len(ticks))
    if close < 0:
        out.add(ticks, offsets[i])
        return i + len(ticks)
    start = i + len(ticks)
    out.add_mapped(raw[start:close], offsets[start:close])
    return close + len(ticks)


def _matching_bracket(raw: str, i: int) -> int:
    return _bracket_pairs(raw).get(i, -1)


@functools.lru_cache(maxsize=16)
def _bracket_pairs(raw: str) -> dict[int, int]:
    """Every '[' with its matching ']', in one pass: scanning forward from each '[' would be
    quadratic ("[" * 20,000 took minutes)."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for j, ch in enumerate(raw):
        if ch == "[":
            stack.append(j)
        elif ch == "]" and stack:
            pairs[stack.pop()] = j
    return pairs


def _link_end(raw: str, i: int) -> int:
    """For '[text](dest)' starting at i: the index after ')' (0 if it is not an inline link)."""
    close = _matching_bracket(raw, i)
    if close < 0:
        return 0
    dest = LINK_DEST.match(raw, close + 1)
    if dest:
        return dest.end()
    ref = re.compile(r"\[[^\]]*\]").match(raw, close + 1)
    return ref.end() if ref else 0


def _bracket(raw: str, offsets: list[int], i: int, out: BlockBuilder) -> int:
    footnote = FOOTNOTE_REF.match(raw, i)
    if footnote:
        out.add_marker("footnote", footnote.group(), (footnote.group(1).lower(),), offsets[i], offsets[footnote.end() - 1] + 1)
        return footnote.end()
    close = _matching_bracket(raw, i)
    end = _link_end(raw, i)
    dest = LINK_DEST.match(raw, close + 1) if close >= 0 else None
    if close < 0 or not end or (not dest and CITATION_LABEL.fullmatch(raw, i + 1, close)):
        # "[1][2]" is two citation markers, not a reference-style link with text "1"
        out.add("[", offsets[i])
        return i + 1
    target = dest.group(1).strip("<>") if dest else ""
    clean_start = len(out)
    strip_inline(raw[i + 1 : close], offsets[i + 1 : close], out)
    if target:
        out.add_link(clean_start, target)
    return end


@functools.lru_cache(maxsize=32)
def _closers(raw: str, closer: str) -> list[int]:
    """Where every `closer` (any case) starts in raw, found in one pass. Searching forward from
    each opener instead is quadratic when openers are never closed ("<!-- x" repeated)."""
    return [match.start() for match in re.finditer(re.escape(closer), raw, re.I)]


def _next_closer(raw: str, closer: str, start: int) -> int:
    positions = _closers(raw, closer)
    k = bisect.bisect_left(positions, start)
    return positions[k] if k < len(positions) else -1


def _angle(raw: str, offsets: list[int], i: int, out: BlockBuilder) -> int:
    autolink = AUTOLINK.match(raw, i)
    if autolink:
        clean_start = len(out)
        out.add(autolink.group(1), offsets[i + 1])
        out.add_link(clean_start, autolink.group(1))
        return autolink.end()
    if raw.startswith("<!--", i):
        close = _next_closer(raw, "-->", i + 4)
        if close >= 0:
            return close + 3
    sup = SUP_OPEN.match(raw, i)
    if sup:
        close = _next_closer(raw, "</sup>", sup.end())
        labels = sup_labels(re.sub(r"<[^>]*>", "", raw[sup.end() : close])) if close >= 0 else None
        if labels:
            end = close + len("</sup>")
            out.add_marker("numeric", raw[i:end], labels, offsets[i], offsets[end - 1] + 1)
            return end
    tag = HTML_TAG.match(raw, i)
    if tag:
        href = re.search(r"href\s*=\s*[\"']([^\"']+)", tag.group())
        close = _next_closer(raw, "</a>", tag.end()) if href and tag.group(1).lower() == "a" else -1
        if close > 0:
            clean_start = len(out)
            strip_inline(raw[tag.end() : close], offsets[tag.end() : close], out)
            out.add_link(clean_start, href.group(1))
            return close + 4
        if tag.group(1).lower() == "br":
            out.add(" ", offsets[i])
        return tag.end()
    out.add("<", offsets[i])
    return i + 1


def _html_block(source: str, index: LineIndex, line_map: list[int]) -> list[Block]:
    from claimlint.load.html import html_blocks

    span = _line_span(index, source, line_map)
    fragment = source[span.start : span.end]
    if fragment.lstrip().startswith("<!--"):
        return []
    return html_blocks(fragment, base_offset=span.start)
