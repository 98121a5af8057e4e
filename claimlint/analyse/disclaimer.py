"""The FDA-style supplement disclaimer (21 CFR 101.93(c)): is it needed, is it there, is it intact?"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from claimlint.analyse.references import fold
from claimlint.model import Block, Claim, Disclaimer, DisclaimerStatement, Sentence, Span

FULL_SIMILARITY = 0.82


@functools.lru_cache(maxsize=4096)  # rule-pack phrases are normalised once, not per sentence
def normalise(text: str) -> str:
    """Lower case, no accents, punctuation and quotes dropped, "FDA"/"F.D.A." and "&"/"&amp;"
    spelt out: the forms that say the same thing compare equal."""
    text = fold(text)
    text = re.sub(r"\s*&(?:amp;)?\s*", " and ", text)
    text = re.sub(r"\bu\.?\s?s\.?\s+(?=food|fda|f\.d\.a)", "", text)
    text = re.sub(r"\bfda\b|\bf\.\s?d\.\s?a\b\.?", "food and drug administration", text)
    text = re.sub(r"[^\w\s]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


# What may stand before the statement without changing it: markers (*, †) and a short label
# ending in a colon ("Disclaimer:", "Hinweis:", "Aviso legal:").
# Each word ends in white space or the colon: with `\s*` a long run of letters could be split into
# words in cubically many ways (a regex that took minutes on 2 KB).
LEAD = re.compile(r"^[\s*†‡¹]*(?:[^\W\d_][\w'’-]*(?:\s+|(?=:))){0,3}:\s*[*†‡]*\s*|^[\s*†‡¹]+")


def _lead_length(text: str) -> int:
    match = LEAD.match(text)
    return match.end() if match else 0


def _statement_forms(pack: dict[str, Any], which: int) -> list[tuple[str, str]]:
    """(normalised, as written) for every faithful wording of statement 1 or 2 in the pack."""
    spec = pack.get("disclaimer") or {}
    return [(normalise(v), v) for k, v in spec.items() if k.startswith(f"statement_{which}") and isinstance(v, str)]


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


@functools.lru_cache(maxsize=1024)  # a page repeating its disclaimer (a product grid) compares the same texts
def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


@dataclass
class StatementMatch:
    which: tuple[int, ...]
    intact: bool
    faithful: str
    language: str
    differences: list[str]


def statement_match(text: str, packs: list[dict[str, Any]]) -> StatementMatch | None:
    """Which of the disclaimer's sentences the text is (1, 2, or both run together), whether it
    is intact, the closest faithful wording and what differs; None when it is neither."""
    if not _may_be_statement(text, _shortcut(packs)):
        return None
    return _match(text, packs)


def _match(text: str, packs: list[dict[str, Any]]) -> StatementMatch | None:
    normal = normalise(text[_lead_length(text):])
    for pack in packs:
        which = tuple(w for w in (1, 2) if _is_statement(normal, pack, w))
        if not which:
            continue
        pairs = [("", "")]  # (normalised, as written): every faithful wording of what was found
        for w in which:
            pairs = [(f"{n} {fn}".strip(), f"{r} {fr}".strip()) for n, r in pairs for fn, fr in _statement_forms(pack, w)]
        best = max((_similarity(n, normal), r) for n, r in pairs)
        differences = [d for w in which for d in _differences(normal, pack, w)]
        if not differences and best[0] < FULL_SIMILARITY:
            differences.append(f"{_WHERE.get(which, 'it')} is worded differently")
        return StatementMatch(which, not differences, best[1], str(pack.get("language", "en")), differences)
    return None


# Words normalise() writes into a text ("&" -> "and", "FDA" -> "food and drug administration").
_WRITTEN_BY_NORMALISE = ("and", "food", "drug", "administration")


def _shortcut(packs: list[dict[str, Any]]) -> re.Pattern | None:
    return _first_terms_pattern(tuple(terms[0] for pack in packs for which in (1, 2)
                                      for terms in [_key_terms(pack, which)] if terms))


def _may_be_statement(text: str, pattern: re.Pattern | None) -> bool:
    """False when no statement's first key term (`pattern`, from _shortcut) can be in the
    normalised text: a cheap test that spares most sentences normalise() and the comparisons
    (a third of a large page's time)."""
    if pattern is None:
        return True
    if text.isascii():
        return pattern.search(text.lower()) is not None
    # What fold() keeps, and more: its ASCII letters stay in order, other characters go (an
    # ASCII term found in fold()'s text is found here too, and a few more).
    return pattern.search(unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()) is not None


@functools.lru_cache(maxsize=64)
def _first_terms_pattern(first_terms: tuple[tuple[str, ...], ...]) -> re.Pattern | None:
    """Any alternative of the first key terms, searched in the folded text; None (no shortcut)
    unless every alternative is ASCII letters only and no part of a word normalise() writes: then it
    is in the normalised text only if it is in the folded one (normalise() only cuts letter
    runs apart, by the spaces it puts for punctuation)."""
    alternatives = sorted({alternative for term in first_terms for alternative in term})
    if not alternatives or not all(alternative.isalpha() and alternative.isascii() and not any(alternative in word for word in _WRITTEN_BY_NORMALISE)
                                   for alternative in alternatives):
        return None
    return re.compile("|".join(map(re.escape, alternatives)))


def _is_statement(normal: str, pack: dict[str, Any], which: int) -> bool:
    terms = _key_terms(pack, which)
    if not terms or not _has(normal, terms[0]):
        return False
    present = sum(_has(normal, t) for t in terms)
    # half the key terms with the first: a reworded disclaimer ("not intended to diagnose or cure
    # diseases") is an altered one (CL302), not a missing one
    if present >= max(2, (len(terms) + 1) // 2):
        return True
    # statement 1 without the agency ("These statements have not been evaluated."): still it
    return which == 1 and _similarity(normal, _without_agency(pack)) >= 0.85


def _without_agency(pack: dict[str, Any]) -> str:
    form = _statement_forms(pack, 1)[0][0]
    for agency in _key_terms(pack, 1)[1]:
        form = form.replace(agency, " ")
    return re.sub(r"\s+", " ", form).strip()


_WHERE = {(1,): "its first sentence", (2,): "its second sentence"}


def _differences(normal: str, pack: dict[str, Any], which: int) -> list[str]:
    terms = _key_terms(pack, which)
    if which == 1:
        return [] if _has(normal, terms[1]) else [f'"by the Food and Drug Administration" is missing from {_WHERE[(1,)]}']
    missing = [_display(pack, t) for t in terms if not _has(normal, t)]
    if missing:
        listed = " and ".join(f"'{m}'" for m in missing)
        return [f"{listed} {'is' if len(missing) == 1 else 'are'} missing from {_WHERE[(2,)]}"]
    if not _in_order(normal, terms[1:-1]):
        verbs = ", ".join(_display(pack, t) for t in terms[1:-1])
        return [f"the verbs of {_WHERE[(2,)]} are reordered (the regulation's order: {verbs})"]
    return []


def _display(pack: dict[str, Any], term: tuple[str, ...]) -> str:
    """The word of the faithful statement 2 that a key term stands for ("heil" -> "heilen")."""
    wording = str((pack.get("disclaimer") or {}).get("statement_2", ""))
    for word in re.findall(r"\w+", wording):
        if any(alternative in normalise(word) for alternative in term):
            return word
    return term[0]


def _in_order(text: str, words: list[tuple[str, ...]]) -> bool:
    positions = [_where(text, w) for w in words]
    return all(p >= 0 for p in positions) and positions == sorted(positions)


def find_disclaimer(sentences: list[Sentence], packs: list[dict[str, Any]],
                    blocks: list[Block] | None = None) -> list[DisclaimerStatement]:
    """The disclaimer's statements on the page, in page order; marks their sentences. A statement
    broken over two sentences (a line break inside it) is found by reading them together."""
    found: list[DisclaimerStatement] = []
    # Two sentences read together hold a first key term only if one of them does (the space
    # between them is in none).
    shortcut = _shortcut(packs)
    possible = [_may_be_statement(sentence.text, shortcut) for sentence in sentences]
    i = 0
    while i < len(sentences):
        sentence, taken = sentences[i], [sentences[i]]
        match = _match(sentence.text, packs) if possible[i] else None
        if (match is None or not match.intact) and i + 1 < len(sentences):
            joined = (_match(f"{sentence.text} {sentences[i + 1].text}", packs)
                      if possible[i] or possible[i + 1] else None)
            # only a faithful statement counts as broken in two: two unrelated sentences read
            # together could otherwise pass for an altered one
            if joined is not None and joined.intact and (not possible[i + 1] or _match(sentences[i + 1].text, packs) is None):
                match, taken = joined, [sentence, sentences[i + 1]]
        if match is not None and match.which == (2,) and i > 0 and not sentences[i - 1].is_disclaimer:
            before = _reworded_first(sentences[i - 1], packs, blocks)  # "... not been evaluated by a public body."
            if before is not None:
                sentences[i - 1].is_disclaimer = True
                found.append(before)
        if match is not None:
            for part in taken:
                part.is_disclaimer = True
            lead = _lead_length(sentence.text)
            start = sentence.span.start
            if blocks is not None and lead:
                start = blocks[sentence.block_index].span(sentence.clean_start + lead, sentence.clean_end).start
            found.append(DisclaimerStatement(match.which, Span(start, taken[-1].span.end), match.intact,
                                             match.faithful, match.language, match.differences))
        i += len(taken)
    return _best_of_each(found)


def site_disclaimer(site_blocks: list[Block], packs: list[dict[str, Any]], nlp: Any,
                    abbreviations: list[str]) -> list[DisclaimerStatement]:
    """The disclaimer printed around the article (a site's footer, an aside), for a page whose prose
    has none: only the blocks that may hold one are split into sentences."""
    from claimlint.analyse.sentences import split_sentences

    shortcut = _shortcut(packs)
    found: list[DisclaimerStatement] = []
    for block in site_blocks:  # each on its own: two far-apart blocks are no one text
        if _may_be_statement(block.text, shortcut):
            sentences, _ = split_sentences([block], nlp, abbreviations)
            found += find_disclaimer(sentences, packs, [block])
    return _best_of_each(found)


def _reworded_first(sentence: Sentence, packs: list[dict[str, Any]], blocks) -> DisclaimerStatement | None:
    """The sentence just before the disclaimer's second, holding the first's verb ("evaluated",
    "beoordeeld") but no agency: the first statement, reworded."""
    normal = normalise(sentence.text[_lead_length(sentence.text):])
    for pack in packs:
        terms = _key_terms(pack, 1)
        if terms and _has(normal, terms[0]) and _statement_forms(pack, 1):
            faithful = _statement_forms(pack, 1)[0][1]
            lead, span = _lead_length(sentence.text), sentence.span
            if blocks is not None and lead:
                span = Span(blocks[sentence.block_index].span(sentence.clean_start + lead, sentence.clean_end).start, span.end)
            return DisclaimerStatement((1,), span, False, faithful, str(pack.get("language", "en")),
                                       [f"{_WHERE[(1,)]} is worded differently" + (
                                           "" if _has(normal, terms[1]) else ' ("by the Food and Drug Administration" is missing)')])
    return None


def _best_of_each(found: list[DisclaimerStatement]) -> list[DisclaimerStatement]:
    """A page repeating the disclaimer (a product grid) is judged on its best copy."""
    best: dict[tuple[int, ...], DisclaimerStatement] = {}
    for statement in found:
        if statement.which not in best or (statement.intact and not best[statement.which].intact):
            best[statement.which] = statement
    if (1, 2) in best and (best[(1, 2)].intact or not ((1,) in best and (2,) in best)):
        return [best[(1, 2)]]
    kept = [best[w] for w in ((1,), (2,)) if w in best]
    return kept or list(best.values())


def disclaimer_verdict(found: list[DisclaimerStatement], claims: list[Claim], required: bool, reasons: list[str],
                       pack: dict[str, Any], packs: list[dict[str, Any]]) -> Disclaimer:
    """Is the disclaimer there and intact? `required` is the page verdict (analyse.page): the
    page markets a supplement; `reasons` are the page signals it rests on most."""
    structure_function = [c for c in claims if c.kind in ("effect", "mechanism") and not c.sentence.is_disclaimer]
    both = any(s.which == (1, 2) for s in found) or len(found) == 2
    span = Span(min(s.span.start for s in found), max(s.span.end for s in found)) if found else None
    missing = ""
    if found and not both:
        language_pack = next((p for p in packs if p.get("language") == found[0].language), pack)
        absent = 2 if found[0].which == (1,) else 1
        missing = _statement_forms(language_pack, absent)[0][1]
    return Disclaimer(
        required=required,
        present=bool(found),
        altered=both and not all(s.intact for s in found),
        partial=bool(found) and not both,
        span=span,
        reasons=reasons,
        claims=structure_function,
        statements=found,
        missing=missing,
        wording=" ".join(_statement_forms(pack, which)[0][1] for which in (1, 2) if _statement_forms(pack, which)),
    )
