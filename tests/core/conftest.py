"""Helpers for the core suite: run text through the real pipeline (engine) offline."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from claimlint import engine
from claimlint.config import build_config
from claimlint.engine import Source
from claimlint.model import FileResult

DATA = Path(__file__).resolve().parent / "data"
SEED = DATA / "magnesiumtekort-nl.txt"
SUFFIX = {"markdown": ".md", "html": ".html", "text": ".txt"}


def run_text(text: str, fmt: str = "markdown", path: str | None = None, **settings: Any) -> FileResult:
    """One article through load -> analyse -> checks, verification off."""
    settings.setdefault("verify", False)
    config = build_config([("test", settings)])
    name = path or f"article{SUFFIX[fmt]}"
    data = text.encode("utf-8") if isinstance(text, str) else text
    result = engine.run([Source(name, data, config, format=fmt)])
    return result.files[0]


def codes(result: FileResult, include_suppressed: bool = False) -> list[str]:
    return [f.code for f in result.findings if include_suppressed or not f.suppressed]


def source_at(text: str, line: int, column: int) -> int:
    """The character offset of a 1-based (line, column), with CRLF, CR and LF ending lines."""
    from claimlint.model import LineIndex

    return LineIndex(text).line_start(line) + column - 1


def text_at_span(text: str, finding) -> str:
    start = source_at(text, finding.line, finding.column)
    end = source_at(text, finding.end_line, finding.end_column)
    return text[start:end]


def offline_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMLINT_")}
    env.update(CLAIMLINT_OFFLINE="1", CLAIMLINT_CACHE_DIR=str(tmp_path / "cache"),
               CLAIMLINT_CROSSREF_URL="http://127.0.0.1:9", CLAIMLINT_DOI_RESOLVER_URL="http://127.0.0.1:9",
               CLAIMLINT_PUBMED_URL="http://127.0.0.1:9",
               NO_COLOR="1")
    return env


def run_cli(args: list[str], cwd: Path, env: dict[str, str], stdin: bytes | None = None):
    return subprocess.run([sys.executable, "-m", "claimlint", *args], cwd=cwd, env=env, input=stdin,
                          capture_output=True, timeout=120)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return offline_env(tmp_path)


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "slow: builds a wheel (still in the default run; deselect with -m 'not slow')")
