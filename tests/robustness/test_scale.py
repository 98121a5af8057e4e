"""Issue 14: a publisher's scale. What a run keeps per file stays small (compact offsets, no
prose blocks once analysed), and the JSON report is built a file at a time, unchanged."""

from __future__ import annotations

import json
from array import array

from claimlint import engine
from claimlint.config import build_config
from claimlint.engine import Source
from claimlint.load import load_bytes
from claimlint.report import ReportOptions
from claimlint.report.json import SCHEMA_VERSION, file_dict, render_json, summary

from .conftest import ARTICLE

PARAGRAPHS = "\n\n".join(f"Zinc supports immune function in group {n}." for n in range(5))


def run(*texts: str):
    config = build_config([("test", {"verify": False})])
    return engine.run([Source(f"a{n}.md", text.encode(), config) for n, text in enumerate(texts)])


def test_block_offsets_are_an_array_of_c_ints():
    document = load_bytes("a.md", (ARTICLE + "\n" + "<p>zinc &amp; iron</p>\n").encode(), "markdown")
    assert document.blocks
    for block in document.blocks:
        assert isinstance(block.offsets, array) and block.offsets.typecode == "i"
        assert len(block.offsets) == len(block.text) + 1


def test_a_finished_analysis_keeps_no_prose_blocks_but_still_reports():
    result = run(PARAGRAPHS, ARTICLE)
    for file in result.files:
        assert len(file.analysis.document.blocks) <= 1  # only the last one (where a fix appends)
        assert file.analysis.sentences
    assert [f.code for f in result.files[1].findings] == ["CL102", "CL103"]


def test_the_json_report_is_the_whole_document_dumped_at_once():
    result = run(PARAGRAPHS, ARTICLE, "")
    options = ReportOptions()
    whole = {"claimlint": result.version, "schema_version": SCHEMA_VERSION,
             "files": [file_dict(file, options) for file in result.files], "summary": summary(result, options)}
    assert render_json(result, options) == json.dumps(whole, ensure_ascii=False, indent=2) + "\n"
