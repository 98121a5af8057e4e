"""CL301 missing supplement disclaimer; CL302 disclaimer present but altered or incomplete."""

from __future__ import annotations

from typing import Iterator

from claimlint.checks.base import Problem, Rule, RuleFamily
from claimlint.config import DISCLAIMER_POLICIES, disclaimer_policy
from claimlint.model import Analysis, Severity, Span, Verdicts

FDA_TEXT = ("These statements have not been evaluated by the Food and Drug Administration. "
            "This product is not intended to diagnose, treat, cure, or prevent any disease.")

# A product page as a shop writes it: claims in its own voice, a price, directions.
PRODUCT_PAGE = (
    "# Magnesium Glycinate, 120 capsules\n\n$24.99 · Add to cart · Free shipping on orders over $35\n\n"
    "Our magnesium capsules support restful sleep and help relax muscles.*\n\n"
    "- Supports muscle recovery after exercise*\n- Helps maintain healthy energy levels*\n"
    "- Promotes a calm mood*\n\n"
    "We make our magnesium glycinate gentle on the stomach, so you can take it every evening.\n\n"
    "Serving size: 2 capsules. Take 2 capsules daily with food.\n"
)

RULES = (
    Rule(
        code="CL301",
        name="missing-supplement-disclaimer",
        severity=Severity.ERROR,
        summary="Supplement structure/function claims without the FDA-style disclaimer (21 CFR 101.93(c)).",
        description=(
            "An article that promotes a dietary supplement and says what it does in the body must carry "
            f"the disclaimer, in the article's language: \"{FDA_TEXT}\" It counts in the article or, on an "
            "HTML page, around it (the site's footer, an aside), where many sites print it once. "
            "`claimlint check --fix` adds it at the end of the article. The `disclaimer` setting (auto, required, off) and the front "
            "matter's `claimlint: {disclaimer: …}` decide which pages must carry it."
        ),
        why=(
            "21 CFR 101.93(c) requires it next to every structure/function claim for a dietary "
            "supplement; its absence is among the first things a regulator or marketplace checks."
        ),
        limitations=(
            "Whether a page markets a supplement is a judgement from page signals (claims in its own "
            "voice, product words, prices, directions, * markers, a reporting voice) learned from "
            "labelled pages; it is right on three pages in four to nine in ten that nobody tuned it to "
            "(benchmarks/README.md). List your products (`vocabulary.products`) or set "
            "`disclaimer = \"required\"` or `\"off\"` (config, overrides, front matter) where you know."
        ),
        fail_example=PRODUCT_PAGE,
        pass_example=f"{PRODUCT_PAGE}\n*{FDA_TEXT}\n",
    ),
    Rule(
        code="CL302",
        name="altered-supplement-disclaimer",
        severity=Severity.WARNING,
        summary="The supplement disclaimer is reworded, reordered or missing one of its two sentences.",
        description=(
            "The disclaimer's wording is fixed by regulation: both sentences, with all four verbs "
            "(diagnose, treat, cure, prevent) in that order. Equivalent forms (FDA, &amp;, curly quotes, "
            "line breaks, a leading \"Disclaimer:\") are not altered. `claimlint check --fix` puts the "
            "faithful wording back."
        ),
        why=(
            "The regulation fixes the wording; a reworded disclaimer (\"not approved by health "
            "authorities\") does not do its job and invites the question what else was changed."
        ),
        limitations=(
            "Equivalent forms (& or &amp;, F.D.A., curly quotes, a line break, a leading * or label) "
            "are accepted; translations are compared with claimlint's own wording in each language."
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


CLAIMS_LISTED = 3
CLAIM_EXCERPT = 60


def check(analysis: Analysis, verdicts: Verdicts) -> Iterator[Problem]:
    disclaimer = analysis.disclaimer
    if disclaimer.policy == "off":
        return
    if disclaimer.present and (disclaimer.altered or disclaimer.partial):
        differences = _differences(disclaimer)
        yield Problem("CL302", f"supplement disclaimer is altered: {'; '.join(differences)}",
                      disclaimer.span or Span(0, 0), {"differences": differences})
        return
    if disclaimer.required and not disclaimer.present:
        claims = disclaimer.claims
        first = (disclaimer.wording or FDA_TEXT).split(". ")[0]
        message = f"no FDA disclaimer (\"{first}. …\")"
        if disclaimer.policy == "required":
            message += f"; it is required by {disclaimer.policy_origin}"
        if claims:
            index = analysis.document.index
            listed = ", ".join(f"\"{_short(c.sentence.text)}\" (line {index.position(c.sentence.span.start)[0]})"
                               for c in claims[:CLAIMS_LISTED])
            more = f" and {len(claims) - CLAIMS_LISTED} more" if len(claims) > CLAIMS_LISTED else ""
            message = f"supplement structure/function claims {listed}{more}, but {message}"
        yield Problem("CL301", message, claims[0].sentence.span if claims else Span(0, 0),
                      {"reasons": disclaimer.reasons, "policy": disclaimer.policy})


def _differences(disclaimer) -> list[str]:
    found = [d for s in disclaimer.statements for d in s.differences]
    if disclaimer.partial:
        absent = "first" if disclaimer.statements[0].which == (2,) else "second"
        found.append(f"its {absent} sentence is missing (\"{disclaimer.missing}\")")
    return found or ["it is worded differently"]


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= CLAIM_EXCERPT else text[: CLAIM_EXCERPT - 1] + "…"


def apply_policy(analysis: Analysis, policy: str = "auto", origin: str = "") -> None:
    """The `disclaimer` policy decides over the page's own verdict: the front matter's
    `claimlint: {disclaimer: …}` first, then the config (per-file overrides included)."""
    document = analysis.document
    settings = (document.front_matter or {}).get("claimlint")
    if isinstance(settings, dict) and "disclaimer" in settings:
        chosen = disclaimer_policy(settings["disclaimer"])
        if chosen is None:
            note = (f"front matter claimlint.disclaimer must be one of {', '.join(DISCLAIMER_POLICIES)}, "
                    f"not {settings['disclaimer']!r}; ignored")
            if note not in document.notes:
                document.notes.append(note)
        else:
            _set_policy(analysis, chosen, f"`claimlint: {{disclaimer: {chosen}}}` in the front matter")
            return
    _set_policy(analysis, policy, f'disclaimer = "{policy}" in {origin}' if origin else "")


def _set_policy(analysis: Analysis, policy: str, origin: str) -> None:
    """The policy says whether the page markets a supplement: CL303 (disease claims) follows it too."""
    disclaimer = analysis.disclaimer
    disclaimer.policy, disclaimer.policy_origin = policy, origin
    if policy == "required":
        disclaimer.required = analysis.markets_supplement = analysis.markets_supplement_surely = True
    elif policy == "off":
        disclaimer.required = analysis.markets_supplement = analysis.markets_supplement_surely = False


FAMILY = RuleFamily(rules=RULES, check=check)
