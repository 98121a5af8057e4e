"""spaCy pipelines, built once per (language, model) per process.

The default is spacy.blank(lang) + sentencizer + a lookup lemmatizer whose tables come from
spacy-lookups-data, so everything works offline from PyPI packages. A trained pipeline named in
the config (model = "en_core_web_sm") is used when it is installed, never required.
"""

from __future__ import annotations

import functools
import warnings
from typing import Any

SUPPORTED_LANGUAGES = ("en", "nl", "de", "fr", "es")


@functools.lru_cache(maxsize=None)
def pipeline(language: str, model: str | None = None) -> Any:
    import spacy
    from spacy.language import Language

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
    if not Language.has_factory("claimlint_lemmas"):
        Language.factory("claimlint_lemmas", func=_make_lemmas)
    if not any(name in nlp.pipe_names for name in ("lemmatizer", "trainable_lemmatizer")):
        nlp.add_pipe("claimlint_lemmas", config={"language": language})
    return nlp


def _make_lemmas(nlp: Any, name: str, language: str) -> "LookupLemmas":
    return LookupLemmas(language)


class LookupLemmas:
    """Sets token.lemma_ from spaCy's lookup table, trying the lower-cased form too (the table
    is case-sensitive, and sentence-initial words are capitalised), always lower case."""

    def __init__(self, language: str) -> None:
        self.table = _lemma_table(language)

    def __call__(self, doc: Any) -> Any:
        table = self.table
        for token in doc:
            lower = token.lower_
            lemma = table.get(lower) or table.get(token.text) or lower
            if not isinstance(lemma, str):  # some tables (fr) map a form to a list of lemmas
                lemma = lemma[0] if lemma else lower
            token.lemma_ = lemma.lower()
        return doc


@functools.lru_cache(maxsize=None)
def _lemma_table(language: str) -> Any:
    """spaCy's lookup Table (keys are string hashes; .get(str) hashes for us), or {} if absent."""
    try:
        from spacy.lookups import load_lookups

        return load_lookups(language, ["lemma_lookup"]).get_table("lemma_lookup")
    except (ValueError, ImportError, OSError, KeyError):
        return {}
