"""`pre-commit try-repo` on this repository against a small content repo: the hook installs,
finds the uncited claim and fails the commit.

Why here and not only in .ci/run: the default `python -m pytest -q` (which .ci/run runs) should
prove the hook works, and `pre-commit` is in the test extras. It is slow (pre-commit builds a
virtualenv and pip-installs claimlint from this checkout, dependencies from the package index),
so it carries the `pre_commit` marker for deselecting locally, and it skips when pre-commit or
git is missing. Crossref is never asked: CLAIMLINT_OFFLINE=1.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UNCITED = "# Sleep\n\nStudies show that magnesium supplementation improves sleep quality in older adults.\n"
CLEAN = "# Water\n\nWater is a clear liquid. Many people enjoy it cold.\n"

pytestmark = pytest.mark.pre_commit


def git(cwd: Path, *arguments: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *arguments], cwd=cwd,
                   check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("pre-commit") is None or shutil.which("git") is None,
                    reason="pre-commit or git not installed")
@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="not a git checkout of claimlint")
def test_pre_commit_try_repo_fails_on_uncited_claim(tmp_path: Path) -> None:
    content = tmp_path / "content-repo"
    content.mkdir()
    (content / "sleep.md").write_text(UNCITED, encoding="utf-8")
    (content / "water.md").write_text(CLEAN, encoding="utf-8")
    (content / "notes.py").write_text("print('not an article')\n", encoding="utf-8")  # not the hook's type
    git(content, "init", "-q")
    git(content, "add", ".")
    environment = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "CLAIMLINT_OFFLINE": "1",
                   "CLAIMLINT_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1"}
    completed = subprocess.run(
        ["pre-commit", "try-repo", str(ROOT), "claimlint", "--all-files", "--color", "never", "--verbose"],
        cwd=content, env=environment, capture_output=True, text=True, timeout=1500, check=False)
    output = completed.stdout + completed.stderr
    assert completed.returncode == 1, output
    assert "sleep.md:3:1: CL102" in output, output
    assert "Failed" in output and "water.md:" not in output
    assert "notes.py" not in output


@pytest.mark.skipif(shutil.which("pre-commit") is None or shutil.which("git") is None,
                    reason="pre-commit or git not installed")
@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="not a git checkout of claimlint")
def test_readme_pre_commit_snippet_works_as_written(tmp_path: Path) -> None:
    """The README's `.pre-commit-config.yaml`, only the repository URL swapped for a clone of this
    checkout tagged as a release is (v + the version): `rev` names something that exists."""
    import re

    from claimlint import __version__

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    snippet = re.search(r"```yaml\n(# \.pre-commit-config\.yaml.*?)```", readme, re.S).group(1)
    upstream = tmp_path / "claimlint-upstream"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(upstream)], check=True, capture_output=True)
    if subprocess.run(["git", "rev-parse", "-q", "--verify", f"refs/tags/v{__version__}"], cwd=upstream,
                      capture_output=True).returncode != 0:
        git(upstream, "tag", f"v{__version__}")  # what the maintainer pushes for a release
    config = re.sub(r"repo: \S+", f"repo: {upstream.as_posix()}", snippet, count=1)
    content = tmp_path / "content-repo"
    content.mkdir()
    (content / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    (content / "sleep.md").write_text(UNCITED, encoding="utf-8")
    (content / "_index.md").write_text("", encoding="utf-8")  # a placeholder must not block a commit
    git(content, "init", "-q")
    git(content, "add", ".")
    environment = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "CLAIMLINT_OFFLINE": "1",
                   "CLAIMLINT_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1"}
    completed = subprocess.run(["pre-commit", "run", "--all-files", "--color", "never"], cwd=content,
                               env=environment, capture_output=True, text=True, timeout=1500, check=False)
    output = completed.stdout + completed.stderr
    assert completed.returncode == 1, output
    assert "sleep.md:3:1: CL102" in output and "_index.md" not in output, output
