"""The FDA-style supplement disclaimer (21 CFR 101.93(c)): is it needed, is it there, is it intact?"""

from __future__ import annotations

import difflib
import functools
import re
from typing import Any

from claimlint.analyse.references import fold
from claimlint.model import Claim, Disclaimer, Sentence, Span

FULL_SIMILARITY = 0.82


@functools.lru_cache(maxsize=4096)  # rule-pack phrases are normalised once, not per sentence
def normalise(text: str) -> str:
    text = fold(text)
    text = re.sub(r"\bu\.?\s?s\.?\s+(?=food)", "", text)
    text = re.sub(r"\bfda\b|\bf\.d\.a\.?", "food and drug administration", text)
    text = re.sub(r"[^\w\s]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _statement_forms(pack: dict[str, Any], which: int) -> list[str]:
    spec = pack.get("disclaimer") or {}
    return [normalise(v) for k, v in spec.items() if k.startswith(f"statement_{which}") and isinstance(v, str)]


def _key_terms(pack: dict[str, Any], which: int) -> list[tuple[str, ...]]:
    """Each key term is a tuple of alternatives ("bewertet|geprüft" in the pack)."""
    terms = (pack.get("disclaimer") or {}).get(f"key_terms_{which}", [])
    return _normalised_terms(tuple(str(t) for t in terms))


@functools.lru_cache(maxsize=64)  # asked for every sentence; the packs never change in a run
def _normalised_terms(terms: tuple[str, ...]) -> list[tuple[str, ...]]:
    return [tuple(normalise(a) for a in t.split("|") if a.strip()) for t in terms]


def _has(text: str, term: tuple[str, ...]) -> bool:
    return any(alternative in text for alternative in term)


def _where(text: str, term: tuple[str, ...]) -> int:
    return min((p for p in (text.find(a) for a in term) if p >= 0), default=-1)


def statement_match(text: str, packs: list[dict[str, Any]]) -> tuple[int, bool] | None:
    """(1 or 2, intact?) when the text is one of the disclaimer's sentences, else None."""
    normal = normalise(text)
    for pack in packs:
        for which in (1, 2):
            terms = _key_terms(pack, which)
            if not terms:
                continue
            present = [t for t in terms if _has(normal, t)]
            if len(present) < max(2, len(terms) - 2) or not _has(normal, terms[0]):
                continue
            forms = _statement_forms(pack, which)
            best = max((difflib.SequenceMatcher(None, form, normal).ratio() for form in forms), default=0)
            intact = best >= FULL_SIMILARITY and len(present) == len(terms)
            if which == 2 and intact:
                intact = _in_order(normal, terms[1:-1])
            return which, intact
    return None


def _in_order(text: str, words: list[tuple[str, ...]]) -> bool:
    positions = [_where(text, w) for w in words]
    return all(p >= 0 for p in positions) and positions == sorted(positions)


def find_disclaimer(sentences: list[Sentence], packs: list[dict[str, Any]]) -> tuple[Span | None, bool, bool]:
    """(span of the disclaimer, both statements present, both intact); marks its sentences."""
    found: dict[int, tuple[Sentence, bool]] = {}
    for sentence in sentences:
        match = statement_match(sentence.text, packs)
        if match:
            which, intact = match
            sentence.is_disclaimer = True
            if which not in found or (intact and not found[which][1]):
                found[which] = (sentence, intact)
    if not found:
        return None, False, False
    spans = [s.span for s, _ in found.values()]
    span = Span(min(s.start for s in spans), max(s.end for s in spans))
    both = len(found) == 2
    return span, both, both and all(intact for _, intact in found.values())


URL_KEYS = ("source_url", "url", "canonical", "canonical_url", "permalink")


def page_url(front_matter: dict[str, Any] | None) -> str:
    for key in URL_KEYS:
        value = (front_matter or {}).get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def disclaimer_verdict(
    found: tuple[Span | None, bool, bool], claims: list[Claim], full_text: str, source: str,
    pack: dict[str, Any], packs: list[dict[str, Any]], url: str = "",
) -> Disclaimer:
    """Required = the page markets a supplement (at least one *strong* marketing cue: a product
    panel, a cart, "our formula", claims marked with *, an EU-authorised claim, a shop URL) and
    makes structure/function claims. Weak cues (the words "capsules", "supplement") are reported
    as reasons but never make an explainer that merely mentions supplements require it."""
    span, both, intact = found  # find_disclaimer's answer
    strong, weak = _supplement_reasons(full_text, source, url, pack, packs)
    structure_function = [c for c in claims if c.kind in ("effect", "mechanism") and not c.sentence.is_disclaimer]
    required = bool(strong) and bool(structure_function)
    if span is not None and not required and (strong or weak) and structure_function:
        required = True  # a page that carries the disclaimer is selling: hold it to the full text
    return Disclaimer(
        required=required,
        present=span is not None,
        altered=span is not None and both and not intact,
        partial=span is not None and not both,
        span=span,
        reasons=strong + [w for w in weak if w not in strong],
    )


def _supplement_reasons(full_text: str, source: str, url: str, pack: dict[str, Any],
                        packs: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """(strong, weak) marketing cues found on the page."""
    spec = pack.get("supplement") or {}
    strong = _hits(full_text, spec.get("strong", {}).get("regex", []))
    weak = _hits(full_text, spec.get("product", {}).get("regex", []))
    if len(re.findall(r"[.!)]\*(?:\s|$)", source)) >= 2:
        strong.append("claims marked with *")
    if url:
        patterns = [p for each in packs for p in (each.get("supplement") or {}).get("url", {}).get("regex", [])]
        strong += [f"shop URL ({hit})" for hit in _hits(url, list(dict.fromkeys(patterns)))]
    return strong, weak


def _hits(text: str, patterns: list[str]) -> list[str]:
    hits: list[str] = []
    for pattern in patterns:
        for match in re.finditer(pattern, text, re.I):
            word = match.group(0).lower()
            if word not in hits:
                hits.append(word)
    return hits
