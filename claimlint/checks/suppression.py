"""CL401: a suppression comment that suppresses nothing.

Unlike the other families this rule cannot be decided from the Analysis alone: whether a
directive is used depends on the findings of every other rule. So the family's analysis check
yields nothing, and the engine calls ``unused_suppressions`` after suppression has been applied.
It is still a Rule like the others: documented, listed by `claimlint rules`, selectable.
"""

from __future__ import annotations

from typing import Callable, Iterable, Iterator

from claimlint.checks.base import Problem, Rule, RuleFamily
from claimlint.model import Analysis, Directive, Finding, Severity, Verdicts

CODE = "CL401"

RULES = (
    Rule(
        code=CODE,
        name="unused-suppression",
        severity=Severity.WARNING,
        summary="A claimlint-disable comment suppresses no finding.",
        description=(
            "A `claimlint-disable`, `claimlint-disable-next-line` comment that no longer covers any "
            "finding (the sentence was fixed, cited or moved) hides the next real problem placed "
            "under it. Remove it. Only directives whose codes are all selected in this run are "
            "judged, and directives that may cover Crossref checks are not judged when "
            "verification did not run."
        ),
        why=(
            "A stale suppression comment silently hides whatever is written under it next."
        ),
        limitations=(
            "Directives whose codes are not all selected, or that may cover Crossref checks in a run "
            "without verification, are not judged."
        ),
        fail_example="<!-- claimlint-disable-next-line CL103 -->\nMagnesium is a mineral found in nuts.\n",
        pass_example="<!-- claimlint-disable-next-line CL103 -->\nAbout 48% of adults fall short of magnesium.\n",
    ),
)


def _no_problems(analysis: Analysis, verdicts: Verdicts) -> Iterable[Problem]:
    return ()  # decided after suppression: see unused_suppressions


FAMILY = RuleFamily(rules=RULES, check=_no_problems)


def covers(directive: Directive, code: str) -> bool:
    return not directive.codes or any(code.startswith(c) for c in directive.codes)


def suppressor(code: str, line: int, directives: list[Directive]) -> Directive | None:
    """The directive that suppresses a finding of `code` starting on `line`, if any."""
    for directive in directives:
        if directive.action == "disable-next-line" and directive.line == line - 1 and covers(directive, code):
            return directive
    active: Directive | None = None
    for directive in sorted(directives, key=lambda d: d.line):
        if directive.line >= line:
            break
        if directive.action == "disable-next-line" or not covers(directive, code):
            continue
        active = directive if directive.action == "disable" else None
    return active


def unused_suppressions(
    directives: list[Directive],
    findings: list[Finding],
    judged: Callable[[Directive], bool],
) -> Iterator[Problem]:
    """Problems for disable directives that suppress none of `findings` (judged ones only)."""
    used = {id(d) for f in findings if (d := suppressor(f.code, f.line, directives)) is not None}
    for directive in directives:
        if directive.action == "enable" or id(directive) in used or not judged(directive):
            continue
        codes = ", ".join(directive.codes) or "all codes"
        yield Problem(CODE, f"unused suppression ({directive.action} {codes}): it suppresses no finding; "
                            "remove the comment", directive.span, {"directive": directive.action,
                                                                   "codes": list(directive.codes)})
