"""Every format over the same run: schema-valid SARIF, one-for-one annotations, escaping."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimlint.model import RunResult
from claimlint.report import ReportOptions, formats, render
from claimlint.report.github import escape_data, escape_property

from .conftest import SARIF_SCHEMA

OPTIONS = ReportOptions()


def all_findings(result: RunResult) -> list[tuple[str, int, int, str]]:
    return [(f.path, f.line, f.column, f.code) for file in result.files for f in file.findings if not f.suppressed]


def test_every_issue_format_is_registered() -> None:
    assert {"text", "concise", "json", "json-lines", "sarif", "junit", "github", "gitlab", "markdown",
            "html"} <= set(formats())


def test_sarif_validates_and_describes_every_rule_used(demo: RunResult) -> None:
    document = json.loads(render(demo, "sarif", OPTIONS))
    jsonschema.validate(document, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    run = document["runs"][0]
    rules = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert sorted({code for *_, code in all_findings(demo)}) == rules
    assert len(run["results"]) == len(all_findings(demo))
    for result in run["results"]:
        assert rules[result["ruleIndex"]] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert re.fullmatch(r"[0-9a-f]{16}", result["partialFingerprints"]["claimlint/v1"])


def test_github_and_junit_match_json_one_for_one(demo: RunResult) -> None:
    expected = all_findings(demo)
    github = [re.match(r"::(\w+) file=([^,]+),line=(\d+),col=(\d+),endLine=\d+,endColumn=\d+,title=(CL\d+)::", line)
              for line in render(demo, "github", OPTIONS).splitlines()]
    assert [(m[2], int(m[3]), int(m[4]), m[5]) for m in github if m] == expected
    assert len(github) == len(expected)
    root = ET.fromstring(render(demo, "junit", OPTIONS))
    failures = [(case.get("file"), failure.get("type")) for case in root.iter("testcase") for failure in case]
    assert failures == [(path, code) for path, _, _, code in expected]
    assert [suite.get("name") for suite in root.iter("testsuite")] == [file.path for file in demo.files]
    json_doc = json.loads(render(demo, "json", OPTIONS))
    assert [(file["path"], f["line"], f["column"], f["code"]) for file in json_doc["files"]
            for f in file["findings"]] == expected


def test_github_escaping_follows_the_runner() -> None:
    assert escape_data("50% of\r\nadults") == "50%25 of%0D%0Aadults"
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"


def test_junit_never_counts_more_failures_than_tests(demo: RunResult) -> None:
    """Issue 12: failures="162" with tests="12" was a per-file testcase holding every finding."""
    unreadable = replace(demo.files[0], analysis=None, findings=[], error="file looks binary")
    run = RunResult([*demo.files, unreadable], demo.version)
    root = ET.fromstring(render(run, "junit", OPTIONS))
    assert int(root.get("failures")) == len(all_findings(demo)) > len(demo.files)
    for element in (root, *root.iter("testsuite")):
        tests, failures, errors = (int(element.get(key)) for key in ("tests", "failures", "errors"))
        assert failures + errors <= tests
        if element is not root:
            assert tests == len(element.findall("testcase"))
    assert int(root.get("errors")) == 1


def test_junit_survives_control_characters(demo: RunResult) -> None:
    file = demo.files[0]
    poisoned = replace(file, findings=[replace(file.findings[0], message="bell \x07 and <tag> & more")])
    root = ET.fromstring(render(RunResult([poisoned], demo.version), "junit", OPTIONS))
    assert "<tag> & more" in next(root.iter("failure")).get("message")


def test_gitlab_code_quality_fields(demo: RunResult) -> None:
    issues = json.loads(render(demo, "gitlab", OPTIONS))
    assert len(issues) == len(all_findings(demo))
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)
    for issue in issues:
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["location"]["path"] and issue["location"]["lines"]["begin"] >= 1


def test_concise_and_json_lines_have_one_line_per_finding(demo: RunResult) -> None:
    count = len(all_findings(demo))
    assert len(render(demo, "concise", OPTIONS).splitlines()) == count
    lines = [json.loads(line) for line in render(demo, "json-lines", OPTIONS).splitlines()]
    assert [(x["path"], x["line"], x["column"], x["code"]) for x in lines] == all_findings(demo)


def test_statistics_in_human_formats(demo: RunResult) -> None:
    stats = ReportOptions(statistics=True)
    for name in ("text", "concise"):
        assert re.search(r"^\s+1  CL401  unused-suppression$", render(demo, name, stats), re.MULTILINE), name
    assert "| CL401 | unused-suppression | 1 |" in render(demo, "markdown", OPTIONS)


def test_markdown_summary_tables_and_escaping(demo: RunResult) -> None:
    text = render(demo, "markdown", OPTIONS)
    assert "### Cited works" in text and "retracted" in text and "https://doi.org/10.1016/s0140-6736%2897%2911096-0" in text
    assert "<script>" not in text and "\\<script\\>" in text  # the Crossref title, made harmless
    for row in (line for line in text.splitlines() if line.startswith("| content/")):
        assert len(re.findall(r"(?<!\\)\|", row)) == 6, row  # five cells: no pipe from the text got through


def test_html_is_self_contained_escaped_and_shows_every_finding(demo: RunResult) -> None:
    page = render(demo, "html", OPTIONS)
    assert "<script" not in page and "<img" not in page and "<link" not in page
    assert "&lt;script&gt;document.title=&quot;PWNED-BY-ARTICLE&quot;&lt;/script&gt;" in page
    assert not re.findall(r'(?:src|href)="(?!#|https://doi\.org/)', page)
    notes = re.findall(r'<li class="note sev-(\w+)" id="(f\d+-n\d+)"', page)
    assert len(notes) == len(all_findings(demo))
    for _, anchor in notes:  # each note has its badge in the article text, and back
        assert f'id="{anchor}-at"' in page and f'href="#{anchor}"' in page
    for status in ("verified", "retracted", "not found"):
        assert f">{status}</span></td>" in page


def test_html_highlight_covers_exactly_the_finding(demo: RunResult) -> None:
    page = render(demo, "html", OPTIONS)
    marked = re.findall(r'<mark class="hl sev-error" data-codes="CL103"[^>]*>([^<]*)</mark>', page)
    assert "".join(marked) == "About 48% of Americans consume less magnesium than they need."


@pytest.mark.parametrize("name", sorted(formats()))
def test_every_format_renders_an_empty_and_an_unreadable_run(name: str, demo: RunResult) -> None:
    from claimlint.model import FileResult, Verdicts

    broken = RunResult([FileResult("gone.md", None, Verdicts(), [], error="cannot read file")], demo.version)
    assert render(broken, name, OPTIONS)
    assert render(RunResult([], demo.version), name, OPTIONS) is not None


_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text())
_KEYS = st.one_of(st.text(), st.integers(), st.floats(), st.booleans(), st.none())
_JSON = st.recursive(_SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4), st.tuples(inner, inner),
                                                      st.dictionaries(_KEYS, inner, max_size=4)), max_leaves=30)


@settings(max_examples=500, deadline=None)
@given(_JSON)
def test_indented_json_is_the_standard_librarys_text(value) -> None:
    """The JSON, SARIF and GitLab reports are written by report.indented_json (the standard
    library's indenting encoder is pure Python): the text must be json.dumps's to the byte."""
    from claimlint.report import indented_json

    assert indented_json.dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_indented_json_refuses_what_json_refuses() -> None:
    from claimlint.report import indented_json

    for value in ({"a": object()}, {(1, 2): 1}, {1, 2}):
        with pytest.raises(TypeError):
            json.dumps(value, ensure_ascii=False, indent=2)
        with pytest.raises(TypeError):
            indented_json.dumps(value)
