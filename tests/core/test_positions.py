"""Every finding points at the original file: 1-based line and column (in characters) and
end_line/end_column, whatever markup, entities, line endings and non-ASCII text surround it."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import run_text, source_at, text_at_span

NEWLINES = ["\n", "\r\n", "\r"]


def spans(text: str, fmt: str) -> list[tuple[str, int, int, int, int, str]]:
    result = run_text(text, fmt)
    assert result.error is None
    out = []
    for finding in result.findings:
        # The property: the excerpt is exactly the source text between (line, col) and (end_line, end_col).
        assert text_at_span(text, finding) == finding.excerpt, finding
        out.append((finding.code, finding.line, finding.column, finding.end_line, finding.end_column,
                    finding.excerpt))
    return out


def located(found, code: str, first: str, last: str) -> tuple[int, int, int, int]:
    """(line, col, end_line, end_col) of the finding with this code whose excerpt starts/ends so."""
    for c, line, col, end_line, end_col, excerpt in found:
        if c == code and excerpt.startswith(first) and excerpt.endswith(last):
            return line, col, end_line, end_col
    raise AssertionError(f"no {code} starting {first!r} and ending {last!r} in {found}")


MARKDOWN = """---
title: "Front matter: studies show nothing here."
lang: en
---
# Studies show headings are not claims

Studies show that *magnesium*
improves sleep in older adults &amp; __children__.

1. First item: clinical research suggests that `zinc` shortens colds.
   - Nested: about 48% of adults fall short of magnesium.

> Research shows that vitamin C
> reduces cold duration in athletes.

| Nutrient | Claim |
|---|---|
| Zinc | Studies show that zinc shortens colds. |

Ünïcödé 🙂 text: studies show that 🙂 emojis improve mood in adults.

Iron improves fatigue in adults<sup>7</sup>.

Caffeine improves alertness [^9] in adults.

[^1]: Smith J. Caffeine. Sleep. 2020;1:1-2.

```
Studies show that code is skipped.
```
"""


@pytest.mark.parametrize("newline", NEWLINES, ids=["LF", "CRLF", "CR"])
def test_markdown_positions(newline):
    text = MARKDOWN.replace("\n", newline)
    found = spans(text, "markdown")
    assert located(found, "CL102", "Studies show that *magnesium*", "__children__.") == (7, 1, 8, 51)
    assert located(found, "CL102", "First item", "colds.") == (10, 4, 10, 70)
    assert located(found, "CL103", "Nested: about 48%", "magnesium.") == (11, 6, 11, 58)
    assert located(found, "CL102", "Research shows", "athletes.") == (13, 3, 14, 37)
    assert located(found, "CL102", "Studies show that zinc", "colds.") == (18, 10, 18, 48)
    assert located(found, "CL102", "Ünïcödé 🙂", "adults.") == (20, 1, 20, 67)
    # Markers with no entry: the span is the marker itself, HTML and footnote alike.
    assert located(found, "CL209", "<sup>7</sup>", "<sup>7</sup>") == (22, 32, 22, 44)
    assert located(found, "CL209", "[^9]", "[^9]") == (24, 29, 24, 33)
    lines = {line for _, line, *_ in found}
    assert not lines & {1, 2, 3, 4, 5, 26, 28, 29, 30}  # front matter, heading, footnote, code


HTML = """<!DOCTYPE html>
<html lang="en-GB"><head><title>Studies show that titles are skipped.</title>
<script>var a = "Studies show that scripts are skipped.";</script><style>p{}</style></head>
<body><nav><p>Studies show that navigation is skipped.</p></nav>
<main>
<h1>Studies &amp; headings</h1>
<p>Research shows that about 50&ndash;70% of adults   lack <em>magnesium</em>.</p>
<div><p>Clinical research suggests that <strong>zinc <em>shortens</em></strong>
colds in caf&eacute; workers.</p></div>
<p>Iron improves fatigue in adults<sup>4</sup>.</p>
<p>Ünïcödé 🙂: studies show that &#x1F642; emojis improve mood in adults.</p>
</main>
<footer><p>Studies show that footers are skipped.</p></footer>
</body></html>
"""


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_html_positions(newline):
    text = HTML.replace("\n", newline)
    found = spans(text, "html")
    assert located(found, "CL102", "Research shows that about 50&ndash;70%", "</em>.") == (7, 4, 7, 79)
    assert located(found, "CL102", "Clinical research", "workers.") == (8, 9, 9, 30)
    assert located(found, "CL209", "<sup>4</sup>", "<sup>4</sup>") == (10, 35, 10, 47)
    assert located(found, "CL102", "Ünïcödé", "adults.") == (11, 4, 11, 73)
    lines = {line for _, line, *_ in found}
    assert not lines & {2, 3, 4, 6, 13}  # title, script, nav, heading, footer


@pytest.mark.parametrize("newline", NEWLINES, ids=["LF", "CRLF", "CR"])
def test_text_positions(newline):
    text = newline.join([
        "Magnesium and sleep",
        "",
        "Studies show that magnesium improves sleep in older adults.",
        "Ünïcödé 🙂 café: about 48% of adults fall short of magnesium.",
        "",
        "- Clinical research suggests that zinc shortens colds.",
        "",
    ])
    found = spans(text, "text")
    assert located(found, "CL102", "Studies show", "adults.") == (3, 1, 3, 60)
    assert located(found, "CL103", "Ünïcödé 🙂 café", "magnesium.") == (4, 1, 4, 61)
    assert located(found, "CL102", "Clinical research", "colds.") == (6, 3, 6, 55)


def test_source_at_counts_characters_not_bytes():
    text = "é🙂\r\nab\rc"
    assert source_at(text, 1, 3) == 2
    assert source_at(text, 2, 2) == 5
    assert source_at(text, 3, 1) == 7


# The property, on generated articles: random non-ASCII filler, markup and line endings.
WORD = st.text(alphabet="abcdeéëïøß🙂中zZ", min_size=1, max_size=8)
CLAIMS = [
    "Studies show that magnesium improves sleep in older adults.",
    "About 48% of adults fall short of magnesium.",
    "Clinical research suggests that zinc shortens colds.",
]


@st.composite
def articles(draw):
    fmt = draw(st.sampled_from(["markdown", "text", "html"]))
    newline = draw(st.sampled_from(NEWLINES if fmt != "html" else ["\n", "\r\n"]))
    paragraphs = []
    for _ in range(draw(st.integers(1, 4))):
        words = draw(st.lists(WORD, min_size=0, max_size=6))
        filler = f"Filler {' '.join(words)} here" if words else ""
        claim = draw(st.sampled_from(CLAIMS))
        if fmt == "markdown":
            wrap = draw(st.sampled_from(["{}", "*{}*", "**{}**", "[{}](#x)"]))
            claim = claim.replace("magnesium", wrap.format("magnesium"))
        elif fmt == "html":
            claim = claim.replace("magnesium", "<em>magnesium</em>").replace("&", "&amp;")
        sentence = (filler + ". " if filler else "") + claim
        paragraphs.append(f"<p>{sentence}</p>" if fmt == "html" else sentence)
    return fmt, (newline * 2).join(paragraphs) + newline


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_excerpt_is_the_text_at_the_span(article):
    fmt, text = article
    result = run_text(text, fmt, lang="en")  # generated filler words must not sway the language
    assert result.error is None
    assert result.findings, text
    for finding in result.findings:
        assert text_at_span(text, finding) == finding.excerpt
        assert finding.excerpt.endswith(".")
        assert finding.excerpt.split()[0] in ("Studies", "About", "Clinical"), finding.excerpt
        assert (finding.end_line, finding.end_column) >= (finding.line, finding.column)


def _collapsed_char_by_char(calls: list[tuple[str, list[int]]]) -> tuple[str, list[int]]:
    """What BlockBuilder does, one character at a time: a whitespace run becomes one space at
    its first character's offset, none at the start of a block."""
    text, offsets = "", []
    for piece, piece_offsets in calls:
        for char, offset in zip(piece, piece_offsets):
            if char.isspace():
                if not text or text[-1] == " ":
                    continue
                char = " "
            text += char
            offsets.append(offset)
    return text, offsets


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.text(alphabet=" \t\n\r\xa0\u2028\u3000ab.é", max_size=12),
                          st.integers(min_value=0, max_value=50)), min_size=1, max_size=5))
def test_block_builder_collapses_whitespace_as_one_character_at_a_time(calls):
    from claimlint.load.prose import BlockBuilder

    builder = BlockBuilder()
    mapped = [(text, list(range(start, start + 2 * len(text), 2))) for text, start in calls]
    for text, offsets in mapped:
        builder.add_mapped(text, offsets)
    assert ("".join(builder.pieces), builder.offsets.tolist()) == _collapsed_char_by_char(mapped)


def _cut_one_character_at_a_time(text, offsets, found):
    """citations._cut as it was before it copied runs: the reference its output must equal."""
    chars, new_offsets, positions = [], [], []
    cut = iter(sorted(found))
    current = next(cut, None)
    position = 0
    while position < len(text):
        if current and position == current[0]:
            if chars and chars[-1] == " ":
                chars.pop()
                new_offsets.pop()
            positions.append(len(chars))
            position = current[1]
            current = next(cut, None)
            glued = chars and chars[-1] in ".!?:" and position < len(text) and text[position].isalnum()
            if glued and not (current and current[0] == position):
                chars.append(" ")
                new_offsets.append(offsets[position])
            continue
        chars.append(text[position])
        new_offsets.append(offsets[position])
        position += 1
    return "".join(chars), new_offsets, positions


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["Zinc", " ", "helps", ".", "[1]", " [2]", "[3,4]", "(Smith, 2020)", "¹²", "!",
                                 "Next", ":", "(5)", "a"]), max_size=14))
def test_citation_markers_are_cut_as_one_character_at_a_time(pieces):
    from claimlint.analyse.citations import clean_block
    from claimlint.load.prose import BlockBuilder
    from claimlint.model import BlockKind

    text = "".join(pieces)
    builder = BlockBuilder()
    builder.add_mapped(text, list(range(3, 3 + 2 * len(text), 2)))
    block = builder.build(BlockKind.PARAGRAPH)
    if block is None:
        return
    clean = clean_block(block)
    found = sorted((m.span.start, m.span.end) for m in clean.markers if m.kind != "author_year" or "(" in m.raw)
    # the reference works on clean positions: map the markers' source spans back to the block text
    by_offset = {offset: index for index, offset in enumerate(block.offsets)}
    cuts = [(by_offset[start], by_offset[end - 1] + 1) for start, end in found if start in by_offset]
    expected_text, expected_offsets, _ = _cut_one_character_at_a_time(block.text, block.offsets, cuts)
    assert clean.text == expected_text
    assert clean.offsets.tolist()[:-1] == expected_offsets
