"""`claimlint` end to end: click's CliRunner in-process, and real subprocesses. Nothing reaches
the network: every run is --no-verify, or --offline with an empty cache in a temp dir."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimlint import __version__
from claimlint.checks.registry import all_rules
from claimlint.cli import cli

from .conftest import SEED, run_cli

CLAIMS_MD = """---
lang: en
---
# Magnesium

Studies show that magnesium improves sleep in older adults.
About 48% of adults fall short of magnesium.
Magnesium supports sleep [7].

## References

1. Smith J. Sleep and magnesium. Sleep. 2020;1:1-2. doi:10.1016/j.sleepx.2024.100121
"""
CLEAN_MD = "# Tips\n\nTalk to your doctor before taking supplements.\n"
# Only a warning: a dangling marker, no uncited claim.
WARNING_MD = "Magnesium supports sleep [3].\n\n## References\n\n1. Smith J. Sleep. Sleep. 2020;1:1-2.\n"


@pytest.fixture
def runner(monkeypatch, tmp_path):
    for name in ("CLAIMLINT_CROSSREF_URL", "CLAIMLINT_DOI_RESOLVER_URL", "CLAIMLINT_MAILTO", "CLAIMLINT_PUBMED_URL",
                 "CLAIMLINT_NCBI_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CLAIMLINT_OFFLINE", "1")
    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.chdir(tmp_path)
    return CliRunner()


def invoke(runner: CliRunner, *args: str, input: bytes | str | None = None):
    result = runner.invoke(cli, list(args), input=input, catch_exceptions=False)
    return result


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    (tmp_path / "claims.md").write_text(CLAIMS_MD, encoding="utf-8")
    (tmp_path / "clean.md").write_text(CLEAN_MD, encoding="utf-8")
    (tmp_path / "warning.md").write_text(WARNING_MD, encoding="utf-8")
    return tmp_path


def report(result) -> dict:
    return json.loads(result.stdout)


def file_codes(data: dict, name: str) -> list[str]:
    entry = next(f for f in data["files"] if Path(f["path"]).name == name)
    return [finding["code"] for finding in entry["findings"]]


# Exit codes -------------------------------------------------------------------------------------

def test_findings_fail_the_gate(runner, articles):
    result = invoke(runner, "check", "--no-verify", "claims.md")
    assert result.exit_code == 1
    assert re.search(r"^claims\.md:6:1: CL102 uncited research claim", result.stdout, re.M)
    assert re.search(r"^claims\.md:7:1: CL103 ", result.stdout, re.M)
    assert re.search(r"^claims\.md:8:26: CL209 ", result.stdout, re.M)
    assert "    Studies show that magnesium improves sleep in older adults." in result.stdout
    assert re.search(r"^Found 3 findings \(2 errors, 1 warning\) in 1 file\.$", result.stdout, re.M)


def test_clean_file_exits_zero(runner, articles):
    result = invoke(runner, "check", "--no-verify", "clean.md")
    assert result.exit_code == 0, result.stdout
    assert "CL" not in result.stdout


def test_warning_passes_default_gate_but_not_fail_on_warning(runner, articles):
    assert invoke(runner, "check", "--no-verify", "warning.md").exit_code == 0
    assert invoke(runner, "check", "--no-verify", "--fail-on", "warning", "warning.md").exit_code == 1
    assert invoke(runner, "check", "--no-verify", "--fail-on", "info", "warning.md").exit_code == 1
    assert invoke(runner, "check", "--no-verify", "--fail-on", "never", "claims.md").exit_code == 0


def test_exit_zero(runner, articles):
    result = invoke(runner, "check", "--no-verify", "--exit-zero", "claims.md")
    assert result.exit_code == 0
    assert "CL102" in result.stdout


def test_exit_zero_does_not_hide_usage_errors(runner, articles):
    assert invoke(runner, "check", "--no-verify", "--exit-zero", "missing.md").exit_code == 2


# Selection --------------------------------------------------------------------------------------

@pytest.mark.parametrize("args, expected", [
    ((), ["CL102", "CL103", "CL209"]),
    (("--select", "CL1"), ["CL102", "CL103"]),
    (("--select", "CL2"), ["CL209"]),
    (("--select", "cl103,CL209"), ["CL103", "CL209"]),
    (("--ignore", "CL1"), ["CL209"]),
    (("--ignore", "CL10"), ["CL209"]),
    (("--select", "CL1", "--ignore", "CL102"), ["CL103"]),
])
def test_select_and_ignore_with_prefixes(runner, articles, args, expected):
    result = invoke(runner, "check", "--no-verify", "--format", "json", *args, "claims.md")
    assert sorted(file_codes(report(result), "claims.md")) == expected
    assert result.exit_code == (1 if any(c.startswith("CL1") for c in expected) else 0)


# Output, formats, quiet -------------------------------------------------------------------------

def test_output_file_is_written_and_exit_code_unchanged(runner, articles):
    result = invoke(runner, "check", "--no-verify", "--format", "json", "--output", "report.json",
                    "claims.md")
    assert result.exit_code == 1
    assert result.stdout == ""
    data = json.loads((articles / "report.json").read_text(encoding="utf-8"))
    assert sorted(file_codes(data, "claims.md")) == ["CL102", "CL103", "CL209"]
    clean = invoke(runner, "check", "--no-verify", "-o", "clean.txt", "clean.md")
    assert clean.exit_code == 0 and (articles / "clean.txt").read_text(encoding="utf-8").strip()


def test_json_schema(runner, articles):
    result = invoke(runner, "check", "--no-verify", "--format", "json", "claims.md")
    data = report(result)
    assert data["claimlint"] == __version__
    assert isinstance(data["summary"], dict)
    [entry] = data["files"]
    assert entry["path"] == "claims.md"
    assert entry["language"] == "en"
    assert entry["format"] == "markdown"
    for finding in entry["findings"]:
        assert {"code", "severity", "message", "line", "column", "end_line", "end_column", "excerpt"} <= set(finding)
    first = entry["findings"][0]
    assert (first["code"], first["severity"], first["line"], first["column"], first["end_line"],
            first["end_column"]) == ("CL102", "error", 6, 1, 6, 60)
    assert first["excerpt"] == "Studies show that magnesium improves sleep in older adults."
    [reference] = entry["references"]
    assert reference["label"] == "1" and reference["doi"] == "10.1016/j.sleepx.2024.100121"
    [doi] = entry["dois"]
    assert {"doi", "line", "column", "status"} <= set(doi)
    assert (doi["doi"], doi["line"], doi["column"], doi["status"]) == (
        "10.1016/j.sleepx.2024.100121", 12, 53, "unchecked")  # at "doi:"
    assert {"required", "present", "line"} <= set(entry["disclaimer"])
    assert entry["disclaimer"]["present"] is False


def test_quiet_prints_nothing(runner, articles):
    result = invoke(runner, "check", "--no-verify", "--quiet", "claims.md")
    assert result.exit_code == 1
    assert result.stdout == ""


def test_version(runner):
    result = invoke(runner, "--version")
    assert result.exit_code == 0
    assert __version__ in result.stdout


def test_rules_lists_every_rule(runner):
    result = invoke(runner, "rules")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    for rule in all_rules().values():
        line = next(line for line in lines if line.startswith(rule.code))
        assert rule.name in line and rule.severity.value in line and rule.summary in line


def test_explain(runner):
    result = invoke(runner, "explain", "cl102")
    assert result.exit_code == 0
    assert result.stdout.startswith("CL102 uncited-research-claim (error)")
    assert "    Studies show that vitamin D lowers the risk of fractures.\n" in result.stdout
    assert invoke(runner, "explain", "CL999").exit_code == 2


# Inputs -----------------------------------------------------------------------------------------

def test_stdin_with_filename(runner, articles):
    html = "<html lang='en'><body><p>Studies show that magnesium improves sleep in adults.</p></body></html>\n"
    result = invoke(runner, "check", "--no-verify", "--format", "json", "--stdin-filename", "page.html", "-",
                    input=html.encode())
    assert result.exit_code == 1
    [entry] = report(result)["files"]
    assert entry["path"] == "page.html" and entry["format"] == "html"
    assert [(f["code"], f["line"], f["column"]) for f in entry["findings"]] == [("CL102", 1, 26)]


def test_directories_recursed_respecting_gitignore(runner, tmp_path):
    root = tmp_path / "site"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / "drafts").mkdir()
    (root / "node_modules").mkdir()
    (root / ".gitignore").write_text("drafts/\n*.tmp.md\n", encoding="utf-8")
    for name in ("a.md", "sub/b.txt", "sub/deeper/c.html", "drafts/d.md", "e.tmp.md", "node_modules/f.md",
                 "notes.py", "sub/g.markdown"):
        (root / name).write_text(CLEAN_MD, encoding="utf-8")
    result = invoke(runner, "check", "--no-verify", "--format", "json", "site")
    assert result.exit_code == 0
    paths = sorted(Path(f["path"]).relative_to("site").as_posix() for f in report(result)["files"])
    assert paths == ["a.md", "sub/b.txt", "sub/deeper/c.html", "sub/g.markdown"]


@pytest.mark.parametrize("content, reason", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (b"Studies show\x00 that", "binary"),
])
def test_unreadable_file_exits_2_and_others_still_reported(runner, articles, content, reason):
    (articles / "bad.md").write_bytes(content)
    result = invoke(runner, "check", "--no-verify", "bad.md", "claims.md")
    assert result.exit_code == 2
    assert "claims.md:6:1: CL102" in result.stdout
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1, result.stderr
    assert "bad.md" in errors[0] and reason in errors[0]


def test_missing_file_exits_2(runner, articles):
    result = invoke(runner, "check", "--no-verify", "missing.md")
    assert result.exit_code == 2
    assert result.stderr.strip() == "claimlint: missing.md: no such file or directory"


def test_bad_config_exits_2_with_one_line(runner, articles):
    (articles / ".claimlint.toml").write_text("fail-on = [unclosed\n", encoding="utf-8")
    result = invoke(runner, "check", "--no-verify", "claims.md")
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert ".claimlint.toml" in line and "invalid TOML" in line


@pytest.mark.parametrize("args", [
    ("--format", "xml"),
    ("--select", "XYZ"),
    ("--ignore", "12"),
])
def test_bad_option_values_exit_2_with_one_line(runner, articles, args):
    result = invoke(runner, "check", "--no-verify", *args, "claims.md")
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("args", [("--fail-on", "sometimes"), ("--lang", "xx")])
def test_bad_choice_values_exit_2_with_one_line(args, articles, tmp_path, env):
    result = run_cli(["check", "--no-verify", *args, "claims.md"], articles, env)
    assert result.returncode == 2
    assert len(result.stderr.decode().strip().splitlines()) == 1, result.stderr.decode()


# Real subprocesses ------------------------------------------------------------------------------

def test_subprocess_exit_codes_and_json(articles, env):
    result = run_cli(["check", "--no-verify", "--format", "json", "claims.md", "clean.md"], articles, env)
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    assert sorted(file_codes(data, "claims.md")) == ["CL102", "CL103", "CL209"]
    assert file_codes(data, "clean.md") == []
    clean = run_cli(["check", "--offline", "--cache-dir", str(articles / "c"), "clean.md"], articles, env)
    assert clean.returncode == 0, clean.stderr
    assert clean.stderr == b""


def test_subprocess_offline_leaves_dois_unverified_not_verified(articles, env):
    result = run_cli(["check", "--offline", "--cache-dir", str(articles / "c"), "--format", "json",
                      "claims.md"], articles, env)
    assert result.returncode == 1, result.stderr
    [doi] = json.loads(result.stdout)["files"][0]["dois"]
    assert doi["status"] in ("unverified", "unchecked")


def test_subprocess_bad_input_one_line_no_traceback(articles, env):
    (articles / "bin.md").write_bytes(b"\x00\x01\x02binary\x00")
    result = run_cli(["check", "--no-verify", "bin.md", "claims.md"], articles, env)
    assert result.returncode == 2
    stderr = result.stderr.decode()
    assert "Traceback" not in stderr
    assert len(stderr.strip().splitlines()) == 1 and "bin.md" in stderr
    assert b"claims.md:6:1: CL102" in result.stdout


def test_subprocess_bad_config_no_traceback(articles, env):
    (articles / "pyproject.toml").write_text("[tool.claimlint]\nfail-on = 'sometimes'\n", encoding="utf-8")
    result = run_cli(["check", "--no-verify", "claims.md"], articles, env)
    assert result.returncode == 2
    stderr = result.stderr.decode()
    assert "Traceback" not in stderr
    [line] = stderr.strip().splitlines()
    assert "fail-on" in line and "sometimes" in line


def test_subprocess_stdin_and_version(articles, env):
    result = run_cli(["check", "--no-verify", "--stdin-filename", "note.txt", "-"], articles, env,
                     stdin=SEED.read_bytes())
    assert result.returncode == 1, result.stderr
    assert b"note.txt:3:325: CL102" in result.stdout
    version = run_cli(["--version"], articles, env)
    assert version.returncode == 0 and __version__.encode() in version.stdout
