"""Issue 2's "Done when" on the seed article (a copy of examples/magnesiumtekort-nl.txt in data/)."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from claimlint.cli import cli

from .conftest import SEED

HEADING_LINES = {1, 5, 7, 9, 11, 14, 16, 18, 20, 22, 25, 27, 29, 31}
REFERENCE_LINES = {33, 34, 35, 36, 37}
DISCLAIMER_LINE = 38


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("seed")
    shutil.copy(SEED, folder / "magnesiumtekort-nl.txt")
    runner = CliRunner()
    with runner.isolated_filesystem(temp_dir=folder):
        shutil.copy(SEED, "magnesiumtekort-nl.txt")
        result = runner.invoke(cli, ["check", "--no-verify", "--format", "json", "magnesiumtekort-nl.txt"],
                               catch_exceptions=False)
    assert result.exit_code == 1, result.stderr
    return json.loads(result.stdout)


def test_seed_lines_are_what_this_test_assumes():
    lines = SEED.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "11 tekenen van een magnesiumtekort"
    assert lines[32] == "Referenties"
    assert lines[DISCLAIMER_LINE - 1].startswith("Deze verklaringen zijn niet beoordeeld door de Food and Drug")


def test_seed_language_and_format(seed_report):
    [entry] = seed_report["files"]
    assert entry["language"] == "nl"
    assert entry["format"] == "text"


def test_seed_disclaimer_recognised(seed_report):
    disclaimer = seed_report["files"][0]["disclaimer"]
    assert disclaimer["present"] is True
    assert disclaimer["line"] == DISCLAIMER_LINE
    assert disclaimer.get("altered") is False and disclaimer.get("partial") is False
    codes = {f["code"] for f in seed_report["files"][0]["findings"]}
    assert not codes & {"CL301", "CL302"}


@pytest.mark.parametrize("start, code, line", [
    ("Onderzoek wijst uit dat ongeveer 50-70%", "CL102", 3),
    ("Klinisch onderzoek suggereert", "CL102", 17),
    ("Opkomend bewijs", "CL102", 12),
    ("Verschillende onderzoeken hebben aangetoond", "CL102", 15),
])
def test_seed_research_claims_flagged(seed_report, start, code, line):
    source = SEED.read_text(encoding="utf-8")
    matches = [f for f in seed_report["files"][0]["findings"] if f["excerpt"].startswith(start)]
    assert [(f["code"], f["line"]) for f in matches] == [(code, line)]
    finding = matches[0]
    assert finding["column"] == source.splitlines()[line - 1].index(start) + 1
    assert finding["end_line"] == line and finding["excerpt"].endswith((".", ".*"))


def test_seed_statistic_flagged(seed_report):
    findings = seed_report["files"][0]["findings"]
    assert any("50-70%" in f["excerpt"] and f["code"].startswith("CL1") for f in findings)
    assert any(f["excerpt"].startswith("Magnesium is betrokken bij meer dan 300") and f["code"] == "CL103"
               for f in findings)


def test_seed_nothing_on_headings_references_or_disclaimer(seed_report):
    findings = seed_report["files"][0]["findings"]
    lines = {f["line"] for f in findings} | {f["end_line"] for f in findings}
    assert not lines & HEADING_LINES
    assert not lines & REFERENCE_LINES
    assert DISCLAIMER_LINE not in lines


def test_seed_references_parsed(seed_report):
    references = seed_report["files"][0]["references"]
    assert [r["authors"][:1] for r in references] == [
        ["National Institutes of Health"], ["Gröber"], ["Slutsky"], ["Hausenblas"]]
    assert [r["year"] for r in references] == [2024, 2015, 2010, 2024]
    assert references[1]["journal"] == "Nutrients"
    assert (references[1]["volume"], references[1]["issue"], references[1]["pages"]) == ("7", "9", "8199-8226")
    assert references[3]["doi"] == "10.1016/j.sleepx.2024.100121"
    [doi] = seed_report["files"][0]["dois"]
    assert (doi["doi"], doi["line"], doi["status"]) == ("10.1016/j.sleepx.2024.100121", 37, "unchecked")


def test_seed_copy_matches_the_example():
    from pathlib import Path

    example = Path(__file__).resolve().parents[2] / "examples" / "magnesiumtekort-nl.txt"
    if example.exists():
        assert example.read_bytes() == SEED.read_bytes()
