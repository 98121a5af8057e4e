"""Every documented rule: its failing example produces its code, its passing example does not.

Parametrised over the registry, so a new rule is covered the day it is registered."""

from __future__ import annotations

import pytest

from claimlint.checks.registry import all_rules

from .conftest import codes, run_text

OFFLINE_RULES = [rule for rule in all_rules().values() if not rule.needs_verification]


def test_the_registry_has_the_core_rules():
    registered = {rule.code for rule in OFFLINE_RULES}
    assert {"CL101", "CL102", "CL103", "CL104", "CL201", "CL209", "CL301", "CL302"} <= registered


@pytest.mark.parametrize("rule", OFFLINE_RULES, ids=lambda r: r.code)
def test_fail_example_produces_its_code(rule):
    result = run_text(rule.fail_example, rule.example_format)
    assert result.error is None
    assert rule.code in codes(result), [(f.code, f.message) for f in result.findings]


@pytest.mark.parametrize("rule", OFFLINE_RULES, ids=lambda r: r.code)
def test_pass_example_does_not(rule):
    result = run_text(rule.pass_example, rule.example_format)
    assert result.error is None
    assert rule.code not in codes(result), [(f.code, f.message) for f in result.findings]


@pytest.mark.parametrize("rule", list(all_rules().values()), ids=lambda r: r.code)
def test_every_rule_is_documented(rule):
    assert rule.code.startswith("CL") and rule.code[2:].isdigit()
    assert rule.name and rule.summary and rule.description
    assert rule.fail_example.strip() and rule.pass_example.strip()
    if not rule.needs_verification:  # CL207 fails on network state, not on the text
        assert rule.fail_example != rule.pass_example
    assert rule.example_format in ("markdown", "html", "text")
