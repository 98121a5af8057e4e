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
               CLAIMLINT_CROSSREF_URL="http://127.0.0.1:9", CLAIMLINT_DOI_RESOLVER_URL="http://127.0.0.1:9")
    return env


def claimlint(args: list[str], cwd: Path, env: dict[str, str] | None = None, stdin: bytes | None = None,
              timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "claimlint", *args], cwd=cwd,
                          env=env or offline_env(cwd / ".cache"), input=stdin, capture_output=True,
                          timeout=timeout)


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
