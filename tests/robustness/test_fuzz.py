"""Property-based: whatever bytes arrive, the pipeline (load -> analyse -> checks) never raises
anything but LoadError (a one-line refusal), and every finding points inside the file with an
excerpt equal to the source text at its position. Thousands of examples, in-process, with one
warm spaCy pipeline per language and no verification, no cache."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from claimlint.config import build_config
from claimlint.engine import EXCERPT_LIMIT, findings_for
from claimlint.load import LoadError, load_bytes
from claimlint.model import Verdicts

ROOT = Path(__file__).resolve().parents[2]
SEEDS = [
    (ROOT / "examples" / "magnesium-sleep-en.md").read_bytes(),
    (ROOT / "examples" / "clean-en.md").read_bytes(),
    (ROOT / "examples" / "magnesiumtekort-nl.txt").read_bytes()[:3000],
    b"<!DOCTYPE html><html lang=\"en\"><body><main><h1>Zinc</h1><p>Studies show that zinc shortens colds"
    b"<sup>1</sup>. About 40% of adults &amp; teens take it.</p><ol><li>Smith J. Zinc. BMJ. 2020;1:2. "
    b"doi:10.1136/bmj.m1</li></ol><!-- claimlint-disable-next-line CL103 --><p>48% of people.</p></main></body></html>",
]
TOKENS = [
    "Studies show that ", "magnesium improves sleep", " in 48% of adults", ". ", "\n", "\r\n", "\r", "\n\n",
    "# ", "## References\n", "1. ", "- ", "* ", "> ", "| a | b |\n|---|---|\n", "```", "```python\n", "~~~",
    "    code", "---\n", "title: [x\n", "lang: nl\n", "[1]", "[^1]", "[^1]: ", "(Smith, 2020)", "<sup>2</sup>",
    "¹", "[link](http://x.org/a(b))", "![img](a.png)", "<https://doi.org/10.1000/xyz>", "doi:10.1000/ab.c",
    "10.1002/(SICI)1097-0142", "https://doi.org/10.1371%2Fjournal.pone", "<p>", "</p>", "<div>", "</div>",
    "<b>", "</i>", "<script>", "</script>", "<pre>", "<!-- ", " -->", "<!-- claimlint-disable CL1 -->",
    "<!-- claimlint-enable -->", "<!-- claimlint-disable-next-line -->", "&amp;", "&#x1F642;", "&bogus;", "&",
    "<", ">", "\\", "`", "*", "_", "~", "\t", "\x00", "\x0c", "\u2028", "\ufeff", "é", "🙂", "中文", "ß",
    "These statements have not been evaluated by the Food and Drug Administration. ",
    "This product is not intended to diagnose, treat, cure, or prevent any disease.",
    "Supplements support immune function. ", "Vitamin D reduces the risk of fractures by 20%.",
    "Onderzoek toont aan dat magnesium de slaap verbetert. ", "Des études montrent que ",
]
FORMATS = ["markdown", "html", "text"]
CONFIG = build_config([("fuzz", {"verify": False})])
EXAMPLES = settings(max_examples=int(os.environ.get("CLAIMLINT_FUZZ_EXAMPLES", "800")), deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(scope="module", autouse=True)
def warm_pipeline():
    """Build the spaCy pipelines once for the module, not inside the first example."""
    from claimlint.analyse import analyse

    for seed, fmt in zip(SEEDS, ["markdown", "markdown", "text", "html"]):
        analyse(load_bytes("seed", seed, fmt), "auto", None)


def check(data: bytes, fmt: str) -> None:
    """The property: a refusal, or findings that lie inside the file and quote it exactly."""
    from claimlint.analyse import analyse

    try:
        document = load_bytes(f"fuzz.{fmt}", data, fmt)
    except LoadError as error:
        message = str(error)
        assert message and "\n" not in message
        return
    analysis = analyse(document, "auto", None)
    source, index = document.source, document.index
    for finding in findings_for(analysis, Verdicts(), CONFIG):
        assert 1 <= finding.line <= finding.end_line <= index.line_count, finding
        start = index.line_start(finding.line) + finding.column - 1
        end = index.line_start(finding.end_line) + finding.end_column - 1
        assert 0 <= start <= end <= len(source), finding
        line_end = index.line_start(finding.line + 1) if finding.line < index.line_count else len(source)
        assert start <= line_end, finding  # the column is inside its line
        assert finding.excerpt == source[start:end][:EXCERPT_LIMIT], (finding, source[start:end])


@EXAMPLES
@given(st.binary(max_size=300), st.sampled_from(FORMATS))
def test_random_bytes(data, fmt):
    check(data, fmt)


@EXAMPLES
@given(st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=12)), max_size=40),
       st.sampled_from(FORMATS), st.sampled_from(["utf-8", "utf-8-sig", "latin-1", "utf-16"]))
def test_random_markup(pieces, fmt, encoding):
    text = "".join(pieces)
    data = text.encode(encoding, errors="replace")
    check(data, fmt)


@st.composite
def mutated(draw):
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 6))):
        size = len(data)
        kind = draw(st.sampled_from(["delete", "insert", "duplicate", "flip", "newline"]))
        at = draw(st.integers(0, size))
        if kind == "delete":
            del data[at: at + draw(st.integers(1, 200))]
        elif kind == "insert":
            data[at:at] = draw(st.sampled_from(TOKENS)).encode("utf-8")
        elif kind == "duplicate":
            data[at:at] = data[at: at + draw(st.integers(1, 300))]
        elif kind == "flip" and at < size:
            data[at] = draw(st.integers(0, 255))
        elif kind == "newline":
            data[at:at] = draw(st.sampled_from([b"\r", b"\r\n", b"\n\n", b"\n    "]))
    return bytes(data)


@EXAMPLES
@given(mutated(), st.sampled_from(FORMATS))
def test_mutated_articles(data, fmt):
    assume(data)
    check(data, fmt)
