"""spaCy pipelines, built once per (language, model) per process.

The default is spacy.blank(lang) + sentencizer + a lookup lemmatizer whose tables come from
spacy-lookups-data, so everything works offline from PyPI packages. A trained pipeline named in
the config (model = "en_core_web_sm") is used when it is installed, never required.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
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
            token.lemma_ = lemma.lower()
        return doc


@functools.lru_cache(maxsize=None)
def _lemma_table(language: str) -> Any:
    """Form -> lemma for the forms whose lemma the rule pack asks about (all others fall back to
    the lower-case form, which is all the matchers need). The full spaCy table holds up to half a
    million forms and takes a second to load; the reduced one is built once, kept in the user
    cache, and loads in milliseconds."""
    wanted = sorted(_lemmas_in_pack(language))
    key = hashlib.sha256(json.dumps([language, _lookups_version(), wanted]).encode()).hexdigest()[:16]
    path = _lemma_cache_dir() / f"{language}-{key}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    table = _reduced_table(language, frozenset(wanted))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False,
                                         suffix=".tmp") as handle:
            json.dump(table, handle, ensure_ascii=False)
        os.replace(handle.name, path)
    except OSError:
        pass  # a cache that cannot be written only costs time
    return table


def _reduced_table(language: str, wanted: frozenset[str]) -> dict[str, str]:
    try:
        import srsly
        from spacy_lookups_data import __file__ as data_init

        full = srsly.read_gzip_json(os.path.join(os.path.dirname(data_init), "data",
                                                 f"{language}_lemma_lookup.json.gz"))
    except (ImportError, OSError, ValueError):
        return {}
    table = {}
    for form, lemma in full.items():
        if not isinstance(lemma, str):  # some tables (fr) map a form to a list of lemmas
            lemma = lemma[0] if lemma else form
        if lemma.lower() in wanted:
            table[form] = lemma
    return table


def _lemmas_in_pack(language: str) -> set[str]:
    from claimlint.analyse.rules import rule_pack

    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "lemmas" and isinstance(value, list):
                    found.update(str(v).lower() for v in value)
                elif key == "LEMMA":
                    values = value.get("IN", []) if isinstance(value, dict) else [value]
                    found.update(str(v).lower() for v in values)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(rule_pack(language))
    return found


def _lookups_version() -> str:
    try:
        from importlib.metadata import version

        return version("spacy-lookups-data")
    except Exception:  # noqa: BLE001 - any failure only means "unknown"
        return "unknown"


def _lemma_cache_dir():
    from pathlib import Path

    configured = os.environ.get("CLAIMLINT_CACHE_DIR")
    if configured:
        return Path(configured) / "lemmas"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("claimlint")) / "lemmas"
