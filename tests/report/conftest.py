"""Shared inputs for the report tests: the demo corpus of scripts/html_report_check.py (every
DOI status, a <script> in an article) and a CLI runner that never reaches the network."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner, Result

from claimlint.cli import cli
from claimlint.model import RunResult

ROOT = Path(__file__).resolve().parents[2]
SARIF_SCHEMA = Path(__file__).resolve().parent / "sarif-schema-2.1.0.json"

UNCITED = "Studies show that magnesium supplementation improves sleep quality in older adults.\n"
CLEAN = "# Water\n\nWater is a clear liquid. Many people enjoy it cold.\n"


def load_script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def html_check() -> ModuleType:
    return load_script("html_report_check")


@pytest.fixture(scope="session")
def demo(html_check: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> RunResult:
    return html_check.demo_result(tmp_path_factory.mktemp("demo"))


def run_cli(*arguments: str, cache: Path | None = None) -> Result:
    extra = ["--cache-dir", str(cache)] if cache else []
    command = list(arguments)
    if command and command[0] == "check":
        command[1:1] = ["--no-verify", *extra]
    return CliRunner().invoke(cli, command, catch_exceptions=False)


def json_findings(*arguments: str) -> list[tuple[str, int, int, str]]:
    result = run_cli("check", "--format", "json", *arguments)
    document = json.loads(result.output)
    return [(file["path"], f["line"], f["column"], f["code"]) for file in document["files"] for f in file["findings"]]
