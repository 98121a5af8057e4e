"""Helpers for issue 6 (never crash, never lie, never lose): real `claimlint` subprocesses that
never reach the internet, and an in-process engine with verification off."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimlint import engine
from claimlint.config import build_config
from claimlint.engine import Source
from claimlint.model import FileResult

UNCITED = "Studies show that magnesium supplementation improves sleep quality in older adults.\n"
ARTICLE = f"# Magnesium\n\n{UNCITED}\nAbout 48% of adults fall short.\n"


def offline_env(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMLINT_")}
    env.update(CLAIMLINT_OFFLINE="1", CLAIMLINT_CACHE_DIR=str(cache), NO_COLOR="1",
               CLAIMLINT_CROSSREF_URL="http://127.0.0.1:9", CLAIMLINT_DOI_RESOLVER_URL="http://127.0.0.1:9",
               CLAIMLINT_PUBMED_URL="http://127.0.0.1:9")
    return env


def claimlint(args: list[str], cwd: Path, env: dict[str, str] | None = None, stdin: bytes | None = None,
              timeout: float = 120, real: bool = False) -> subprocess.CompletedProcess:
    """`claimlint ARGS` in cwd: in-process through the click command (fast; an exception escaping
    it fails the test outright), or with real=True as `python -m claimlint` (main()'s handling)."""
    env = env or offline_env(cwd / ".cache")
    if real:
        return subprocess.run([sys.executable, "-m", "claimlint", *args], cwd=cwd, env=env, input=stdin,
                              capture_output=True, timeout=timeout)
    from click.testing import CliRunner

    from claimlint.cli import cli

    overrides = {key: value for key, value in env.items() if key.startswith(("CLAIMLINT_", "NO_COLOR"))}
    overrides.update({key: None for key in os.environ if key.startswith("CLAIMLINT_") and key not in env})
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner(env=overrides).invoke(cli, args, input=stdin, catch_exceptions=False)
    finally:
        os.chdir(previous)
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout_bytes, result.stderr_bytes)


def run_bytes(data: bytes, fmt: str, path: str | None = None, **settings) -> FileResult:
    settings.setdefault("verify", False)
    config = build_config([("test", settings)])
    name = path or {"markdown": "a.md", "html": "a.html", "text": "a.txt"}[fmt]
    return engine.run([Source(name, data, config, format=fmt)]).files[0]


def assert_one_clean_error_line(stderr: bytes, *needles: str) -> str:
    text = stderr.decode("utf-8", "replace")
    assert "Traceback" not in text, text
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    for needle in needles:
        assert needle in lines[0], text
    return lines[0]


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    (tmp_path / "good.md").write_text(ARTICLE, encoding="utf-8")
    return tmp_path
