"""Lexicons: the term syntax, schema checks on load, and users' vocabulary."""

from __future__ import annotations

import pytest

from claimlint.analyse.lexicon import CLASSES, LEXICON_DIR, Lexicon, _read, base_terms, lexicon, words_of
from claimlint.config import ConfigError, build_config
from claimlint.vocabulary import LexiconError, Vocabulary


def classes_of(lex: Lexicon, text: str) -> dict[str, list[str]]:
    words = [w for w, _, _ in words_of(text)]
    hits, _ = lex.hits(words)
    found: dict[str, list[str]] = {}
    for hit in hits:
        found.setdefault(hit.cls, []).append(hit.text)
    return found


def test_term_syntax_words_stems_parts_tails_and_phrases():
    lex = Lexicon({"substance": ["magnes*", "st john's wort"], "condition": ["*itis"],
                   "symptom": ["*schmerz*"], "effect": ["helps reduce", "reduc*"]})
    found = classes_of(lex, "Magnesium helps reduce Gelenkschmerzen, gastritis and St John’s wort.")
    assert found["substance"] == ["magnesium", "st john wort"]  # a possessive 's is read off the word
    assert found["symptom"] == ["gelenkschmerzen"]
    assert found["condition"] == ["gastritis"]
    assert "helps reduce" in found["effect"]


def test_elisions_are_split_off():
    assert [w for w, _, _ in words_of("l’arthrose et qu'il")] == ["l'", "arthrose", "et", "qu'", "il"]


def test_a_term_ending_in_an_elision_matches_the_word_a_sentence_splits_off():
    lex = Lexicon({"population": ["atteints d'"]})
    assert classes_of(lex, "pour les enfants atteints d’eczéma") == {"population": ["atteints d'"]}


def test_unknown_class_in_a_lexicon_file_is_an_error(tmp_path):
    path = tmp_path / "xx.yaml"
    path.write_text("language: xx\nsubstances:\n  - zinc\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="unknown lexicon class 'substances'"):
        _read(path)


def test_star_inside_a_term_is_an_error():
    with pytest.raises(LexiconError):
        Lexicon({"substance": ["vit*min"]})


@pytest.mark.parametrize("language", ["en", "nl", "de", "fr", "es"])
def test_shipped_lexicons_load_and_cover_the_subject_classes(language):
    assert (LEXICON_DIR / f"{language}.yaml").is_file()
    terms = base_terms(language)
    assert set(terms) <= set(CLASSES)
    for cls in ("substance", "condition", "symptom", "body", "effect", "research"):
        assert len(terms.get(cls, [])) >= 20, (language, cls)


def test_products_are_subjects_whose_words_are_not_cues_and_ignored_names_are_nothing():
    vocabulary = Vocabulary(products=("Deep Sleep Calm",), ignore=("Immune Street",))
    lex = lexicon("en", vocabulary)
    found = classes_of(lex, "Deep Sleep Calm comes from Immune Street")
    assert found == {"substance": ["deep sleep calm"]}


def test_vocabulary_terms_extend_a_class():
    lex = lexicon("en", Vocabulary(terms=(("substance", ("zorbazine",)),)))
    assert classes_of(lex, "zorbazine")["substance"] == ["zorbazine"]
    assert "substance" not in classes_of(lexicon("en"), "zorbazine")


def test_config_vocabulary_is_checked_and_merged_per_layer():
    config = build_config([("file", {"vocabulary": {"products": ["A"], "substance": ["x"]}}),
                           ("override", {"vocabulary": {"products": ["B"]}})])
    assert config.vocabulary.products == ("A", "B")
    assert config.vocabulary.terms == (("substance", ("x",)),)
    with pytest.raises(ConfigError, match="unknown vocabulary key 'substances'"):
        build_config([("file", {"vocabulary": {"substances": ["x"]}})])


def test_a_bad_user_term_is_a_config_error_not_a_crash_per_file():
    with pytest.raises(ConfigError, match=r"\* only at the start or end"):
        build_config([("file", {"vocabulary": {"substance": ["zen*mag"]}})])
    with pytest.raises(ConfigError, match="empty term"):
        build_config([("file", {"vocabulary": {"condition": ["*"]}})])


def test_scores_do_not_depend_on_the_hash_seed():
    """Classes met on one word (deficiency: condition + quantity) are read in a fixed order."""
    import subprocess
    import sys

    code = ("from claimlint.load import load_bytes; from claimlint.analyse import analyse; "
            "a = analyse(load_bytes('a.md', b'Magnesium deficiency supports sleep and triggers potent fatigue.\\n', "
            "'markdown')); print([round(c.score, 9) for c in a.claims])")
    outputs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                              env={**__import__("os").environ, "PYTHONHASHSEED": seed}).stdout
               for seed in ("1", "2", "3")}
    assert len(outputs) == 1, outputs


def test_decomposed_accents_stay_in_their_words():
    import unicodedata

    from .conftest import codes, run_text

    composed = "Notre crème guérit l'eczéma."
    decomposed = unicodedata.normalize("NFD", composed)
    assert [w for w, _, _ in words_of(decomposed)] == [w for w, _, _ in words_of(composed)]
    assert words_of(decomposed)[2][1:] == (13, 20)  # offsets stay the decomposed text's own
    article = "---\nlang: fr\n---\n\nNotre crème au curcuma guérit l'arthrose en deux semaines.\n"
    assert codes(run_text(unicodedata.normalize("NFD", article))) == codes(run_text(article))
