"""CL301 missing supplement disclaimer; CL302 disclaimer present but altered or incomplete."""

from __future__ import annotations

from typing import Iterator

from claimlint.checks.base import Problem, Rule, RuleFamily
from claimlint.model import Analysis, Severity, Span, Verdicts

FDA_TEXT = ("These statements have not been evaluated by the Food and Drug Administration. "
            "This product is not intended to diagnose, treat, cure, or prevent any disease.")

RULES = (
    Rule(
        code="CL301",
        name="missing-supplement-disclaimer",
        severity=Severity.ERROR,
        summary="Supplement structure/function claims without the FDA-style disclaimer (21 CFR 101.93(c)).",
        description=(
            "An article that promotes a dietary supplement and says what it does in the body must carry "
            f"the disclaimer, in the article's language: \"{FDA_TEXT}\""
        ),
        fail_example=(
            "Our magnesium capsules support restful sleep and help relax muscles [1].\n\n"
            "Serving size: 2 capsules.\n\n## References\n\n1. Smith J. Sleep. Sleep. 2020;1:1-2.\n"
        ),
        pass_example=(
            "Our magnesium capsules support restful sleep and help relax muscles [1].\n\n"
            "Serving size: 2 capsules.\n\n## References\n\n1. Smith J. Sleep. Sleep. 2020;1:1-2.\n\n"
            f"{FDA_TEXT}\n"
        ),
    ),
    Rule(
        code="CL302",
        name="altered-supplement-disclaimer",
        severity=Severity.WARNING,
        summary="The supplement disclaimer is reworded, reordered or missing one of its two sentences.",
        description=(
            "The disclaimer's wording is fixed by regulation: both sentences, with all four verbs "
            "(diagnose, treat, cure, prevent) in that order."
        ),
        fail_example=(
            "Our magnesium capsules support restful sleep [1].\n\nServing size: 2 capsules.\n\n"
            "## References\n\n1. Smith J. Sleep. Sleep. 2020;1:1-2.\n\n"
            "These statements have not been evaluated by the FDA. This product is not intended to treat or cure any disease.\n"
        ),
        pass_example=(
            "Our magnesium capsules support restful sleep [1].\n\nServing size: 2 capsules.\n\n"
            "## References\n\n1. Smith J. Sleep. Sleep. 2020;1:1-2.\n\n"
            f"{FDA_TEXT}\n"
        ),
    ),
)


def check(analysis: Analysis, verdicts: Verdicts) -> Iterator[Problem]:
    disclaimer = analysis.disclaimer
    if disclaimer.present and (disclaimer.altered or disclaimer.partial):
        what = "only one of its two sentences is present" if disclaimer.partial else \
            "its wording differs from the regulation's (verbs missing or reordered)"
        yield Problem("CL302", f"supplement disclaimer is altered: {what}", disclaimer.span or Span(0, 0))
        return
    if disclaimer.required and not disclaimer.present:
        claim = next((c for c in analysis.claims if c.kind in ("effect", "mechanism")), None)
        span = claim.sentence.span if claim else Span(0, 0)
        cues = ", ".join(disclaimer.reasons[:3])
        yield Problem(
            "CL301",
            f"supplement structure/function claims ({cues}) but no FDA disclaimer "
            f"(\"These statements have not been evaluated by the Food and Drug Administration. …\")",
            span,
            {"reasons": disclaimer.reasons},
        )


FAMILY = RuleFamily(rules=RULES, check=check)
