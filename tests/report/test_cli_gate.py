"""The gate through the CLI: exit codes, --output, suppression, baseline, --diff-base, overrides,
--jobs. Verification is off (--no-verify): nothing reaches Crossref."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from claimlint.config import ConfigError, load_config

from .conftest import CLEAN, UNCITED, json_findings, run_cli

NEW_CLAIM = "Magnesium may help reduce muscle cramps at night.\n"


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "sleep.md").write_text(f"# Sleep\n\n{UNCITED}\nSleep is nice.\n", encoding="utf-8")
    (tmp_path / "content" / "water.md").write_text(CLEAN, encoding="utf-8")
    return tmp_path


def test_exit_codes_and_output_file(content: Path) -> None:
    assert run_cli("check", "content/water.md").exit_code == 0
    assert run_cli("check", "content").exit_code == 1
    written = run_cli("check", "content", "--format", "sarif", "--output", "report.sarif")
    assert written.exit_code == 1 and written.output == "" and json.loads(Path("report.sarif").read_text())
    assert run_cli("check", "content", "--exit-zero").exit_code == 0
    assert run_cli("check", "content", "--format", "nope").exit_code == 2
    assert run_cli("check", "missing.md").exit_code == 2


def test_progress_bar_never_in_non_tty_output(content: Path) -> None:
    result = run_cli("check", "content")
    assert "\r" not in result.output and "\x1b" not in result.output


def test_unused_suppression_is_a_documented_rule(content: Path) -> None:
    Path("content/water.md").write_text("<!-- claimlint-disable-next-line CL103 -->\n" + CLEAN, encoding="utf-8")
    Path("content/sleep.md").write_text("<!-- claimlint-disable-next-line CL102 -->\n" + UNCITED, encoding="utf-8")
    assert json_findings("content") == [("content/water.md", 1, 1, "CL401")]
    shown = run_cli("check", "content", "--show-suppressed", "--format", "concise").output
    assert "CL102" in shown and "(suppressed)" in shown
    assert json_findings("content", "--select", "CL2") == []  # CL103 not selected: the directive is not judged
    assert "CL401  unused-suppression" in run_cli("rules").output
    explained = run_cli("explain", "CL401").output
    assert "Example:" in explained and "claimlint-disable-next-line" in explained


def test_baseline_survives_shifted_lines_and_reports_only_the_new_claim(content: Path) -> None:
    written = run_cli("check", "content", "--write-baseline", "baseline.json")
    assert written.exit_code == 0, written.output
    assert json.loads(Path("baseline.json").read_text())["findings"]
    article = Path("content/sleep.md")
    article.write_text("# Sleep\n\nA new opening paragraph.\n\nAnd another one.\n\n" + article.read_text()[8:],
                       encoding="utf-8")
    assert run_cli("check", "content", "--baseline", "baseline.json").exit_code == 0
    article.write_text(article.read_text() + "\n" + NEW_CLAIM, encoding="utf-8")
    assert json_findings("content", "--baseline", "baseline.json") == [("content/sleep.md", 12, 1, "CL101")]
    assert run_cli("check", "content", "--baseline", "nothing.json").exit_code == 2
    Path("bad.json").write_text("{}")
    assert run_cli("check", "content", "--baseline", "bad.json").exit_code == 2


def git(*arguments: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *arguments], check=True,
                   capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
def test_diff_base_reports_only_changed_lines(content: Path) -> None:
    assert run_cli("check", "content", "--diff-base", "HEAD").exit_code == 2  # not a repository yet
    git("init", "-q")
    git("add", "content")
    git("commit", "-qm", "old content")
    assert run_cli("check", "content", "--diff-base", "no-such-ref").exit_code == 2
    assert run_cli("check", "content", "--diff-base", "HEAD").exit_code == 0  # old findings: not in the diff
    article = Path("content/sleep.md")
    article.write_text("# Sleep\n\nIntro.\n\n" + article.read_text()[8:] + "\n" + NEW_CLAIM, encoding="utf-8")
    Path("content/new.md").write_text(UNCITED, encoding="utf-8")  # untracked: all of it is new
    assert json_findings("content", "--diff-base", "HEAD") == [
        ("content/new.md", 1, 1, "CL102"), ("content/sleep.md", 10, 1, "CL101")]


def test_per_file_overrides(content: Path) -> None:
    Path("pyproject.toml").write_text(
        '[tool.claimlint]\nignore = ["CL102"]\n\n'
        '[[tool.claimlint.overrides]]\npaths = ["content/supplements/**"]\nextend-select = ["CL102"]\n'
        'ignore = []\nseverity = { CL102 = "warning" }\n', encoding="utf-8")
    Path("content/supplements").mkdir()
    shutil.copy("content/sleep.md", "content/supplements/sleep.md")
    document = json.loads(run_cli("check", "content", "--format", "json").output)
    by_path = {f["path"]: [(x["code"], x["severity"]) for x in f["findings"]] for f in document["files"]}
    assert by_path["content/sleep.md"] == []
    assert by_path["content/supplements/sleep.md"] == [("CL102", "warning")]


def test_override_validation(tmp_path: Path) -> None:
    config = tmp_path / ".claimlint.toml"
    config.write_text('[[overrides]]\npaths = ["a/**"]\nfail-on = "info"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="cannot be set per file"):
        load_config(tmp_path, None, {})
    config.write_text('[[overrides]]\nselect = ["CL1"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="needs paths"):
        load_config(tmp_path, None, {})
    config.write_text('[[overrides]]\npaths = ["a/**"]\nseverity = { CL101 = "fatal" }\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="severity"):
        load_config(tmp_path, None, {})
    config.write_text('[[overrides]]\npaths = ["a/**"]\nselect = ["CL3"]\n', encoding="utf-8")
    loaded = load_config(tmp_path, None, {})
    assert loaded.for_path(tmp_path / "a" / "x.md").select == ("CL3",)
    assert loaded.for_path(tmp_path / "b" / "x.md").select == ()


def test_jobs_output_is_identical_to_serial(content: Path) -> None:
    for number in range(6):
        Path(f"content/extra-{number}.md").write_text(f"# Part {number}\n\n{UNCITED}\n{NEW_CLAIM}", encoding="utf-8")
    serial = run_cli("check", "content", "--jobs", "1", "--format", "json").output
    parallel = run_cli("check", "content", "--jobs", "3", "--format", "json").output
    assert serial == parallel and json.loads(serial)["summary"]["findings"] >= 13
