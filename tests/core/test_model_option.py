"""`model = …` uses an installed spaCy pipeline (here: one saved to disk, which spacy.load takes
like a package name), and a model that is not there falls back to the blank pipeline with a
warning instead of failing the run."""

from __future__ import annotations

import warnings

import spacy

from claimlint.analyse.nlp import pipeline
from .conftest import codes, run_text

CLAIM = "Studies show that magnesium lowers blood pressure.\n"


def test_a_saved_pipeline_is_used(tmp_path):
    trained = spacy.blank("en")
    trained.add_pipe("sentencizer")
    trained.meta["name"] = "claimlint_test_pipeline"
    trained.to_disk(tmp_path / "model")
    nlp = pipeline("en", str(tmp_path / "model"))
    assert nlp.meta["name"] == "claimlint_test_pipeline"
    assert codes(run_text(CLAIM, model=str(tmp_path / "model"))) == ["CL102"]


def test_a_missing_model_falls_back_with_a_warning():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        nlp = pipeline("en", "no_such_spacy_model_xyz")
    assert any("no_such_spacy_model_xyz" in str(w.message) for w in caught)
    assert nlp.has_pipe("sentencizer")
