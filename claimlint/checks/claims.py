"""CL1xx: sentences that make a health claim and carry no citation."""

from __future__ import annotations

from typing import Iterator

from claimlint.checks.base import Problem, Rule, RuleFamily
from claimlint.model import Analysis, Claim, Severity, Verdicts

RULES = (
    Rule(
        code="CL101",
        name="uncited-health-effect",
        severity=Severity.ERROR,
        summary="A sentence claims a health effect (hedged or not) and cites nothing.",
        description=(
            "Claims that a substance, food, supplement or behaviour helps, reduces, supports, prevents "
            "or causes something in the body need a source, hedged or not (\"may help reduce cramps\"). "
            "A marker in the sentence or a link inside it cites it; a reference list elsewhere does not."
        ),
        why=(
            "A reader cannot check an unsourced health claim, and a hedge (\"may\", \"can\") does not "
            "make it less of a claim: health advice without evidence can lead people to take, or stop"
            " taking, something that matters."
        ),
        limitations=(
            "Claims are judged by a model trained on labelled pages, over the health vocabulary in "
            "rules/lexicon/<lang>.yaml: a sentence needs a health subject from those lists (add your "
            "own with the `vocabulary` setting), an unusual phrasing can be missed, and background "
            "facts can be flagged (about one finding in five is arguable on unseen pages, "
            "benchmarks/README.md). Suppress a false positive with a claimlint-disable-next-line comment."
        ),
        fail_example="Magnesium may help reduce muscle cramps at night.\n",
        pass_example="Magnesium may help reduce muscle cramps at night [1].\n\n## References\n\n1. Smith J. Magnesium and cramps. Sleep. 2020;1:1-2.\n",
    ),
    Rule(
        code="CL102",
        name="uncited-research-claim",
        severity=Severity.ERROR,
        summary="A sentence appeals to research (\"studies show\") and cites none.",
        description=(
            "\"Studies show\", \"clinical research suggests\", \"has been shown to\": an appeal to research "
            "must name the research. Cite the study in the sentence itself."
        ),
        why=(
            "\"Studies show\" borrows the authority of research without letting anyone look at it; "
            "readers cannot tell a trial from a press release."
        ),
        limitations=(
            "Only the sentence itself is searched for a citation: a source cited in the previous "
            "sentence does not count, and a reference list without markers cites nothing."
        ),
        fail_example="Studies show that vitamin D lowers the risk of fractures.\n",
        pass_example="Studies show that vitamin D lowers the risk of fractures (Yao et al., 2019).\n",
    ),
    Rule(
        code="CL103",
        name="uncited-statistic",
        severity=Severity.ERROR,
        summary="A sentence states a statistic or quantity about people or health and cites nothing.",
        description=(
            "Percentages, prevalences, \"more than 300 enzymes\", \"1 in 3 adults\", daily requirements: "
            "numbers about people and health need their source."
        ),
        why=(
            "Numbers look precise and are repeated; an unsourced number is the hardest claim for a "
            "reader to question and the easiest to get wrong."
        ),
        limitations=(
            "Numbers that are not about people or health (dates, doses in a recipe, page counts) are "
            "usually recognised and skipped, but not always."
        ),
        fail_example="About 50-70% of adults do not get enough magnesium.\n",
        pass_example="About 50-70% of adults do not get enough magnesium.[2]\n\n## References\n\n2. Doe A. Intake survey. Nutrients. 2019;3:4-5.\n",
    ),
    Rule(
        code="CL104",
        name="uncited-mechanism",
        severity=Severity.ERROR,
        summary="A sentence describes a physiological mechanism and cites nothing.",
        description=(
            "How the body works (\"magnesium regulates NMDA receptors\", \"plays a key role in muscle "
            "function\") is a factual claim a reader should be able to check."
        ),
        why=(
            "A mechanism makes a claim sound settled science. Many popular mechanisms are simplified "
            "or wrong, so the reader needs the source."
        ),
        limitations=(
            "Mechanism sentences are recognised by vocabulary (receptors, hormones, enzymes, "
            "regulates, …): general biology stated as background may be flagged too."
        ),
        fail_example="Magnesium plays a key role in muscle function by regulating calcium flow in cells.\n",
        pass_example="Magnesium plays a key role in muscle function by regulating calcium flow in cells <sup>3</sup>.\n",
    ),
)
CODE_BY_KIND = {"effect": "CL101", "research": "CL102", "statistic": "CL103", "mechanism": "CL104"}
LABEL_BY_KIND = {"effect": "health-effect", "research": "research", "statistic": "statistic",
                 "mechanism": "mechanism"}


def is_cited(claim: Claim) -> bool:
    sentence = claim.sentence
    return bool(sentence.markers) or any(_is_source_link(link) for link in sentence.links)


def _is_source_link(target: str) -> bool:
    target = target.strip().lower()
    return target.startswith(("http://", "https://", "doi:", "//")) or "doi.org/" in target


def message(claim: Claim) -> str:
    """Why the sentence is a claim, in the words it uses: the health subject and the effect,
    number or research appeal found next to it."""
    subject, reason = claim.subject, claim.reason
    label = LABEL_BY_KIND[claim.kind]
    if subject and reason:
        why = f'"{reason}" about "{subject}"' if claim.kind in ("research", "statistic") else f'"{subject}" + "{reason}"'
    else:
        why = f'about "{subject}"' if subject else (f'"{reason}"' if reason else "")
    return f"uncited {label} claim{': ' + why if why else ''}; cite a source in this sentence"


def check(analysis: Analysis, verdicts: Verdicts) -> Iterator[Problem]:
    # Short: why it is a claim (subject + effect, number or research appeal); the advice on what
    # counts as a citation is on the rule's docs page.
    for claim in analysis.claims:
        if is_cited(claim):
            continue
        yield Problem(CODE_BY_KIND[claim.kind], message(claim), claim.sentence.span,
                      {"kind": claim.kind, "cues": claim.cues, "score": round(claim.score, 3)})


FAMILY = RuleFamily(rules=RULES, check=check)
