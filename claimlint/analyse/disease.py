"""Disease claims (21 CFR 101.93(g)(2)): a sentence that claims an effect on a disease.

On a page that markets a supplement such a sentence makes the product an unapproved drug; no
disclaimer covers it. Judged from lexicon classes, so every finding can say which disease and
which verb it saw:

- a drug-claim verb (cure, treat, prevent, heal, fight) on a condition: always a disease claim;
- any other effect verb on a condition, unless structure/function qualifiers frame it
  ("helps maintain healthy ... already within the normal range", "occasional");
- an effect on two or more symptoms with no qualifier (a disease implied by its signs);
- a product class or drug named as what the supplement is or replaces ("a natural
  antidepressant", "an alternative to statins"), outside advice and warnings;
- a condition named in a product name ("Arthritis Formula").

What it cannot judge: whether a publication title cited in a claim names a disease, claims made
by images, and whether a condition word is used for a normal state (it errs towards flagging).
"""

from __future__ import annotations

import re

from claimlint.model import DiseaseClaim

# "does not cure", "no supplement can treat", "geneest niet": a denial is no claim
NEGATION = re.compile(r"\b(?:no|not|never|cannot|can't|doesn't|don't|won't|isn't|aren't|niet|geen|nooit|nicht|"
                      r"keine?[nrms]?|nie|ne|pas|jamais|ni|nunca|tampoco|sin)\b", re.I)
STRONG = "disease_verb"
NAMED = "effect on a named disease"
CURES = "a drug-claim verb on a named disease"  # cure, treat, prevent, heal, fight
EFFECT = ("disease_verb", "effect", "hedge")


def _first(view, classes, avoid: set[int] = frozenset()):
    for hit in view.hits:
        if hit.cls in classes and not set(range(hit.start, hit.end)) & avoid:
            return hit
    return None


def judge(view) -> DiseaseClaim | None:
    """The disease claim a sentence (a claims.View) makes, if any."""
    classes = view.classes
    sentence = view.sentence
    if "reporting" in classes or sentence.is_disclaimer or sentence.in_references \
            or NEGATION.search(sentence.text):
        return None
    condition = _first(view, ("condition",))
    if condition is not None:
        taken = set(range(condition.start, condition.end))
        strong = _first(view, (STRONG,), taken)
        if strong is not None:
            return DiseaseClaim(view.sentence, condition.text, strong.text, CURES)
        verb = _first(view, EFFECT, taken)
        # a qualifier frames the condition when it stands just before it or between verb and it
        # ("relieves occasional sleeplessness"), not when it belongs to another clause
        start = min(condition.start - 3, verb.start if verb is not None else condition.start)
        qualified = any(h.cls == "qualifier" and start <= h.start < condition.start for h in view.hits)
        if verb is not None and not qualified:
            return DiseaseClaim(view.sentence, condition.text, verb.text, NAMED)
        if condition.text.lower().startswith("anti"):
            return DiseaseClaim(view.sentence, condition.text, "", "a product class implying a disease")
        aim = next((h for h in view.hits if h.cls == "aim" and 0 <= condition.start - h.end <= 2), None)
        if aim is not None and not qualified:
            return DiseaseClaim(view.sentence, condition.text, aim.text, "a product aimed at a disease")
        product = _first(view, ("product",), taken)
        if product is not None and abs(product.start - condition.end) <= 1 and not qualified:
            return DiseaseClaim(view.sentence, condition.text, product.text, "a product name implying a disease")
        if product is not None and product.start == condition.start:  # one hyphenated word: arthrose-formel
            return DiseaseClaim(view.sentence, condition.text, "", "a product name implying a disease")
    drug = _first(view, ("drug",))
    if drug is not None and not classes & {"advice", "research"}:  # a warning or a study names drugs
        verb = _first(view, EFFECT, set(range(drug.start, drug.end)))
        # said to be one ("a natural antidepressant"), to replace one or do what one does
        return DiseaseClaim(view.sentence, drug.text, verb.text if verb else "", "a drug's use or class claimed")
    # distinct symptoms: overlapping hits ("muscle cramps", "cramps") and repeats count once
    covered: set[int] = set()
    symptoms: list[str] = []
    for hit in sorted((h for h in view.hits if h.cls == "symptom"), key=lambda h: (h.start - h.end, h.start)):
        if not covered & set(range(hit.start, hit.end)) and hit.text.lower() not in (s.lower() for s in symptoms):
            symptoms.append(hit.text)
        covered |= set(range(hit.start, hit.end))
    if len(symptoms) >= 2 and "qualifier" not in classes:
        verb = _first(view, EFFECT)
        if verb is not None:
            return DiseaseClaim(view.sentence, " and ".join(symptoms[:2]), verb.text,
                                "a disease implied by its signs or symptoms")
    return None
