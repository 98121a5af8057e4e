"""Issue 12's field reports: a gate that cannot be switched off by accident, one bad path that
does not cost the others their report, empty files, help. In-process with click's CliRunner,
offline (the fixtures of test_cli)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .test_cli import articles, invoke, report, runner  # noqa: F401 (fixtures)


# Rule selectors ---------------------------------------------------------------------------------

@pytest.mark.parametrize("args", [("--select", "CL999"), ("--select", "CL501"), ("--ignore", "CL5"),
                                  ("--select", "CL1,uncited-statistc"), ("--select", "X1")])
def test_selector_matching_no_rule_is_a_usage_error(runner, articles, args):
    result = invoke(runner, "check", "--no-verify", *args, "clean.md")
    assert result.exit_code == 2
    assert "matches no rule" in result.stderr and "CL1, CL2, CL3, CL4" in result.stderr
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
