"""Every rule family, in code order. The verification family joins when its module exists."""

from __future__ import annotations

import importlib

from claimlint.checks.base import Rule, RuleFamily

FAMILY_MODULES = ("claims", "citations", "verification", "disclaimer", "disease", "suppression", "evidence")


def families() -> list[RuleFamily]:
    found = []
    for name in FAMILY_MODULES:
        try:
            module = importlib.import_module(f"claimlint.checks.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"claimlint.checks.{name}":
                raise
            continue
        found.append(module.FAMILY)
    return found


def all_rules() -> dict[str, Rule]:
    rules = {rule.code: rule for family in families() for rule in family.rules}
    return dict(sorted(rules.items()))
