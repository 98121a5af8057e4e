"""The built package carries its rule packs: build a wheel from a copy of the source tree (no
editable install, no repo on the path), unpack it, and run `claimlint rules` and a check from it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import SEED, offline_env

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_wheel_carries_rules_and_runs(tmp_path):
    source = tmp_path / "src"
    shutil.copytree(REPO, source, symlinks=False,  # the wheel must hold files, whatever links the tree uses
                    ignore=shutil.ignore_patterns(".git", "tests", "benchmarks", "build", "dist", "*.egg-info",
                                                  "__pycache__", ".hypothesis", ".pytest_cache", ".venv"))
    wheels = tmp_path / "wheels"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
         "-w", str(wheels), str(source)],
        capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr[-2000:]
    [wheel] = wheels.glob("claimlint_health-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "claimlint/rules/en.yaml" in names and "claimlint/rules/nl.yaml" in names

    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    workdir = tmp_path / "work"
    workdir.mkdir()
    shutil.copy(SEED, workdir / "artikel.txt")
    env = offline_env(tmp_path)
    env["PYTHONPATH"] = str(target)
    env.pop("PYTHONSAFEPATH", None)

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, *args], cwd=workdir, env=env, capture_output=True, text=True,
                              timeout=300)

    where = run("-c", "import claimlint, os; print(os.path.dirname(claimlint.__file__))")
    assert Path(where.stdout.strip()) == target / "claimlint", where.stderr

    rules = run("-m", "claimlint", "rules")
    assert rules.returncode == 0, rules.stderr
    assert "CL102" in rules.stdout and "CL301" in rules.stdout

    check = run("-m", "claimlint", "check", "--no-verify", "--format", "json", "artikel.txt")
    assert check.returncode == 1, check.stderr
    [entry] = json.loads(check.stdout)["files"]
    assert entry["language"] == "nl"
    assert any(f["excerpt"].startswith("Klinisch onderzoek suggereert") for f in entry["findings"])
    assert entry["disclaimer"]["present"] is True
