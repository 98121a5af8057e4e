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
