"""Issue 12's field reports: a gate that cannot be switched off by accident, one bad path that
does not cost the others their report, empty files, help. In-process with click's CliRunner,
offline (the fixtures of test_cli)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .test_cli import articles, invoke, report, runner  # noqa: F401 (fixtures)


# Rule selectors ---------------------------------------------------------------------------------

@pytest.mark.parametrize("args", [("--select", "CL999"), ("--select", "CL601"), ("--ignore", "CL6"),
                                  ("--select", "CL1,uncited-statistc"), ("--select", "X1")])
def test_selector_matching_no_rule_is_a_usage_error(runner, articles, args):
    result = invoke(runner, "check", "--no-verify", *args, "clean.md")
    assert result.exit_code == 2
    assert "matches no rule" in result.stderr and "CL1, CL2, CL3, CL4, CL5" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("config", [
    '[tool.claimlint]\nselect = ["CL9"]\n',
    '[tool.claimlint]\nextend-ignore = ["CL777"]\n',
    '[tool.claimlint]\nseverity = { CL999 = "warning" }\n',
    '[[tool.claimlint.overrides]]\npaths = ["*.md"]\nignore = ["CL60"]\n',
])
def test_selector_matching_no_rule_in_config_or_overrides_is_a_usage_error(runner, articles, config):
    (articles / "pyproject.toml").write_text(config, encoding="utf-8")
    result = invoke(runner, "check", "--no-verify", "clean.md")
    assert result.exit_code == 2
    assert "matches no rule" in result.stderr and "pyproject.toml" in result.stderr


@pytest.mark.parametrize("args, expected", [
    (("--select", "uncited-statistic"), ["CL103"]),
    (("--select", "uncited-research-claim,dangling-citation-marker"), ["CL102", "CL209"]),
    (("--ignore", "uncited-statistic"), ["CL102", "CL209"]),
    (("--select", "all", "--ignore", "CL2"), ["CL102", "CL103"]),
])
def test_rule_names_are_selectors(runner, articles, args, expected):
    result = invoke(runner, "check", "--no-verify", "--format", "json", *args, "claims.md")
    [entry] = report(result)["files"]
    assert sorted(f["code"] for f in entry["findings"]) == expected


def test_severity_by_name_or_prefix(runner, articles):
    (articles / "pyproject.toml").write_text('[tool.claimlint]\nseverity = { CL1 = "warning", '
                                             'dangling-citation-marker = "info" }\n', encoding="utf-8")
    result = invoke(runner, "check", "--no-verify", "--format", "json", "claims.md")
    [entry] = report(result)["files"]
    assert {(f["code"], f["severity"]) for f in entry["findings"]} == {
        ("CL102", "warning"), ("CL103", "warning"), ("CL209", "info")}
    assert result.exit_code == 0


# One bad path among several ---------------------------------------------------------------------

@pytest.mark.parametrize("bad, reason", [
    ("missing.md", "no such file or directory"),
    ("clean.md/below.md", "no such file or directory"),
    ("x" * 300 + ".md", "cannot read file"),  # ENAMETOOLONG: unreadable even as root
])
def test_a_bad_path_is_reported_and_the_others_still_checked(runner, articles, bad, reason):
    result = invoke(runner, "check", "--no-verify", bad, "claims.md", "clean.md")
    assert result.exit_code == 2
    assert "claims.md:6:1: CL102" in result.stdout
    assert "3 files" in result.stdout and "1 could not be read" in result.stdout
    assert result.stderr.strip().splitlines() == [f"claimlint: {bad}: {reason}" if reason != "cannot read file"
                                                  else result.stderr.strip()]
    assert reason in result.stderr and "Traceback" not in result.stderr


def test_a_bad_path_in_json_and_output_files(runner, articles):
    result = invoke(runner, "check", "--no-verify", "--format", "json", "missing.md", "claims.md")
    assert result.exit_code == 2
    entries = {f["path"]: f for f in report(result)["files"]}
    assert entries["missing.md"]["error"] == "no such file or directory"
    assert entries["claims.md"]["findings"]
    invoke(runner, "check", "--no-verify", "-o", "report.txt", "missing.md", "claims.md")
    assert "missing.md: error: no such file or directory" in (articles / "report.txt").read_text()


def test_an_unreadable_file_is_said_once_not_on_both_streams(runner, articles):
    (articles / "bad.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = invoke(runner, "check", "--no-verify", "bad.md")
    assert result.exit_code == 2
    assert "binary" in result.stderr and "binary" not in result.stdout
    assert "1 could not be read" in result.stdout


# Empty files ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, content", [("_index.md", b""), ("blank.txt", b" \r\n\t\n"),
                                           ("empty.html", b""), ("bom.md", b"\xef\xbb\xbf\n")])
def test_an_empty_or_blank_file_has_nothing_to_report(runner, articles, name, content):
    (articles / name).write_bytes(content)
    result = invoke(runner, "check", "--no-verify", name, "clean.md")
    assert result.exit_code == 0, result.output
    assert result.stderr == "" and "All clear: 2 files checked" in result.stdout


def test_empty_stdin_has_nothing_to_report(runner, articles):
    result = invoke(runner, "check", "--no-verify", "-", input=b"")
    assert result.exit_code == 0 and result.stderr == ""


# Help -------------------------------------------------------------------------------------------

def test_bare_claimlint_prints_the_help_and_exits_2(tmp_path, env):
    from .conftest import run_cli

    result = run_cli([], tmp_path, env)
    assert result.returncode == 2
    assert result.stdout.startswith(b"Usage: claimlint") and b"check" in result.stdout
    assert result.stderr == b""


def test_check_help_lists_every_format_and_no_phantom_option(runner):
    from claimlint.report import format_names

    from claimlint.cli import cli

    text = runner.invoke(cli, ["check", "--help"], terminal_width=500).stdout
    assert "--help-formats" not in text
    for name in format_names():
        assert name in text


# Caches -----------------------------------------------------------------------------------------

def test_cache_info_and_clear_cover_the_analysis_cache(runner, articles, tmp_path):
    assert invoke(runner, "check", "--no-verify", "claims.md", "clean.md").exit_code == 1
    info = dict(line.split(": ", 1) for line in invoke(runner, "cache", "info").stdout.splitlines())
    assert info["analysis_path"] == str(tmp_path / "cache" / "analysis")
    assert int(info["analysis_entries"]) == 2 and int(info["analysis_size_bytes"]) > 0
    assert "path" in info and "entries" in info  # the Crossref cache, as before
    cleared = invoke(runner, "cache", "clear")
    assert cleared.exit_code == 0 and "and 2 cached analyses" in cleared.stdout
    after = dict(line.split(": ", 1) for line in invoke(runner, "cache", "info").stdout.splitlines())
    assert after["analysis_entries"] == "0"
