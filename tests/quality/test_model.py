"""The statistical claim backstop (claimlint/analyse/model_scorer.py, scripts/train_claim_model.py):
the shipped model loads fast, scores clear cases on the right side, and training is deterministic.
Whether it is switched on is decided by benchmarks/README.md, "Statistical backstop"."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
import time
from pathlib import Path

import pytest

from claimlint.analyse import model_scorer

ROOT = Path(__file__).resolve().parent.parent.parent

CLAIMS = {
    "en": ["Zinc strengthens the immune system and shortens colds.",
           "Vitamin D deficiency affects about 40 percent of adults in Europe.",
           "Omega-3 fatty acids lower triglyceride levels in the blood."],
    "nl": ["Magnesium vermindert spierkrampen en zorgt voor een betere nachtrust."],
    "de": ["Vitamin C stärkt die Abwehrkräfte und schützt die Zellen."],
}
NON_CLAIMS = {
    "en": ["Our shop was founded in 2012 by two friends from Leeds.",
           "The capsules come in a recyclable glass jar with a metal lid."],
    "nl": ["Ons team schrijft al tien jaar over voeding en koken."],
    "de": ["Der Versand dauert in der Regel zwei bis drei Werktage."],
}


@pytest.fixture(scope="module")
def trainer():
    spec = importlib.util.spec_from_file_location("train_claim_model", ROOT / "scripts" / "train_claim_model.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["train_claim_model"] = module
    spec.loader.exec_module(module)
    return module


def _probabilities(trainer, language: str, sentences: list[str]) -> dict[str, float]:
    model = model_scorer.model()
    text = f"---\nlang: {language}\n---\n\n# Probe\n\n" + "\n\n".join(sentences) + "\n"
    analysis = trainer._analyse(f"probe-{language}.md", text.encode("utf-8"))
    examples = trainer._examples_of(analysis, lambda sentence: None, "test", "probe")
    return {e.text: model.probability(e.features) for e in examples}


def test_model_file_loads_fast():
    model_scorer._shipped.cache_clear()
    start = time.perf_counter()
    model = model_scorer.model()
    elapsed = time.perf_counter() - start
    assert model is not None
    assert 0.5 <= model.threshold < 1.0
    assert len(model.weights) == 1 << model.bits
    assert model_scorer.MODEL_PATH.stat().st_size < 300_000
    assert elapsed < 0.5  # ~5 ms in practice; generous for loaded CI machines


@pytest.mark.parametrize("language", sorted(CLAIMS))
def test_clear_cases_score_on_the_right_side(trainer, language):
    threshold = model_scorer.model().threshold
    claims = _probabilities(trainer, language, CLAIMS[language])
    assert len(claims) == len(CLAIMS[language])
    assert all(p >= threshold for p in claims.values()), claims
    others = _probabilities(trainer, language, NON_CLAIMS[language])
    assert len(others) == len(NON_CLAIMS[language])
    assert all(p < threshold for p in others.values()), others


def test_training_is_deterministic(trainer, monkeypatch, tmp_path):
    monkeypatch.setattr(trainer, "ITERATIONS", 60)
    examples = trainer.article_examples(*trainer.SETS["first"], "first")
    hashes = []
    for attempt in range(2):
        weights, bias = trainer.fit(examples)
        model = model_scorer.Model(weights, bias, 0.7)
        hashes.append(hashlib.sha256(trainer.save(model, tmp_path / f"m{attempt}.npz")).hexdigest())
    assert hashes[0] == hashes[1]


def test_backstop_never_flags_headings_or_questions(monkeypatch):
    from claimlint.analyse import analyse
    from claimlint.load import load_bytes

    monkeypatch.setattr(model_scorer, "ENABLED", True)
    text = ("# Zinc strengthens the immune system and shortens colds\n\n"
            "Does zinc strengthen the immune system and shorten colds?\n\n"
            "Zinc strengthens the immune system and shortens colds.\n")
    claims = analyse(load_bytes("probe.md", text.encode("utf-8"))).claims
    assert [c.sentence.text for c in claims] == ["Zinc strengthens the immune system and shortens colds."]
