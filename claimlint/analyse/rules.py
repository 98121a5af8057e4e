"""Rule packs: rules/<lang>.yaml, loaded once per language per process."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"


@functools.lru_cache(maxsize=None)
def rule_pack(language: str) -> dict[str, Any]:
    path = RULES_DIR / f"{language}.yaml"
    if not path.is_file():
        path = RULES_DIR / "en.yaml"
    with path.open(encoding="utf-8") as handle:
        # libyaml's loader when present: parsing the packs is most of a one-file run otherwise
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def available_languages() -> list[str]:
    return sorted(p.stem for p in RULES_DIR.glob("*.yaml"))


@functools.lru_cache(maxsize=None)
def all_section_names() -> frozenset[str]:
    """Reference-section headings of every language: an English page may say "Bronnen"."""
    names: set[str] = set()
    for language in available_languages():
        names.update(n.lower() for n in rule_pack(language).get("sections", {}).get("references", []))
    return frozenset(names)


@functools.lru_cache(maxsize=16)
def pack_words(key: str, languages: tuple[str, ...]):
    """A rule packs' word list (`storefront`, `pack_units`, `free_from`) of these languages, as a
    lexicon to match words with (its hits are all of class "commerce")."""
    from claimlint.analyse.lexicon import Lexicon

    return Lexicon({"commerce": [t for language in languages for t in rule_pack(language).get(key, [])]})
