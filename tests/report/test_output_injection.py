"""Issue 15 §5: article text and file names are untrusted. No terminal control code reaches the
terminal or an -o file, no line passes for a GitHub Actions workflow command, a Markdown PR
comment pings nobody and links nothing, the HTML report forbids scripts by policy."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.robustness.conftest import claimlint

CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
HOSTILE = ("# Sleep\n\nStudies show that magnesium\x1b[2J improves sleep\x1b]0;owned\x07 in "
           "\x1b]8;;https://evil.example\x1b\\older\x1b]8;;\x1b\\ adults\x08\x08.\n\n"
           + "Water is a clear liquid that people drink. " * 10 + "\n")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "hostile.md").write_text(HOSTILE, encoding="utf-8")
    return tmp_path


def commands(text: str) -> list[str]:
    """Lines a runner would execute as workflow commands: `::` after leading whitespace."""
    return [line for line in text.splitlines() if line.lstrip().startswith("::")]


@pytest.mark.parametrize("fmt", ["text", "concise"])
def test_no_control_codes_in_text_output_or_output_files(folder, fmt):
    name = "evil\x1b[31m\x1b]0;title\x07.md"
    (folder / name).write_text(HOSTILE, encoding="utf-8")
    result = claimlint(["check", "--no-verify", "--format", fmt, "hostile.md", name], folder)
    assert result.returncode == 1, result.stderr
    out = result.stdout.decode()
    assert "CL102" in out and not CONTROLS.search(out), repr(out)
    assert "␛" in out  # shown, not obeyed
    claimlint(["check", "--no-verify", "--format", fmt, "-o", "report.txt", "hostile.md", name], folder)
    assert not CONTROLS.search((folder / "report.txt").read_text(encoding="utf-8").replace("\n", ""))


def test_control_codes_in_messages_and_file_errors_on_stderr(folder):
    (folder / "malformed.md").write_text("# A\n\n## References\n\n1. Smith J. A. B. 2020. doi:10.12\x1b[2J/x\x07y\n",
                                         encoding="utf-8")
    bad = "broken\x1b]0;t\x07\n::error file=x::owned.md"
    (folder / bad).write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = claimlint(["check", "--no-verify", "malformed.md", bad], folder)
    out, err = result.stdout.decode(), result.stderr.decode()
    assert not CONTROLS.search(out.replace("\n", "")) and not CONTROLS.search(err.replace("\n", ""))
    assert err.count("\n") == 1 and "broken" in err
    assert not commands(out) and not commands(err)


def test_excerpt_lines_are_not_workflow_commands(folder):
    (folder / "cmd.md").write_text("::error file=README.md,line=1::Studies show that magnesium improves sleep.\n"
                                   "\n  ::warning::About 48% of adults fall short of magnesium.\n", encoding="utf-8")
    for fmt in ("text", "concise"):
        result = claimlint(["check", "--no-verify", "--format", fmt, "cmd.md"], folder)
        assert result.returncode == 1
        assert not commands(result.stdout.decode()), result.stdout.decode()
    text = claimlint(["check", "--no-verify", "cmd.md"], folder).stdout.decode()
    assert "\u200b::error file=README.md" in text  # still readable


def test_github_format_escapes_paths_and_stderr_stays_inert(folder):
    name = "a\n::error file=x.md::forged.md"
    (folder / name).write_text(HOSTILE, encoding="utf-8")
    (folder / "bin\n::warning::x.md").write_bytes(b"\x00\x01\x02")
    result = claimlint(["check", "--no-verify", "--format", "github", name, "bin\n::warning::x.md"], folder)
    out, err = result.stdout.decode(), result.stderr.decode()
    for line in commands(out):
        assert re.match(r"::(error|warning|notice) file=", line), line
        assert "forged" not in line or "a%0A%3A%3Aerror file=x.md%3A%3Aforged.md" in line
    assert len(commands(out)) == len(out.splitlines())
    assert not commands(err) and not CONTROLS.search(err.replace("\n", ""))


def test_markdown_comment_pings_nobody_and_links_nothing(folder):
    (folder / "pings.md").write_text(
        "# Sleep\n\nStudies show @org/team and @someone agree, see #123 and https://evil.example/x or "
        "www.evil.example that magnesium improves sleep.\n", encoding="utf-8")
    out = claimlint(["check", "--no-verify", "--format", "markdown", "pings.md"], folder).stdout.decode()
    assert "CL102" in out
    assert not re.search(r"(?<![\w@])@[\w-]", out), out
    assert not re.search(r"#\d", out) and "https://evil" not in out and "www.evil" not in out
    assert "@\u200borg/team" in out and "#\u200b123" in out


def test_html_report_carries_a_restrictive_content_security_policy(folder):
    out = claimlint(["check", "--no-verify", "--format", "html", "hostile.md"], folder).stdout.decode()
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', out)
    assert policy, out[:500]
    directives = dict(part.strip().split(" ", 1) for part in policy.group(1).split(";"))
    assert directives["default-src"] == "'none'" and directives["script-src"] == "'none'"
    assert "<script" not in out.lower()
