"""The CL5xx labelled synthetic cases (tests/quality/evidence/cases.yaml) through
benchmarks/eval_evidence.py: the figures benchmarks/README.md states are the ones it prints."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_stated_figures():
    spec = importlib.util.spec_from_file_location("eval_evidence", ROOT / "benchmarks" / "eval_evidence.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    counts, errors = module.evaluate()
    assert counts == {"CL501": {"tp": 6, "fp": 0, "fn": 0}, "CL502": {"tp": 5, "fp": 0, "fn": 0},
                      "CL503": {"tp": 8, "fp": 0, "fn": 0}, "CL504": {"tp": 4, "fp": 2, "fn": 0}}, errors
