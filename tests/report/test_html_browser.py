"""The HTML report in real headless Chromium: renders, no article script runs, every finding has
its note. Skipped where chromium is not installed (the default test run stays browser-free)."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest


def test_html_report_in_headless_chromium(html_check: ModuleType, tmp_path: Path) -> None:
    binary = html_check.find_chromium(None)
    if binary is None:
        pytest.skip("chromium not installed (apt-get install -y chromium)")
    assert html_check.check(tmp_path, binary) == []
    assert (tmp_path / "report.png").stat().st_size > 10_000
