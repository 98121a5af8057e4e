"""Which language an article is in: declared (front matter, <html lang>), else detected."""

from __future__ import annotations

import functools
import math
import re

from claimlint.analyse.nlp import SUPPORTED_LANGUAGES
from claimlint.model import Document

SAMPLE_CHARACTERS = 6000
MIN_CONFIDENCE = 0.9  # py3langid's normalised probability below which a guess is not trusted
MIN_FUNCTION_WORDS = 12  # below this a text is too short to call by counting
WORD = re.compile(r"[^\W\d_]+")


def choose_language(document: Document, option: str = "auto") -> tuple[str, str]:
    """(language, where it came from)."""
    if option and option != "auto":
        return option, "option"
    declared = (document.declared_language or "").split("-")[0].split("_")[0]
    if declared in SUPPORTED_LANGUAGES:
        return declared, "front_matter" if document.format == "markdown" else "html"
    sample = " ".join(block.text for block in document.blocks)[:SAMPLE_CHARACTERS]
    if len(sample.split()) < 3:
        return "en", "default"
    return detect(sample), "detected"


def detect(text: str) -> str:
    """Clear cases by function-word counts (no model to load); unclear ones by py3langid."""
    guess = _by_function_words(text)
    if guess:
        return guess
    ranked = _identifier().rank(text)
    best_language, best = ranked[0]
    confidence = 1 / sum(math.exp(score - best) for _, score in ranked)
    # A short or mixed text the model cannot call: English is the likeliest language of a
    # health article and has the broadest rule pack.
    return best_language if confidence >= MIN_CONFIDENCE else "en"


def _by_function_words(text: str) -> str | None:
    words = WORD.findall(text.lower())
    profiles = _function_words()
    counts = sorted(((sum(1 for w in words if w in profile), language)
                     for language, profile in profiles.items()), reverse=True)
    (best, language), (second, _) = counts[0], counts[1]
    return language if best >= MIN_FUNCTION_WORDS and best >= 2 * second else None


@functools.lru_cache(maxsize=1)
def _function_words() -> dict[str, frozenset[str]]:
    import yaml

    from claimlint.analyse.rules import RULES_DIR

    with (RULES_DIR / "common" / "stopwords.yaml").open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    return {language: frozenset(str(w) for w in words) for language, words in data.items()
            if language in SUPPORTED_LANGUAGES}


@functools.lru_cache(maxsize=1)
def _identifier():
    import py3langid

    py3langid.set_languages(list(SUPPORTED_LANGUAGES))  # only languages we have rule packs for
    return py3langid


FRONT_MATTER_LANG = re.compile(r"\A(?:\ufeff)?---\s*\n(?:.*\n)*?\s*lang(?:uage)?\s*:\s*[\"']?([A-Za-z]{2})", re.M)
HTML_LANG = re.compile(r"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2})", re.I)
TAG = re.compile(r"<[^>]+>")


def quick_language(data: bytes, option: str = "auto") -> str:
    """A cheap guess of the language a file will be analysed in, from its raw bytes (no parsing):
    used to build the right spaCy pipelines before worker processes fork."""
    if option and option != "auto":
        return option
    text = data[: SAMPLE_CHARACTERS * 2].decode("utf-8", errors="replace")
    for pattern in (FRONT_MATTER_LANG, HTML_LANG):
        match = pattern.search(text)
        if match and match.group(1).lower() in SUPPORTED_LANGUAGES:
            return match.group(1).lower()
    return _by_function_words(TAG.sub(" ", text)) or "en"

