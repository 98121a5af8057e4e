"""The lexicon classes, and a user's additions to them (config `vocabulary`).

Kept apart from analyse/lexicon.py so that reading a config never imports the analyser.
"""

from __future__ import annotations

from dataclasses import dataclass

CLASSES = {
    "substance": "supplements, vitamins, minerals, herbs and other bioactive substances",
    "food": "foods and drinks that health claims are made about",
    "product": "generic supplement product words (capsule, formula, extract)",
    "condition": "diseases, disorders and abnormal conditions",
    "symptom": "signs, symptoms and everyday complaints",
    "body": "body parts, organs, systems and physiological functions",
    "effect": "verbs and phrases stating an effect",
    "disease_verb": "the drug-claim verbs of 21 CFR 101.93(g): cure, treat, prevent, ...",
    "mechanism": "verbs and phrases of physiological mechanism",
    "research": "appeals to research",
    "hedge": "hedges and modal claims",
    "population": "groups of people",
    "quantity": "words that make a number about health (risk, prevalence, dose)",
    "commerce": "shop and marketing words",
    "reporting": "a sceptical or reporting voice",
    "advice": "advice and instruction markers",
    "voice": "first-person plural, a brand's own voice (we, our)",
    "drug": "drug classes and drug names (antidepressant, statins, ibuprofen)",
    "qualifier": "structure/function qualifiers (healthy, normal, occasional, maintain)",
    "meta": "sentences about the article itself (in this article, read more)",
    "regulatory": "regulators and regulatory facts (EFSA, authorised health claims)",
    "aim": "prepositions that aim a product at something (against, for)",
    "promo": "a brand selling its product: quality claims, certifications, calls to buy",
    "medicine": "medicines in general (medication, Arzneimittel): a claim only when the product replaces one",
    "marker": "measured risk markers (cholesterol, blood pressure, blood sugar): lowering one treats a condition",
    "sign": "adjectives of a sign of disease (swollen, itchy, scaly): a symptom next to a body part",
    "augment": "verbs of making a medicine work better (boosts the effect of): a drug-augmenting claim",
    "replace": "verbs of replacing or dropping a medicine (ditch, stop taking, no need for): a drug substitute claim",
}


class LexiconError(ValueError):
    """A lexicon file or vocabulary that does not follow the format (unknown class, bad term)."""


def check_term(term: str) -> str:
    """The term normalised (lower case, single spaces), or LexiconError: `*` only at the start or
    end of a single word, or at the end of a phrase's last word."""
    term = " ".join(str(term).lower().replace("’", "'").split())
    bare = term.strip("*")
    if not bare:
        raise LexiconError(f"empty term {term!r}")
    if "*" in bare:
        raise LexiconError(f"{term!r}: * only at the start or end of a term")
    if " " in term and term.startswith("*"):
        raise LexiconError(f"{term!r}: in a phrase only the last word may end with *")
    return term


@dataclass(frozen=True)
class Vocabulary:
    """A user's additions (config `vocabulary`): terms per class, product names, names to ignore."""

    terms: tuple[tuple[str, tuple[str, ...]], ...] = ()
    products: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    @classmethod
    def from_config(cls, value: dict | None) -> "Vocabulary":
        """Checked: an unknown key is an error, not silence."""
        if value is None:
            return cls()
        if not isinstance(value, dict):
            raise LexiconError("vocabulary must be a table of class = [terms]")
        terms, products, ignore = [], (), ()
        for key, items in value.items():
            if not isinstance(items, list) or not all(isinstance(t, str) for t in items):
                raise LexiconError(f"vocabulary.{key} must be a list of strings")
            if key not in ("products", "ignore"):
                for term in items:
                    check_term(term)
            if key == "products":
                products = tuple(items)
            elif key == "ignore":
                ignore = tuple(items)
            elif key in CLASSES:
                terms.append((key, tuple(items)))
            else:
                known = ", ".join(["products", "ignore", *CLASSES])
                raise LexiconError(f"unknown vocabulary key {key!r} (known: {known})")
        return cls(tuple(sorted(terms)), products, ignore)

    def merged(self, other: "Vocabulary") -> "Vocabulary":
        terms = dict(self.terms)
        for cls, items in other.terms:
            terms[cls] = terms.get(cls, ()) + items
        return Vocabulary(tuple(sorted(terms.items())), self.products + other.products, self.ignore + other.ignore)
