"""Claim detection's speed shortcuts give exactly what the plain computation gives.

Scoring gathers a sentence's weight indices from remembered pieces (SentenceIndexer) instead of
writing out every feature (features(), which training still uses); the model must see the same
set of indices, so the same floats summed in the same order. Synthetic text and the repository's
own articles only."""

from __future__ import annotations

import math
from array import array
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimlint.analyse.claims import SentenceIndexer, feature_indices, features, has_subject, load_model, views
from claimlint.analyse.lexicon import lexicon
from claimlint.model import Block, BlockKind, Sentence, Span

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = sorted(p for pattern in ("examples/*", "tests/quality/*/articles/*") for p in ROOT.glob(pattern)
                  if p.suffix in {".md", ".markdown", ".html", ".htm", ".txt"})


def _assert_same_as_plain(all_views, language, indexer):
    model = load_model()
    packed, expected = [], []
    for index in range(len(all_views)):
        feats = features(all_views, index, language)
        packed.append(indexer.packed(all_views, index, language))
        assert sorted(set(array("i", packed[-1]))) == feature_indices(feats, model.mask), all_views[index].sentence.text
        expected.append(_probability_one_at_a_time(model, feats))
    # all of a page's sentences at once, as scores() asks; float.hex: equal bits, not merely close
    assert [p.hex() for p in model.probabilities(packed)] == [p.hex() for p in expected]
    assert model.probabilities([]) == []


def _probability_one_at_a_time(model, feats):
    """LinearModel.probability as it was before scores() asked for a page's sentences at once."""
    z = model.bias + sum(model.weights[feature_indices(feats, model.mask)].tolist())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def test_shipped_articles_get_the_indices_training_computes():
    from claimlint.analyse import structure
    from claimlint.load import format_for, load_bytes

    assert len(ARTICLES) > 50
    indexer = SentenceIndexer(load_model().mask)  # shared: it remembers pieces from article to article
    scored = 0
    for path in ARTICLES:
        document = load_bytes(str(path), path.read_bytes(), format_for(str(path)))
        analysis, _, _ = structure(document)
        all_views = views(analysis.sentences, document.blocks, lexicon(analysis.language))
        _assert_same_as_plain(all_views, analysis.language, indexer)
        scored += sum(has_subject(all_views, i) for i in range(len(all_views)))
    assert scored > 1000


WORDS = ["Zinc", "zinc's", "helps", "cures", "arthritis", "studies", "show", "12", "1.5", "%", "mg", "2019",
         "omega-3", "in", "the", "of", "people", "Magnesium", "sleep", "heart", "reduces", "risk", "by",
         "Kurkuma", "heilt", "Arthrose", "l'arthrose", "verbessert", "Schlaf", "COVID-19", "B12", "may",
         "blood", "pressure", "supplement", "capsules", "!", ":", "*", "†", "·", "Home", ">", "et", "al."]
sentence_text = st.lists(st.sampled_from(WORDS), min_size=0, max_size=14).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["en", "de"]),
       st.lists(st.tuples(sentence_text, st.sampled_from(list(BlockKind)), st.booleans(), st.booleans()),
                min_size=1, max_size=6))
def test_random_sentences_get_the_indices_training_computes(language, rows):
    blocks, sentences = [], []
    for text, kind, new_block, linked in rows:
        if new_block or not blocks:
            blocks.append(Block(kind, text, list(range(len(text) + 1))))
        sentences.append(Sentence(text, Span(0, len(text)), len(blocks) - 1, 0, len(text),
                                  links=["https://example.org"] if linked else []))
    all_views = views(sentences, blocks, lexicon(language))
    _assert_same_as_plain(all_views, language, SentenceIndexer(load_model().mask))  # fresh: every piece new
    _assert_same_as_plain(all_views, language, load_model().indexer)  # warm: pieces remembered


@pytest.mark.parametrize("limit", [0, 3])
def test_a_full_memory_starts_over_and_still_agrees(monkeypatch, limit):
    import claimlint.analyse.claims as claims

    monkeypatch.setattr(claims, "MAX_REMEMBERED_PIECES", limit)
    text = "Studies show zinc cures 12 % of colds in people: omega-3 helps the heart."
    block = Block(BlockKind.PARAGRAPH, text, list(range(len(text) + 1)))
    all_views = views([Sentence(text, Span(0, len(text)), 0, 0, len(text))] * 3, [block], lexicon("en"))
    _assert_same_as_plain(all_views, "en", SentenceIndexer(load_model().mask))


def _words_one_by_one(text):
    """words_of as it was before its shortcut for sentences without apostrophes or accents to compose."""
    import unicodedata

    from claimlint.analyse.lexicon import COMBINING, ELISION, WORD

    out = []
    for match in WORD.finditer(text):
        word = match.group().lower()
        if COMBINING.search(word):
            word = unicodedata.normalize("NFC", word)
        start = match.start()
        if "'" in word or "’" in word:
            word = word.replace("’", "'")
            if word.endswith("'s") and len(word) > 3:
                word = word[:-2]
            elided = ELISION.match(word)
            if elided:
                cut = elided.end()
                out.append((word[:cut], start, start + cut))
                word, start = word[cut:], start + cut
        out.append((word, start, match.end()))
    return out


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="aZé e\u0301İıΣσς'’-.,%3 _ßẞÆ\u0300x", max_size=30))
def test_words_are_read_as_one_word_at_a_time(text):
    from claimlint.analyse.lexicon import words_of

    assert words_of(text) == _words_one_by_one(text)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["en", "de", "fr"]),
       st.lists(st.sampled_from(["in", "the", "vitamin", "d", "of", "blood", "pressure", "high", "zinc", "helps",
                                 "immune", "system", "studies", "show", "may", "help", "reduce", "risk", "x",
                                 "omega-3", "fatty", "acids", "über", "l'arthrose", "de", "la"]), max_size=12))
def test_hits_come_in_reading_order(language, words):
    from claimlint.analyse.lexicon import _reading_order

    hits, _ = lexicon(language).hits(words)
    assert hits == sorted(hits, key=_reading_order)  # what sorting them every time gave


TRICKY = {  # phrases sharing their first words, in an order that is not reading order; a word in two classes
    "condition": ["blood pressure", "blood pressure drop", "low", "sugar"],
    "body": ["blood pressure", "blood", "blood sug*"],
    "effect": ["low blood", "drop*"],
}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["blood", "pressure", "drop", "drops", "low", "sugar", "zen", "mag", "x"]),
                max_size=10), st.booleans())
def test_hits_come_in_reading_order_with_shared_phrase_starts_and_names(words, names):
    from claimlint.analyse.lexicon import Lexicon, _reading_order

    lex = Lexicon(TRICKY, ignore=("low sugar",) if names else (), products=("zen mag",) if names else ())
    hits, _ = lex.hits(words)
    assert hits == sorted(hits, key=_reading_order)


def _continues_abbreviation_by_abbreviation(text, previous, start, abbreviations):
    """sentences._continues as it was before one look at all abbreviations came first."""
    import re

    from claimlint.analyse.sentences import OPENING_LOWER

    window = max(map(len, abbreviations), default=0) + 3
    tail_start = max(previous[0], previous[1] - window)
    before = text[tail_start : previous[1]].lower()
    at_start = tail_start == previous[0]
    for abbreviation in abbreviations:
        if before.endswith(abbreviation):
            cut = len(before) - len(abbreviation)
            if (cut == 0 and at_start) or (cut > 0 and not before[cut - 1].isalnum()):
                return True
    initial = re.search(r"(?:^|\s)[a-z]\.$", before)
    if initial and (initial.start() > 0 or at_start or before[0].isspace()):
        return True
    return bool(OPENING_LOWER.match(text[start : start + 3])) and not before.endswith(("!", "?"))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["Zinc", " ", "et al.", "e.g.", "ca.", "antibiotica.", "J.", "x.", "!", "?", "and",
                                 "More", "(", "\"", "vs."]), max_size=10),
       st.lists(st.sampled_from(["et al.", "e.g.", "ca.", "vs.", "z.b."]), max_size=4, unique=True),
       st.integers(min_value=0, max_value=60), st.integers(min_value=0, max_value=60))
def test_sentence_merges_are_decided_as_one_abbreviation_at_a_time(pieces, abbreviations, first, second):
    from claimlint.analyse.sentences import _continues

    text = "".join(pieces)
    low, high = sorted((min(first, len(text)), min(second, len(text))))
    abbreviations = tuple(abbreviations)
    window = max(map(len, abbreviations), default=0) + 3
    assert _continues(text, (low, high), high, abbreviations, window) == \
        _continues_abbreviation_by_abbreviation(text, (low, high), high, abbreviations)


def test_the_model_is_read_once_however_it_is_asked_for():
    from claimlint.analyse.claims import MODEL_PATH

    assert load_model() is load_model(str(MODEL_PATH)) is load_model(path=str(MODEL_PATH))
