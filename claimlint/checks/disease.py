"""CL303: a disease claim on a page that markets a supplement (21 CFR 101.93(g)(2))."""

from __future__ import annotations

from typing import Iterator

from claimlint.checks.base import Problem, Rule, RuleFamily
from claimlint.model import Analysis, Severity, Verdicts

RULES = (
    Rule(
        code="CL303",
        name="disease-claim",
        severity=Severity.ERROR,
        summary="A supplement page claims to cure, treat, mitigate or prevent a disease: a drug claim.",
        description=(
            "A dietary supplement may claim to support a structure or function of the body (with the "
            "disclaimer). It may not claim to diagnose, treat, cure, mitigate or prevent a disease, with "
            "or without the disclaimer (21 CFR 101.93(g)(2)): that makes it an unapproved drug, and it is "
            "what most FDA and FTC warning letters cite. claimlint flags, on pages that market a "
            "supplement: an effect on a named disease (\"relieves arthritis pain\", \"prevents heart "
            "disease\", \"fights infection\", \"say goodbye to arthritis\"); a drug-claim verb on a symptom, "
            "or an effect on several symptoms or signs that together imply a disease (\"stiff, swollen "
            "knees every morning\"), also as a question the product answers; an effect on a risk marker, "
            "or a risk marker said to be high (\"lowers cholesterol\", \"cholesterol too high? ...\": an "
            "abnormal condition); a drug class or drug the product is said to be or replace (\"a natural "
            "antidepressant\", \"an alternative to statins\", \"ditch your sleeping pills\"); a disease in a "
            "product name (\"Arthritis Formula\", \"ArthriCare, 120 capsules\", \"DiabeStop\"); the product "
            "offered to people with a disease (\"for people living with lupus\"); a customer's or the "
            "writer's own account of a disease gone or under control, also told over two sentences (\"My "
            "son had asthma attacks every week. Since he takes ..., not one.\"), or blood pressure read "
            "before and after; a pharmacist's or naturopath's advice to take the brand's own product for a "
            "disease; the product's effect in the sentence after one naming a disease (\"Psoriasis can feel "
            "endless. Our capsules calm the flare-ups.\"); a publication title naming "
            "a disease, quoted or cited by a marker ([1]) for what the product does. Use instead: structure/function wording (\"supports joint comfort\", \"helps "
            "maintain healthy cholesterol levels already within the normal range\", \"relieves "
            "occasional sleeplessness\"). Not flagged: warnings and contraindications (\"ask your doctor "
            "if you have kidney disease\"), founders' stories, donations and a relative's illness told "
            "without an effect, suitability (\"gluten-free, so my coeliac son can have it\", also a "
            "question answered yes), questions answered no, refused or referred to a doctor, what the "
            "product works without (\"no drowsiness\"), being prone to a disease, a disease medicine "
            "treats (\"common and treatable\", \"treated in hospital\"), a drug named with no product "
            "beside it, and nutrient-deficiency diseases (scurvy, iron-deficiency anaemia: 21 CFR 101.93(g)(1)). "
            "It cannot judge: a reference cited without a marker, images, "
            "testimonials introduced by a reporting verb (\"..., says Ann\"), a single symptom described "
            "in everyday words (\"burning in your chest after dinner\"), and whether a condition word "
            "names a normal state beyond those it knows (menopause, PMS, jet lag, morning sickness); pages that only report or explain "
            "(news, hospitals, government) are not checked. The `disclaimer` setting decides it where "
            "you know: \"required\" pages are always checked, \"off\" pages never."
        ),
        why=(
            "A disease claim turns a supplement into an unapproved drug in the eyes of the FDA and FTC; "
            "it is what most warning letters to supplement sellers cite, and the disclaimer does not cover it."
        ),
        limitations=(
            "Judged from vocabulary (conditions, symptoms and signs, drug-claim verbs, drug names, "
            "verbs of replacing a medicine, structure/function qualifiers, risk markers in "
            "rules/lexicon/<lang>.yaml; negations, first-person, story and free-from words in "
            "rules/<lang>.yaml); it cannot read a reference cited "
            "without a marker, images or a reported testimonial, and it is only as sure as the page verdict that the page markets a "
            "supplement (under the `auto` policy, only pages it is sure of, held-out precision 0.95, whose own "
            "text sells: a price, shop words, \"our\" next to a product, a pack size, a marker)."
        ),
        fail_example=(
            "# Joint Formula, 90 capsules\n\n$29.99 · Add to cart\n\n"
            "Our turmeric capsules relieve arthritis pain and support joint comfort.*\n\n"
            "- Supports flexible, comfortable joints*\n\nServing size: 2 capsules. Take 2 capsules daily with food.\n\n"
            "*These statements have not been evaluated by the Food and Drug Administration. This product "
            "is not intended to diagnose, treat, cure, or prevent any disease.\n"
        ),
        pass_example=(
            "# Joint Formula, 90 capsules\n\n$29.99 · Add to cart\n\n"
            "Our turmeric capsules support joint comfort and flexibility.*\n\n"
            "- Supports flexible, comfortable joints*\n\nServing size: 2 capsules. Take 2 capsules daily with food.\n\n"
            "*These statements have not been evaluated by the Food and Drug Administration. This product "
            "is not intended to diagnose, treat, cure, or prevent any disease.\n"
        ),
    ),
)


def check(analysis: Analysis, verdicts: Verdicts) -> Iterator[Problem]:
    if not analysis.markets_supplement_surely:
        return
    for found in analysis.disease_claims:
        what = f'"{found.verb}" on "{found.disease}"' if found.verb else f'"{found.disease}"'
        message = f"disease claim: {what} ({found.criterion}); a supplement may only claim structure/function effects"
        yield Problem("CL303", message, found.sentence.span,
                      {"disease": found.disease, "verb": found.verb, "criterion": found.criterion})


FAMILY = RuleFamily(rules=RULES, check=check)
