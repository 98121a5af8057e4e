"""Which sentences make a health claim: the rule pack's cue groups, interpreted generically.

The rule pack (rules/<lang>.yaml) names cue groups (phrases, lemmas, stems, Matcher patterns,
regexes, sentence starts); claim kinds and exclusions are combinations of groups. Nothing about
any language is written here.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from claimlint.model import BlockKind, Claim, Sentence

# Kinds in the order that names a sentence matching several (the most checkable first).
KIND_ORDER = ("research", "statistic", "mechanism", "effect")
STRIP_LEAD = re.compile(r"^[\s\-–—•*·\"'“‘„«‹¿¡(\[]+")
MIN_WORDS = 4
# breadcrumbs and menu bars ("Home > Sleep > Melatonin", "Health · Sleep · Food"): navigation, not prose
NAV_SEPARATOR = re.compile(r"\s[·|>»/]\s")


@dataclass
class CueMatcher:
    pack: dict[str, Any]
    phrase_matcher: Any
    matcher: Any
    groups: dict[str, dict[str, Any]]
    regexes: dict[str, list[re.Pattern]]


@functools.lru_cache(maxsize=None)
def cue_matcher(language: str, nlp: Any) -> CueMatcher:
    """The rule pack's cue groups compiled for one pipeline (cached: built once per process)."""
    from spacy.matcher import Matcher, PhraseMatcher

    from claimlint.analyse.rules import rule_pack

    pack = rule_pack(language)
    groups: dict[str, dict[str, Any]] = {}
    for section in ("cues", "exclusions"):
        for name, spec in (pack.get(section) or {}).items():
            groups[name] = dict(spec or {})
    phrase_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher = Matcher(nlp.vocab)
    regexes: dict[str, list[re.Pattern]] = {}
    for name, spec in groups.items():
        phrases = [str(p) for p in spec.get("phrases", [])]
        if phrases:
            phrase_matcher.add(name, list(nlp.tokenizer.pipe(phrases)))
        patterns = spec.get("patterns") or []
        if patterns:
            matcher.add(name, patterns)
        regexes[name] = [re.compile(r, re.I) for r in spec.get("regex", [])]
        # case-sensitive regexes on the sentence as written (ALL-CAPS benefit bullets)
        spec["_cased"] = tuple(re.compile(r) for r in spec.get("regex_cased", []))
        spec["_lemmas"] = frozenset(str(x).lower() for x in spec.get("lemmas", []))
        stems = [str(x).lower() for x in spec.get("stems", [])]
        spec["_stems"] = tuple(x for x in stems if " " not in x)
        # a "stem" of several words ("kleinere kans", "presión arterial") cannot be one token's
        # prefix: it is matched on the sentence text, from the start of a word
        multi = sorted({x for x in stems if " " in x}, key=len, reverse=True)
        spec["_multi"] = re.compile(r"\b(?:" + "|".join(map(re.escape, multi)) + ")") if multi else None
        long_stems = sorted({x for x in spec["_stems"] if len(x) >= 5}, key=len, reverse=True)
        spec["_inside"] = re.compile("|".join(map(re.escape, long_stems))) if long_stems else None
        spec["_starts"] = tuple(str(x).lower() for x in spec.get("starts", []))
    return CueMatcher(pack, phrase_matcher, matcher, groups, regexes)


def groups_in(doc: Any, cues: CueMatcher) -> list[tuple[int, str, str]]:
    """(start token, end token, group name, matched text) for phrase and pattern matches in a block's Doc."""
    vocab = doc.vocab
    hits = []
    matches = list(cues.phrase_matcher(doc))
    if len(cues.matcher):
        matches += cues.matcher(doc)
    for match_id, start, end in matches:
        hits.append((start, end, vocab.strings[match_id], doc[start:end].text))
    return hits


class GroupHits(dict):
    """Cue group -> the first text that matched it (for messages), plus the token indices each
    group matched (None = matched by regex/start, anywhere in the sentence)."""

    def __init__(self) -> None:
        super().__init__()
        self.positions: dict[str, set[int | None]] = {}

    def hit(self, name: str, text: str, position: int | None) -> None:
        self.setdefault(name, text)
        self.positions.setdefault(name, set()).add(position)


def sentence_groups(sentence: Sentence, doc: Any, block_hits, cues: CueMatcher) -> GroupHits:
    """Cue groups matching one sentence."""
    found = GroupHits()
    span = doc.char_span(sentence.clean_start, sentence.clean_end, alignment_mode="expand")
    if span is None:
        return found
    for start, end, name, text in block_hits:
        if span.start <= start < span.end:
            for token_index in range(start, min(end, span.end)):
                found.hit(name, text, token_index)
    text_lower = sentence.text.lower()
    lead = STRIP_LEAD.sub("", text_lower)
    lead_at = len(text_lower) - len(lead)
    for name, spec in cues.groups.items():
        lemmas, stems = spec["_lemmas"], spec["_stems"]
        if lemmas or stems or spec["_multi"] is not None:
            inside = spec["_inside"]
            for token in span:
                lower = token.lower_
                if lower in lemmas or token.lemma_ in lemmas or (stems and lower.startswith(stems)) or (
                        inside is not None and inside.search(lower)):
                    found.hit(name, token.text, token.i)
            if name not in found and spec["_multi"] is not None:
                match = spec["_multi"].search(text_lower)
                if match:
                    found.hit(name, sentence.text[match.start() : match.end()], None)
            if name in found:
                continue
        # regexes see the sentence without its opening quotes, brackets and bullets, so that a
        # `^` anchor works on '« Mais …' and '(It can …' as on 'Mais …' and 'It can …'
        for pattern in cues.regexes.get(name, ()):
            match = pattern.search(lead)
            if match:
                found.hit(name, sentence.text[lead_at + match.start() : lead_at + match.end()], None)
                break
        if name not in found:
            for pattern in spec["_cased"]:
                match = pattern.search(sentence.text[lead_at:])
                if match:
                    found.hit(name, match.group(0).strip(), None)
                    break
        if name not in found and spec["_starts"] and _starts_with(lead, spec["_starts"]):
            found.hit(name, lead.split(" ", 1)[0], None)
    return found


def _starts_with(lead: str, starts: tuple[str, ...]) -> bool:
    """The sentence starts with one of the words or phrases, as whole words: the imperative
    "toma" does not start the infinitive "Tomar demasiado azúcar ..."."""
    for start in starts:
        if lead.startswith(start) and (len(lead) == len(start) or not start[-1].isalnum()
                                       or not lead[len(start)].isalnum()):
            return True
    return False


def _distinct(groups: dict[str, str], requirement: list[str]) -> bool:
    """Two groups of one requirement must be matched by different words: "Calm" in a product
    name is not both the effect verb and the health term."""
    positions = getattr(groups, "positions", None)
    if positions is None or len(requirement) < 2:
        return True
    chosen: set[int] = set()
    for group in sorted(requirement, key=lambda g: len(positions.get(g, ()))):
        options = positions.get(group, {None})
        if None in options:
            continue
        free = [p for p in sorted(options) if p not in chosen]
        if not free:
            return False
        chosen.add(free[0])
    return True


def classify(sentence: Sentence, block_kind: BlockKind, groups: dict[str, str], pack: dict[str, Any]) -> Claim | None:
    if not _eligible(sentence, block_kind):
        return None
    for name in (pack.get("exclusions") or {}):
        if name in groups:
            return None
    kinds = pack.get("claims") or DEFAULT_KINDS
    for kind in KIND_ORDER:
        for requirement in kinds.get(kind, []):
            if all(group in groups for group in requirement) and _distinct(groups, requirement):
                cues = [groups[group] for group in requirement]
                return Claim(sentence=sentence, kind=kind, cues=cues, score=float(len(requirement)))
    return None


def backstop(sentence: Sentence, block_kind: BlockKind, groups: dict[str, str], pack: dict[str, Any],
             doc: Any, language: str) -> Claim | None:
    """The statistical backstop (model_scorer) for a sentence classify() did not flag: only
    eligible sentences that no exclusion group matched, only when the model is enabled."""
    from claimlint.analyse import model_scorer

    if not model_scorer.ENABLED or not _eligible(sentence, block_kind):
        return None
    if any(name in groups for name in (pack.get("exclusions") or {})):
        return None
    current = model_scorer.model()
    if current is None:
        return None
    span = doc.char_span(sentence.clean_start, sentence.clean_end, alignment_mode="expand")
    lemmas = [token.lemma_ or token.lower_ for token in span] if span is not None else sentence.text.lower().split()
    probability = current.probability(model_scorer.features(sentence.text, lemmas, language, groups, block_kind.name))
    if probability < current.threshold:
        return None
    kind = model_scorer.kind_for(groups)
    cues = [next(iter(groups.values()))] if groups else ["model"]
    return Claim(sentence=sentence, kind=kind, cues=cues, score=probability)


# How cue groups combine into claim kinds; a pack may override with its own `claims:` map.
DEFAULT_KINDS: dict[str, list[list[str]]] = {
    "research": [["research"]],
    "statistic": [["statistic"]],
    "mechanism": [["mechanism_verb", "body_term"]],
    "effect": [["effect_verb", "health_term"]],
}


def _eligible(sentence: Sentence, block_kind: BlockKind) -> bool:
    if block_kind in (BlockKind.HEADING, BlockKind.FOOTNOTE):
        return False
    if sentence.in_references or sentence.is_disclaimer:
        return False
    text = sentence.text.strip()
    if text.endswith("?"):
        return False
    if len(NAV_SEPARATOR.findall(text)) >= 2:
        return False
    # a short lead-in ending in a colon ("Typical signs are:") carries the claim of the list below it
    words = len(re.findall(r"\w+", text))
    return words >= MIN_WORDS or block_kind is BlockKind.LIST_ITEM or (words >= 2 and text.endswith(":"))
