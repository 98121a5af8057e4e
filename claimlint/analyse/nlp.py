"""spaCy pipelines, built once per (language, model) per process.

The default is spacy.blank(lang) + sentencizer: tokens and sentence boundaries, offline, from
PyPI packages alone. A trained pipeline named in the config (model = "en_core_web_sm") is used
when it is installed, never required.
"""

from __future__ import annotations

import functools
import warnings
from typing import Any

SUPPORTED_LANGUAGES = ("en", "nl", "de", "fr", "es")


@functools.lru_cache(maxsize=None)
def pipeline(language: str, model: str | None = None) -> Any:
    import spacy

    nlp = None
    if model:
        try:
            nlp = spacy.load(model, exclude=["ner", "textcat"])
        except (OSError, ImportError) as error:
            warnings.warn(f"spaCy model {model!r} is not usable ({error}); using the blank pipeline")
    if nlp is None:
        nlp = spacy.blank(language)
    if not (nlp.has_pipe("parser") or nlp.has_pipe("senter") or nlp.has_pipe("sentencizer")):
        nlp.add_pipe("sentencizer")
    return nlp
