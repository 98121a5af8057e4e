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
STRIP_LEAD = re.compile(r"^[\s\-–—•*·\"'“‘(\[]+")
MIN_WORDS = 4


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
        spec["_lemmas"] = frozenset(str(x).lower() for x in spec.get("lemmas", []))
        spec["_stems"] = tuple(str(x).lower() for x in spec.get("stems", []))
        spec["_starts"] = tuple(str(x).lower() for x in spec.get("starts", []))
    return CueMatcher(pack, phrase_matcher, matcher, groups, regexes)


def groups_in(doc: Any, cues: CueMatcher) -> list[tuple[int, str, str]]:
    """(token index, group name, matched text) for phrase and pattern matches in a block's Doc."""
    vocab = doc.vocab
    hits = []
    matches = list(cues.phrase_matcher(doc))
    if len(cues.matcher):
        matches += cues.matcher(doc)
    for match_id, start, end in matches:
        hits.append((start, vocab.strings[match_id], doc[start:end].text))
    return hits


def sentence_groups(sentence: Sentence, doc: Any, block_hits, cues: CueMatcher) -> dict[str, str]:
    """Cue groups matching one sentence -> the first text that matched each (for messages)."""
    found: dict[str, str] = {}
    span = doc.char_span(sentence.clean_start, sentence.clean_end, alignment_mode="expand")
    if span is None:
        return found
    for token_index, name, text in block_hits:
        if span.start <= token_index < span.end:
            found.setdefault(name, text)
    text_lower = sentence.text.lower()
    lead = STRIP_LEAD.sub("", text_lower)
    for name, spec in cues.groups.items():
        if name in found:
            continue
        lemmas, stems = spec["_lemmas"], spec["_stems"]
        if lemmas or stems:
            for token in span:
                lower = token.lower_
                if lower in lemmas or token.lemma_ in lemmas or (stems and lower.startswith(stems)) or (
                        stems and any(stem in lower for stem in stems if len(stem) >= 5)):
                    found[name] = token.text
                    break
            if name in found:
                continue
        for pattern in cues.regexes.get(name, ()):
            match = pattern.search(text_lower)
            if match:
                found[name] = sentence.text[match.start() : match.end()]
                break
        if name not in found and spec["_starts"] and lead.startswith(spec["_starts"]):
            found[name] = lead.split(" ", 1)[0]
    return found


def classify(sentence: Sentence, block_kind: BlockKind, groups: dict[str, str], pack: dict[str, Any]) -> Claim | None:
    if not _eligible(sentence, block_kind):
        return None
    for name in (pack.get("exclusions") or {}):
        if name in groups:
            return None
    kinds = pack.get("claims") or DEFAULT_KINDS
    for kind in KIND_ORDER:
        for requirement in kinds.get(kind, []):
            if all(group in groups for group in requirement):
                cues = [groups[group] for group in requirement]
                return Claim(sentence=sentence, kind=kind, cues=cues, score=float(len(requirement)))
    return None


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
    return len(re.findall(r"\w+", text)) >= MIN_WORDS or block_kind is BlockKind.LIST_ITEM
