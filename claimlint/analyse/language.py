"""Which language an article is in: declared (front matter, <html lang>), else detected."""

from __future__ import annotations

import functools

from claimlint.analyse.nlp import SUPPORTED_LANGUAGES
from claimlint.model import Document

SAMPLE_CHARACTERS = 6000


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
    language, _ = _identifier().classify(text)
    return language


@functools.lru_cache(maxsize=1)
def _identifier():
    import py3langid

    py3langid.set_languages(list(SUPPORTED_LANGUAGES))  # only languages we have rule packs for
    return py3langid
