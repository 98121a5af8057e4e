"""Fixes for CL301 (add the disclaimer at the end of the article, in its language) and CL302 (put
back the faithful wording). The wordings are the rule packs' `disclaimer:` statements."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from claimlint.fix import Edit, EditGroup, newline_of
from claimlint.model import Analysis, Document, FileResult, Finding

CODES = ("CL301", "CL302")
MAIN_TAGS = {"main", "article"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^<>]*?(/?)>")
TEXT_LINE_MAX = 100  # the text loader reads a file whose lines all fit in this as hard-wrapped


def disclaimer_group(analysis: Analysis, findings: list[Finding]) -> EditGroup | None:
    mine = [f for f in findings if f.code in CODES]
    if not mine:
        return None
    document = analysis.document
    if any(f.code == "CL302" for f in mine):
        edits = _faithful_again(analysis)
    else:
        edits = [_added(document, analysis.language)]  # the page's language: the pack's wording
    return EditGroup(mine, [e for e in edits if e is not None] if all(edits) else [], _disclaimer_fixed)


def _disclaimer_fixed(result: FileResult) -> bool:
    disclaimer = result.analysis.disclaimer if result.analysis else None
    return bool(disclaimer and disclaimer.present and not (disclaimer.altered or disclaimer.partial)
                and not any(f.code in CODES for f in result.findings))


def wording(language: str) -> str:
    """The faithful disclaimer in a language: the pack's statement_1 and statement_2."""
    return " ".join(_statements(language))


def _statements(language: str) -> list[str]:
    from claimlint.analyse.rules import rule_pack

    spec = rule_pack(language).get("disclaimer") or rule_pack("en")["disclaimer"]
    return [str(spec["statement_1"]), str(spec["statement_2"])]


# --- CL302: the faithful wording in place of the altered one ------------------------------------

def _faithful_again(analysis: Analysis) -> list[Edit | None]:
    document, disclaimer = analysis.document, analysis.disclaimer
    edits: list[Edit | None] = []
    for statement in disclaimer.statements:
        start, end = statement.span.start, statement.span.end
        current = document.source[start:end]
        text = current if statement.intact else statement.faithful
        if disclaimer.partial and disclaimer.missing:
            text = f"{text} {disclaimer.missing}" if statement.which == (1,) else f"{disclaimer.missing} {text}"
        if text == current:
            continue
        if not _replaceable(current, document.format):
            edits.append(None)
            continue
        edits.append(Edit(start, end, _escaped(text, document.format)))
    return edits


def _replaceable(text: str, fmt: str) -> bool:
    """Whether markup inside the old wording can go with it without unbalancing the page's."""
    if fmt == "html":
        if "<!--" in text:
            return False
        stack: list[str] = []
        for match in TAG.finditer(text):
            closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
            if name in VOID_TAGS or self_closing:
                continue
            if not closing:
                stack.append(name)
            elif not stack or stack.pop() != name:
                return False
        return not stack
    if fmt == "markdown":
        pairs = (text.count("[") == text.count("]") and text.count("<") == text.count(">")
                 and text.count("(") == text.count(")"))
        return pairs and all(text.count(mark) % 2 == 0 for mark in "*_`~")
    return True


def _escaped(text: str, fmt: str) -> str:
    return html.escape(text, quote=False) if fmt == "html" else text


# --- CL301: the disclaimer added at the end of the article ---------------------------------------

def _added(document: Document, language: str) -> Edit | None:
    source, nl = document.source, newline_of(document.source)
    if document.format == "html":
        return _added_html(document, wording(language), nl)
    text = wording(language)
    if document.format == "text" and all(len(line) <= TEXT_LINE_MAX for line in source.splitlines()):
        # A hard-wrapped file stays one: no line over the limit, and no line that would read as a
        # heading (capitalised, no closing punctuation): each statement on its lines, broken after commas.
        text = nl.join(line for statement in _statements(language) for line in _wrapped(statement))
    return _appended(source, text, nl)


def _wrapped(statement: str) -> list[str]:
    lines = []
    while len(statement) > TEXT_LINE_MAX and ", " in statement[:TEXT_LINE_MAX]:
        cut = statement.rindex(", ", 0, TEXT_LINE_MAX) + 1
        lines.append(statement[:cut])
        statement = statement[cut + 1:]
    return lines + [statement]


def _appended(source: str, paragraph: str, nl: str) -> Edit:
    """A paragraph after everything, with one blank line before it and the file's line ending."""
    tail = source[len(source.rstrip()):]
    breaks = tail.count("\n") + tail.count("\r") - tail.count("\r\n")
    prefix = ""
    if not source.endswith(("\n", "\r")):
        prefix, breaks = nl, breaks + 1
    if breaks < 2:
        prefix += nl
    return Edit(len(source), len(source), f"{prefix}{paragraph}{nl}")


# Elements a footer can belong to other than the article (a quotation's, a figure's): a footer
# nested in one of these is not the article's.
NESTING_TAGS = {"div", "section", "blockquote", "figure", "aside", "details", "table", "ul", "ol", "nav",
                "header", "form", "dialog"}


@dataclass
class _Container:
    tag: str
    role_main: bool
    nested: list[str] = field(default_factory=list)  # NESTING_TAGS open inside it
    end: int | None = None  # where its end tag starts
    footer: int | None = None  # where its own footer starts
    articles: list["_Container"] = field(default_factory=list)  # <article> elements directly inside it


class _Landmarks(HTMLParser):
    """The main content's landmarks: <main> (or role=main) and <article> elements, where each
    ends and where its own footer starts; and where </body> and the page's footers are."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.containers: list[_Container] = []
        self._open: list[_Container] = []
        self.footers: list[int] = []
        self.body_end: int | None = None

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs) -> None:
        innermost = self._open[-1] if self._open else None
        if tag in MAIN_TAGS or dict(attrs).get("role") == "main":
            container = _Container(tag, tag != "article" or dict(attrs).get("role") == "main")
            if innermost is not None and not container.role_main and not innermost.nested:
                innermost.articles.append(container)
            self.containers.append(container)
            self._open.append(container)
            return
        if tag == "footer":
            self.footers.append(self._offset())
            if innermost is not None and not innermost.nested and innermost.footer is None:
                innermost.footer = self._offset()
        if innermost is not None and tag in NESTING_TAGS:
            innermost.nested.append(tag)

    def handle_endtag(self, tag: str) -> None:
        innermost = self._open[-1] if self._open else None
        if innermost is not None and innermost.nested and tag in innermost.nested:
            while innermost.nested.pop() != tag:
                pass
        elif innermost is not None and tag == innermost.tag and not innermost.nested:
            innermost.end = self._offset()
            self._open.pop()
        elif tag == "body":
            self.body_end = self._offset()


def _main_content(marks: _Landmarks) -> _Container | None:
    """<main> (or role=main), or the one <article> in it; else the page's only <article>."""
    mains = [c for c in marks.containers if c.role_main]
    articles = [c for c in marks.containers if not c.role_main]
    if mains:
        main = mains[0]
        only = main.articles[0] if len(main.articles) == 1 else None
        return only if only is not None and only.end is not None else main
    return articles[0] if len(articles) == 1 else None


def _added_html(document: Document, text: str, nl: str) -> Edit | None:
    source = document.source
    marks = _Landmarks(source)
    marks.feed(source)
    marks.close()
    main = _main_content(marks)
    if main is not None and main.end is not None:
        target = main.footer if main.footer is not None else main.end
    else:
        last = document.blocks[-1].offsets[-1] if document.blocks else 0
        after = [offset for offset in marks.footers if offset >= last]
        target = after[0] if after else marks.body_end
    element = f"<p>{html.escape(text, quote=False)}</p>"
    if target is None:
        return _appended(source, element, nl)
    line_start = max(source.rfind("\n", 0, target), source.rfind("\r", 0, target)) + 1
    indent = source[line_start:target]
    if indent.strip():
        return Edit(target, target, element)
    return Edit(target, target, f"{element}{nl}{indent}")
